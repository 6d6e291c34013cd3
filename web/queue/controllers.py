from dataclasses import dataclass

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

import engine
from assistance import access
from assistance.models import Case, Region
from engine import HumanTask, workdays

from ..cases.lookup import case_id_of, cases_by_id
from ..controller import Controller, TaskActionController
from ..database import db

TABS = {"mine": ("我的待办", access.assigned_to), "claimable": ("可认领", access.claimable_by)}
# overdue first, then the soonest due, then the highest priority; tasks without a deadline last
URGENCY = (HumanTask.due_dt.is_(None), HumanTask.due_dt, HumanTask.priority.desc(), HumanTask.id)
PAGE_SIZE = 100


@dataclass
class QueueRow:
    task: HumanTask
    case: Case | None
    region: Region | None
    working_days_left: int | None    # negative when overdue
    is_overdue: bool


class QueuePage(Controller):
    """我的任务: the tasks I hold and the tasks my role's pool may claim, most urgent first."""

    def _get(self):
        tab = request.args.get("tab", "mine")
        tab = tab if tab in TABS else "mine"
        counts = {name: db().scalar(select(func.count()).select_from(HumanTask).where(where(self.user)))
                  for name, (_label, where) in TABS.items()}
        tasks = db().scalars(select(HumanTask).where(TABS[tab][1](self.user)).order_by(*URGENCY).limit(PAGE_SIZE))
        return render_template("queue/index.html", tab=tab, tabs=TABS, counts=counts, rows=_rows(list(tasks)))


def _rows(tasks: list[HumanTask]) -> list[QueueRow]:
    session, now = db(), engine.clock.now()
    cases = cases_by_id(session, [case_id_of(t.instance) for t in tasks])
    rows = []
    for task in tasks:
        case = cases.get(case_id_of(task.instance))
        region = case.region if case else session.get(Region, task.instance.region_id or 0)
        left = workdays.working_days_between(session, now, task.due_dt) if task.due_dt else None
        rows.append(QueueRow(task, case, region, left, task.due_dt is not None and task.due_dt < now))
    return rows


class ClaimTask(TaskActionController):
    action = "claim"
    conflict_redirect = "queue.index"

    def _post(self):
        engine.claim(db(), self.task.id, self.user.id)
        flash(f"已认领任务「{self.task.name}」。", "success")
        return redirect(url_for("tasks.show", task_id=self.task.id), 303)
