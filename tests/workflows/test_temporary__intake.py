"""急难登记 through assistance.programmes.temporary.intake.start_temporary: the case is opened where the emergency happened and its
process started; a repeat for the same reason this year is refused with nothing written; help for another reason is
allowed and linked to the earlier case; every problem of a bad registration is reported at once."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from assistance.core import china_time
from assistance.core.households import HouseholdInvalid
from assistance.core.models import Case, Household, Region
from assistance.programmes.temporary.intake import TemporaryRefused, start_temporary
from assistance.programmes.temporary.models import TemporaryCase
from engine import ProcessInstance
from tests.workflows.conftest import user
from tests.workflows.temporary_steps import TW, VILLAGE, members, temporary  # noqa: F401  (a fixture)


def counts(session_factory):
    with session_factory() as s:
        return tuple(s.scalar(select(func.count()).select_from(t)) for t in (Case, Household, ProcessInstance))


def test_same_reason_refused_other_reason_linked(temporary, session_factory):
    first = temporary(hardship="fire")
    before = counts(session_factory)
    with pytest.raises(TemporaryRefused) as refused:
        temporary(hardship="fire")
    assert refused.value.earlier_case.id == first.case_id and counts(session_factory) == before
    second = temporary(hardship="illness")
    with session_factory() as s:
        assert s.get(TemporaryCase, second.case_id).earlier_case_id == first.case_id
        assert s.get(TemporaryCase, first.case_id).earlier_case_id is None
        assert s.get(Case, second.case_id).region.code == VILLAGE
    assert second.open_steps() == ["Task_pay_first"]


def test_a_bad_registration_reports_every_problem_and_writes_nothing(temporary, session_factory):
    temporary()   # the demo world and the fund
    before = counts(session_factory)
    with session_factory() as s:
        village = s.scalar(select(Region).where(Region.code == VILLAGE))
        people = members()
        people[1]["id_number"] = "152201198207090000"
        with pytest.raises(HouseholdInvalid) as invalid:
            start_temporary(s, actor_id=user(s, TW).id, incident_village_id=village.id, kind="urgent",
                            hardship="fire", reason=" ", incident_dt=china_time.now() + timedelta(hours=1),
                            members=people)
        s.rollback()
    assert set(invalid.value.errors) == {"kind", "reason", "incident_dt", "members[1].id_number"}
    assert counts(session_factory) == before
