"""临时救助 分级审批 by the DMN table temporary_approval_tier: the amount as a multiple of the local 低保 standard
(830.00 元, urban) decides township (≤ 4×), county (≤ 10×) or 一事一议 (above, or a major case), boundaries included;
the approver's authority; a decision row per tier, from the right office."""
from decimal import Decimal

import pytest
from sqlalchemy import select

import engine
from assistance.core import access
from assistance.core.models import Decision, DecisionOutcome
from assistance.programmes.temporary.models import TemporaryCase
from engine import EngineError, HumanTask, InstanceStatus, TaskState
from tests.workflows.conftest import user
from tests.workflows.temporary_steps import (
    APPR,
    LEAD,
    PROCEDURE,
    REFUSE,
    TW,
    approve,
    first_review,
    pay,
    payments,
    temporary,  # noqa: F401
)

CONVENER, CHAIR = "county_approver_wulanhaote", "coordination_chair_wulanhaote"


def to_tier(walk, amount):
    walk.do("Task_pay_first", TW, **PROCEDURE)
    walk.do("Task_first_review", LEAD, **first_review(amount))
    return walk.open_steps()


@pytest.mark.parametrize("amount, multiple, step", [
    ("3320.00", "4", "Task_township_approval"),      # exactly 4 × 830: still the township's
    ("3320.01", "4.0001", "Task_county_approval"),   # one 分 above
    ("8300.00", "10", "Task_county_approval"),       # exactly 10 ×: still the county's
    ("8300.01", "10.0001", "Call_discussion"),       # above: 一事一议
])
def test_each_tier_and_its_boundary(temporary, amount, multiple, step):
    walk = temporary()
    steps = to_tier(walk, amount)
    data = walk.data()
    assert data["amount_multiple"] == Decimal(multiple)
    expected = {"Task_township_approval": "township", "Task_county_approval": "county",
                "Call_discussion": "one_case_one_discussion"}[step]
    assert data["approval_tier"] == expected
    assert steps == (["Task_discussion_convene"] if step == "Call_discussion" else [step])


def test_a_major_case_goes_to_the_discussion_whatever_the_amount(temporary):
    walk = temporary(is_major=True)
    assert to_tier(walk, "500") == ["Task_discussion_convene"]
    assert walk.data()["approval_tier"] == "one_case_one_discussion"


def test_county_approval_records_a_county_decision_and_pays_once(temporary, session_factory):
    walk = temporary()
    to_tier(walk, "5000")
    assert not walk.can_claim("Task_county_approval", LEAD)    # the county approver's step
    with pytest.raises(EngineError, match="超过报批金额"):       # the tier was fixed for 5,000
        walk.do("Task_county_approval", APPR, **approve("5000.01"))
    walk.do("Task_county_approval", APPR, **approve("4800"))
    assert walk.open_steps() == ["Task_pay_stage"]              # no filing: the county decided itself
    walk.do("Task_pay_stage", TW, **pay())
    assert walk.status() == InstanceStatus.COMPLETED
    with session_factory() as s:
        decision = s.scalar(select(Decision).where(Decision.case_id == walk.case_id))
        assert decision.office_region.name == "乌兰浩特市" and decision.decided_by == user(s, APPR).id
        assert decision.basis["tier"] == "county" and decision.basis["amount_multiple"] == "6.0241"
        assert decision.basis["reference_amount"] == "4980.00"
        assert s.get(TemporaryCase, walk.case_id).approval_tier == "county"
    assert payments(session_factory, walk.case_id) == [("one_off", None, Decimal("4800.00"), "county_fund")]


def test_township_refusal_leads_to_the_refusal_notice(temporary, session_factory):
    walk = temporary()
    to_tier(walk, "1000")
    walk.do("Task_township_approval", LEAD, **REFUSE)
    assert walk.open_steps() == ["Task_refusal_notice"]
    with session_factory() as s:
        decision = s.scalar(select(Decision).where(Decision.case_id == walk.case_id))
        assert decision.outcome == DecisionOutcome.REFUSED and decision.office_region.name == "都林街道"
        assert decision.notice_due_dt is not None
        assert s.get(TemporaryCase, walk.case_id).approved_amount is None


def discussion_step(walk, element, username, data, group=None):
    with walk.factory() as s:
        actor = user(s, username)
        task = next(t for t in s.scalars(select(HumanTask).where(
            HumanTask.instance_id == walk.instance(s).id, HumanTask.element_id == element,
            HumanTask.state == TaskState.READY)) if group is None or t.group == group)
        assert access.can_claim(actor, task), f"{username} may not claim {element}"
        engine.claim(s, task.id, actor.id)
        engine.complete(s, task.id, actor.id, data)
        s.commit()


def test_discussion_decides_the_amount_and_the_county_pays_it(temporary, session_factory):
    walk = temporary()
    to_tier(walk, "12000")
    data = walk.data()
    assert "14.4579 倍" in data["discussion_reason"] and data["discussion_subject"].startswith("临时救助一事一议")
    discussion_step(walk, "Task_discussion_convene", CONVENER, {
        "discussion_subject": data["discussion_subject"], "discussion_departments": ["finance", "health"],
        "discussion_working_days": 3})
    for department in ("finance", "health"):
        discussion_step(walk, "Task_discussion_opinion", f"coordination_member_{department}_wulanhaote",
                        {"discussion_opinion_recommendation": "agree", "discussion_opinion_text": "同意救助"},
                        group=department)
    discussion_step(walk, "Task_discussion_decide", CHAIR, {
        "discussion_decision": "approve", "discussion_decision_amount": Decimal("10000"),
        "discussion_decision_measures": "医保兜底报销，县慈善总会资助", "discussion_decision_paying": ["finance"],
        "discussion_minutes": "会商同意给予临时救助 10000 元"})
    assert walk.open_steps() == ["Task_pay_stage"]
    with session_factory() as s:
        decision = s.scalar(select(Decision).where(Decision.case_id == walk.case_id,
                                                   Decision.kind == "temporary_assistance"))
        assert decision.monthly_amount == Decimal("10000.00") and decision.basis["tier"] == "one_case_one_discussion"
        assert decision.office_region.name == "乌兰浩特市" and decision.decided_by == user(s, CHAIR).id
        assert decision.reasons == "医保兜底报销，县慈善总会资助"
