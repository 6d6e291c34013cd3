"""团队任务: every open task in the supervisor's region subtree, by tab (overdue, due soon, escalated, suspended,
unclaimed), with the queue's filters; bulk reassign and bulk claim with a result per task."""
from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import and_, select

import engine
from assistance.core import access
from assistance.core.models import User
from assistance.worklist import sla
from engine import HumanTask, TaskState

from ..controller import Controller
from ..converters import int_arg
from ..database import db
from ..queue import bulk
from ..queue.controllers import COUNT_CAP, count, page_of
from ..queue.filters import QueueFilter, choices


class SupervisorController(Controller):
    def _check_access(self):
        if not access.can_supervise(self.user):
            raise engine.Forbidden("只有主管可以查看团队任务。")


def team_tabs(user, now, soon) -> dict:
    team = access.team_tasks(user)
    return {
        "open": ("全部在办", team),
        "overdue": ("已逾期", and_(team, sla.due_filter(sla.DueState.OVERDUE, now, soon))),
        "soon": ("即将到期", and_(team, sla.due_filter(sla.DueState.SOON, now, soon))),
        "escalated": ("升级待处理", access.escalated_to(user)),
        "unclaimed": ("待认领", and_(team, HumanTask.assignee_id.is_(None))),
        "suspended": ("已挂起", and_(team, HumanTask.state == TaskState.SUSPENDED)),
    }


class TeamPage(SupervisorController):
    def _get(self):
        session, now = db(), engine.clock.now()
        soon = sla.soon_limit(session, self.user.region_id, now)
        tabs = team_tabs(self.user, now, soon)
        flt = QueueFilter.from_args(request.args, tabs, "open")
        counts = {name: count(session, where, flt, now, soon) for name, (_label, where) in tabs.items()}
        rows, has_next = page_of(session, tabs[flt.tab][1], flt, now, soon)
        holders = {r.task.assignee_id for r in rows} - {None}
        names = dict(session.execute(select(User.id, User.display_name).where(User.id.in_(holders))).all())
        return render_template("supervise/index.html", tabs=tabs, counts=counts, rows=rows, flt=flt,
                               count_cap=COUNT_CAP, has_next=has_next, names=names,
                               choices=choices(session, self.user.region),
                               receivers=list(session.scalars(access.receivers(self.user, "reassign"))))


class BulkReassign(SupervisorController):
    """批量改派: the same checks as one reassignment, task by task; the result page says what happened to each."""

    def _post(self):
        back = request.form.get("back") or url_for("supervise.index")
        target = db().get(User, int_arg(request.form, "user_id", 0))
        if target is None:
            flash("请选择改派给谁。", "warning")
            return redirect(back, 303)
        reason = request.form.get("reason", "").strip()[:500] or None

        def reassign(task):
            access.check_receiver(self.user, target, task, "reassign")
            engine.perform(db(), "reassign", task.id, self.user.id, target_user_id=target.id, reason=reason)

        results = bulk.run(db(), self.user, request.form.getlist("task_id"), "reassign", reassign,
                           done_message=f"已改派给{target.display_name}")
        return render_template("queue/results.html", title="批量改派结果", results=results, back=back)
