"""A task's own history (任务记录): every claim, release, assignment change, delegation, escalation, suspension,
deadline and comment on it, with who, when and why — read from the audit trail, so it cannot disagree with it."""
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select

from assistance.core.models import User
from engine import AuditEvent

from ..cases.timeline import ACTIONS, comment_files, event_details
from ..filters import TASK_STATE

LABELS = {**ACTIONS, "task.draft": "保存草稿", "task.complete": "提交办结"}
NOBODY = "任务池"


@dataclass
class HistoryEntry:
    at_dt: datetime
    actor: str
    label: str
    details: list[tuple[str, str]] = field(default_factory=list)
    files: list = field(default_factory=list)


def of_task(session, task) -> list[HistoryEntry]:
    events = list(session.scalars(select(AuditEvent).where(AuditEvent.task_id == task.id).order_by(AuditEvent.id)))
    ids = {e.actor_id for e in events} | {_holder(e.before) for e in events} | {_holder(e.after) for e in events}
    names = dict(session.execute(select(User.id, User.display_name).where(User.id.in_(ids - {None}))).all())
    files = comment_files(session, events)
    return [HistoryEntry(e.at_dt, names.get(e.actor_id, "系统"), LABELS.get(e.action, e.action),
                         _changes(e, names) + event_details(e), files.get((e.after or {}).get("comment"), []))
            for e in events]


def _holder(values):
    return (values or {}).get("assignee")


def _changes(event, names) -> list[tuple[str, str]]:
    before, after = event.before or {}, event.after or {}
    out = []
    if "assignee" in before and "assignee" in after and before["assignee"] != after["assignee"]:
        out.append(("办理人", f"{names.get(before['assignee'], NOBODY)} → {names.get(after['assignee'], NOBODY)}"))
    if "state" in before and "state" in after and before["state"] != after["state"]:
        out.append(("状态", f"{TASK_STATE.get(before['state'], before['state'])} → "
                           f"{TASK_STATE.get(after['state'], after['state'])}"))
    return out
