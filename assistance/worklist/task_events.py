"""How the domain reacts to the engine's task events: who hears about an assignment, a delegation, an escalation or a
missed deadline, substitution routing of new tasks, and the script functions a BPMN timer path may call
(remind, notify_supervisors). install() wires it all once per process."""
from sqlalchemy import select

from assistance.core import substitution
from assistance.core.directory import supervisors_for
from assistance.core.models import User
from assistance.worklist import notifications
from engine import HumanTask, TaskState, events, scripts

OPEN = (TaskState.READY, TaskState.RESERVED, TaskState.IN_PROGRESS, TaskState.SUSPENDED)


def _about(task: HumanTask) -> str:
    summary = task.instance.summary or {}
    parts = [summary.get("case_number"), summary.get("title")]
    return " · ".join(p for p in parts if p) or f"流程实例 {task.instance_id}"


def _name(session, user_id) -> str:
    user = session.get(User, user_id) if user_id else None
    return user.display_name if user else "系统"


def _holders(task: HumanTask) -> list[int]:
    """Who is working on it: its holder, or everyone who may claim it from the pool."""
    return [task.assignee_id] if task.assignee_id else list(task.candidates or [])


def on_transition(session, task, action, actor_id, reason, previous_assignee) -> None:
    body = _about(task) + (f"\n原因：{reason}" if reason else "")

    def say(users, kind, title):   # nobody is told about what they did themselves
        notifications.notify(session, [u for u in users if u != actor_id], kind=kind, title=title, body=body,
                             task=task)
    if action in ("task.reassign", "task.handover", "task.substitute"):
        say([task.assignee_id], "task.assigned", f"任务「{task.name}」已交给您办理")
        if previous_assignee and previous_assignee != task.assignee_id:
            say([previous_assignee], "task.reassigned",
                f"任务「{task.name}」已改由{_name(session, task.assignee_id)}办理")
    elif action == "task.delegate":
        say([task.assignee_id], "task.delegated", f"{_name(session, task.owner_id)}委托您办理「{task.name}」")
    elif action == "task.resolve":
        say([task.assignee_id], "task.resolved", f"「{task.name}」已由受托人办完交回，请确认后提交")
    elif action == "task.escalate":
        say(supervisors_for(session, task.region_id), "task.escalated", f"任务「{task.name}」已升级，待您处理")
    elif action == "task.suspend":
        say([task.assignee_id], "task.suspended", f"任务「{task.name}」已被主管挂起")
    elif action == "task.resume":
        say([task.assignee_id], "task.resumed", f"任务「{task.name}」已恢复，可以继续办理")


def on_overdue(session, task) -> None:
    about = _about(task)
    notifications.notify(session, _holders(task), kind="task.overdue", task=task,
                         title=f"任务「{task.name}」已超过办理期限", body=about)
    holder = _name(session, task.assignee_id) if task.assignee_id else "待认领"
    notifications.notify(session, supervisors_for(session, task.region_id), kind="task.overdue", task=task,
                         title=f"辖区任务「{task.name}」已逾期（办理人：{holder}）", body=about)


def remind(element_id: str, message: str = "") -> None:
    """Script function for a non-interrupting timer path: remind whoever holds (or may claim) the open task."""
    session, instance = scripts.current_session(), scripts.current_instance()
    for task in session.scalars(select(HumanTask).where(HumanTask.instance_id == instance.id,
                                                        HumanTask.element_id == element_id,
                                                        HumanTask.state.in_(OPEN))):
        notifications.notify(session, _holders(task), kind="task.reminder", task=task,
                             title=f"催办：请尽快办理「{task.name}」", body=message or _about(task))


def notify_supervisors(message: str) -> None:
    """Script function for an escalation path: tell the supervisors over the case's region."""
    session, instance = scripts.current_session(), scripts.current_instance()
    summary = instance.summary or {}
    key = instance.business_key
    notifications.notify(session, supervisors_for(session, instance.region_id), kind="process.escalation",
                         title=message, body=summary.get("title") or "",
                         case_id=int(key) if key and key.isdigit() else None)


def install() -> None:
    events.subscribe("task.ready", substitution.route_new_task)
    events.subscribe("task.transition", on_transition)
    events.subscribe("task.overdue", on_overdue)
    scripts.register("remind", remind)
    scripts.register("notify_supervisors", notify_supervisors)
