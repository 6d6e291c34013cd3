"""Who may see and do what: the one home of the role + region rules (predicates for one object, filters for lists).

A user sees what lies in their region's subtree (Region.path prefix); tasks go to the pool of their role at the task's
region; supervisors manage the tasks of their subtree. Views never decide this themselves: web/controller.py calls
these predicates, list pages use these filters. Task actions are the transitions at the end of this file.
"""
from dataclasses import dataclass

from sqlalchemy import Integer, and_, bindparam, false, not_, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import object_session
from sqlalchemy.sql.expression import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal
from sqlalchemy.types import Boolean

from assistance.core.models import Case, Region, RegionLevel, User
from assistance.core.regions import subtree_filter
from engine import TRANSITIONS, Conflict, Delegation, Forbidden, HumanTask, TaskState, Transition

CASE_STARTERS = ("village_assistant", "township_caseworker")   # 村协理员代为登记, 乡镇经办人受理
ADMINS = ("admin",)
# business administrators of tasks (WS-HumanTask): they assign, suspend and resume, and answer escalations
MANAGERS = ("supervisor", "admin")
READ_ONLY = ("auditor",)
# 协调机制成员单位 are other government departments: they see a case only while their unit takes part in its 一事一议,
# and of its tasks only their own unit's
DEPARTMENT_ROLES = ("coordination_member",)
OPEN = (TaskState.READY, TaskState.RESERVED, TaskState.IN_PROGRESS, TaskState.SUSPENDED)
# The shared steps that bring a department into a case (一事一议) say which ones take part: each is
# clause(department, case_id) -> SQL boolean. assistance.register_all() adds them; core imports no step.
_participation: list = []


def add_participation(clause) -> None:
    """Let a shared step declare, as an SQL clause, which departments take part in a case."""
    if clause not in _participation:
        _participation.append(clause)


def takes_part(department, case_id):
    """SQL: the department takes part in the case through some shared step (false when none is installed)."""
    return or_(*(clause(department, case_id) for clause in _participation)) if _participation else false()


def in_subtree(user, region: Region | None) -> bool:
    return region is not None and user.region.contains(region)


# --- cases ---------------------------------------------------------------------------------------------------

def visible_cases(user):
    """Cases whose region lies in the user's subtree: select(Case) already filtered."""
    stmt = select(Case).where(subtree_filter(Case.region_id, user.region))
    if user.role in DEPARTMENT_ROLES:
        stmt = stmt.where(takes_part(user.department, Case.id))
    return stmt


def can_view_case(user, case: Case) -> bool:
    if user.role in DEPARTMENT_ROLES and not _takes_part(user, case.id):
        return False
    return in_subtree(user, case.region)


def viewers_of(case: Case):
    """WHERE clause on User: the people can_view_case lets see the case (its region's chain, member units taking part)."""
    return and_(User.region_id.in_(case.region.ancestor_ids()),
                or_(User.role.not_in(DEPARTMENT_ROLES), takes_part(User.department, case.id)))


def _takes_part(user, case_id) -> bool:
    return user.department is not None and bool(object_session(user).scalar(select(takes_part(user.department,
                                                                                                case_id))))


def can_start_case(user, village: Region | None = None) -> bool:
    """Village assistants and township caseworkers register applications, for villages inside their own region."""
    if user.role not in CASE_STARTERS:
        return False
    return village is None or (village.level == RegionLevel.VILLAGE and in_subtree(user, village))


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
    """WHERE clause: open tasks the user holds (我的待办), suspended ones included so nothing seems lost."""
    return and_(HumanTask.assignee_id == user.id, HumanTask.state.in_(OPEN))


def claimable_by(user):
    """WHERE clause: unclaimed tasks in the pool of the user's role and region, unless a 回避 rule excludes them or
    the task was escalated out of the pool to the supervisors."""
    return and_(HumanTask.state == TaskState.READY, HumanTask.assignee_id.is_(None),
                HumanTask.role == user.role, HumanTask.region_id == user.region_id,
                or_(HumanTask.group.is_(None), HumanTask.group == user.department),   # a department's own task
                HumanTask.escalated_dt.is_(None), not_(json_list_contains(HumanTask.excluded, user.id)))


def delegated_by(user):
    """WHERE clause: tasks the user handed to a colleague and is waiting to get back (我委托的)."""
    return and_(HumanTask.owner_id == user.id, HumanTask.delegation == Delegation.PENDING,
                HumanTask.state.in_(OPEN))


def escalated_to(user):
    """WHERE clause: escalated tasks nobody has taken yet, in a supervisor's subtree (升级待处理)."""
    if user.role not in MANAGERS:
        return false()
    return and_(HumanTask.escalated_dt.is_not(None), HumanTask.assignee_id.is_(None),
                HumanTask.state == TaskState.READY, subtree_filter(HumanTask.region_id, user.region))


def team_tasks(user):
    """WHERE clause: every open task in a supervisor's region subtree (团队任务); nothing for anyone else."""
    if user.role not in MANAGERS:
        return false()
    return and_(HumanTask.state.in_(OPEN), subtree_filter(HumanTask.region_id, user.region))


