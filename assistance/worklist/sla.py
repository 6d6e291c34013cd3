"""Service levels of tasks (办理时限): due dates come from the BPMN (dueInWorkingDays, via engine.workdays); whether a
task is overdue or due soon is computed from the one clock, the threshold being a policy parameter."""
import enum
from datetime import datetime

from sqlalchemy import and_, false

from assistance.core.params import get_param
from engine import HumanTask, clock, workdays


class DueState(enum.StrEnum):
    OVERDUE = "overdue"    # 已逾期
    SOON = "soon"          # 即将到期: due within due_soon_working_days
    ON_TIME = "on_time"    # 未到期
    NONE = "none"          # 无期限


LABELS = {DueState.OVERDUE: "已逾期", DueState.SOON: "即将到期", DueState.ON_TIME: "未到期", DueState.NONE: "无期限"}


def soon_limit(session, region_id: int | None, now: datetime | None = None) -> datetime:
    """Tasks due before this instant count as due soon: the end of the n-th working day from today."""
    now = now or clock.now()
    return workdays.deadline(session, now, int(get_param(session, "due_soon_working_days", region_id)))


def due_state(task: HumanTask, now: datetime, soon: datetime) -> DueState:
    if task.due_dt is None:
        return DueState.NONE
    if task.due_dt < now:
        return DueState.OVERDUE
    return DueState.SOON if task.due_dt <= soon else DueState.ON_TIME


def due_filter(state: str, now: datetime, soon: datetime):
    """WHERE clause for one due state (an unknown state matches nothing)."""
    due = HumanTask.due_dt
    return {DueState.OVERDUE: due < now,
            DueState.SOON: and_(due >= now, due <= soon),
            DueState.ON_TIME: due > soon,
            DueState.NONE: due.is_(None)}.get(state, false())
