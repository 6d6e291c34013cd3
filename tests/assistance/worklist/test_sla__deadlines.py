"""SLA deadlines with a moved clock over the 2026 National Day holiday: due dates skip holidays and honour the
make-up working day; at the deadline the holder (or the pool) and the supervisor are told once; escalateOnOverdue
escalates automatically."""
from datetime import datetime

import pytest
from sqlalchemy import func, select

import engine
from assistance.core import access
from assistance.worklist.notifications import Notification
from engine import AuditEvent, HumanTask, Job, TaskState
from engine.deadlines import AUTO_ESCALATION_REASON
from tests.conftest import CST
from tests.workers import run_two_workers


@pytest.fixture
def before_national_day(clock):
    clock.set(datetime(2026, 9, 30, 9, 0, tzinfo=CST))   # Wednesday; Oct 1-7 off, Sat Oct 10 is a make-up day
    return clock


def notes(session_factory, kind="task.overdue"):
    with session_factory() as s:
        return sorted((n.user_id, n.title) for n in s.scalars(select(Notification).where(Notification.kind == kind)))


def test_due_dates_skip_the_holiday_and_count_the_make_up_saturday(session, staff, review, before_national_day):
    start = review()
    assert start(due=1).due_dt == datetime(2026, 10, 8, 23, 59, 59, tzinfo=CST)    # not Oct 1
    assert start(due=2).due_dt == datetime(2026, 10, 9, 23, 59, 59, tzinfo=CST)
    assert start(due=3).due_dt == datetime(2026, 10, 10, 23, 59, 59, tzinfo=CST)   # 调休: a Saturday that counts


def test_the_holder_and_the_supervisor_are_told_once_at_the_deadline(session, session_factory, staff, review,
                                                                    before_national_day):
    task = review()(due=3)
    engine.claim(session, task.id, staff["dulin_a"].id)
    session.commit()
    before_national_day.set(datetime(2026, 10, 10, 22, 0, tzinfo=CST))   # the make-up Saturday, still in time
    assert engine.run_due_jobs(session_factory, "w") == 0 and notes(session_factory) == []
    before_national_day.set(datetime(2026, 10, 11, 0, 0, 1, tzinfo=CST))
    assert engine.run_due_jobs(session_factory, "w") == 1
    expected = [(staff["dulin_a"].id, "任务「队列审核」已超过办理期限"),
                (staff["boss"].id, "辖区任务「队列审核」已逾期（办理人：dulin_a）")]
    assert notes(session_factory) == sorted(expected)
    before_national_day.advance(days=3)
    assert engine.run_due_jobs(session_factory, "w") == 0
    assert notes(session_factory) == sorted(expected)                       # once, not every run
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "task.overdue")) == 1
        assert s.get(HumanTask, task.id).state == TaskState.RESERVED        # overdue, not taken away


def test_an_unclaimed_overdue_task_tells_everyone_who_may_claim_it(session, session_factory, staff, review, clock):
    review()(due=1)
    clock.advance(days=3)
    engine.run_due_jobs(session_factory, "w")
    told = {user_id for user_id, _title in notes(session_factory)}
    assert told == {staff["dulin_a"].id, staff["dulin_b"].id, staff["boss"].id}


def test_escalate_on_overdue_moves_the_task_to_the_supervisors(session, session_factory, staff, review, clock):
    task = review(escalate=True)(due=1)
    engine.claim(session, task.id, staff["dulin_a"].id)
    session.commit()
    clock.advance(days=2)
    engine.run_due_jobs(session_factory, "w")
    with session_factory() as s:
        task = s.get(HumanTask, task.id)
        assert (task.state, task.assignee_id, task.escalated_dt) == (TaskState.READY, None, clock.now())
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "task.escalate"))
        assert (event.actor_id, event.reason, event.before["assignee"]) == (None, AUTO_ESCALATION_REASON,
                                                                             staff["dulin_a"].id)
        boss = s.get(type(staff["boss"]), staff["boss"].id)
        assert s.scalars(select(HumanTask).where(access.escalated_to(boss))).all() == [task]
        dulin_a = s.get(type(staff["dulin_a"]), staff["dulin_a"].id)
        assert s.scalars(select(HumanTask).where(access.claimable_by(dulin_a))).all() == []   # out of the pool
    assert notes(session_factory, "task.escalated") == [(staff["boss"].id, "任务「队列审核」已升级，待您处理")]
    clock.advance(days=5)
    engine.run_due_jobs(session_factory, "w")
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "task.escalate")) == 1


def test_two_workers_at_the_deadline_notify_once(session, session_factory, staff, review, clock):
    review()(due=1)
    clock.advance(days=3)
    assert run_two_workers(session_factory) == [0, 1]
    assert len(notes(session_factory)) == 3      # dulin_a, dulin_b (the pool) and the supervisor, each once


def test_a_task_done_in_time_leaves_no_deadline_job(session, session_factory, staff, review, clock):
    task = review()(due=2)
    with session_factory() as s:
        assert s.scalars(select(Job.kind)).all() == ["task.deadline"]
    engine.claim(session, task.id, staff["dulin_a"].id)
    engine.complete(session, task.id, staff["dulin_a"].id, {"opinion": "同意"})
    session.commit()
    with session_factory() as s:
        assert s.scalars(select(Job.kind)).all() == []
    clock.advance(days=10)
    assert engine.run_due_jobs(session_factory, "w") == 0 and notes(session_factory) == []


def test_a_suspended_task_raises_no_alarm(session, session_factory, staff, review, clock):
    task = review()(due=1)
    engine.transitions.suspend(session, task.id, staff["boss"].id, "户籍迁移核实中")
    session.commit()
    clock.advance(days=3)
    assert engine.run_due_jobs(session_factory, "w") == 1
    assert notes(session_factory) == []
