"""临时救助 rules before any process runs: the amount standards tied to the 低保 standard, the non-resident cap and
the once-a-year rules (a repeat is refused, naming the earlier case; aid paid counts whatever a later decision)."""
from datetime import date, datetime
from decimal import Decimal

import pytest

from assistance.core.china_time import CHINA
from assistance.core.households import open_case, register_household
from assistance.core.models import Decision, DecisionOutcome
from assistance.core.params import set_param
from assistance.programmes.temporary import intake as temporary
from assistance.programmes.temporary.models import (
    Hardship,
    PaymentKind,
    TemporaryCase,
    TemporaryKind,
    TemporaryPayment,
)


@pytest.fixture
def standards(session, tree):
    set_param(session, "dibao_standard_urban", "830", region_id=tree["league"].id, effective_from=date(2025, 1, 1),
              actor_id=None)
    set_param(session, "dibao_standard_rural", "580", region_id=tree["league"].id, effective_from=date(2025, 1, 1),
              actor_id=None)


@pytest.mark.parametrize("hardship, size, urban, expected", [
    ("fire", 1, True, "2490.00"),         # 830 × 3
    ("fire", 3, True, "4980.00"),         # 830 × 3 × (1 + 0.5 × 2)
    ("fire", 9, True, "7470.00"),         # household counted up to 5: × 3
    ("traffic", 2, False, "1740.00"),     # 580 × 2 × 1.5
    ("medical", 1, False, "2320.00"),     # 580 × 4
    ("stranded", 1, True, "830.00"),
])
def test_reference_amount_is_a_multiple_of_the_standard(session, clock, tree, standards, hardship, size, urban,
                                                         expected):
    amount = temporary.reference_amount(session, tree["heping"].id, hardship, size, urban)
    assert amount == Decimal(expected)


def test_reference_amount_follows_the_parameters_and_rounds_up_to_the_yuan(session, clock, tree, standards):
    set_param(session, "temporary_multiple_fire", "2.25", region_id=tree["city"].id, effective_from=date(2026, 1, 1),
              actor_id=None)
    set_param(session, "temporary_extra_member_ratio", "0.3", region_id=tree["city"].id,
              effective_from=date(2026, 1, 1), actor_id=None)
    # 830 × 2.25 × 1.3 = 2427.75 → 2428
    assert temporary.reference_amount(session, tree["heping"].id, Hardship.FIRE, 2, True) == Decimal("2428.00")
    assert temporary.reference_amount(session, tree["pingan"].id, Hardship.FIRE, 2, True) == Decimal("3735.00")


def test_non_resident_cap_is_three_times_the_local_standard(session, clock, tree, standards):
    assert temporary.nonresident_cap(session, tree["heping"].id, True) == Decimal("2490.00")
    assert temporary.nonresident_cap(session, tree["pingan"].id, False) == Decimal("1740.00")


def _given(session, tree, id_number, hardship=Hardship.FIRE, non_resident=False, at=None, refused=False, paid=None):
    household = register_household(session, region_id=tree["heping"].id, address="和平社区", is_urban=True, members=[
        {"name": "过路人", "id_number": id_number, "relation": "本人", "is_applicant": True}], actor_id=None)
    case = open_case(session, household=household, programme="temporary_assistance", actor_id=None)
    at = at or datetime(2026, 2, 1, 10, tzinfo=CHINA)
    session.add(TemporaryCase(case_id=case.id, kind=TemporaryKind.EMERGENCY, hardship=hardship, reason="火灾",
                              person_id_number=id_number, incident_region_id=tree["heping"].id, incident_dt=at,
                              is_non_resident=non_resident, created_dt=at))
    if paid is not None:
        session.add(TemporaryPayment(case_id=case.id, kind=PaymentKind.PAY_FIRST, amount=Decimal(paid), method="cash",
                                     source="reserve_fund", recipient="过路人", paid_dt=at))
    if refused:
        session.add(Decision(case_id=case.id, kind="temporary_assistance", outcome=DecisionOutcome.REFUSED,
                             members=[], basis={}, office_region_id=tree["dulin"].id, decided_dt=at))
    session.flush()
    return case


