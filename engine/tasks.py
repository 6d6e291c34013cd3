"""Working on a human task: claim (compare-and-set), release, complete, and the task's form and data.
They are declared with the other task actions in transitions.TRANSITIONS; the rows come from projection.py."""
from uuid import UUID

from sqlalchemy import or_, update

from . import audit, clock, deadlines, forms, scripts
from .errors import Conflict, Forbidden, NotFound, ValidationFailed
from .models import Delegation, HumanTask, TaskState
from .projection import OPEN
from .runtime import _step, load, lock, run
from .spiff import TaskState as SpiffState

WORKING = (TaskState.RESERVED, TaskState.IN_PROGRESS)   # held by someone who may work on it


def get(session, task_id: int) -> HumanTask:
    task = session.get(HumanTask, task_id)
    if task is None:
        raise NotFound("任务不存在")
    return task


def claim(session, task_id: int, user_id: int, actor_id=None) -> HumanTask:
    """Compare-and-set: succeeds only while the task is unclaimed; never takes a task someone else holds."""
    task = get(session, task_id)
    if user_id in (task.excluded or []):
        raise Forbidden("按回避规定，您不能办理此任务。")
    result = session.execute(
        update(HumanTask).where(HumanTask.id == task_id, HumanTask.state == TaskState.READY,
                                HumanTask.assignee_id.is_(None))
        .values(assignee_id=user_id, state=TaskState.RESERVED, claimed_dt=clock.now(), version=HumanTask.version + 1)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise Conflict("该任务已被他人认领或已办结。")
    session.refresh(task)
    audit.record(session, "task.claim", actor_id=actor_id or user_id, instance_id=task.instance_id, task_id=task.id,
                 before={"assignee": None}, after={"assignee": user_id})
    return task


def release(session, task_id: int, user_id: int) -> HumanTask:
    """Back to the pool; a delegate cannot (they hand it back to its owner with resolve instead)."""
    result = session.execute(
        update(HumanTask).where(HumanTask.id == task_id, HumanTask.state.in_(WORKING),
                                HumanTask.assignee_id == user_id,
                                or_(HumanTask.delegation.is_(None), HumanTask.delegation != Delegation.PENDING))
        .values(assignee_id=None, state=TaskState.READY, claimed_dt=None, owner_id=None, delegation=None,
                version=HumanTask.version + 1)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        raise Conflict("只能退回自己认领的未办结任务。")
    task = get(session, task_id)
    session.refresh(task)
    audit.record(session, "task.release", actor_id=user_id, instance_id=task.instance_id, task_id=task.id,
                 before={"assignee": user_id}, after={"assignee": None})
    return task


def form_schema(session, task: HumanTask) -> dict | None:
    schema = (task.instance.definition.task_meta.get(task.element_id) or {}).get("schema")
    if schema and ("x-options-from" in str(schema) or "x-maximum-from" in str(schema)):   # values from the case
        schema = forms.resolve(schema, task_data(session, task))
    return schema


def task_data(session, task: HumanTask) -> dict:
    return tasks_data(session, [task]).get(task.id, {})


def tasks_data(session, tasks) -> dict[int, dict]:
    """task id -> the task's data (open or completed), each instance's state loaded once."""
    out, workflows = {}, {}
    for task in tasks:
        if task.instance_id not in workflows:
            workflows[task.instance_id] = load(task.instance)
        spiff_task = workflows[task.instance_id].get_task_from_id(UUID(task.task_guid))
        out[task.id] = dict(spiff_task.data) if spiff_task else {}
    return out


def complete(session, task_id: int, user_id: int, data: dict):
    """Validate the form, then lock the instance, complete the task, run the engine, save, project, audit."""
    task = get(session, task_id)
    schema = form_schema(session, task)
    errors = forms.validate(schema, data) if schema else {}
    if errors:
        raise ValidationFailed(errors)
    inst = lock(session, task.instance_id)
    session.refresh(task)
    if task.state not in OPEN:
        raise Conflict("该任务已办结，不能重复提交。")
    if task.state == TaskState.SUSPENDED:
        raise Conflict("该任务已被主管挂起，恢复后才能办理。")
    if task.delegation == Delegation.PENDING:
        raise Conflict("该任务正在委托办理：受托人办完交回后，由委托人确认提交。")
    if task.assignee_id != user_id:
        raise Conflict("该任务不在您名下（可能已被退回或改派），请刷新后重试。")
    if user_id in (task.excluded or []):
        raise Forbidden("按回避规定，您不能办理此任务。")
    workflow = load(inst)
    spiff_task = workflow.get_task_from_id(UUID(task.task_guid))
    if spiff_task is None or spiff_task.state != SpiffState.READY:
        raise Conflict("该任务已不在待办状态，请刷新后重试。")
    spiff_task.data.update(data)
    with scripts.session_scope(session, inst):
        _step(spiff_task.run)
    task.state, task.completed_dt, task.completed_by = TaskState.COMPLETED, clock.now(), user_id
    deadlines.cancel(session, task)
    run(session, inst, workflow, actor_id=user_id)
    audit.record(session, "task.complete", actor_id=user_id, instance_id=inst.id, task_id=task.id,
                 before={"state": TaskState.RESERVED}, after={"state": TaskState.COMPLETED, "data": data})
    return inst
