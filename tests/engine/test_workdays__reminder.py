"""The November reminder: one pending job however many workers start; on 1 November (Beijing time) it announces a
missing next-year schedule, stays quiet when it is loaded, and comes back a year later."""
from datetime import datetime

from sqlalchemy import select

from engine import AuditEvent, Job, JobStatus, events, run_due_jobs, workdays
from tests.conftest import CST
from tests.engine.test_runtime__races import race


def pending(session_factory):
    with session_factory() as s:
        return s.scalars(select(Job).where(Job.kind == workdays.REMINDER_KIND, Job.status == JobStatus.PENDING)).all()


def ensure(session_factory):
    with session_factory() as s:
        workdays.ensure_reminder(s)
        s.commit()


def heard():
    """The years announced missing (the engine tests' subscribers are reset after each test)."""
    years = []
    events.subscribe(workdays.MISSING_EVENT, lambda session, year: years.append(year))
    return years


def test_scheduled_once_for_the_next_first_of_november(session_factory, clock):
    ensure(session_factory)
    ensure(session_factory)
    [job] = pending(session_factory)
    assert job.due_dt == datetime(2026, 11, 1, tzinfo=CST)


def test_two_workers_starting_at_once_schedule_one(session_factory, clock):
    results = race(session_factory, workdays.ensure_reminder, workdays.ensure_reminder)
    assert results == {"a": "ok", "b": "ok"}
    assert len(pending(session_factory)) == 1


def test_started_in_december_it_is_due_at_once(session_factory, clock):
    clock.set(datetime(2026, 12, 4, 10, tzinfo=CST))
    ensure(session_factory)
    assert [j.due_dt for j in pending(session_factory)] == [clock.now()]


def test_fires_once_for_a_missing_year_and_reschedules_a_year_later(session_factory, clock):
    years = heard()
    ensure(session_factory)
    clock.set(datetime(2026, 10, 31, 23, 59, tzinfo=CST))
    assert run_due_jobs(session_factory, "w") == 0                  # not yet
    clock.set(datetime(2026, 11, 1, 0, 0, tzinfo=CST))
    assert run_due_jobs(session_factory, "w") == 1
    assert run_due_jobs(session_factory, "w") == 0                  # once
    assert years == [2027]
    [job] = pending(session_factory)
    assert job.due_dt == datetime(2027, 11, 1, tzinfo=CST)
    with session_factory() as s:
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == "calendar.reminder")).all()
        assert event.subject == "calendar:2027"


def test_quiet_when_next_year_is_loaded(session_factory, clock):
    years = heard()
    with session_factory() as s:
        workdays.load_year(s, workdays.parse_schedule("date,kind\n2027-01-01,holiday\n"), source="2027.csv")
        workdays.ensure_reminder(s)
        s.commit()
    clock.set(datetime(2026, 11, 2, 9, tzinfo=CST))
    assert run_due_jobs(session_factory, "w") == 1
    assert years == []
    assert [j.due_dt for j in pending(session_factory)] == [datetime(2027, 11, 1, tzinfo=CST)]
    clock.set(datetime(2027, 11, 1, 8, tzinfo=CST))                 # a year on, 2028 is missing
    assert run_due_jobs(session_factory, "w") == 1
    assert years == [2028]
