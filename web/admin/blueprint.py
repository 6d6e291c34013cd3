from flask import Blueprint

from .controllers import DemoClock, JobsPage, RetryJob

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.add_url_rule("/jobs", view_func=JobsPage.as_view("jobs"))
bp.add_url_rule("/jobs/<int:job_id>/retry", view_func=RetryJob.as_view("retry_job"))
bp.add_url_rule("/clock", view_func=DemoClock.as_view("clock"))
