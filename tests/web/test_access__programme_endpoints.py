"""The 低保 endpoints answer only for 低保 cases: a 临时救助 case is a wrong-kind object there (404), and nothing is
written — no extension of its clock, no objection, no audit row."""
import pytest
from sqlalchemy import func, select

from assistance.core.case_clock import CaseProgress
from assistance.steps.public_notice.models import NoticeObjection
from engine import AuditEvent
from tests.web.temporary_helpers import temporary_case


def snapshot(session_factory, case_id):
    with session_factory() as s:
        progress = s.get(CaseProgress, case_id)
        return ((progress.limit_working_days, progress.extension_trigger, progress.extended_dt) if progress else None,
                s.scalar(select(func.count()).select_from(NoticeObjection)),
                s.scalar(select(func.count()).select_from(AuditEvent)))


@pytest.mark.parametrize("path, form", [
    ("extension", {"trigger": "household_separated", "note": "申请人长期在外地居住"}),
    ("objections", {"raised_by": "邻居", "reason": "家中有车"})])
@pytest.mark.parametrize("username", ["county_approver_wulanhaote", "supervisor_wulanhaote",
                                      "township_caseworker_dulin"])
def test_dibao_actions_on_a_temporary_case_are_404_and_change_nothing(app, login, session_factory, path, form,
                                                                       username):
    case_id = temporary_case(session_factory)
    before = snapshot(session_factory, case_id)
    response = login(username).post(f"/cases/{case_id}/{path}", data=form)
    assert response.status_code == 404 and "页面不存在" in response.get_data(as_text=True)
    assert snapshot(session_factory, case_id) == before
