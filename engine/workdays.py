"""Working-day calendar: Chinese public holidays and 调休 make-up days (chinese-calendar), overridable per day."""
from datetime import date, datetime, time, timedelta, timezone

import chinese_calendar
from sqlalchemy import select

from .models import CalendarDay

CHINA = timezone(timedelta(hours=8))
END_OF_DAY = time(23, 59, 59)


def _overrides(session, start: date, end: date) -> dict[date, bool]:
    rows = session.execute(select(CalendarDay.day, CalendarDay.is_workday)
                           .where(CalendarDay.day >= start, CalendarDay.day <= end))
    return dict(rows.all())


def _is_workday(day: date, overrides: dict[date, bool]) -> bool:
    if day in overrides:
        return overrides[day]
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:   # a year the package does not know yet: admins add its holidays as overrides
        return day.weekday() < 5


def is_workday(session, day: date) -> bool:
    return _is_workday(day, _overrides(session, day, day))


def add_working_days(session, start: date | datetime, n: int) -> date:
    """The date n working days after start (start itself not counted); n=0 gives the next working day on or after."""
    if isinstance(start, datetime):
        start = start.astimezone(CHINA).date()
    overrides = _overrides(session, start, start + timedelta(days=n * 3 + 30))
    day, left = start, n
    if n == 0:
        while not _is_workday(day, overrides):
            day += timedelta(days=1)
        return day
    while left > 0:
        day += timedelta(days=1)
        if _is_workday(day, overrides):
            left -= 1
    return day


def working_days_between(session, start: date | datetime, end: date | datetime) -> int:
    """Working days after start up to and including end (negative when end is before start)."""
    if isinstance(start, datetime):
        start = start.astimezone(CHINA).date()
    if isinstance(end, datetime):
        end = end.astimezone(CHINA).date()
    sign, lo, hi = (1, start, end) if end >= start else (-1, end, start)
    overrides = _overrides(session, lo, hi)
    count = sum(_is_workday(lo + timedelta(days=i), overrides) for i in range(1, (hi - lo).days + 1))
    return sign * count


def deadline(session, start: datetime, working_days: int) -> datetime:
    """The end (23:59:59 Beijing time) of the n-th working day after start: what 'within n 工作日' means."""
    return datetime.combine(add_working_days(session, start, working_days), END_OF_DAY, CHINA)
