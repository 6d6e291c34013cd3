"""Task transitions (viewflow style): TRANSITIONS declares every task action once — the states it starts from, the
states it leads to, what it needs and its effect — and perform() takes one by name. Claim, release and complete are
implemented in tasks.py; the others here: save a draft, assign (reassign, substitution), delegate and resolve,
escalate, suspend and resume, each one compare-and-set on the task row, audited, and announced as a
`task.transition` event (the domain sends notifications from it).

Who may do what is decided elsewhere (assistance/core/access.py); this module guards only what is never possible: a
closed or changed task, an excluded (回避) person as the new holder, an escalation or suspension without a reason.
"""
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import update
from sqlalchemy.exc import OperationalError

from . import audit, clock, deadlines, events, jobs, tasks
from .errors import Conflict, Forbidden, ValidationFailed
from .models import Delegation, HumanTask, TaskState
from .tasks import WORKING
from .tasks import get as _get

ACTIVE = (TaskState.READY, *WORKING)          # open and not suspended
STALE = "该任务刚被他人处理（认领、改派或办结），请刷新后重试。"


def _move(session, task: HumanTask, name: str, **values) -> None:
    """UPDATE the row only if it is still the version this transaction read and in a source state of transition
    `name`; else Conflict. The version check is what makes a concurrent claim, complete or reassign lose cleanly
    instead of overwriting."""
    session.flush()
    try:
        result = session.execute(
            update(HumanTask).where(HumanTask.id == task.id, HumanTask.version == task.version,
                                    HumanTask.state.in_(TRANSITIONS[name].sources))
            .values(version=HumanTask.version + 1, **values).execution_options(synchronize_session=False))
    except OperationalError as exc:   # SQLite: another writer committed first while we waited
        if "locked" in str(exc).lower():
            raise Conflict(STALE, detail=str(exc)) from exc
        raise
    if result.rowcount != 1:
        raise Conflict(STALE)
    session.refresh(task)


def _record(session, task, action, actor_id, before, reason=None, **extra):
    after = {"assignee": task.assignee_id, "state": task.state, **extra}
    audit.record(session, action, actor_id=actor_id, instance_id=task.instance_id, task_id=task.id,
                 before=before, after=after, reason=reason)
    events.emit("task.transition", session, task=task, action=action, actor_id=actor_id, reason=reason,
                previous_assignee=before.get("assignee"))


def _snapshot(task) -> dict:
    return {"assignee": task.assignee_id, "state": task.state}


def _require_holder(task, user_id):
    if task.assignee_id != user_id:
        raise Conflict("该任务不在您名下（可能已被改派或退回），请刷新后重试。")


def _require_eligible(task, user_id):
    if user_id in (task.excluded or []):
        raise Forbidden("按回避规定，此任务不能交给该人员办理。")


def _require_reason(reason):
    if not (reason or "").strip():
        raise ValidationFailed({"reason": "请填写原因"})


def save_draft(session, task_id: int, user_id: int, values: dict) -> HumanTask:
    """Keep the holder's unfinished form (not validated) and mark the task in progress."""
    task = _get(session, task_id)
    _require_holder(task, user_id)
    before = _snapshot(task)
    _move(session, task, "save_draft", state=TaskState.IN_PROGRESS, draft=values, draft_dt=clock.now())
    audit.record(session, "task.draft", actor_id=user_id, instance_id=task.instance_id, task_id=task.id,
                 before=before, after={"state": task.state})
    return task


def assign(session, task_id: int, user_id: int, *, actor_id, reason=None, action="task.reassign") -> HumanTask:
    """Give the task to a person (a supervisor's reassignment, an absence hand-over, an escalation answered).
    Any delegation or escalation ends; a saved draft stays with the task for the new holder."""
    task = _get(session, task_id)
    _require_eligible(task, user_id)
    if task.assignee_id == user_id and task.delegation is None and task.escalated_dt is None:
        raise Conflict("任务已在该人员名下。")
    before = _snapshot(task)
    _move(session, task, "reassign", assignee_id=user_id, claimed_dt=clock.now(), owner_id=None, delegation=None,
          escalated_dt=None, state=TaskState.IN_PROGRESS if task.draft_dt else TaskState.RESERVED)
    _record(session, task, action, actor_id, before, reason)
    return task


def delegate(session, task_id: int, user_id: int, to_user_id: int, reason=None) -> HumanTask:
    """The holder hands the task to a colleague and stays its owner: it comes back to them to confirm."""
    task = _get(session, task_id)
    _require_holder(task, user_id)
    if task.delegation == Delegation.PENDING:
        raise Conflict("受托人不能再次委托，请办完后交回委托人。")
    if to_user_id == user_id:
        raise Conflict("不能委托给自己。")
    _require_eligible(task, to_user_id)
    before = _snapshot(task)
    _move(session, task, "delegate", assignee_id=to_user_id, owner_id=user_id, delegation=Delegation.PENDING)
    _record(session, task, "task.delegate", user_id, before, reason, owner=user_id)
    return task


