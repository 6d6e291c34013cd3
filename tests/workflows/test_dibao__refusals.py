"""低保: data-matching mismatch, objections during the notice, 民主评议, staff relatives, refusal with reasons."""
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

import engine
from assistance.core.case_clock import CaseProgress
from assistance.core.models import Case, Decision, DecisionOutcome
from assistance.programmes.dibao import procedure as dibao
from assistance.steps.public_notice.models import NoticeObjection, PublicNotice
from engine import InstanceStatus
from engine.workdays import CHINA
from tests.workflows.steps import (
    ACCEPT,
    APPLY,
    APPROVE,
    COUNTY_NO,
    COUNTY_OK,
    FIRST_AGREE,
    FIRST_DISAGREE,
    MATCH_BAD,
    MATCH_OK,
    VISIT,
    survey,
)
from tests.workflows.test_dibao__approval import APPR, CTY, LEAD, TW, VIL, engine_jobs

REFUSE = dict(decision="refuse", refusal_reasons="信息核对显示家庭有非生活必需车辆，不符合低保条件")


def to_matching(walk, accept=ACCEPT, **survey_overrides):
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, **accept)
    walk.do("Task_survey", TW, **survey(**survey_overrides))


def test_mismatch_objection_and_recheck_resolves_then_approval(application, session_factory, clock):
    walk = application()
    to_matching(walk)
    walk.do("Task_matching", CTY, **MATCH_BAD)
    assert walk.open_steps() == ["Task_inform"]
    walk.do("Task_inform", TW, informed_on="2026-03-04", applicant_objects=True,
            objection_evidence="车辆已于2025年转让，附转让合同")
    walk.do("Task_recheck", TW, recheck_result="confirmed", recheck_note="转让未过户，仍不符")
    assert walk.open_steps() == ["Task_inform"]                      # still a mismatch: told again
    walk.do("Task_inform", TW, informed_on="2026-03-05", applicant_objects=True, objection_evidence="已补办过户")
    walk.do("Task_recheck", TW, recheck_result="resolved", recheck_note="已过户，与申报相符")
    assert walk.open_steps() == ["Task_first_review"]
    assert walk.data()["eligible"] is True


def test_mismatch_without_objection_ends_in_a_reasoned_refusal_and_a_notice_within_3_working_days(
        application, session_factory, clock):
    walk = application()
    to_matching(walk)
    walk.do("Task_matching", CTY, **MATCH_BAD)
    walk.do("Task_inform", TW, informed_on="2026-03-04", applicant_objects=False)
    assert walk.data()["mismatch_stands"] is True and walk.data()["eligible"] is False
    walk.do("Task_first_review", LEAD, **FIRST_DISAGREE)
    assert walk.open_steps() == ["Task_county_review"]              # disagreement is not published, it goes up
    walk.do("Task_county_review", CTY, **COUNTY_NO)
    with pytest.raises(engine.ValidationFailed) as refused:
        walk.do("Task_county_confirm", APPR, decision="refuse")
    assert "refusal_reasons" in refused.value.errors
    walk.do("Task_county_confirm", APPR, **REFUSE)
    assert walk.open_steps() == ["Task_refusal_notice"]
    with session_factory() as s:
        decision = s.scalar(select(Decision).where(Decision.case_id == walk.case_id))
        assert decision.outcome == DecisionOutcome.REFUSED and decision.monthly_amount is None
        assert decision.reasons == REFUSE["refusal_reasons"]
        assert decision.notice_due_dt == datetime(2026, 3, 5, 23, 59, 59, tzinfo=CHINA)   # Monday + 3 working days
        notice_task = s.scalar(select(engine.HumanTask).where(engine.HumanTask.element_id == "Task_refusal_notice"))
        assert notice_task.due_dt == decision.notice_due_dt
    walk.do("Task_refusal_notice", TW, notice_delivered_on="2026-03-04", delivery_method="in_person",
            notice_recipient="赵建国")
    assert walk.status() == InstanceStatus.COMPLETED


def test_approving_an_ineligible_household_is_refused_and_changes_nothing(application, clock):
    walk = application()
    to_matching(walk, wages="5000")
    walk.do("Task_matching", CTY, **MATCH_OK)
    walk.do("Task_first_review", LEAD, **FIRST_DISAGREE)
    walk.do("Task_county_review", CTY, **COUNTY_NO)
    with pytest.raises(engine.EngineError, match="不符合低保条件"):
        walk.do("Task_county_confirm", APPR, **APPROVE)
    assert walk.open_steps() == ["Task_county_confirm"]


def objection_during_notice(walk, clock):
    to_matching(walk)
    walk.do("Task_matching", CTY, **MATCH_OK)
    walk.do("Task_first_review", LEAD, **FIRST_AGREE)
    clock.advance(days=3)
    walk.object()
    assert walk.open_steps() == ["Task_choose_handling"]


