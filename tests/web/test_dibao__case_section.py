"""The 低保 section of the case page: the clock and the computation shown; objections and extension as actions."""
from sqlalchemy import select

from assistance.core.case_clock import CaseProgress
from assistance.core.models import Case, Household, Member
from assistance.steps.public_notice.models import NoticeObjection
from demo import dibao_cases as demo_cases
from engine import HumanTask, TaskState


def case_of(session_factory, applicant: str) -> int:
    with session_factory() as s:
        return s.scalar(select(Case.id).join(Household).join(Member).where(Member.name == applicant,
                                                                           Case.programme == "dibao_application"))


def seeded(session_factory):
    with session_factory() as s:
        demo_cases.seed_demo_cases(s)
        s.commit()


def test_section_shows_remaining_days_the_computation_and_the_running_notice(app, login, session_factory):
    seeded(session_factory)
    page = login("township_caseworker_dulin").get(f"/cases/{case_of(session_factory, '卫国庆')}/dibao")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "剩余 <strong>30</strong> 个工作日" in text and "工资性收入" in text and "月保障金" in text
    assert "公示中" in text and "登记公示异议" in text


def test_an_objection_from_the_case_page_stops_the_notice_and_creates_the_handling_task(app, login,
                                                                                     session_factory):
    seeded(session_factory)
    case_id = case_of(session_factory, "卫国庆")
    caseworker = login("township_caseworker_dulin")
    refused = caseworker.post(f"/cases/{case_id}/objections", data={"raised_by": "王某", "reason": "短"})
    assert refused.status_code == 303
    with session_factory() as s:
        assert s.scalar(select(NoticeObjection.id).where(NoticeObjection.case_id == case_id)) is None   # too short
    done = caseworker.post(f"/cases/{case_id}/objections", data={"raised_by": "王某", "reason": "申请人家有轿车"})
    assert done.status_code == 303
    with session_factory() as s:
        assert s.scalar(select(NoticeObjection.raised_by).where(NoticeObjection.case_id == case_id)) == "王某"
        assert s.get(CaseProgress, case_id).complaint_received
        handling = s.scalars(select(HumanTask).where(HumanTask.state == TaskState.READY,
                                                    HumanTask.element_id == "Task_choose_handling")).all()
        assert [t.instance.business_key for t in handling].count(str(case_id)) == 1
    again = caseworker.get(f"/cases/{case_id}/dibao").get_data(as_text=True)
    assert "因异议中止" in again and "登记公示异议" not in again


def test_extension_is_the_county_approvers_and_happens_once(app, login, session_factory):
    seeded(session_factory)
    case_id = case_of(session_factory, "冯志刚")
    assert login("township_caseworker_dulin").post(f"/cases/{case_id}/extension",
                                                   data={"reason": "人户分离需异地协查"}).status_code == 403
    assert login("county_approver_keyouqianqi").post(f"/cases/{case_id}/extension",
                                                     data={"reason": "人户分离需异地协查"}).status_code == 404
    approver = login("county_approver_wulanhaote")
    assert approver.post(f"/cases/{case_id}/extension", data={"reason": "人户分离需异地协查"}).status_code == 303
    assert approver.post(f"/cases/{case_id}/extension", data={"reason": "再延一次"}).status_code == 303
    with session_factory() as s:
        progress = s.get(CaseProgress, case_id)
        assert (progress.limit_working_days, progress.extended_reason) == (45, "人户分离需异地协查")
