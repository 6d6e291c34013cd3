from flask import abort, current_app, flash, redirect, render_template, request, url_for
from sqlalchemy import func, select

import engine
from engine import Conflict, Job, JobStatus, audit_watch, jobs, workdays

from ..controller import AdminController
from ..converters import int_arg
from ..database import db, session_factory


class JobsPage(AdminController):
    """后台作业: incidents (jobs that failed their last attempt) with a retry button, and the queue's size."""

    def _get(self):
        incidents = db().scalars(select(Job).where(Job.status == JobStatus.INCIDENT).order_by(Job.id.desc()))
        pending = db().scalar(select(func.count()).select_from(Job).where(Job.status == JobStatus.PENDING))
        return render_template("admin/jobs.html", incidents=list(incidents), pending=pending,
                               unverified=workdays.unverified_task_years(db()),
                               audit_check=audit_watch.last_verification(db()))


class RetryJob(AdminController):
    def _load(self, job_id: int):
        self.job = db().get(Job, job_id) or abort(404)

    def _post(self):
        if self.job.status != JobStatus.INCIDENT:
            raise Conflict("该作业不是故障状态，无需重试。")
        jobs.retry_incident(db(), self.job.id, actor_id=self.user.id)
        flash(f"作业 {self.job.id} 已重新排队。", "success")
        return redirect(url_for("admin.jobs"), 303)


class DemoClock(AdminController):
    """演示时钟: on a demo server (serve --demo-clock) an admin moves time forward and due timers fire at once."""

    def _load(self):
        if not current_app.config.get("DEMO_CLOCK") or not isinstance(engine.clock.current(), engine.clock.OffsetClock):
            abort(404)

    def _get(self):
        return render_template("admin/clock.html", now=engine.clock.now(), offset=engine.clock.current().offset)

    def _post(self):
        days = int_arg(request.form, "days")
        if days is None or not 1 <= days <= 400:
            flash("请输入 1 到 400 之间的天数。", "warning")
            return render_template("admin/clock.html", now=engine.clock.now(),
                                   offset=engine.clock.current().offset), 422
        before = engine.clock.now()
        engine.clock.current().advance(days=days)
        engine.audit.record(db(), "clock.advance", actor_id=self.user.id, subject="clock",
                            before={"now": before}, after={"now": engine.clock.now()}, reason=f"演示：拨快 {days} 天")
        db().commit()
        fired = engine.run_due_jobs(session_factory(), f"demo-clock:{self.user.id}")
        flash(f"时钟已拨快 {days} 天，执行了 {fired} 个到期作业。", "success")
        return redirect(url_for("admin.clock"), 303)
