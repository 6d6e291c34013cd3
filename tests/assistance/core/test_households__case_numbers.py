"""Case numbers: prefix by programme, year in Beijing time, a serial that never repeats even under concurrency."""
import threading
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from assistance.core.households import open_case, register_household
from assistance.core.models import Case, CaseStatus, Household
from engine.models import AuditEvent


@pytest.fixture
def make_household(session, tree, id_number):
    serials = iter(range(101, 999, 2))

    def make():
        return register_household(session, region_id=tree["heping"].id, address="和平社区", is_urban=True,
                                  actor_id=None, members=[{"name": "王堃", "relation": "本人", "is_applicant": True,
                                                           "id_number": id_number(date(1968, 5, 12), next(serials))}])
    return make


def test_numbers_count_up_per_prefix_and_year(session, clock, make_household):
    first = open_case(session, household=make_household(), programme="dibao_application", actor_id=None)
    second = open_case(session, household=make_household(), programme="dibao_application", actor_id=None)
    other = open_case(session, household=make_household(), programme="temporary_assistance", actor_id=None)
    assert (first.number, second.number, other.number) == ("DB-2026-000001", "DB-2026-000002", "LS-2026-000001")
    assert (first.status, first.region_id) == (CaseStatus.OPEN, first.household.region_id)
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "case.open")).first()
    assert event.after["number"] == "DB-2026-000001"


def test_the_year_is_beijings_new_year_not_utcs(session, clock, make_household):
    clock.set(datetime(2026, 12, 31, 17, 0, tzinfo=timezone.utc))   # 2027-01-01 01:00 in Beijing
    case = open_case(session, household=make_household(), programme="demo_application", actor_id=None)
    assert case.number == "DB-2027-000001"


def test_a_process_no_programme_registered_opens_no_case(session, clock, make_household):
    with pytest.raises(LookupError, match="'x'"):
        open_case(session, household=make_household(), programme="x", actor_id=None)


def test_a_second_open_case_for_the_same_programme_is_refused(session, clock, make_household):
    household = make_household()
    first = open_case(session, household=household, programme="dibao_application", actor_id=None)
    with pytest.raises(ValueError, match=f"已有在办案件{first.number}"):
        open_case(session, household=household, programme="dibao_application", actor_id=None)


def test_concurrent_openings_never_share_a_number(session, session_factory, clock, make_household):
    household_ids = [make_household().id for _ in range(8)]
    session.commit()
    numbers, failures = [], []

    def open_one(household_id):
        for _attempt in range(20):   # SQLite refuses a second writer outright; a real caller retries the unit of work
            with session_factory() as s:
                try:
                    case = open_case(s, household=s.get(Household, household_id), programme="dibao_application",
                                     actor_id=None)
                    s.commit()
                    numbers.append(case.number)
                    return
                except OperationalError:
                    s.rollback()
        failures.append(household_id)

    threads = [threading.Thread(target=open_one, args=(hid,)) for hid in household_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
    assert sorted(numbers) == [f"DB-2026-{n:06d}" for n in range(1, 9)]
    session.expire_all()
    assert len(set(session.scalars(select(Case.number)))) == 8
