"""Years chinese-calendar does not know (it stops at 2026): counted Monday to Friday and flagged until an admin loads
the year's schedule; once loaded, its holidays are skipped and its 调休 Saturdays count."""
from datetime import date, datetime

from engine import workdays
from tests.conftest import CST

SCHEDULE_2027 = """date,kind,name
2027-01-01,holiday,元旦
2027-02-06,holiday,春节
2027-02-07,holiday,春节
2027-02-08,holiday,春节
2027-02-20,workday,春节调休上班
"""


def load_2027(session):
    workdays.load_year(session, workdays.parse_schedule(SCHEDULE_2027), source="2027.csv", actor_id=1)
    session.flush()


def test_without_a_2027_schedule_new_years_day_counts_and_the_year_is_flagged(session):
    due = workdays.add_working_days(session, date(2026, 12, 31), 1)
    assert due == date(2027, 1, 1)                   # 元旦, but nobody has told the system yet
    assert workdays.unverified_years(session, date(2026, 12, 31), due) == [2027]
    assert workdays.is_year_loaded(session, 2026) and not workdays.is_year_loaded(session, 2027)


def test_with_the_2027_schedule_new_years_day_is_skipped_and_nothing_is_flagged(session):
    load_2027(session)
    due = workdays.add_working_days(session, date(2026, 12, 31), 1)
    assert due == date(2027, 1, 4)                   # Fri 1 Jan off, then the weekend
    assert workdays.unverified_years(session, date(2026, 12, 31), due) == []
    assert workdays.deadline(session, datetime(2026, 12, 31, 10, tzinfo=CST), 1) == datetime(2027, 1, 4, 23, 59, 59,
                                                                                              tzinfo=CST)


def test_a_loaded_make_up_saturday_is_a_working_day(session):
    assert workdays.add_working_days(session, date(2027, 2, 19), 1) == date(2027, 2, 22)   # not loaded: Mon-Fri
    load_2027(session)
    assert workdays.is_workday(session, date(2027, 2, 20))                                 # 调休上班
    assert workdays.add_working_days(session, date(2027, 2, 19), 1) == date(2027, 2, 20)
    assert workdays.add_working_days(session, date(2027, 2, 5), 1) == date(2027, 2, 9)     # 春节 skipped


def test_unverified_years_spans_every_year_between(session):
    load_2027(session)
    assert workdays.unverified_years(session, datetime(2026, 6, 1, tzinfo=CST), date(2030, 1, 2)) == [2028, 2029, 2030]
    # Beijing time decides the year: 16:30 UTC on 31 Dec is already 1 January in China
    assert workdays.unverified_years(session, datetime.fromisoformat("2028-12-31T16:30:00+00:00"),
                                     date(2029, 1, 1)) == [2029]


def test_year_status_counts_and_sources(session):
    load_2027(session)
    y2026, y2027, y2028 = workdays.year_status(session, [2028, 2026, 2027])
    assert (y2026.source, y2026.holidays, y2026.make_up_days) == ("chinese-calendar", 33, 6)
    assert (y2027.source, y2027.holidays, y2027.make_up_days, y2027.loaded_by) == ("2027.csv", 4, 1, 1)
    assert not y2028.is_loaded and y2028.source is None
