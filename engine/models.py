"""Runtime tables of the BPMN engine: definitions, instances, the human-task projection, jobs, audit, calendar."""
import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .db import Base


class InstanceStatus(enum.StrEnum):
    RUNNING = "running"      # has READY human tasks or is waiting on a timer / message
    COMPLETED = "completed"
    CANCELLED = "cancelled"
    ERROR = "error"          # an engine step failed; the last good state is kept, see the audit trail


class TaskState(enum.StrEnum):
    """WS-HumanTask states: ready (unclaimed), reserved (claimed), in progress (the holder saved a draft),
    suspended (paused by a supervisor), completed, cancelled."""
    READY = "ready"
    RESERVED = "reserved"
    IN_PROGRESS = "in_progress"
    SUSPENDED = "suspended"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


OPEN_STATES = "state IN ('ready', 'reserved', 'in_progress', 'suspended')"   # the SQL of an open task
DELEGATED, ESCALATED = "owner_id IS NOT NULL", "escalated_dt IS NOT NULL"


class Delegation(enum.StrEnum):
    """Camunda's delegate/resolve: the owner hands the task to a colleague and gets it back to confirm."""
    PENDING = "pending"      # the delegate is working on it
    RESOLVED = "resolved"    # handed back; the owner reviews and completes


class JobStatus(enum.StrEnum):
    PENDING = "pending"
    DONE = "done"
    INCIDENT = "incident"    # failed its last attempt; visible to admins, retryable


class ProcessDefinition(Base):
    """One deployed version of one BPMN process, with the files it was built from and its parsed spec."""
    __tablename__ = "process_definition"
    __table_args__ = (UniqueConstraint("process_key", "version"), UniqueConstraint("process_key", "content_hash"))

    id: Mapped[int] = mapped_column(primary_key=True)
    process_key: Mapped[str] = mapped_column(String(120), index=True)
    version: Mapped[int]
    name: Mapped[str] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(64))
    files: Mapped[dict] = mapped_column(deferred=True)   # file name -> text, everything the version was built from
    spec_json: Mapped[str] = mapped_column(Text, deferred=True)   # serialized process spec + called process specs, once per version
    task_meta: Mapped[dict]      # user-task element id -> {lane, role, form, due, priority, instructions}
    deployed_by: Mapped[int | None]
    deployed_dt: Mapped[datetime]


class ProcessInstance(Base):
    """One running episode of a case; state is the serialized workflow without its spec."""
    __tablename__ = "process_instance"

    id: Mapped[int] = mapped_column(primary_key=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("process_definition.id"), index=True)
    status: Mapped[InstanceStatus] = mapped_column(String(20), default=InstanceStatus.RUNNING)
    state: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)
    next_timer_dt: Mapped[datetime | None] = mapped_column(index=True)
    region_id: Mapped[int | None] = mapped_column(index=True)   # the case's jurisdiction (opaque to the engine)
    business_key: Mapped[str | None] = mapped_column(String(64), index=True)  # the case it belongs to
    summary: Mapped[dict] = mapped_column(default=dict)           # small display facts: title, applicant…
    started_by: Mapped[int | None]
    started_dt: Mapped[datetime]
    updated_dt: Mapped[datetime]
    completed_dt: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)

    definition: Mapped[ProcessDefinition] = relationship(lazy="joined")
    __mapper_args__ = {"version_id_col": version}


