"""乌海 2021-17 §二: emergency aid to a non-resident is at most 3 × the local 低保 standard in the calendar year, over
everything the person receives under that rule — 先行救助, 跟进救助, the approved amount and its stages, on every one of
their non-resident cases. Each point that pays or fixes an amount refuses what would exceed it, stating the cap, what
was already received and what is left; the task stays open and nothing is written.
Rural household in 和平社区: standard 580.00 元, so the cap is 1,740.00 元 (below the 2,000 元 pay-first ceiling)."""
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

import engine
from assistance.core.models import Decision, Region
from assistance.core.params import set_param
from assistance.programmes.temporary.models import TemporaryCase, TemporaryMeasure
from engine import EngineError, InstanceStatus
from tests.workflows.temporary_steps import (
    CTY,
    FILED,
    LEAD,
    PROCEDURE,
    TOWNSHIP,
    TW,
    approve,
    first_review,
    paid_total,
    paperwork,
    pay,
    pay_first,
    payments,  # noqa: F401  (temporary is a fixture)
    temporary,
)


def non_resident(temporary, hardship="stranded"):
    return temporary(is_non_resident=True, is_urban=False, hardship=hardship)


def refused(walk, element, username, data) -> str:
    with pytest.raises(EngineError) as raised:
        walk.do(element, username, **data)
    assert walk.open_steps() == [element]                       # the task stays open for another amount
    return str(raised.value)


def decisions(session_factory, case_id) -> int:
    with session_factory() as s:
        return s.scalar(select(func.count()).select_from(Decision).where(Decision.case_id == case_id))


def set_township_param(session_factory, key, value, effective_from=date(2026, 1, 1)):
    with session_factory() as s:
        township = s.scalar(select(Region.id).where(Region.code == TOWNSHIP))
        set_param(s, key, value, region_id=township, effective_from=effective_from, actor_id=None)
        s.commit()


@pytest.mark.parametrize("first, follow_up, received, left", [
    ("1740", "2320", "1,740.00", "0.00"),     # the probe: 1,740 + 2,320 = 4,060 元 (7 ×) used to be paid
    ("1000", "2320", "1,000.00", "740.00"),   # the remainder, 740 元, is then allowed
])
def test_wuhai_2_pay_first_and_follow_up_together_stay_within_the_yearly_cap(
        temporary, session_factory, first, follow_up, received, left):
    walk = non_resident(temporary)
    walk.do("Task_pay_first", TW, **pay_first(first))
    text = refused(walk, "Task_paperwork", TW, paperwork(first, follow_up=follow_up))
    assert "当地低保标准的 3 倍，即 1,740.00 元" in text
    assert f"已领取 {received} 元，尚可救助 {left} 元" in text and "本次跟进救助 2,320.00 元超过上限" in text
    with session_factory() as s:                                 # nothing written by the refused step
        assert s.get(TemporaryCase, walk.case_id).paperwork_done_dt is None
        assert s.scalars(select(TemporaryMeasure).where(TemporaryMeasure.case_id == walk.case_id)).all() == []
    if left == "0.00":
        walk.do("Task_paperwork", TW, **paperwork(first))
        walk.do("Task_county_filing", CTY, **FILED)
    else:
        walk.do("Task_paperwork", TW, **paperwork(first, follow_up=left))
        walk.do("Task_county_filing", CTY, **FILED)
        walk.do("Task_township_approval", LEAD, **approve(left))
        walk.do("Task_approval_filing", CTY, **FILED)
        walk.do("Task_pay_stage", TW, **pay())
    assert walk.status() == InstanceStatus.COMPLETED
    assert paid_total(session_factory, walk.case_id) == Decimal("1740.00")


def test_wuhai_2_the_procedure_route_is_held_to_the_same_cap_at_approval(temporary, session_factory):
    walk = non_resident(temporary)
    walk.do("Task_pay_first", TW, **PROCEDURE)                   # 按程序审批 instead of paying first
    walk.do("Task_first_review", LEAD, **first_review("2320"))
    assert walk.open_steps() == ["Task_township_approval"]       # 2,320 = 4 × 580: the township's tier
    text = refused(walk, "Task_township_approval", LEAD, approve("2320"))
    assert "即 1,740.00 元；该人员本年度已领取 0.00 元，尚可救助 1,740.00 元。本次核定救助金额 2,320.00 元" in text
    assert decisions(session_factory, walk.case_id) == 0
    walk.do("Task_township_approval", LEAD, **approve("1740"))
    walk.do("Task_approval_filing", CTY, **FILED)
    walk.do("Task_pay_stage", TW, **pay())
    assert payments(session_factory, walk.case_id) == [("one_off", None, Decimal("1740.00"), "county_fund")]


def test_wuhai_2_the_cap_counts_every_case_of_the_person_paid_or_approved(temporary, session_factory):
    set_township_param(session_factory, "temporary_nonresident_times_per_year", "2")   # a region allowing two
    first = non_resident(temporary, hardship="stranded")
    first.do("Task_pay_first", TW, **PROCEDURE)
    first.do("Task_first_review", LEAD, **first_review("1000"))
    second = non_resident(temporary, hardship="illness")
    second.do("Task_pay_first", TW, **pay_first("1000"))
    text = refused(first, "Task_township_approval", LEAD, approve("1000"))
    assert "已领取 1,000.00 元，尚可救助 740.00 元" in text    # the other case's pay-first counts
    first.do("Task_township_approval", LEAD, **approve("740"))
    text = refused(second, "Task_paperwork", TW, paperwork("1000", follow_up="1"))
    assert "已领取 1,000.00 元，另有已批准待发放 740.00 元，尚可救助 0.00 元" in text
    second.do("Task_paperwork", TW, **paperwork("1000"))
    first.do("Task_approval_filing", CTY, **FILED)
    first.do("Task_pay_stage", TW, **pay())
    assert paid_total(session_factory, first.case_id) + paid_total(session_factory, second.case_id) == Decimal("1740")


def test_wuhai_2_each_stage_payment_is_checked_against_the_cap_in_force(temporary, session_factory, clock):
    walk = non_resident(temporary)
    walk.do("Task_pay_first", TW, **PROCEDURE)
    walk.do("Task_first_review", LEAD, **first_review("1740", stages=2))
    walk.do("Task_township_approval", LEAD, **approve("1740", stages=2))
    walk.do("Task_approval_filing", CTY, **FILED)
    walk.do("Task_pay_stage", TW, **pay())                      # stage 1: 870 元
    set_township_param(session_factory, "temporary_nonresident_cap_multiple", "2", date(2026, 3, 20))
    clock.advance(days=30, seconds=1)
    engine.run_due_jobs(session_factory, "w")
    text = refused(walk, "Task_pay_stage", TW, pay())
    assert "低保标准的 2 倍，即 1,160.00 元；该人员本年度已领取 870.00 元，尚可救助 290.00 元" in text
    assert "本次第 2 期发放 870.00 元超过上限" in text
    assert paid_total(session_factory, walk.case_id) == Decimal("870.00")
