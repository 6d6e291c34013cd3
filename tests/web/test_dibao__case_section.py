"""The 低保 section of the case page: the clock and the computation shown; objections and extension as actions."""
from sqlalchemy import func, select

import engine
from assistance.core.case_clock import CaseProgress
from assistance.core.models import Case, Household, Member
from assistance.steps.public_notice.models import NoticeObjection
from demo import dibao_cases as demo_cases
from engine import AuditEvent, HumanTask, TaskState, workdays
from engine.workdays import CHINA


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


def _clock(session_factory, case_id):
    with session_factory() as s:
        p = s.get(CaseProgress, case_id)
        extensions = s.scalar(select(func.count()).select_from(AuditEvent).where(
            AuditEvent.action == "case.extend", AuditEvent.subject == f"case:{case_id}"))
        return p.limit_working_days, p.deadline_dt, p.extension_trigger, p.extended_reason, p.extended_dt, extensions


def test_s6_extension_is_the_county_approvers_on_a_listed_ground_and_happens_once(app, login, session_factory):
    """S2 art. 22; S6 §4(1): 公示有异议, 人户分离, 异地申办, 调查核实难度大 — a choice, not free text; once."""
    seeded(session_factory)
    case_id = case_of(session_factory, "冯志刚")
    ground = {"trigger": "household_separated", "note": "申请人长期在外地居住，需异地协查"}
    assert login("township_caseworker_dulin").post(f"/cases/{case_id}/extension", data=ground).status_code == 403
    assert login("county_approver_keyouqianqi").post(f"/cases/{case_id}/extension", data=ground).status_code == 404
    approver = login("county_approver_wulanhaote")
    page = approver.get(f"/cases/{case_id}/dibao").get_data(as_text=True)
    assert "延长办理时限（至 45 个工作日）" in page and 'value="hard_investigation"' in page
    untouched = _clock(session_factory, case_id)
    for refused in ({"reason": "人户分离需异地协查"}, {"trigger": "人户分离需异地协查"}, {"trigger": "其他"}):
        answer = approver.post(f"/cases/{case_id}/extension", data=refused)
        assert answer.status_code == 422 and "请选择延期情形" in answer.get_data(as_text=True)
        assert _clock(session_factory, case_id) == untouched
    assert approver.post(f"/cases/{case_id}/extension", data=ground).status_code == 303
    limit, deadline, trigger, note, extended_dt, extensions = _clock(session_factory, case_id)
    assert (limit, trigger, note, extensions) == (45, "household_separated", "申请人长期在外地居住，需异地协查", 1)
    assert "已延期（人户分离）：申请人长期在外地居住" in approver.get(f"/cases/{case_id}/dibao").get_data(as_text=True)
    again = approver.post(f"/cases/{case_id}/extension", data={"trigger": "hard_investigation"})
    assert again.status_code == 409 and "已延期一次" in again.get_data(as_text=True)
    assert _clock(session_factory, case_id) == (limit, deadline, trigger, note, extended_dt, 1)


def test_s6_no_extension_of_a_decided_case_even_by_a_direct_post(app, login, session_factory):
    seeded(session_factory)
    case_id = case_of(session_factory, "杨秀兰")          # 已确认同意
    approver = login("county_approver_wulanhaote")
    assert "延长办理时限" not in approver.get(f"/cases/{case_id}/dibao").get_data(as_text=True)
    untouched = _clock(session_factory, case_id)
    answer = approver.post(f"/cases/{case_id}/extension", data={"trigger": "hard_investigation"})
    assert answer.status_code == 409 and "已作出审核确认决定" in answer.get_data(as_text=True)
    assert _clock(session_factory, case_id) == untouched and untouched[0] == 30


def test_s2_art_20_the_section_shows_the_county_clock_from_the_receipt_of_the_township_file(app, login,
                                                                                          session_factory):
    seeded(session_factory)
    case_id = case_of(session_factory, "秦建华")           # at the county visit: the file reached the county today
    with session_factory() as s:
        progress = s.get(CaseProgress, case_id)
        received = progress.county_received_dt.astimezone(CHINA)
        assert progress.county_deadline_dt == workdays.deadline(s, received, 10)
        left = workdays.working_days_between(s, engine.clock.now(), progress.county_deadline_dt)
        visit = s.scalar(select(HumanTask).where(HumanTask.element_id == "Task_county_visit",
                                                 HumanTask.state == TaskState.READY))
        assert visit.due_dt == progress.county_deadline_dt     # the visit has what is left of the 10, not 10 more
    text = login("county_caseworker_wulanhaote").get(f"/cases/{case_id}/dibao").get_data(as_text=True)
    assert f"县级于 {received:%Y-%m-%d %H:%M} 收到乡镇报送材料" in text and "第二十条" in text
    assert f"剩余 <strong>{left}</strong> 个工作日" in text and 0 < left < 10