def test_same_reason_twice_in_a_year_is_refused_with_the_earlier_case(session, clock, tree, id_number):
    person = id_number(area="430102")
    earlier = _given(session, tree, person)
    with pytest.raises(temporary.TemporaryRefused, match=f"已因同一事由（火灾）在案件 {earlier.number}") as refused:
        temporary.check_repeat(session, tree["heping"].id, person, "fire", is_non_resident=False)
    assert refused.value.earlier_case.id == earlier.id
    temporary.check_repeat(session, tree["heping"].id, person, "illness", is_non_resident=False)   # another reason


def test_last_year_and_refused_cases_do_not_count(session, clock, tree, id_number):
    person = id_number(area="430102")
    _given(session, tree, person, at=datetime(2025, 12, 31, 23, 30, tzinfo=CHINA))   # last year in Beijing time
    _given(session, tree, person, refused=True)
    temporary.check_repeat(session, tree["heping"].id, person, "fire", is_non_resident=True)


@pytest.mark.parametrize("non_resident, message", [(False, "同一事由（火灾）"), (True, "非本地户籍")])
def test_a_case_that_paid_counts_even_if_a_later_decision_refused(session, clock, tree, id_number, non_resident,
                                                                  message):
    # S10; kashi (same reason) and 乌海 2021-17 §二 (non-resident once a year): what was paid is aid given
    person = id_number(area="430102")
    earlier = _given(session, tree, person, non_resident=non_resident, refused=True, paid="1000")
    with pytest.raises(temporary.TemporaryRefused, match=message) as refused:
        temporary.check_repeat(session, tree["heping"].id, person, "fire", is_non_resident=non_resident)
    assert refused.value.earlier_case.id == earlier.id


def test_non_resident_aid_adds_payments_and_unpaid_approvals_of_every_case(session, clock, tree, id_number):
    # 乌海 2021-17 §二: the yearly cap is over all of the person's non-resident cases; resident cases do not count
    person = id_number(area="430102")
    first = _given(session, tree, person, non_resident=True, paid="600")
    _given(session, tree, person, hardship=Hardship.ILLNESS, non_resident=False, paid="900")
    session.add(Decision(case_id=first.id, kind="temporary_assistance", outcome=DecisionOutcome.APPROVED,
                         monthly_amount=Decimal("500.00"), members=[], basis={}, office_region_id=tree["dulin"].id,
                         decided_dt=datetime(2026, 2, 2, 10, tzinfo=CHINA)))
    session.flush()
    assert temporary.nonresident_aid(session, person, 2026) == (Decimal("600.00"), Decimal("500.00"))
    assert temporary.nonresident_aid(session, person, 2026, except_plan_of=first.id) == (Decimal("600.00"), 0)
    assert temporary.nonresident_aid(session, person, 2025) == (0, 0)


def test_a_non_resident_is_helped_once_a_year_whatever_the_reason(session, clock, tree, id_number):
    person = id_number(area="430102")
    earlier = _given(session, tree, person, hardship=Hardship.STRANDED, non_resident=True)
    with pytest.raises(temporary.TemporaryRefused, match=f"非本地户籍，本年度已在案件 {earlier.number}"):
        temporary.check_repeat(session, tree["heping"].id, person, "illness", is_non_resident=True)
    set_param(session, "temporary_nonresident_times_per_year", "2", region_id=tree["city"].id,
              effective_from=date(2026, 1, 1), actor_id=None)
    temporary.check_repeat(session, tree["heping"].id, person, "illness", is_non_resident=True)


def test_the_same_reason_rule_is_a_parameter(session, clock, tree, id_number):
    person = id_number(area="430102")
    _given(session, tree, person)
    set_param(session, "temporary_same_reason_once_per_year", "false", region_id=tree["city"].id,
              effective_from=date(2026, 1, 1), actor_id=None)
    temporary.check_repeat(session, tree["heping"].id, person, "fire", is_non_resident=False)
