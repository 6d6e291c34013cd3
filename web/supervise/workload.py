"""工作量: per person in the supervisor's subtree — open tasks, of which due soon and overdue, and completed this
week — as a table and a Chart.js bar chart."""
from dataclasses import asdict, dataclass
from datetime import datetime, time, timedelta

from flask import render_template
from sqlalchemy import case, func, select

import engine
from assistance.core import access
from assistance.core.china_time import CHINA
from assistance.worklist import sla
from engine import HumanTask, TaskState

from ..database import db
from .controllers import SupervisorController

OPEN = (TaskState.READY, TaskState.RESERVED, TaskState.IN_PROGRESS, TaskState.SUSPENDED)


@dataclass
class Load:
    user_id: int
    name: str
    open: int = 0
    due_soon: int = 0
    overdue: int = 0
    completed_this_week: int = 0


def week_start(now: datetime) -> datetime:
    """Monday 00:00 Beijing time of the current week."""
    local = now.astimezone(CHINA)
    return datetime.combine(local.date() - timedelta(days=local.weekday()), time(0), CHINA)


def workload(session, people, now, soon) -> list[Load]:
    """Two grouped queries for the whole team, whatever its size."""
    loads = {u.id: Load(u.id, u.display_name) for u in people}
    if not loads:
        return []
    overdue = func.sum(case((HumanTask.due_dt < now, 1), else_=0))
    due_soon = func.sum(case(((HumanTask.due_dt >= now) & (HumanTask.due_dt <= soon), 1), else_=0))
    for user_id, n_open, n_overdue, n_soon in session.execute(
            select(HumanTask.assignee_id, func.count(), overdue, due_soon)
            .where(HumanTask.assignee_id.in_(loads), HumanTask.state.in_(OPEN)).group_by(HumanTask.assignee_id)):
        loads[user_id].open, loads[user_id].overdue, loads[user_id].due_soon = n_open, n_overdue or 0, n_soon or 0
    for user_id, n_done in session.execute(
            select(HumanTask.completed_by, func.count())
            .where(HumanTask.completed_by.in_(loads), HumanTask.state == TaskState.COMPLETED,
                   HumanTask.completed_dt >= week_start(now)).group_by(HumanTask.completed_by)):
        loads[user_id].completed_this_week = n_done
    return sorted(loads.values(), key=lambda load: (-load.overdue, -load.open, load.name))


class WorkloadPage(SupervisorController):
    def _get(self):
        session, now = db(), engine.clock.now()
        soon = sla.soon_limit(session, self.user.region_id, now)
        loads = workload(session, session.scalars(access.receivers(self.user, "reassign")).all(), now, soon)
        chart = {"labels": [load.name for load in loads],
                 "overdue": [load.overdue for load in loads], "due_soon": [load.due_soon for load in loads],
                 "other": [load.open - load.overdue - load.due_soon for load in loads],
                 "completed": [load.completed_this_week for load in loads]}
        return render_template("supervise/workload.html", loads=[asdict(load) for load in loads], chart=chart,
                               week_start=week_start(now))
