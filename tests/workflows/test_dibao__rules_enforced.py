"""Rules the 低保 process only seemed to enforce (issue 11 items 1 and 7): a standing data-matching mismatch (S2 art. 18),
the survey team (art. 16), the 近亲属 note and the kinship registry (art. 11)."""
from datetime import date

import pytest
from sqlalchemy import func, select

import engine
from assistance.core import kinship
from assistance.core.case_clock import CaseProgress
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import Decision, DecisionOutcome, Region
from assistance.core.params import set_param
from engine import AuditEvent, InstanceStatus
from tests.web.conftest import app, login  # noqa: F401  (the web fixtures, for the form's 422 and the case section)
from tests.workflows.conftest import user
from tests.workflows.steps import ACCEPT, APPLY, APPROVE, COUNTY_OK, FIRST_AGREE, MATCH_BAD, MATCH_OK, VISIT, survey
from tests.workflows.test_dibao__approval import APPR, CTY, LEAD, TW, VIL, engine_jobs
from tests.workflows.test_dibao__refusals import REFUSE


def _decisions(session_factory, case_id):
    with session_factory() as s:
        return s.scalar(select(func.count()).select_from(Decision).where(Decision.case_id == case_id))


def _to_county_confirm_with_mismatch_standing(walk, session_factory, clock):
    """The issue's probe: matching 不符, the applicant does not object, 初审 agrees, the notice passes."""
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, **ACCEPT)
    walk.do("Task_survey", TW, **survey())
    walk.do("Task_matching", CTY, **MATCH_BAD)
    walk.do("Task_inform", TW, informed_on="2026-03-02", applicant_objects=False)
    assert walk.data()["mismatch_stands"] is True
    walk.do("Task_first_review", LEAD, **FIRST_AGREE)
    clock.advance(days=7, seconds=1)
    engine_jobs(session_factory)
    walk.do("Task_county_review", CTY, **COUNTY_OK)
    assert walk.open_steps() == ["Task_county_confirm"]


def test_s2_art_18_a_standing_mismatch_cannot_be_approved_but_can_be_refused(application, session_factory, clock):
    walk = application()
    _to_county_confirm_with_mismatch_standing(walk, session_factory, clock)
    assert walk.data()["assessment"]["monthly_amount"] == "1490.00"    # the amount the issue saw approved
    with pytest.raises(engine.EngineError, match="第十八条"):
        walk.do("Task_county_confirm", APPR, **APPROVE)
    assert walk.open_steps() == ["Task_county_confirm"]                # still to decide, nothing written
    assert _decisions(session_factory, walk.case_id) == 0
    walk.do("Task_county_confirm", APPR, **REFUSE)
    with session_factory() as s:
        decision = s.scalar(select(Decision).where(Decision.case_id == walk.case_id))
        assert (decision.outcome, decision.monthly_amount) == (DecisionOutcome.REFUSED, None)
    assert walk.open_steps() == ["Task_refusal_notice"]


def test_s2_art_18_a_mismatch_resolved_on_recheck_may_be_approved(application, session_factory, clock):
    walk = application()
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, **ACCEPT)
    walk.do("Task_survey", TW, **survey())
    walk.do("Task_matching", CTY, **MATCH_BAD)
    walk.do("Task_inform", TW, informed_on="2026-03-02", applicant_objects=True, objection_evidence="车辆已转让并过户")
    walk.do("Task_recheck", TW, recheck_result="resolved", recheck_note="已过户，与申报相符")
    walk.do("Task_first_review", LEAD, **FIRST_AGREE)
    clock.advance(days=7, seconds=1)
    engine_jobs(session_factory)
    walk.do("Task_county_review", CTY, **COUNTY_OK)
    walk.do("Task_county_confirm", APPR, **APPROVE)
    assert walk.status() == InstanceStatus.COMPLETED
    with session_factory() as s:
        assert s.scalar(select(Decision.outcome).where(Decision.case_id == walk.case_id)) == DecisionOutcome.APPROVED


