"""The once-a-year rules count what was paid, whatever a later decision said: a case that paid a 先行救助 and then had
its 跟进救助 refused still counts toward the same-reason rule (S10; kashi) and the non-resident once-a-year rule (乌海
2021-17 §二), within the calendar year (Beijing time); the next year the person may be helped again."""
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from assistance.core.models import Decision, DecisionOutcome
from assistance.programmes.temporary.intake import TemporaryRefused
from assistance.programmes.temporary.models import TemporaryCase
from engine import InstanceStatus
from engine.workdays import CHINA
from tests.workflows.temporary_steps import (
    CTY,
    FILED,
    LEAD,
    NOTICE_DELIVERED,
    REFUSE,
    TW,
    paid_total,
    paperwork,
    pay_first,
    temporary,  # noqa: F401  (a fixture)
)


@pytest.mark.parametrize("rule, non_resident, paid, follow_up, again, message", [
    ("S10; kashi: same reason once a year", False, "1500", "2490", "fire", "同一事由（火灾）"),
    ("乌海 2021-17 §二: a non-resident once a year", True, "1000", "740", "illness", "非本地户籍"),
])
def test_aid_paid_before_a_refused_follow_up_still_counts_until_the_next_year(
        temporary, session_factory, clock, rule, non_resident, paid, follow_up, again, message):
    first = temporary(hardship="fire", is_non_resident=non_resident, is_urban=not non_resident)
    first.do("Task_pay_first", TW, **pay_first(paid))
    first.do("Task_paperwork", TW, **paperwork(paid, follow_up=follow_up))
    first.do("Task_county_filing", CTY, **FILED)
    first.do("Task_township_approval", LEAD, **REFUSE)          # the follow-up is refused
    first.do("Task_refusal_notice", TW, **NOTICE_DELIVERED)
    assert first.status() == InstanceStatus.COMPLETED
    with session_factory() as s:
        outcomes = [d.outcome for d in s.scalars(select(Decision).where(Decision.case_id == first.case_id))]
    assert outcomes == [DecisionOutcome.REFUSED] and paid_total(session_factory, first.case_id) == Decimal(paid)

    clock.advance(days=200)                                      # September, the same year
    with pytest.raises(TemporaryRefused) as refused:
        temporary(hardship=again, is_non_resident=non_resident, is_urban=not non_resident)
    assert refused.value.earlier_case.id == first.case_id and message in str(refused.value), rule

    clock.set(datetime(2027, 1, 4, 9, tzinfo=CHINA))             # the next calendar year
    later = temporary(hardship=again, is_non_resident=non_resident, is_urban=not non_resident)
    assert later.open_steps() == ["Task_pay_first"]
    with session_factory() as s:
        assert s.get(TemporaryCase, later.case_id).earlier_case_id is None   # last year's aid is not linked


def test_a_refused_follow_up_case_is_linked_from_help_for_another_reason(temporary, session_factory):
    first = temporary(hardship="fire")
    first.do("Task_pay_first", TW, **pay_first("1500"))
    first.do("Task_paperwork", TW, **paperwork("1500", follow_up="2490"))
    first.do("Task_county_filing", CTY, **FILED)
    first.do("Task_township_approval", LEAD, **REFUSE)
    other = temporary(hardship="illness")                       # S10; kashi: another reason is allowed, and linked
    with session_factory() as s:
        assert s.get(TemporaryCase, other.case_id).earlier_case_id == first.case_id