def resolve(session, task_id: int, user_id: int, reason=None) -> HumanTask:
    """The delegate hands the task back to its owner, who reviews and completes it."""
    task = _get(session, task_id)
    _require_holder(task, user_id)
    if task.delegation != Delegation.PENDING or task.owner_id is None:
        raise Conflict("该任务不是委托给您的任务。")
    before = _snapshot(task)
    _move(session, task, "resolve", assignee_id=task.owner_id, owner_id=None, delegation=Delegation.RESOLVED)
    _record(session, task, "task.resolve", user_id, before, reason)
    return task


def escalate(session, task_id: int, actor_id, reason: str) -> HumanTask:
    """Out of the holder's hands and the pool, into the supervisors' queue, with the reason why."""
    _require_reason(reason)
    task = _get(session, task_id)
    if task.escalated_dt is not None and task.assignee_id is None:
        raise Conflict("该任务已升级，正等待主管处理。")
    before = _snapshot(task)
    _move(session, task, "escalate", state=TaskState.READY, assignee_id=None, claimed_dt=None, owner_id=None,
          delegation=None, escalated_dt=clock.now())
    _record(session, task, "task.escalate", actor_id, before, reason)
    return task


def suspend(session, task_id: int, actor_id, reason: str) -> HumanTask:
    """A supervisor pauses the task (e.g. the household moved away pending a check); nobody can work on it."""
    _require_reason(reason)
    task = _get(session, task_id)
    before = _snapshot(task)
    _move(session, task, "suspend", state=TaskState.SUSPENDED)
    _record(session, task, "task.suspend", actor_id, before, reason)
    return task


def resume(session, task_id: int, actor_id, reason=None) -> HumanTask:
    """Back to where it was: with its holder (in progress if a draft was saved), or in the pool."""
    task = _get(session, task_id)
    state = (TaskState.READY if task.assignee_id is None
             else TaskState.IN_PROGRESS if task.draft_dt else TaskState.RESERVED)
    before = _snapshot(task)
    _move(session, task, "resume", state=state)
    _record(session, task, "task.resume", actor_id, before, reason)
    return task


@jobs.handler(deadlines.KIND)
def _on_deadline(session, job) -> None:
    """A task past its due date: marked overdue once (deadlines.py), then escalated if its BPMN task says so."""
    task = deadlines.mark_overdue(session, job)
    if task is not None and deadlines.escalates_when_overdue(task):
        escalate(session, task.id, None, deadlines.AUTO_ESCALATION_REASON)


# --- the table ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Transition:
    """One task action. From a state outside `sources` the effect raises Conflict and changes nothing (a test drives
    every action from every state to hold the table to that); who may take it is the domain's business."""
    name: str
    sources: tuple[TaskState, ...]
    targets: tuple[TaskState, ...]   # where it may leave the task: resume and reassign depend on holder and draft
    effect: Callable                 # effect(session, task_id, actor_id, target_user_id, reason, values)
    needs_reason: bool = False
    needs_user: bool = False         # the person the task goes to (target_user_id)


READY, RESERVED, IN_PROGRESS = TaskState.READY, TaskState.RESERVED, TaskState.IN_PROGRESS
TRANSITIONS: dict[str, Transition] = {t.name: t for t in (
    Transition("claim", (READY,), (RESERVED,),
               lambda s, task_id, actor, to, reason, values: tasks.claim(s, task_id, actor)),
    Transition("save_draft", WORKING, (IN_PROGRESS,),
               lambda s, task_id, actor, to, reason, values: save_draft(s, task_id, actor, values or {})),
    Transition("complete", WORKING, (TaskState.COMPLETED,),
               lambda s, task_id, actor, to, reason, values: tasks.complete(s, task_id, actor, values or {})),
    Transition("release", WORKING, (READY,),
               lambda s, task_id, actor, to, reason, values: tasks.release(s, task_id, actor)),
    Transition("delegate", WORKING, WORKING,
               lambda s, task_id, actor, to, reason, values: delegate(s, task_id, actor, to, reason), needs_user=True),
    Transition("resolve", WORKING, WORKING,
               lambda s, task_id, actor, to, reason, values: resolve(s, task_id, actor, reason)),
    Transition("escalate", ACTIVE, (READY,),
               lambda s, task_id, actor, to, reason, values: escalate(s, task_id, actor, reason), needs_reason=True),
    Transition("reassign", ACTIVE, WORKING,
               lambda s, task_id, actor, to, reason, values: assign(s, task_id, to, actor_id=actor, reason=reason),
               needs_user=True),
    Transition("suspend", ACTIVE, (TaskState.SUSPENDED,),
               lambda s, task_id, actor, to, reason, values: suspend(s, task_id, actor, reason), needs_reason=True),
    Transition("resume", (TaskState.SUSPENDED,), ACTIVE,
               lambda s, task_id, actor, to, reason, values: resume(s, task_id, actor, reason)),
)}


def perform(session, action: str, task_id: int, actor_id, target_user_id=None, reason=None, values=None):
    """Take a task action by name: the one entry point for the web. Returns the task (the instance for complete)."""
    transition = TRANSITIONS[action]
    if transition.needs_reason:
        _require_reason(reason)
    if transition.needs_user and target_user_id is None:
        raise ValidationFailed({"user_id": "请选择人员"})
    return transition.effect(session, task_id, actor_id, target_user_id, reason, values)
