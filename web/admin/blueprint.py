from flask import Blueprint

from . import calendar
from .controllers import DemoClock, JobsPage, RetryJob

bp = Blueprint("admin", __name__, url_prefix="/admin")
bp.add_url_rule("/jobs", view_func=JobsPage.as_view("jobs"))
bp.add_url_rule("/jobs/<int:job_id>/retry", view_func=RetryJob.as_view("retry_job"))
bp.add_url_rule("/clock", view_func=DemoClock.as_view("clock"))
bp.add_url_rule("/calendar", view_func=calendar.CalendarPage.as_view("calendar"))
bp.add_url_rule("/calendar/import", view_func=calendar.ImportCalendar.as_view("calendar_import"))
bp.add_url_rule("/calendar/day", view_func=calendar.SetCalendarDay.as_view("calendar_day"))
bp.add_app_template_global(calendar.unverified_year, "calendar_unverified_year")   # _calendar_flag.html, any page
bp.record(calendar.install)   # the November reminder's message to the admins