def test_objection_during_notice_leads_to_reinvestigation_county_visit_and_approval(application, session_factory,
                                                                                      clock):
    walk = application()
    objection_during_notice(walk, clock)
    walk.do("Task_choose_handling", TW, objection_handling="reinvestigate")
    walk.do("Task_reinvestigate", TW, reinvestigators="李明，王芳", reinvestigation_findings="轿车属亲戚所有，异议不成立")
    walk.do("Task_new_opinion", LEAD, **FIRST_AGREE)
    assert walk.open_steps() == ["Task_county_review"]              # no second notice by default
    walk.do("Task_county_review", CTY, **COUNTY_OK)
    assert walk.open_steps() == ["Task_county_visit"]               # a complaint arrived: the county must visit
    walk.do("Task_county_visit", CTY, **VISIT)
    walk.do("Task_county_confirm", APPR, **APPROVE)
    with session_factory() as s:
        notice = s.scalar(select(PublicNotice).where(PublicNotice.case_id == walk.case_id))
        objection = s.scalar(select(NoticeObjection).where(NoticeObjection.case_id == walk.case_id))
        assert (notice.outcome, objection.raised_by) == ("objection", "邻居张某")
        assert s.get(CaseProgress, walk.case_id).complaint_received
        assert s.scalar(select(Decision.monthly_amount).where(Decision.case_id == walk.case_id)) == Decimal("1490.00")


def test_objection_then_democratic_appraisal_then_refusal(application, session_factory, clock):
    walk = application()
    objection_during_notice(walk, clock)
    walk.do("Task_choose_handling", TW, objection_handling="appraisal")
    with pytest.raises(engine.ValidationFailed):
        walk.do("Task_appraisal", TW, appraisal_date="2026-03-06", appraisal_participants="村两委成员、村民代表",
                appraisal_participant_count=2, appraisal_result="unqualified")
    walk.do("Task_appraisal", TW, appraisal_date="2026-03-06", appraisal_participants="村两委成员3人、村民代表6人",
            appraisal_participant_count=9, appraisal_result="unqualified", appraisal_minutes="多数认为家庭有车，不符合")
    walk.do("Task_new_opinion", LEAD, **FIRST_DISAGREE)
    walk.do("Task_county_review", CTY, **COUNTY_NO)
    walk.do("Task_county_visit", CTY, **VISIT)
    walk.do("Task_county_confirm", APPR, **REFUSE)
    assert walk.open_steps() == ["Task_refusal_notice"]


def test_renotice_after_objection_when_the_county_requires_it(application, session_factory, clock):
    from datetime import date

    from assistance.core.models import Region
    from assistance.core.params import set_param
    with session_factory() as s:
        city = s.scalar(select(Region).where(Region.code == "152201"))
        set_param(s, "renotice_after_objection", True, region_id=city.id, effective_from=date(2026, 1, 1),
                  actor_id=None)
        s.commit()
    walk = application()
    objection_during_notice(walk, clock)
    walk.do("Task_choose_handling", TW, objection_handling="reinvestigate")
    walk.do("Task_reinvestigate", TW, reinvestigators="李明，王芳", reinvestigation_findings="异议不成立")
    walk.do("Task_new_opinion", LEAD, **FIRST_AGREE)
    assert walk.open_steps() == []                                  # posted again for 7 days
    clock.advance(days=7, seconds=1)
    engine_jobs(session_factory)
    assert walk.open_steps() == ["Task_county_review"]
    with session_factory() as s:
        rounds = s.scalars(select(PublicNotice.outcome).where(PublicNotice.case_id == walk.case_id)
                           .order_by(PublicNotice.round)).all()
        assert rounds == ["objection", "no_objection"]


def test_staff_relative_case_forces_the_county_visit_and_separates_duties(application, session_factory, clock):
    walk = application()
    to_matching(walk, accept=dict(materials_complete=True, is_staff_relative=True,
                                  staff_relative_note="申请人为都林街道经办人李明的表弟"))
    walk.do("Task_matching", CTY, **MATCH_OK)
    walk.do("Task_first_review", LEAD, **FIRST_AGREE)
    clock.advance(days=7, seconds=1)
    engine_jobs(session_factory)
    walk.do("Task_county_review", CTY, **COUNTY_OK)
    assert walk.open_steps() == ["Task_county_visit"]
    walk.do("Task_county_visit", CTY, **VISIT)
    walk.do("Task_county_confirm", APPR, **APPROVE)
    with session_factory() as s:
        assert s.get(CaseProgress, walk.case_id).is_staff_relative


def test_no_path_onto_dibao_skips_acceptance_investigation_and_confirmation(application, session_factory, clock):
    walk = application()
    walk.do("Task_apply", VIL, **APPLY)
    with session_factory() as s:
        case = s.get(Case, walk.case_id)
        with pytest.raises(engine.EngineError, match="第二十八条"):
            dibao.record_decision(s, walk.instance(s), case, "approved", {"is_eligible": True,
                                                                       "monthly_amount": "1490.00"}, None)
