"""Who may see and do what: the one home of the role + region rules (predicates for one object, filters for lists).

A user sees what lies in their region's subtree (Region.path prefix); tasks go to the pool of their role at the task's
region. Views never decide this themselves: web/controller.py calls these predicates, list pages use these filters.
"""
from dataclasses import dataclass

from sqlalchemy import Integer, and_, bindparam, not_, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import object_session
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import Boolean

from engine import Conflict, Forbidden, HumanTask, TaskState

from .models import Case, Region, RegionLevel
from .regions import subtree_filter

CASE_STARTERS = ("village_assistant", "township_caseworker")   # 村协理员代为登记, 乡镇经办人受理
ADMINS = ("admin",)
OPEN = (TaskState.READY, TaskState.RESERVED)


def _in_subtree(user, region: Region | None) -> bool:
    return region is not None and user.region.contains(region)


# --- cases ---------------------------------------------------------------------------------------------------

def visible_cases(user):
    """Cases whose region lies in the user's subtree: select(Case) already filtered."""
    return select(Case).where(subtree_filter(Case.region_id, user.region))


def can_view_case(user, case: Case) -> bool:
    return _in_subtree(user, case.region)


def can_start_case(user, village: Region | None = None) -> bool:
    """Village assistants and township caseworkers register applications, for villages inside their own region."""
    if user.role not in CASE_STARTERS:
        return False
    return village is None or (village.level == RegionLevel.VILLAGE and _in_subtree(user, village))


def startable_villages(user):
    """The villages a case starter may register a household in, for the form's select."""
    return (select(Region).where(Region.level == int(RegionLevel.VILLAGE), subtree_filter(Region.id, user.region))
            .order_by(Region.path))


def is_admin(user) -> bool:
    return user.role in ADMINS


# --- tasks -----------------------------------------------------------------------------------------------------

class json_list_contains(ColumnElement):
    """SQL: the JSON array in column contains the integer value (HumanTask.excluded holds user ids).
    JSON has no portable containment test, so each dialect gets its own spelling."""
    inherit_cache = True
    type = Boolean()
    _traverse_internals = [("column", InternalTraversal.dp_clauseelement),
                           ("value", InternalTraversal.dp_clauseelement)]

    def __init__(self, column, value: int):
        self.column, self.value = column, bindparam(None, int(value), type_=Integer())


@compiles(json_list_contains, "sqlite")
def _contains_sqlite(element, compiler, **kw):
    column, value = compiler.process(element.column, **kw), compiler.process(element.value, **kw)
    return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE json_each.value = {value})"


@compiles(json_list_contains, "postgresql")
def _contains_postgresql(element, compiler, **kw):
    column, value = compiler.process(element.column, **kw), compiler.process(element.value, **kw)
    return f"(CAST({column} AS JSONB) @> jsonb_build_array(CAST({value} AS INTEGER)))"


def assigned_to(user):
    """WHERE clause: open tasks the user holds (我的待办)."""
    return and_(HumanTask.assignee_id == user.id, HumanTask.state.in_(OPEN))


def claimable_by(user):
    """WHERE clause: unclaimed tasks in the pool of the user's role and region, unless a 回避 rule excludes them."""
    return and_(HumanTask.state == TaskState.READY, HumanTask.assignee_id.is_(None),
                HumanTask.role == user.role, HumanTask.region_id == user.region_id,
                not_(json_list_contains(HumanTask.excluded, user.id)))


def my_tasks_query(user):
    return select(HumanTask).where(or_(assigned_to(user), claimable_by(user)))


def _in_pool(user, task: HumanTask) -> bool:
    return task.role == user.role and task.region_id == user.region_id and user.id not in (task.excluded or [])


def can_view_task(user, task: HumanTask) -> bool:
    if task.assignee_id == user.id or _in_pool(user, task):
        return True
    region_id = task.instance.region_id
    return region_id is not None and _in_subtree(user, object_session(task).get(Region, region_id))


def can_claim(user, task: HumanTask) -> bool:
    return task.state == TaskState.READY and task.assignee_id is None and _in_pool(user, task)


# --- task transitions: allowed source states and a permission (viewflow style) --------------------------------

@dataclass(frozen=True)
class Transition:
    name: str
    label: str              # the button
    sources: tuple          # task states the action starts from
    mine: bool              # the task must be held by the acting user


TRANSITIONS = {t.name: t for t in (
    Transition("claim", "认领", (TaskState.READY,), mine=False),
    Transition("complete", "提交", (TaskState.RESERVED,), mine=True),
    Transition("release", "退回任务池", (TaskState.RESERVED,), mine=True),
)}


def check_action(user, task: HumanTask, action: str) -> None:
    """Forbidden when the user may never do this to the task; Conflict when the task is not (or no longer) in a
    state that allows it — a stale page, a lost claim race, a task held by someone else."""
    transition = TRANSITIONS[action]
    if not (_in_pool(user, task) or task.assignee_id == user.id):
        raise Forbidden("您没有办理此任务的权限。")
    if user.id in (task.excluded or []):
        raise Forbidden("按回避规定，您不能办理此任务。")
    if task.state not in transition.sources:
        raise Conflict("该任务已被他人认领或已办结，请刷新后重试。" if action == "claim" else "该任务已办结或已退回，请刷新后重试。")
    if transition.mine and task.assignee_id != user.id:
        raise Conflict("该任务不在您名下（可能已被他人认领或改派），请刷新后重试。")
    if not transition.mine and task.assignee_id is not None:
        raise Conflict("该任务已被他人认领，请刷新后重试。")


def available_actions(user, task: HumanTask) -> list[Transition]:
    """The buttons a task page shows: the transitions check_action would allow now."""
    allowed = []
    for transition in TRANSITIONS.values():
        try:
            check_action(user, task, transition.name)
        except (Forbidden, Conflict):
            continue
        allowed.append(transition)
    return allowed
