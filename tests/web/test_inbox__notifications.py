"""通知: the inbox badge, the list, opening a message (marks it read and leads to its task), privacy."""
from sqlalchemy import select

from assistance.worklist.notifications import Notification
from tests.web.queue_helpers import uid


def test_a_reassignment_reaches_the_inbox_and_opening_it_leads_to_the_task(q_case, login, session_factory,
                                                                          colleague):
    _c, task_id = q_case()
    login("supervisor_wulanhaote").post(f"/tasks/{task_id}/reassign", data={
        "user_id": uid(session_factory, "dulin_2"), "reason": "原经办人外出"})
    page = colleague.get("/inbox").get_data(as_text=True)
    assert 'id="unread-count">1<' in page and "任务「队列审核」已交给您办理" in page and "原经办人外出" in page
    with session_factory() as s:
        note = s.scalar(select(Notification))
    response = colleague.post(f"/inbox/{note.id}/open")
    assert response.status_code == 303 and response.headers["Location"] == f"/tasks/{task_id}"
    assert 'id="unread-count"' not in colleague.get("/inbox").get_data(as_text=True)
    assert "暂无通知" in colleague.get("/inbox?unread=1").get_data(as_text=True)


def test_someone_elses_message_does_not_exist_for_you(q_case, login, session_factory, colleague):
    _c, task_id = q_case()
    login("supervisor_wulanhaote").post(f"/tasks/{task_id}/reassign",
                                        data={"user_id": uid(session_factory, "dulin_2")})
    with session_factory() as s:
        note = s.scalar(select(Notification))
    assert login("township_caseworker_dulin").post(f"/inbox/{note.id}/open").status_code == 404
    with session_factory() as s:
        assert s.get(Notification, note.id).read_dt is None


def test_mark_all_read(q_case, login, session_factory, colleague):
    for serial in (101, 103):
        _c, task_id = q_case(serial=serial)
        login("supervisor_wulanhaote").post(f"/tasks/{task_id}/reassign",
                                            data={"user_id": uid(session_factory, "dulin_2")})
    response = colleague.post("/inbox/read-all")
    assert response.status_code == 303
    assert "已将 2 条通知标为已读" in colleague.get("/inbox").get_data(as_text=True)