def my_tasks_query(user):
    return select(HumanTask).where(or_(assigned_to(user), claimable_by(user)))


def _in_pool(user, task: HumanTask) -> bool:
    """The task's role at the task's region, of the task's candidate group (department) if it has one."""
    return (task.role == user.role and task.region_id == user.region_id and user.id not in (task.excluded or [])
            and (task.group is None or task.group == user.department))


def _task_region(task: HumanTask) -> Region | None:
    return object_session(task).get(Region, task.region_id) if task.region_id is not None else None


def can_supervise(user) -> bool:
    return user.role in MANAGERS


def manages(user, task: HumanTask) -> bool:
    """A supervisor (or admin) whose subtree holds the task's region."""
    return user.role in MANAGERS and in_subtree(user, _task_region(task))


def can_view_task(user, task: HumanTask) -> bool:
    if user.role in DEPARTMENT_ROLES and task.group is None:   # not its own unit's task: only a case it takes part in
        case = task_case(task)
        if case is not None and not can_view_case(user, case):
            return False
    if task.assignee_id == user.id or task.owner_id == user.id or _in_pool(user, task):
        return True
    if user.role in DEPARTMENT_ROLES:   # a member unit sees its own unit's tasks only
        return task.group is not None and task.group == user.department and in_subtree(user, _task_region(task))
    region_id = task.instance.region_id
    return region_id is not None and in_subtree(user, object_session(task).get(Region, region_id))


def task_case(task: HumanTask) -> Case | None:
    """The case a task works on: its process instance carries business_key = str(case.id); None for other processes."""
    key = task.instance.business_key if task.instance is not None else None
    return object_session(task).get(Case, int(key)) if key and key.isdigit() else None


def can_claim(user, task: HumanTask) -> bool:
    return _allowed(user, task, "claim")


def can_comment(user) -> bool:
    """Anyone who can see a case or task may add a note or a file, except the read-only auditors."""
    return user.role not in READ_ONLY


# --- task transitions: who may take each one (viewflow style); their states live in the engine's table ---------

@dataclass(frozen=True)
class TaskAction:
    """An engine transition as a task page offers it: its button and who may take it. Its source states and needs
    are read from engine.TRANSITIONS, never repeated here."""
    name: str
    label: str              # the button
    by: str                 # pool: a pool member, unclaimed task; holder: the assignee; delegate: the assignee of a
                            # pending delegation; manager: a supervisor over the task (Camunda: assigning, not working)

    @property
    def transition(self) -> Transition:
        return TRANSITIONS[self.name]

    @property
    def sources(self) -> tuple[TaskState, ...]:
        return self.transition.sources

    @property
    def needs_reason(self) -> bool:
        return self.transition.needs_reason

    @property
    def needs_user(self) -> bool:
        return self.transition.needs_user


ACTIONS = {a.name: a for a in (
    TaskAction("claim", "认领", "pool"),
    TaskAction("save_draft", "保存草稿", "holder"),
    TaskAction("complete", "提交", "holder"),
    TaskAction("release", "退回任务池", "holder"),
    TaskAction("delegate", "委托同事", "holder"),
    TaskAction("resolve", "办完交回委托人", "delegate"),
    TaskAction("escalate", "升级至主管", "holder"),
    TaskAction("reassign", "改派", "manager"),
    TaskAction("suspend", "挂起", "manager"),
    TaskAction("resume", "恢复", "manager"),
)}


def check_action(user, task: HumanTask, action: str) -> None:
    """Forbidden when the user may never do this to the task; Conflict when the task is not (or no longer) in a
    state that allows it — a stale page, a lost claim race, a task held by someone else or escalated away."""
    transition = ACTIONS[action]
    escalated = task.escalated_dt is not None and task.assignee_id is None
    if transition.by == "manager" or (transition.by == "pool" and escalated and not _in_pool(user, task)):
        if not manages(user, task):
            raise Forbidden("只有辖区主管可以改派、挂起、恢复任务或处理升级的任务。")
    elif not (_in_pool(user, task) or task.assignee_id == user.id):
        raise Forbidden("您没有办理此任务的权限。")
    if user.id in (task.excluded or []):   # separation of duties binds supervisors and admins too
        raise Forbidden("按回避规定，您不能办理此任务。")
    if task.state not in transition.sources:
        raise Conflict(_state_refusal(action, task))
    if transition.by == "pool":
        if task.assignee_id is not None:
            raise Conflict("该任务已被他人认领，请刷新后重试。")
        if escalated and not manages(user, task):
            raise Conflict("该任务已升级至主管处理。")
    elif transition.by in ("holder", "delegate"):
        if task.assignee_id != user.id:
            raise Conflict("该任务不在您名下（可能已被他人认领或改派），请刷新后重试。")
        pending = task.delegation == Delegation.PENDING
        if transition.by == "delegate" and not pending:
            raise Conflict("该任务不是委托给您的任务。")
        if transition.by == "holder" and pending and action != "save_draft":
            raise Conflict("该任务正在委托办理：请办完后交回委托人，由委托人确认提交。")