@pytest.mark.parametrize("investigators, min_size, refusal", [
    pytest.param(dict(investigator_1="李明", investigator_2="李明"), 2, "调查人员重复填写：李明", id="the same person twice"),
    pytest.param(dict(investigator_1="李明", investigator_2="李 明"), 2, "调查人员重复填写：李明",
                 id="the same name with a space"),
    pytest.param(dict(investigator_1="赵建国", investigator_2="王芳"), 2, "调查人员不得是申请家庭成员：赵建国",
                 id="the applicant investigates himself"),
    pytest.param(dict(investigator_1="李明", investigator_2="王芳", investigator_3="钱秀英"), 2,
                 "调查人员不得是申请家庭成员：钱秀英", id="a household member as third investigator"),
    pytest.param(dict(investigator_1="李明", investigator_2="王芳"), 3, "入户调查人员不少于 3 人（第十六条）",
                 id="county requires 3, two named"),
    pytest.param(dict(investigator_1="李明", investigator_2="王芳"), 2, None, id="two different outsiders"),
    pytest.param(dict(investigator_1="李明", investigator_2="王芳", investigator_3="孙强"), 3, None,
                 id="county requires 3, three named"),
])
def test_s2_art_16_the_survey_needs_survey_team_min_size_different_people_outside_the_household(
        application, session_factory, clock, investigators, min_size, refusal):
    if min_size != 2:
        with session_factory() as s:
            city = s.scalar(select(Region).where(Region.code == "152201"))
            set_param(s, "survey_team_min_size", min_size, region_id=city.id, effective_from=date(2026, 1, 1),
                      actor_id=None)
            s.commit()
    walk = application()
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, **ACCEPT)
    if refusal is None:
        walk.do("Task_survey", TW, **survey(**investigators))
        assert walk.open_steps() == ["Task_matching"]
        return
    with pytest.raises(engine.EngineError, match=refusal):
        walk.do("Task_survey", TW, **survey(**investigators))
    assert walk.open_steps() == ["Task_matching", "Task_survey"]       # the survey stays to do
    assert "income_wages" not in walk.data()                           # nothing of the form was kept


def test_s2_art_16_a_refused_survey_team_is_a_422_on_the_form(application, session_factory, clock, login):
    walk = application()
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, **ACCEPT)
    caseworker = login(TW)
    with session_factory() as s:
        task_id = walk.task(s, "Task_survey").id
    assert caseworker.post(f"/tasks/{task_id}/claim").status_code == 303
    form = {key: str(value) for key, value in survey(investigator_2="李明").items() if not isinstance(value, list)}
    form["signed_by_household"] = "true"
    response = caseworker.post(f"/tasks/{task_id}/complete", data=form)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "调查人员重复填写：李明" in page and "入户调查人员不少于 2 人（第十六条）" in page and "流程执行出错" not in page
    assert "Task_survey" in walk.open_steps()


def test_s2_art_11_the_staff_relative_note_is_recorded_and_shown(application, session_factory, clock, login):
    walk = application()
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, materials_complete=True, is_staff_relative=True,
            staff_relative_note="申请人为都林街道经办人李明的表弟")
    with session_factory() as s:
        progress = s.get(CaseProgress, walk.case_id)
        assert progress.is_staff_relative and progress.staff_relative_note == "申请人为都林街道经办人李明的表弟"
    section = login(TW).get(f"/cases/{walk.case_id}/dibao").get_data(as_text=True)
    assert "近亲属备案</mark> 申请人为都林街道经办人李明的表弟" in section


def test_s2_art_11_a_relative_in_the_kinship_registry_sets_the_flag_and_forces_the_county_visit(
        application, session_factory, clock):
    with session_factory() as s:   # a caseworker of another township declared the applicant's wife as his sister
        staff = user(s, "township_caseworker_yilelite")
        kinship.declare(s, user_id=staff.id, id_number=compose_id_number("152201", date(1982, 7, 9), 301),
                        name="钱秀英", relation="兄弟姐妹", actor_id=staff.id)
        s.commit()
    walk = application()
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, **ACCEPT)                               # the box was not ticked
    with session_factory() as s:
        progress = s.get(CaseProgress, walk.case_id)
        assert progress.is_staff_relative
        assert progress.staff_relative_note == f"{staff.display_name}备案：钱秀英系其兄弟姐妹"
        audit = s.scalar(select(AuditEvent).where(AuditEvent.action == "case.staff_relative",
                                                  AuditEvent.subject == f"case:{walk.case_id}"))
        assert audit.after["staff_relative"] is True and audit.reason == "近亲属备案登记比对"
    assert walk.data()["is_staff_relative"] is True
    walk.do("Task_survey", TW, **survey())
    walk.do("Task_matching", CTY, **MATCH_OK)
    walk.do("Task_first_review", LEAD, **FIRST_AGREE)
    clock.advance(days=7, seconds=1)
    engine_jobs(session_factory)
    walk.do("Task_county_review", CTY, **COUNTY_OK)
    assert walk.open_steps() == ["Task_county_visit"]                  # as if the box had been ticked
    walk.do("Task_county_visit", CTY, **VISIT)
    walk.do("Task_county_confirm", APPR, **APPROVE)
    assert walk.status() == InstanceStatus.COMPLETED


def test_s2_art_11_no_relative_declared_and_box_unticked_means_no_flag(application, session_factory, clock):
    walk = application()
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, **ACCEPT)
    with session_factory() as s:
        assert not s.get(CaseProgress, walk.case_id).is_staff_relative
    assert walk.data()["is_staff_relative"] is False

