"""工作日历: admins load each year's State Council holiday schedule (a CSV file, see engine.workdays.parse_schedule)
or set single days; pages flag deadlines counted Monday to Friday; the yearly reminder reaches the admins' inbox."""
from datetime import date, datetime

from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select

import engine
from assistance.core import access
from assistance.core.models import User
from assistance.worklist import notifications
from engine import CalendarDay, events, workdays
from engine.models import CalendarYear

from ..controller import AdminController
from ..database import db

MAX_BYTES = 256 * 1024   # a year's schedule is a few dozen lines


def _render(errors=(), status: int = 200, form=None):
    session = db()
    this_year = engine.clock.now().astimezone(workdays.CHINA).year
    in_use = workdays.unverified_task_years(session)
    imported = session.scalars(select(CalendarYear.year).where(CalendarYear.year >= this_year))
    years = workdays.year_status(session, {*range(this_year, this_year + 3), *imported, *in_use})
    shown = [y.year for y in years]
    days = session.scalars(select(CalendarDay).where(CalendarDay.day.between(
        date(shown[0], 1, 1), date(shown[-1], 12, 31))).order_by(CalendarDay.day))
    days_by_year = {}
    for day in days:
        days_by_year.setdefault(day.day.year, []).append(day)
    loaders = {y.loaded_by for y in years} - {None}
    people = {u.id: u for u in session.scalars(select(User).where(User.id.in_(loaders)))} if loaders else {}
    return render_template("admin/calendar.html", years=years, unverified=in_use, days_by_year=days_by_year,
                           people=people, errors=list(errors), form=form or {},
                           package_last=max(workdays.PACKAGE_YEARS)), status


class CalendarPage(AdminController):
    """Each year: 已载入 (from chinese-calendar or a file, with its counts, who and when) or 仅按周一至周五计算."""

    def _get(self):
        return _render()


class ImportCalendar(AdminController):
    """Upload one year's schedule: every problem listed at once and nothing written, or the year replaced."""

    def _post(self):
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            return _render(["请选择要上传的节假日安排文件（CSV）。"], 422)
        data = upload.stream.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            return _render([f"文件过大（最多 {MAX_BYTES // 1024} KB）：一年的安排只有几十行。"], 422)
        try:
            schedule = workdays.parse_schedule(data)
        except workdays.ScheduleError as exc:
            return _render(exc.errors, 422)
        workdays.load_year(db(), schedule, source=upload.filename, actor_id=self.user.id)
        status = workdays.year_status(db(), [schedule.year])[0]
        flash(f"已载入 {schedule.year} 年节假日安排：放假 {status.holidays} 天，调休上班 {status.make_up_days} 天。",
              "success")
        return redirect(url_for("admin.calendar"), 303)


class SetCalendarDay(AdminController):
    """Make one day a holiday or a working day (a correction, or a day announced after the schedule)."""

    def _post(self):
        raw, kind, name = request.form.get("day", ""), request.form.get("kind"), request.form.get("name", "")
        day, errors = workdays.parse_date(raw), []
        if day is None:
            errors.append(f"日期「{raw}」无效，应写成 2027-01-01 的格式。")
        if kind not in ("holiday", "workday"):
            errors.append("请选择这一天放假还是上班。")
        if len(name.strip()) > workdays.NAME_MAX:
            errors.append(f"名称过长（最多 {workdays.NAME_MAX} 字）。")
        if errors:
            return _render(errors, 422, form=request.form)
        workdays.set_day(db(), day, kind == "workday", name, actor_id=self.user.id)
        flash(f"已将 {day} 设为{'工作日' if kind == 'workday' else '放假'}。", "success")
        return redirect(url_for("admin.calendar"), 303)


def unverified_year(due: date | datetime | None) -> int | None:
    """The year of a due date when its schedule is not loaded (the deadline is a Monday-to-Friday count), else None.
    A template global, for _calendar_flag.html."""
    if due is None:
        return None
    year = (due.astimezone(workdays.CHINA) if isinstance(due, datetime) else due).year
    return None if workdays.is_year_loaded(db(), year) else year


def tell_admins(session, year: int) -> None:
    """The reminder found next year's schedule missing: every enabled admin hears of it in the inbox."""
    admins = session.scalars(select(User.id).where(User.role.in_(access.ADMINS), User.is_enabled.is_(True)))
    notifications.notify(
        session, list(admins), kind="calendar.year_missing", title=f"{year}年节假日安排尚未载入",
        body=f"请在「管理 → 工作日历」上传国务院办公厅公布的{year}年节假日和调休安排"
             f"（或运行 flask --app web calendar import 文件）。载入之前，{year}年的办理期限只按周一至周五推算。")


def install(_state=None) -> None:
    """Wired when the admin blueprint is registered (every create_app, the worker's included); idempotent."""
    events.subscribe(workdays.MISSING_EVENT, tell_admins)