class HumanTask(Base):
    """Projection of a READY manual task, rebuilt after every engine run; kept after completion as history."""
    __tablename__ = "human_task"
    __table_args__ = (
        Index("ix_human_task_queue", "state", "role", "region_id", "due_dt"),
        Index("ix_human_task_assignee", "assignee_id", "state", "due_dt"),
        # 团队任务 pages by urgency over a whole region: open tasks only, so years of history never get in the way
        Index("ix_human_task_open_due", "due_dt", postgresql_where=text(OPEN_STATES), sqlite_where=text(OPEN_STATES)),
        # 我委托的 and 升级待处理: rare among a million tasks, so only those rows are indexed
        Index("ix_human_task_owner", "owner_id", postgresql_where=text(DELEGATED), sqlite_where=text(DELEGATED)),
        Index("ix_human_task_escalated", "escalated_dt", postgresql_where=text(ESCALATED),
              sqlite_where=text(ESCALATED)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    instance_id: Mapped[int] = mapped_column(ForeignKey("process_instance.id"), index=True)
    task_guid: Mapped[str] = mapped_column(String(36), unique=True)
    element_id: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(200))
    lane: Mapped[str | None] = mapped_column(String(120))
    role: Mapped[str | None] = mapped_column(String(60))
    group: Mapped[str | None] = mapped_column(String(60))   # candidateGroup: only this group of the role may claim
    region_id: Mapped[int | None]
    candidates: Mapped[list] = mapped_column(default=list)
    excluded: Mapped[list] = mapped_column(default=list)
    assignee_id: Mapped[int | None]
    state: Mapped[TaskState] = mapped_column(String(20), default=TaskState.READY)
    form: Mapped[str | None] = mapped_column(String(200))
    instructions: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[int] = mapped_column(default=0)
    due_dt: Mapped[datetime | None]
    created_dt: Mapped[datetime]
    claimed_dt: Mapped[datetime | None]
    completed_dt: Mapped[datetime | None]
    completed_by: Mapped[int | None]
    process_key: Mapped[str | None] = mapped_column(String(120))   # copied from the definition: queue filter
    owner_id: Mapped[int | None]                  # who delegated it, while a delegation is pending
    delegation: Mapped[Delegation | None] = mapped_column(String(20))
    escalated_dt: Mapped[datetime | None]         # sent to the supervisors' queue, until someone is assigned
    overdue_notified_dt: Mapped[datetime | None]  # the deadline job has run for it (it notifies once)
    draft: Mapped[dict | None] = mapped_column(deferred=True)   # the holder's saved, unvalidated form values
    draft_dt: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    instance: Mapped[ProcessInstance] = relationship(lazy="joined")
    __mapper_args__ = {"version_id_col": version}


class Job(Base):
    """A unit of background work: due at due_dt, locked by one worker at a time, retried with backoff."""
    __tablename__ = "job"
    __table_args__ = (Index("ix_job_due", "status", "due_dt"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(default=dict)
    instance_id: Mapped[int | None] = mapped_column(index=True)
    status: Mapped[JobStatus] = mapped_column(String(20), default=JobStatus.PENDING)
    due_dt: Mapped[datetime]
    lock_owner: Mapped[str | None] = mapped_column(String(80))
    lock_expires_dt: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0)
    max_attempts: Mapped[int] = mapped_column(default=5)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_dt: Mapped[datetime]
    finished_dt: Mapped[datetime | None]


class AuditEvent(Base):
    """Append-only trail: who did what, when, to which instance/task, with before/after and a hash chain."""
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    at_dt: Mapped[datetime] = mapped_column(index=True)
    actor_id: Mapped[int | None] = mapped_column(index=True)
    action: Mapped[str] = mapped_column(String(60))
    instance_id: Mapped[int | None] = mapped_column(index=True)
    task_id: Mapped[int | None]
    subject: Mapped[str | None] = mapped_column(String(120), index=True)  # e.g. "household:12", "definition:3"
    before: Mapped[dict | None]
    after: Mapped[dict | None]
    reason: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    # 1: plain SHA-256 (rows written before issue 12), 2: HMAC-SHA256 with a key kept outside the database
    scheme: Mapped[int] = mapped_column(SmallInteger, server_default=text("1"))


class AuditAnchor(Base):
    """A signed copy of the chain head (last id and its hash), taken by the verification job and also appended to a
    file outside the database: rows deleted from the end of the chain are caught against it. Append-only too."""
    __tablename__ = "audit_anchor"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int]
    event_hash: Mapped[str] = mapped_column(String(64))
    at_dt: Mapped[datetime]
    mac: Mapped[str] = mapped_column(String(64))   # HMAC-SHA256 of "event_id|event_hash|at" with the audit key


class CalendarDay(Base):
    """Override of the working-day calendar: a holiday (is_workday False) or a make-up working day (调休)."""
    __tablename__ = "calendar_day"

    day: Mapped[date] = mapped_column(primary_key=True)
    is_workday: Mapped[bool]
    note: Mapped[str | None] = mapped_column(String(120))


class CalendarYear(Base):
    """A year whose State Council holiday schedule (国务院办公厅节假日安排) an admin imported; its days are calendar_day
    rows. A year neither here nor in the chinese-calendar package is counted Monday to Friday."""
    __tablename__ = "calendar_year"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    loaded_by: Mapped[int | None]      # user id; None when imported from the command line
    loaded_dt: Mapped[datetime]
    source: Mapped[str] = mapped_column(String(200))   # the file it came from, as the importer named it
