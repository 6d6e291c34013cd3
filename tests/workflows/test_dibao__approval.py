"""低保 审核确认: the straight path, resubmission of materials, delegated confirmation, extension."""
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from assistance.core.case_clock import CaseProgress
from assistance.core.models import Case, Decision, DecisionOutcome
from assistance.programmes.dibao import procedure as dibao
from engine import InstanceStatus, ValidationFailed
from engine.workdays import CHINA
from tests.workflows.conftest import user
from tests.workflows.steps import ACCEPT, APPLY, APPROVE, COUNTY_OK, FIRST_AGREE, MATCH_OK, survey

TW, LEAD, CTY, APPR, VIL = ("township_caseworker_dulin", "township_leader_dulin", "county_caseworker_wulanhaote",
                            "county_approver_wulanhaote", "village_assistant_heping")


def through_first_review(walk, clock):
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, **ACCEPT)
    assert walk.open_steps() == ["Task_matching", "Task_survey"]
    walk.do("Task_survey", TW, **survey())
    walk.do("Task_matching", CTY, **MATCH_OK)
    walk.do("Task_first_review", LEAD, **FIRST_AGREE)


def test_straight_approval_fixes_the_amount_from_next_month(application, session_factory, clock):
    walk = application()
    assert walk.open_steps() == ["Task_apply"]
    assert not walk.can_claim("Task_apply", TW)            # the village assistant's step
    through_first_review(walk, clock)
    assessment = walk.data()["assessment"]
    assert assessment["standard"] == "830.00" and assessment["monthly_income"] == "1000.00"
    assert assessment["monthly_amount"] == "1490.00" and assessment["is_eligible"]
    assert walk.open_steps() == []                          # 公示 runs: nobody has a task for 7 days
    clock.advance(days=6, hours=23)
    engine_jobs(session_factory)                            # (the notice sheet's document job may run here)
    assert walk.open_steps() == []
    clock.advance(hours=2)
    engine_jobs(session_factory)
    assert walk.open_steps() == ["Task_county_review"]
    walk.do("Task_county_review", CTY, **COUNTY_OK)
    assert walk.open_steps() == ["Task_county_confirm"]     # no staff relative, no complaint: no county visit
    assert not walk.can_claim("Task_county_confirm", CTY)
    walk.do("Task_county_confirm", APPR, **APPROVE)
    assert walk.status() == InstanceStatus.COMPLETED
    with session_factory() as s:
        decision = s.scalar(select(Decision).where(Decision.case_id == walk.case_id))
        assert decision.outcome == DecisionOutcome.APPROVED
        assert decision.monthly_amount == Decimal("1490.00") and isinstance(decision.monthly_amount, Decimal)
        assert decision.effective_month == date(2026, 4, 1)
        assert decision.office_region.name == "乌兰浩特市"
        assert [m["name"] for m in decision.members] == ["赵建国", "钱秀英", "赵小军"]


def test_incomplete_materials_are_listed_once_and_resubmitted(application, clock):
    walk = application()
    walk.do("Task_apply", VIL, **APPLY)
    with pytest.raises(ValidationFailed) as refused:     # incomplete needs the full list of missing materials
        walk.do("Task_accept", TW, materials_complete=False, is_staff_relative=False, missing_materials=[])
    assert refused.value.errors == {"missing_materials": "至少需要 1 项"}
    walk.do("Task_accept", TW, materials_complete=False, is_staff_relative=False,
            missing_materials=["户口簿", "家庭收入情况说明"])
    assert walk.open_steps() == ["Task_supplement"]
    walk.do("Task_supplement", VIL, supplied_materials=["户口簿", "家庭收入情况说明"])
    walk.do("Task_accept", TW, **ACCEPT)
    assert walk.open_steps() == ["Task_matching", "Task_survey"]


def test_acceptance_starts_the_30_working_day_clock_and_it_can_be_extended_once(application, session_factory,
                                                                                  clock):
    walk = application()
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, **ACCEPT)
    with session_factory() as s:
        case = s.get(Case, walk.case_id)
        progress = s.get(CaseProgress, case.id)
        # accepted Monday 2026-03-02; 30 working days later (Qingming 4-6 April off) is Tuesday 14 April
        assert (progress.limit_working_days, progress.deadline_dt) == (30, datetime(2026, 4, 14, 23, 59, 59,
                                                                                    tzinfo=CHINA))
        assert dibao.working_days_left(s, case) == 30
        approver = user(s, APPR).id
        dibao.extend_deadline(s, case, "household_separated", actor_id=approver, note="申请人人户分离，需异地协查")
        s.commit()
        assert progress.limit_working_days == 45 and progress.deadline_dt.date() == date(2026, 5, 8)
        with pytest.raises(Exception, match="已延期一次"):
            dibao.extend_deadline(s, case, "hard_investigation", actor_id=approver)


def test_delegated_county_lets_the_township_confirm_within_20_working_days(application, session_factory, clock):
    from assistance.core.models import Region
    from assistance.core.params import set_param
    with session_factory() as s:
        city = s.scalar(select(Region).where(Region.code == "152201"))
        set_param(s, "county_delegates_confirmation", True, region_id=city.id, effective_from=date(2026, 1, 1),
                  actor_id=None, reason="乌兰浩特市审核确认权限下放")
        s.commit()
    walk = application()
    through_first_review(walk, clock)
    clock.advance(days=7, seconds=1)
    engine_jobs(session_factory)
    assert walk.open_steps() == ["Task_township_confirm"]
    with session_factory() as s:    # whoever did the household survey may not confirm it
        confirm = walk.task(s, "Task_township_confirm")
        assert user(s, TW).id in confirm.excluded
    walk.do("Task_township_confirm", LEAD, **APPROVE)
    with session_factory() as s:
        assert s.get(CaseProgress, walk.case_id).limit_working_days == 20
        decision = s.scalar(select(Decision).where(Decision.case_id == walk.case_id))
        assert decision.office_region.name == "都林街道" and decision.monthly_amount == Decimal("1490.00")


def engine_jobs(session_factory):
    import engine
    return engine.run_due_jobs(session_factory, "test-worker")
