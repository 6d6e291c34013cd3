"""休假代理 and 近亲属备案 pages: recording an absence (for oneself, or by a supervisor), handing over open tasks in
one action with a result per task, who may do it, and declaring a relative."""
from sqlalchemy import select

from assistance.core.idnumbers import mask_id
from engine import AuditEvent
from tests.web.queue_helpers import id_number, task_row, uid

HOLDER = "township_caseworker_dulin"


def absence(substitute_id, start="2026-03-02", end="2026-03-06"):
    return {"start": start, "end": end, "substitute_id": substitute_id, "note": "年休假"}


def test_record_an_absence_and_hand_over_the_open_tasks(q_case, login, session_factory, colleague):
    tasks = [q_case(name=f"户{i}", serial=101 + 2 * i)[1] for i in range(2)]
    me = login(HOLDER)
    for task in tasks:
        me.post(f"/tasks/{task}/claim")
    page = me.get("/me/absences").get_data(as_text=True)
    assert "都林经办人二" in page                                    # offered as a substitute
    assert me.post("/me/absences", data=absence(uid(session_factory, "dulin_2"), end="2026-03-01")).status_code == 422
    assert me.post("/me/absences", data=absence(uid(session_factory, "dulin_2"))).status_code == 303
    page = me.get("/me/absences").get_data(as_text=True)
    assert "2026-03-02 至 2026-03-06" in page and "移交在办任务" in page
    absence_id = page.split("/me/absences/")[1].split("/")[0]
    result = me.post(f"/me/absences/{absence_id}/handover").get_data(as_text=True)
    assert "成功 2 项，未成功 0 项" in result and "已移交给都林经办人二" in result
    assert [task_row(session_factory, t).assignee_id for t in tasks] == [uid(session_factory, "dulin_2")] * 2
    assert "我的待办（2）" in colleague.get("/").get_data(as_text=True)
    with session_factory() as s:
        actions = s.scalars(select(AuditEvent.action).where(AuditEvent.action.like("absence.%"))).all()
        assert actions == ["absence.record", "absence.handover"]


def test_a_supervisor_records_for_the_team_and_others_cannot(login, session_factory, colleague):
    target = uid(session_factory, HOLDER)
    supervisor = login("supervisor_wulanhaote")
    assert supervisor.post(f"/me/absences?user_id={target}",
                           data=absence(uid(session_factory, "dulin_2"))).status_code == 303
    assert login("township_caseworker_yilelite").get(f"/me/absences?user_id={target}").status_code == 403
    assert login("supervisor_keyouqianqi").get(f"/me/absences?user_id={target}").status_code == 403


def test_declare_a_relative(login):
    me = login(HOLDER)
    number = id_number(321)
    assert me.post("/me/relatives", data={"name": "王某", "relation": "配偶", "id_number": "123"}).status_code == 422
    assert me.post("/me/relatives", data={"name": "王某", "relation": "配偶", "id_number": number}).status_code == 303
    page = me.get("/me/relatives").get_data(as_text=True)
    assert mask_id(number) in page and number not in page
