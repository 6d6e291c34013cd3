"""The human-task projection: human_task rows kept in step with the workflow's READY manual tasks after every run."""
from datetime import timedelta
from uuid import UUID

from sqlalchemy import select

from . import clock, directory, events, workdays
from .models import HumanTask, TaskState
from .spiff import TaskState as SpiffState

OPEN = (TaskState.READY, TaskState.RESERVED, TaskState.IN_PROGRESS, TaskState.SUSPENDED)


def sync(session, inst, workflow) -> None:
    """Make human_task rows match the workflow's READY manual tasks; closed ones keep their history.
    The caller flushes (runtime.flush turns a lost race on a row into a Conflict)."""
    meta = inst.definition.task_meta
    ready = {str(t.id): t for t in workflow.get_tasks(state=SpiffState.READY, manual=True)}
    rows = {r.task_guid: r for r in session.scalars(
        select(HumanTask).where(HumanTask.instance_id == inst.id, HumanTask.state.in_(OPEN)))}
    for guid, row in rows.items():
        if guid not in ready:
            spiff_task = workflow.get_task_from_id(UUID(guid))
            done = spiff_task is not None and spiff_task.state == SpiffState.COMPLETED
            row.state = TaskState.COMPLETED if done else TaskState.CANCELLED
            row.completed_dt = row.completed_dt or clock.now()
    for guid, spiff_task in ready.items():
        if guid not in rows:
            _create(session, inst, spiff_task, meta.get(spiff_task.task_spec.bpmn_id, {}))


def _create(session, inst, spiff_task, meta):
    now = clock.now()
    role = meta.get("role")
    group = _group(spiff_task, meta)
    region_id, candidates = (directory.get().route(session, role, inst.region_id, group) if role
                             else (inst.region_id, []))
    row = HumanTask(instance_id=inst.id, task_guid=str(spiff_task.id), element_id=spiff_task.task_spec.bpmn_id,
                    name=meta.get("name") or spiff_task.task_spec.bpmn_name or spiff_task.task_spec.bpmn_id,
                    process_key=inst.definition.process_key, lane=meta.get("lane"), role=role, group=group,
                    region_id=region_id, candidates=candidates,
                    excluded=_excluded(session, inst, spiff_task, meta),
                    form=meta.get("form"), instructions=meta.get("instructions"),
                    priority=int(_evaluate(spiff_task, meta.get("priority")) or 0),
                    due_dt=_due(session, spiff_task, meta, now), created_dt=now)
    session.add(row)
    session.flush()
    events.emit("task.ready", session, task=row)


def _group(spiff_task, meta) -> str | None:
    """The task's candidateGroup (e.g. the department of one multi-instance branch), evaluated on its own data."""
    value = _evaluate(spiff_task, meta.get("candidate_group"))
    return None if value is None or str(value).strip() == "" else str(value).strip()


def _excluded(session, inst, spiff_task, meta) -> list[int]:
    """Who may not act on this task: whoever completed the steps named in excludeCompletersOf (the investigator
    does not confirm), plus whatever the domain's directory adds (e.g. staff relatives)."""
    completers = []
    if meta.get("exclude_completers_of"):
        completers = session.scalars(select(HumanTask.completed_by).where(
            HumanTask.instance_id == inst.id, HumanTask.state == TaskState.COMPLETED,
            HumanTask.element_id.in_(meta["exclude_completers_of"]), HumanTask.completed_by.is_not(None))).all()
    extra = directory.get().excluded_users(session, inst, spiff_task.task_spec.bpmn_id)
    return sorted(set(completers) | set(extra))


def _due(session, spiff_task, meta, now):
    """Due date from the task's dueInWorkingDays / dueInDays property (a number or an expression on case data)."""
    working = _evaluate(spiff_task, meta.get("due_working_days"))
    if working is not None:
        return workdays.deadline(session, now, int(working))
    days = _evaluate(spiff_task, meta.get("due_days"))
    return now + timedelta(days=int(days)) if days is not None else None


def _evaluate(spiff_task, expression):
    if not expression:
        return None
    return spiff_task.workflow.script_engine.evaluate(spiff_task, expression)
