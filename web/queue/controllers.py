"""我的任务: the tasks I hold, the pool I may claim from, what I delegated and (supervisors) escalations — filtered,
sorted by urgency, paged; plus claim and bulk claim."""
from dataclasses import dataclass

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

import engine
from assistance.core import access
from assistance.core.case_clock import RunningClock, running_clocks
from assistance.core.models import Case, Region
from assistance.worklist import queue_views, sla
from engine import HumanTask, workdays

from ..cases.lookup import case_id_of, cases_by_id
from ..controller import Controller, TaskActionController
from ..database import db
from . import bulk
from .filters import URGENCY, QueueFilter, choices

PAGE_SIZE = 50
COUNT_CAP = 1000
TABS = {"mine": ("我的待办", access.assigned_to), "claimable": ("可认领", access.claimable_by),
        "delegated": ("我委托的", access.delegated_by), "escalated": ("升级待处理", access.escalated_to)}


def tabs_for(user) -> dict:
    return {k: v for k, v in TABS.items() if k != "escalated" or access.can_supervise(user)}


@dataclass
class QueueRow:
    task: HumanTask
    case: Case | None
    region: Region | None
    due_state: sla.DueState
    working_days_left: int | None    # negative when overdue
    case_clock: RunningClock | None = None   # the case's own limit (低保 30 工作日 …), while undecided

    @property
    def is_overdue(self) -> bool:
        return self.due_state == sla.DueState.OVERDUE


def page_query(session, where, flt: QueueFilter, now, soon):
    """One page (and one row more, to know if there is a next) of tasks matching `where` and the filters, most
    urgent first. The instances come in a second query: joining them here would make PostgreSQL sort the whole
    region's tasks instead of reading the first page off the due-date index (see make bench)."""
    return (select(HumanTask).options(selectinload(HumanTask.instance))
            .where(where, *flt.where(session, now, soon)).order_by(*URGENCY)
            .offset((flt.page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1))


def page_of(session, where, flt: QueueFilter, now, soon):
    """(rows, has_next) of one page."""
    tasks = list(session.scalars(page_query(session, where, flt, now, soon)))
    return rows_for(session, tasks[:PAGE_SIZE], now, soon), len(tasks) > PAGE_SIZE


def count(session, where, flt: QueueFilter, now, soon) -> int:
    """How many tasks a tab holds, counted up to COUNT_CAP + 1: a province's 团队任务 tab says "1000+" instead of
    counting a million rows on every page view."""
    capped = select(HumanTask.id).where(where, *flt.where(session, now, soon)).limit(COUNT_CAP + 1).subquery()
    return session.scalar(select(func.count()).select_from(capped))


def rows_for(session, tasks: list[HumanTask], now, soon) -> list[QueueRow]:
    """The page's rows; their cases and the cases' clocks are read in one query each, whatever the page size."""
    case_ids = [case_id_of(t.instance) for t in tasks]
    cases, clocks = cases_by_id(session, case_ids), running_clocks(session, case_ids, now)
    rows = []
    for task, case_id in zip(tasks, case_ids):
        case = cases.get(case_id)
        region = case.region if case else session.get(Region, task.instance.region_id or 0)
        left = workdays.working_days_between(session, now, task.due_dt) if task.due_dt else None
        rows.append(QueueRow(task, case, region, sla.due_state(task, now, soon), left, clocks.get(case_id)))
    return rows


class QueuePage(Controller):
    def _get(self):
        session, now, tabs = db(), engine.clock.now(), tabs_for(self.user)
        flt = QueueFilter.from_args(request.args, tabs, "mine")
        soon = sla.soon_limit(session, self.user.region_id, now)
        counts = {name: count(session, where(self.user), flt, now, soon) for name, (_l, where) in tabs.items()}
        rows, has_next = page_of(session, tabs[flt.tab][1](self.user), flt, now, soon)
        return render_template("queue/index.html", tabs=tabs, counts=counts, rows=rows, flt=flt, has_next=has_next,
                               count_cap=COUNT_CAP,
                               choices=choices(session, self.user.region),
                               views=queue_views.views_for(session, self.user))


class ClaimTask(TaskActionController):
    action = "claim"
    conflict_redirect = "queue.index"

    def _post(self):
        engine.perform(db(), self.action, self.task.id, self.user.id)
        flash(f"已认领任务「{self.task.name}」。", "success")
        return redirect(url_for("tasks.show", task_id=self.task.id), 303)


class BulkClaim(Controller):
    """批量认领: each selected task is claimed or refused on its own; the page lists what happened to each."""

    def _post(self):
        results = bulk.run(db(), self.user, request.form.getlist("task_id"), "claim",
                           lambda task: engine.perform(db(), "claim", task.id, self.user.id))
        return render_template("queue/results.html", title="批量认领结果", results=results,
                               back=request.form.get("back") or url_for("queue.index"))
