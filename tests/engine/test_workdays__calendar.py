from datetime import date

from engine import workdays
from engine.models import CalendarDay


def test_national_day_holiday_and_make_up_day(session):
    # 2026 National Day: Oct 1-7 off (per chinese-calendar); Sep 20 (Sunday) is a make-up working day
    assert not workdays.is_workday(session, date(2026, 10, 1))
    assert workdays.is_workday(session, date(2026, 9, 20))
    assert workdays.add_working_days(session, date(2026, 9, 30), 1) == date(2026, 10, 8)


def test_spring_festival_is_skipped_and_its_saturday_make_up_day_counts(session):
    # 2026 Spring Festival: Sat Feb 14 is a make-up working day, Feb 15-23 are off
    assert workdays.add_working_days(session, date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert workdays.add_working_days(session, date(2026, 2, 13), 2) == date(2026, 2, 24)


def test_table_overrides_the_package(session):
    session.add(CalendarDay(day=date(2026, 3, 3), is_workday=False, note="地方假日"))
    session.flush()
    assert workdays.add_working_days(session, date(2026, 3, 2), 1) == date(2026, 3, 4)


def test_unknown_future_year_falls_back_to_weekdays(session):
    assert workdays.add_working_days(session, date(2031, 1, 3), 1) == date(2031, 1, 6)


def test_working_days_between(session):
    assert workdays.working_days_between(session, date(2026, 3, 2), date(2026, 3, 9)) == 5
    assert workdays.working_days_between(session, date(2026, 3, 9), date(2026, 3, 2)) == -5
