"""Completing a task: server-side validation against the JSON Schema, the assignee rule, and the case timeline."""
from datetime import date

from sqlalchemy import func, select

from assistance.core.idnumbers import compose_id_number, mask_id
from engine import AuditEvent, HumanTask, ProcessInstance

APPROVE = {"decision": "approve", "monthly_income": "1234.50", "opinion": "情况属实，同意公示"}


def claimed_task(start_case, login, open_task, username="township_caseworker_dulin"):
    case_id = start_case()
    worker = login(username)
    task = open_task(case_id)
    assert worker.post(f"/tasks/{task.id}/claim").status_code == 303
    return case_id, task, worker


def test_task_page_shows_case_instructions_and_prefilled_form(start_case, login, open_task):
    case_id, task, worker = claimed_task(start_case, login, open_task)
    page = worker.get(f"/tasks/{task.id}").get_data(as_text=True)
    full_id = compose_id_number("152201", date(1975, 4, 1), 123)
    assert "赵敏" in page and mask_id(full_id) in page and full_id not in page
    assert "核对申请人和家庭成员信息" in page                       # the BPMN documentation
    assert 'type="radio" name="decision" value="approve"' in page and "同意，进入公示" in page
    assert 'step="0.01"' in page and 'min="0"' in page             # money, no negatives
    assert "<textarea" in page and 'minlength="2"' in page and 'maxlength="500"' in page
    assert "/release" in page


def test_valid_submission_completes_and_appears_in_the_timeline(start_case, login, open_task, session_factory):
    case_id, task, worker = claimed_task(start_case, login, open_task)
    response = worker.post(f"/tasks/{task.id}/complete", data=APPROVE)
    assert response.status_code == 303
    with session_factory() as s:
        assert s.get(HumanTask, task.id).state == "completed"
        event = s.scalars(select(AuditEvent).where(AuditEvent.action == "task.complete")).one()
        assert event.after["data"]["monthly_income"] == "1234.50"     # money kept as a decimal, not a float
    page = worker.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "办结「乡镇审核」" in page and "审核结论：同意，进入公示" in page and "情况属实，同意公示" in page
    assert "乌兰浩特市都林街道乡镇经办人" in page or "都林街道乡镇经办人" in page


def test_invalid_submission_is_422_with_messages_and_changes_nothing(start_case, login, open_task, session_factory):
    case_id, task, worker = claimed_task(start_case, login, open_task)
    with session_factory() as s:
        audit_rows = s.scalar(select(func.count()).select_from(AuditEvent))
        state_before = s.get(ProcessInstance, task.instance_id).state
    response = worker.post(f"/tasks/{task.id}/complete",
                           data={"decision": "approve", "monthly_income": "-5", "opinion": "好"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "不能小于 0" in page and "至少 2 个字符" in page
    assert 'value="-5"' in page and ">好</textarea>" in page            # what they typed comes back
    with session_factory() as s:
        assert s.get(HumanTask, task.id).state == "reserved"
        assert s.get(ProcessInstance, task.instance_id).state == state_before
        assert s.scalar(select(func.count()).select_from(AuditEvent)) == audit_rows


def test_missing_required_choice_is_reported_on_the_field(start_case, login, open_task):
    case_id, task, worker = claimed_task(start_case, login, open_task)
    response = worker.post(f"/tasks/{task.id}/complete", data={"opinion": "材料齐全"})
    assert response.status_code == 422 and "此项必填" in response.get_data(as_text=True)


def test_completing_a_task_held_by_someone_else_is_409(start_case, login, open_task, session_factory):
    case_id, task, holder_browser = claimed_task(start_case, login, open_task)
    with session_factory() as s:
        holder = s.get(HumanTask, task.id).assignee_id
    other = _second_caseworker(session_factory, login)
    response = other.post(f"/tasks/{task.id}/complete", data=APPROVE)
    assert response.status_code == 409 and "不在您名下" in response.get_data(as_text=True)
    with session_factory() as s:
        assert s.get(HumanTask, task.id).state == "reserved" and s.get(HumanTask, task.id).assignee_id == holder
    assert holder_browser.post(f"/tasks/{task.id}/complete", data=APPROVE).status_code == 303   # the holder still can


def test_release_returns_the_task_to_the_pool(start_case, login, open_task):
    case_id, task, worker = claimed_task(start_case, login, open_task)
    assert worker.post(f"/tasks/{task.id}/release").status_code == 303
    assert open_task(case_id).assignee_id is None
    assert worker.post(f"/tasks/{task.id}/complete", data=APPROVE).status_code == 409


def test_returned_application_goes_to_the_village_assistant(start_case, login, open_task):
    case_id, task, worker = claimed_task(start_case, login, open_task)
    worker.post(f"/tasks/{task.id}/complete", data={"decision": "return", "opinion": "缺少收入证明"})
    supplement = open_task(case_id)
    assert supplement.name == "补充材料" and supplement.role == "village_assistant"
    assistant = login("village_assistant_heping")
    assert "补充材料" in assistant.get("/?tab=claimable").get_data(as_text=True)


def _second_caseworker(session_factory, login):
    """Another township caseworker in 都林街道, so the task holder has a colleague in the same pool."""
    from assistance.core.models import User
    with session_factory() as s:
        model = s.scalars(select(User).where(User.username == "township_caseworker_dulin")).one()
        s.add(User(username="township_caseworker_dulin_2", display_name="都林街道经办人二", role=model.role,
                   region_id=model.region_id, password_hash=model.password_hash))
        s.commit()
    return login("township_caseworker_dulin_2")
