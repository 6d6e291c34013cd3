"""Task actions in the browser: only allowed buttons are shown; delegate/resolve, escalate, reassign, suspend/resume
and drafts work and are audited with reasons; a form opened before a reassignment is refused cleanly."""
import pytest
from sqlalchemy import select

from assistance.worklist.notifications import Notification
from tests.web.queue_helpers import OPINION, task_row, uid

HOLDER = "township_caseworker_dulin"


@pytest.fixture
def held(q_case, login):
    _case_id, task_id = q_case()
    holder = login(HOLDER)
    assert holder.post(f"/tasks/{task_id}/claim").status_code == 303
    return task_id, holder


def buttons(browser, task_id):
    page = browser.get(f"/tasks/{task_id}").get_data(as_text=True)
    return {name for name in ("complete", "draft", "release", "delegate", "resolve", "escalate", "reassign",
                              "suspend", "resume", "claim") if f"/tasks/{task_id}/{name}\"" in page}


def test_each_person_sees_only_the_actions_they_may_take(held, colleague, login):
    task_id, holder = held
    assert buttons(holder, task_id) == {"complete", "draft", "release", "delegate", "escalate"}
    assert buttons(colleague, task_id) == set()
    supervisor = login("supervisor_wulanhaote")
    assert buttons(supervisor, task_id) == {"reassign", "suspend"}
    supervisor.post(f"/tasks/{task_id}/suspend", data={"reason": "户籍迁移核实中"})
    assert buttons(supervisor, task_id) == {"resume"} and buttons(holder, task_id) == set()


def test_a_form_opened_before_a_reassignment_is_refused_with_a_message(held, colleague, login, session_factory):
    task_id, holder = held
    holder.get(f"/tasks/{task_id}")                                   # the form is open in the holder's browser
    supervisor = login("supervisor_wulanhaote")
    response = supervisor.post(f"/tasks/{task_id}/reassign", data={"user_id": uid(session_factory, "dulin_2"),
                                                                     "reason": "原经办人外出"})
    assert response.status_code == 303
    response = holder.post(f"/tasks/{task_id}/complete", data=OPINION)
    assert response.status_code == 409 and "不在您名下" in response.get_data(as_text=True)
    task = task_row(session_factory, task_id)
    assert (task.state, task.assignee_id) == ("reserved", uid(session_factory, "dulin_2"))
    assert colleague.post(f"/tasks/{task_id}/complete", data=OPINION).status_code == 303
    with session_factory() as s:
        note = s.scalar(select(Notification).where(Notification.kind == "task.assigned"))
        assert note.user_id == uid(session_factory, "dulin_2") and "原经办人外出" in note.body


def test_delegate_then_resolve_then_the_owner_completes(held, colleague, session_factory):
    task_id, holder = held
    assert holder.post(f"/tasks/{task_id}/delegate", data={"user_id": uid(session_factory, "dulin_2"),
                                                           "reason": "请核对收入"}).status_code == 303
    assert "我委托的（1）" in holder.get("/").get_data(as_text=True)
    assert "我的待办（1）" in colleague.get("/").get_data(as_text=True)
    assert buttons(colleague, task_id) == {"draft", "resolve"}
    assert colleague.post(f"/tasks/{task_id}/complete", data=OPINION).status_code == 409
    colleague.post(f"/tasks/{task_id}/draft", data={"opinion": "收入已核实"})
    assert colleague.post(f"/tasks/{task_id}/resolve").status_code == 303
    page = holder.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert 'value="收入已核实"' in page                                   # the delegate's work comes back with it
    assert holder.post(f"/tasks/{task_id}/complete", data=OPINION).status_code == 303
    history = holder.get(f"/tasks/{task_id}").get_data(as_text=True)
    for entry in ("认领", "委托", "原因：请核对收入", "保存草稿", "交回委托人", "提交办结"):
        assert entry in history


def test_escalation_needs_a_reason_and_reaches_the_supervisors_queue(held, login, session_factory):
    task_id, holder = held
    response = holder.post(f"/tasks/{task_id}/escalate", data={"reason": " "})
    assert response.status_code == 422 and "请填写原因" in response.get_data(as_text=True)
    assert task_row(session_factory, task_id).assignee_id is not None
    assert holder.post(f"/tasks/{task_id}/escalate", data={"reason": "家庭情况复杂"}).status_code == 303
    assert f"/tasks/{task_id}" not in holder.get("/?tab=claimable").get_data(as_text=True)
    supervisor = login("supervisor_wulanhaote")
    queue = supervisor.get("/?tab=escalated").get_data(as_text=True)
    assert "升级待处理（1）" in queue and f"/tasks/{task_id}" in queue
    inbox = supervisor.get("/inbox").get_data(as_text=True)
    assert "任务「队列审核」已升级，待您处理" in inbox and "家庭情况复杂" in inbox
    supervisor.post(f"/tasks/{task_id}/reassign", data={"user_id": uid(session_factory, HOLDER)})
    task = task_row(session_factory, task_id)
    assert (task.assignee_id, task.escalated_dt) == (uid(session_factory, HOLDER), None)


def test_a_draft_is_kept_and_marks_the_task_in_progress(held, session_factory):
    task_id, holder = held
    assert holder.post(f"/tasks/{task_id}/draft", data={"opinion": "待"}).status_code == 303   # unvalidated
    page = holder.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert 'value="待"' in page and "办理中" in page and "已载入" in page
    assert task_row(session_factory, task_id).state == "in_progress"
    assert holder.post(f"/tasks/{task_id}/complete", data={"opinion": "待"}).status_code == 422   # still validated


def test_suspended_task_cannot_be_completed_until_resumed(held, login):
    task_id, holder = held
    supervisor = login("supervisor_wulanhaote")
    assert supervisor.post(f"/tasks/{task_id}/suspend", data={"reason": ""}).status_code == 422
    assert supervisor.post(f"/tasks/{task_id}/suspend", data={"reason": "待公安核查"}).status_code == 303
    response = holder.post(f"/tasks/{task_id}/complete", data=OPINION)
    assert response.status_code == 409 and "挂起" in response.get_data(as_text=True)
    assert "已挂起" in holder.get("/").get_data(as_text=True)
    assert supervisor.post(f"/tasks/{task_id}/resume").status_code == 303
    assert holder.post(f"/tasks/{task_id}/complete", data=OPINION).status_code == 303
