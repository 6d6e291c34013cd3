"""团队任务: a supervisor sees every task of the region subtree, bulk-reassigns with a result per task, and reads the
workload per person (open, due soon, overdue, completed this week) that feeds the chart."""
import json
import re

from assistance.core import kinship
from tests.web.queue_helpers import OPINION, id_number, task_row, uid

SUPERVISOR = "supervisor_wulanhaote"


def listed(page: str) -> list[int]:
    return [int(i) for i in re.findall(r'name="task_id" value="(\d+)"', page)]


def test_the_team_is_the_region_subtree(q_case, login):
    _c, dulin = q_case(serial=101)
    _c, yilelite = q_case(serial=103, village_code="152201100201")
    _c, keerqin = q_case(serial=105, village_code="152221100201")      # another county
    page = login(SUPERVISOR).get("/team").get_data(as_text=True)
    assert set(listed(page)) == {dulin, yilelite} and "全部在办（2）" in page
    assert set(listed(login("supervisor_xinganmeng").get("/team").get_data(as_text=True))) == {dulin, yilelite,
                                                                                             keerqin}
    assert login("township_caseworker_dulin").get("/team").status_code == 403


def test_overdue_tab_lists_only_the_late_tasks(q_case, login, clock):
    _c, late = q_case(serial=101, due=1)
    clock.advance(days=3)
    _c, fresh = q_case(serial=103, due=5)
    page = login(SUPERVISOR).get("/team?tab=overdue").get_data(as_text=True)
    assert listed(page) == [late] and "已逾期（1）" in page and "全部在办（2）" in page


def test_bulk_reassign_reports_each_task(q_case, login, session_factory, colleague):
    tasks = [q_case(name=f"户{i}", serial=111 + 2 * i)[1] for i in range(3)]
    _c, elsewhere = q_case(serial=121, village_code="152221100201")     # not this supervisor's
    with session_factory() as s:                                         # dulin_2 must not take tasks[2] (回避)
        kinship.declare(s, user_id=uid(session_factory, "dulin_2"), id_number=id_number(115), name="户2",
                        relation="兄弟姐妹", actor_id=None)
        s.commit()
    response = login(SUPERVISOR).post("/team/reassign", data={
        "task_id": [str(t) for t in (*tasks, elsewhere, 99999)], "user_id": uid(session_factory, "dulin_2"),
        "reason": "均衡工作量"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "成功 2 项，未成功 3 项" in page
    assert "回避" in page and page.count("任务不存在或不在您的辖区") == 2
    holders = [task_row(session_factory, t).assignee_id for t in (*tasks, elsewhere)]
    assert holders == [uid(session_factory, "dulin_2")] * 2 + [None, None]
    history = colleague.get(f"/tasks/{tasks[0]}").get_data(as_text=True)
    assert "改派" in history and "原因：均衡工作量" in history and "任务池 → 都林经办人二" in history


def test_bulk_reassign_refuses_a_person_of_another_role(q_case, login, session_factory):
    _c, task = q_case()
    response = login(SUPERVISOR).post("/team/reassign", data={
        "task_id": task, "user_id": uid(session_factory, "township_leader_dulin")})
    assert "岗位不能办理此任务" in response.get_data(as_text=True)
    assert task_row(session_factory, task).assignee_id is None


def test_workload_per_person(q_case, login, session_factory, clock, colleague):
    worker = login("township_caseworker_dulin")
    ids = [q_case(name=f"户{i}", serial=131 + 2 * i, due=due)[1] for i, due in enumerate((1, 1, 2, 9))]
    for task in ids:
        worker.post(f"/tasks/{task}/claim")
    worker.post(f"/tasks/{ids[3]}/complete", data=OPINION)          # completed this week
    clock.advance(days=2)                                            # Wednesday: ids[0], ids[1] overdue
    page = login(SUPERVISOR).get("/team/workload").get_data(as_text=True)
    chart = json.loads(re.search(r'<script type="application/json" id="workload-data">(.*?)</script>', page,
                                 re.S).group(1))
    row = chart["labels"].index("都林街道乡镇经办人")
    assert (chart["overdue"][row], chart["due_soon"][row], chart["other"][row], chart["completed"][row]) == \
           (2, 1, 0, 1)
    assert chart["overdue"][chart["labels"].index("都林经办人二")] == 0      # everyone in the subtree is listed
    assert "chart.umd.min.js" in page and "workload.js" in page
