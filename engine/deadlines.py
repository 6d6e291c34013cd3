"""Task deadlines (SLA): a job at each task's due date marks it overdue once, announces `task.overdue` (the domain
notifies the holder and the supervisors) and, where the BPMN task says escalateOnOverdue, escalates it (the job's
handler lives in transitions.py beside escalate, so that completing a task can cancel its job without a cycle)."""
from sqlalchemy import select, update

from . import audit, clock, events, jobs
from .models import HumanTask, Job, JobStatus, TaskState

KIND = "task.deadline"
# A suspended task's clock is in its supervisor's hands: no alarm while it is paused.
WATCHED = (TaskState.READY, TaskState.RESERVED, TaskState.IN_PROGRESS)
AUTO_ESCALATION_REASON = "超过办理期限，按流程规定自动升级至主管。"


def schedule(session, task: HumanTask) -> None:
    """One job at the task's due date (every new task gets one, see the subscription below)."""
    if task.due_dt is not None:
        jobs.schedule(session, KIND, task.due_dt, payload={"task_id": task.id}, instance_id=task.instance_id)


def cancel(session, task: HumanTask) -> None:
    """The task closed before its deadline: drop its pending job, so the worker does not run it for nothing."""
    with session.no_autoflush:   # the caller's flush reports a lost race as a Conflict; a query must not do it first
        pending = session.scalars(select(Job).where(Job.kind == KIND, Job.instance_id == task.instance_id,
                                                    Job.status == JobStatus.PENDING, Job.lock_owner.is_(None))).all()
    for job in pending:
        if job.payload.get("task_id") == task.id:
            session.delete(job)


def mark_overdue(session, job) -> HumanTask | None:
    """The deadline job's first half: the task, if this run is the one that marked it overdue (else None)."""
    task = session.get(HumanTask, job.payload["task_id"])
    if task is None or task.state not in WATCHED or task.overdue_notified_dt or task.due_dt is None:
        return None
    if task.due_dt > clock.now():       # the deadline was moved later: come back then
        schedule(session, task)
        return None
    # compare-and-set on the mark: several workers, or a retried job, still notify exactly once
    marked = session.execute(update(HumanTask).where(
        HumanTask.id == task.id, HumanTask.overdue_notified_dt.is_(None), HumanTask.state.in_(WATCHED))
        .values(overdue_notified_dt=clock.now(), version=HumanTask.version + 1)
        .execution_options(synchronize_session=False))
    if marked.rowcount != 1:
        return None
    session.refresh(task)
    audit.record(session, "task.overdue", instance_id=task.instance_id, task_id=task.id,
                 after={"due": task.due_dt, "assignee": task.assignee_id})
    events.emit("task.overdue", session, task=task)
    return task


def escalates_when_overdue(task: HumanTask) -> bool:
    """The BPMN task says escalateOnOverdue, and nobody escalated it already."""
    meta = task.instance.definition.task_meta.get(task.element_id) or {}
    return bool(meta.get("escalate_on_overdue")) and task.escalated_dt is None


events.subscribe("task.ready", schedule)
