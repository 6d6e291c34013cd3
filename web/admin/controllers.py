from flask import abort, flash, redirect, render_template, url_for
from sqlalchemy import func, select

from engine import Conflict, Job, JobStatus, jobs

from ..controller import AdminController
from ..database import db


class JobsPage(AdminController):
    """后台作业: incidents (jobs that failed their last attempt) with a retry button, and the queue's size."""

    def _get(self):
        incidents = db().scalars(select(Job).where(Job.status == JobStatus.INCIDENT).order_by(Job.id.desc()))
        pending = db().scalar(select(func.count()).select_from(Job).where(Job.status == JobStatus.PENDING))
        return render_template("admin/jobs.html", incidents=list(incidents), pending=pending)


class RetryJob(AdminController):
    def _load(self, job_id: int):
        self.job = db().get(Job, job_id) or abort(404)

    def _post(self):
        if self.job.status != JobStatus.INCIDENT:
            raise Conflict("该作业不是故障状态，无需重试。")
        jobs.retry_incident(db(), self.job.id, actor_id=self.user.id)
        flash(f"作业 {self.job.id} 已重新排队。", "success")
        return redirect(url_for("admin.jobs"), 303)
