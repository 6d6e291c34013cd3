"""A task goes only to someone who may see its case: a league (盟) supervisor cannot reassign a task of one county to a
worker of another, nor offer one; a member unit cannot delegate to a unit that takes no part in the case."""
from datetime import timedelta

from sqlalchemy import func, select

import engine
from assistance.core import china_time
from assistance.steps.discussion.models import Discussion, DiscussionOpinion
from engine import AuditEvent, TaskState
from tests.engine.bpmn_factory import FORM
from tests.web.queue_helpers import review_process, task_row, uid

LEAGUE = "supervisor_xinganmeng"
ELSEWHERE = "township_caseworker_keerqin"      # same role, another county (科尔沁右翼前旗)
FINANCE, HEALTH = "coordination_member_finance_wulanhaote", "coordination_member_health_wulanhaote"


def option(session_factory, username) -> str:
    return f'<option value="{uid(session_factory, username)}">'


def _count_events(session_factory, task_id) -> int:
    with session_factory() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.task_id == task_id))


def test_a_league_supervisor_cannot_reassign_to_another_countys_worker(q_case, login, session_factory, colleague):
    _case, task_id = q_case()                                    # 和平社区, 乌兰浩特市
    supervisor = login(LEAGUE)
    page = supervisor.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert option(session_factory, "dulin_2") in page             # the case's own township: offered
    assert option(session_factory, ELSEWHERE) not in page         # another county: never offered
    events = _count_events(session_factory, task_id)
    response = supervisor.post(f"/tasks/{task_id}/reassign", data={"user_id": uid(session_factory, ELSEWHERE),
                                                                     "reason": "均衡工作量"})
    assert response.status_code == 403 and "无权查看此案件" in response.get_data(as_text=True)
    task = task_row(session_factory, task_id)
    assert (task.state, task.assignee_id) == (TaskState.READY, None)
    assert _count_events(session_factory, task_id) == events
    assert login(ELSEWHERE).get(f"/tasks/{task_id}").status_code == 404
    assert supervisor.post(f"/tasks/{task_id}/reassign", data={"user_id": uid(session_factory, "dulin_2"),
                                                                 "reason": "均衡工作量"}).status_code == 303


def test_bulk_reassign_refuses_another_countys_worker(q_case, login, session_factory):
    _case, task_id = q_case()
    response = login(LEAGUE).post("/team/reassign", data={"task_id": task_id,
                                                          "user_id": uid(session_factory, ELSEWHERE)})
    assert "无权查看此案件" in response.get_data(as_text=True)
    assert task_row(session_factory, task_id).assignee_id is None


def member_task(session_factory, q_case, departments):
    """A task in the county pool of the 协调机制成员单位, held by the finance bureau, on a case whose 一事一议 asked
    the given departments."""
    with session_factory() as s:
        engine.deploy(s, {"q_other.bpmn": review_process("q_other", lane="协调机制成员单位").encode(),
                          "q_form.json": FORM.encode()})
        s.commit()
    case_id, task_id = q_case(process="q_other")
    with session_factory() as s:
        now = china_time.now()
        discussion = Discussion(case_id=case_id, subject="一事一议", departments=list(departments), convened_dt=now,
                                deadline_dt=now + timedelta(days=5))
        s.add(discussion)
        s.flush()
        s.add_all([DiscussionOpinion(discussion_id=discussion.id, department=d) for d in departments])
        task = s.get(engine.HumanTask, task_id)
        task.group = "finance"   # a unit's own opinion task, as the 一事一议 step creates it
        task.assignee_id, task.state = uid(session_factory, FINANCE), TaskState.RESERVED
        s.commit()
    return task_id


def test_a_delegate_must_see_the_case(q_case, login, session_factory):
    task_id = member_task(session_factory, q_case, ["finance"])
    finance = login(FINANCE)
    assert option(session_factory, HEALTH) not in finance.get(f"/tasks/{task_id}").get_data(as_text=True)
    response = finance.post(f"/tasks/{task_id}/delegate", data={"user_id": uid(session_factory, HEALTH),
                                                               "reason": "请协助核实"})
    assert response.status_code == 403 and "无权查看此案件" in response.get_data(as_text=True)
    task = task_row(session_factory, task_id)
    assert (task.assignee_id, task.owner_id) == (uid(session_factory, FINANCE), None)
    assert login(HEALTH).get(f"/tasks/{task_id}").status_code == 404


def test_a_unit_taking_part_may_be_the_delegate(q_case, login, session_factory):
    task_id = member_task(session_factory, q_case, ["finance", "health"])
    finance = login(FINANCE)
    assert option(session_factory, HEALTH) in finance.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert finance.post(f"/tasks/{task_id}/delegate", data={"user_id": uid(session_factory, HEALTH),
                                                           "reason": "请协助核实"}).status_code == 303
    assert task_row(session_factory, task_id).assignee_id == uid(session_factory, HEALTH)