def _state_refusal(action: str, task: HumanTask) -> str:
    if task.state == TaskState.SUSPENDED:
        return "该任务已被主管挂起，恢复后才能办理。"
    if action == "claim":
        return "该任务已被他人认领或已办结，请刷新后重试。"
    if action == "resume":
        return "该任务未被挂起。"
    return "该任务已办结或已退回，请刷新后重试。"


def _allowed(user, task, action) -> bool:
    try:
        check_action(user, task, action)
    except (Forbidden, Conflict):
        return False
    return True


def available_actions(user, task: HumanTask) -> list[TaskAction]:
    """The buttons a task page shows: the transitions check_action would allow now."""
    return [a for a in ACTIONS.values() if _allowed(user, task, a.name)]


def check_receiver(actor, target, task: HumanTask, action: str) -> None:
    """Who a task may be given to: an enabled user of the task's role, not excluded; a reassignment stays inside the
    supervisor's subtree, a delegation inside the task's own office (同一任务池的同事)."""
    if target is None or not target.is_enabled:
        raise Conflict("所选人员不存在或已停用。")
    if target.role != task.role:
        raise Forbidden(f"「{target.display_name}」的岗位不能办理此任务。")
    if action == "delegate" and (target.region_id != task.region_id or target.id == actor.id):
        raise Forbidden("只能委托给同一任务池的其他同事。")
    if action != "delegate" and not in_subtree(actor, target.region):
        raise Forbidden("只能改派给本辖区内的人员。")
    case = task_case(task)
    if case is not None and not can_view_case(target, case):   # the task page shows the household
        raise Forbidden(f"「{target.display_name}」无权查看此案件，不能把任务交给他。")
    if target.id in (task.excluded or []):
        raise Forbidden(f"按回避规定，不能把此任务交给「{target.display_name}」。")


def receivers(actor, action: str, task: HumanTask | None = None):
    """select(User) of the people the actor may offer in the 改派 / 委托 drop-down (check_receiver decides)."""
    stmt = select(User).where(User.is_enabled.is_(True), User.role.not_in((*MANAGERS, *READ_ONLY, "analyst")))
    if action == "delegate" and task is not None:
        stmt = stmt.where(User.region_id == task.region_id, User.id != actor.id)
    else:
        stmt = stmt.where(subtree_filter(User.region_id, actor.region))
    if task is not None:
        stmt = stmt.where(User.role == task.role, User.id.not_in(task.excluded or [-1]))
        case = task_case(task)
        if case is not None:
            stmt = stmt.where(viewers_of(case))
    return stmt.order_by(User.region_id, User.role, User.id)


# --- personal records: absences, saved queue views -------------------------------------------------------------

def can_manage_absence(actor, user) -> bool:
    """People record their own absence; a supervisor may record one for anyone in their subtree."""
    return actor.id == user.id or (actor.role in MANAGERS and in_subtree(actor, user.region))


def absence_subjects(actor):
    """select(User) of whom the actor may record an absence for: themselves, or a supervisor's whole subtree."""
    if actor.role not in MANAGERS:
        return select(User).where(User.id == actor.id)
    return (select(User).where(subtree_filter(User.region_id, actor.region), User.is_enabled.is_(True))
            .order_by(User.region_id, User.id))


def can_use_view(user, view) -> bool:
    """A saved queue view is its owner's; shared, it is also open to the colleagues of the same pool."""
    if view.owner_id == user.id:
        return True
    owner = object_session(view).get(User, view.owner_id)
    return view.is_shared and owner is not None and (owner.role, owner.region_id) == (user.role, user.region_id)


def can_delete_view(user, view) -> bool:
    return view.owner_id == user.id


# --- documents and batches: what was issued for a case follows the case --------------------------------------

def sees_region_lists(user, region: Region | None) -> bool:
    """Lists that name the households of a whole region (村级名册, a month's decisions, their batches) are for the staff
    who see that region's cases by region; a member unit sees only the cases its unit takes part in, so none of them."""
    return user.role not in DEPARTMENT_ROLES and in_subtree(user, region)


def can_view_document(user, document) -> bool:
    """A document (or a request for one) of a case: whoever may see the case; a roster: sees_region_lists."""
    session = object_session(document)
    if document.case_id is not None:
        case = session.get(Case, document.case_id)
        return case is not None and can_view_case(user, case)
    return sees_region_lists(user, session.get(Region, document.region_id))


def can_view_batch(user, batch) -> bool:
    return sees_region_lists(user, object_session(batch).get(Region, batch.region_id))


def can_view_attachment(user, attachment) -> bool:
    """A file is visible to whoever may see the case (or, for a task without a case, the task) it was added to."""
    session = object_session(attachment)
    if attachment.case_id is not None:
        case = session.get(Case, attachment.case_id)
        return case is not None and can_view_case(user, case)
    task = session.get(HumanTask, attachment.task_id) if attachment.task_id is not None else None
    return task is not None and can_view_task(user, task)


def can_open_notification(user, note) -> bool:
    return note.user_id == user.id
