"""The timer path: after approval the public notice runs 7 days; the worker's run ends the process."""
from sqlalchemy import select

import engine
from engine import InstanceStatus, Job, ProcessInstance


def test_approved_case_completes_after_the_notice_period(start_case, login, open_task, clock, session_factory):
    case_id = start_case()
    caseworker = login("township_caseworker_dulin")
    task = open_task(case_id)
    caseworker.post(f"/tasks/{task.id}/claim")
    caseworker.post(f"/tasks/{task.id}/complete", data={"decision": "approve", "opinion": "同意公示"})
    with session_factory() as s:
        assert s.get(ProcessInstance, task.instance_id).status == InstanceStatus.RUNNING
        assert s.scalars(select(Job).where(Job.instance_id == task.instance_id)).one().kind == "timer"

    assert engine.run_due_jobs(session_factory, "test-worker") == 0   # not due yet
    clock.advance(days=8)
    assert engine.run_due_jobs(session_factory, "test-worker") == 1

    with session_factory() as s:
        assert s.get(ProcessInstance, task.instance_id).status == InstanceStatus.COMPLETED
    page = caseworker.get(f"/cases/{case_id}").get_data(as_text=True)
    assert "已办结" in page and "启动流程「演示：救助申请」（第 1 版）" in page and "定时器到期" in page and "流程结束" in page and "暂无待办任务" in page
