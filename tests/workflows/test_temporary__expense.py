"""临时救助 支出型: the full procedure with an objection during the public notice, the income test failing, refusals
with a written notice, in-kind aid and referral recorded as outcomes."""
from decimal import Decimal

from sqlalchemy import select

from assistance.core.models import Decision, DecisionOutcome
from assistance.programmes.temporary.models import TemporaryCase, TemporaryMeasure
from assistance.steps.public_notice.models import PublicNotice
from engine import InstanceStatus
from tests.workflows.temporary_steps import (
    ACCEPT,
    APPLY,
    CTY,
    FILED,
    LEAD,
    NOTICE_DELIVERED,
    TW,
    VIL,
    approve,
    first_review,  # noqa: F401
    pay,
    payments,
    survey,
    temporary,
)


def through_survey(walk, **survey_data):
    assert walk.open_steps() == ["Task_apply"]
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, **ACCEPT)
    walk.do("Task_survey", TW, **survey(**survey_data))


def decisions(session_factory, case_id):
    with session_factory() as s:
        return list(s.scalars(select(Decision).where(Decision.case_id == case_id).order_by(Decision.id)))


def test_full_procedure_with_an_objection_during_the_notice(temporary, session_factory, clock):
    walk = temporary(kind="expense", hardship="medical", fund=None)
    through_survey(walk)                                       # 60,000 元 / 3 = 20,000 < 40,000 (urban)
    assert walk.data()["income_test"]["passes"] and walk.data()["income_test"]["per_capita"] == "20000.00"
    assert walk.open_steps() == ["Task_first_review"]
    assert walk.data()["proposed_amount"] == Decimal("6640.00")    # reference: 830 × 4 (medical) × 2
    walk.do("Task_first_review", LEAD, **first_review("3000", in_kind_detail="米面油一批",
                                                      referral_target="县慈善总会", referral_detail="大病救助项目"))
    assert walk.open_steps() == []                              # 公示 runs
    clock.advance(days=2)
    walk.object(raised_by="邻居孙某", reason="申请人家有商铺出租收入未申报")
    assert walk.open_steps() == ["Task_choose_handling"]
    walk.do("Task_choose_handling", TW, objection_handling="reinvestigate")
    walk.do("Task_reinvestigate", TW, reinvestigators="李明，王芳", reinvestigation_findings="商铺已于去年转让，异议不成立")
    walk.do("Task_new_opinion", LEAD, first_review_opinion="agree", first_review_note="异议不成立，维持同意")
    assert walk.open_steps() == ["Task_township_approval"]     # 3,000 ≤ 4 × 830
    walk.do("Task_township_approval", LEAD, **approve("3000"))
    assert walk.open_steps() == ["Task_approval_filing"]
    walk.do("Task_approval_filing", CTY, **FILED)
    walk.do("Task_pay_stage", TW, **pay())
    assert walk.status() == InstanceStatus.COMPLETED
    assert payments(session_factory, walk.case_id) == [("one_off", None, Decimal("3000.00"), "county_fund")]
    [decision] = decisions(session_factory, walk.case_id)
    assert (decision.kind, decision.outcome, decision.monthly_amount) == ("temporary_assistance",
                                                                          DecisionOutcome.APPROVED, Decimal("3000.00"))
    assert decision.basis["tier"] == "township" and decision.basis["stage_count"] == 1
    assert decision.basis["stages"] == [{"amount": "3000.00", "due_date": "2026-03-04"}]
    assert decision.office_region.name == "都林街道"
    with session_factory() as s:
        notice = s.scalar(select(PublicNotice).where(PublicNotice.case_id == walk.case_id))
        assert notice.outcome == "objection"
        temp = s.get(TemporaryCase, walk.case_id)
        assert (temp.approved_amount, temp.approval_tier) == (Decimal("3000.00"), "township")
        assert temp.filed_with_county_dt is not None
        measures = sorted((str(m.kind), m.target) for m in s.scalars(
            select(TemporaryMeasure).where(TemporaryMeasure.case_id == walk.case_id)))
        assert measures == [("in_kind", ""), ("referral", "县慈善总会")]


def test_income_at_or_above_the_local_figure_is_refused_in_writing(temporary, session_factory, clock):
    walk = temporary(kind="expense", hardship="medical", fund=None)
    through_survey(walk, income="120000")                      # 40,000 per person: not below 40,000
    assert walk.open_steps() == ["Task_refusal_notice"]
    [decision] = decisions(session_factory, walk.case_id)
    assert decision.outcome == DecisionOutcome.REFUSED and decision.monthly_amount is None
    assert "40,000.00" in decision.reasons and "不符合支出型临时救助条件" in decision.reasons
    walk.do("Task_refusal_notice", TW, **NOTICE_DELIVERED)
    assert walk.status() == InstanceStatus.COMPLETED
    assert payments(session_factory, walk.case_id) == []


def test_first_review_disagreeing_ends_in_a_refusal_with_its_reasons(temporary, session_factory):
    walk = temporary(kind="expense", hardship="education", fund=None)
    through_survey(walk)
    walk.do("Task_first_review", LEAD, **first_review("1000", opinion="disagree"))
    assert walk.open_steps() == ["Task_refusal_notice"]
    [decision] = decisions(session_factory, walk.case_id)
    assert decision.reasons == "家庭已获其他救助，困难已缓解"


def test_incomplete_materials_go_back_to_the_applicant(temporary):
    walk = temporary(kind="expense", hardship="medical", fund=None)
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, materials_complete=False, missing_materials=["医疗费用票据"])
    assert walk.open_steps() == ["Task_apply"]
