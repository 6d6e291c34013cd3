
import pytest
from sqlalchemy import select
from sqlalchemy.exc import DBAPIError

import engine
from engine import jobs
from engine.models import AuditEvent, HumanTask, InstanceStatus, Job, JobStatus
from tests.workers import run_two_workers


def _approve(session, inst):
    task = session.scalar(select(HumanTask).where(HumanTask.instance_id == inst.id))
    engine.claim(session, task.id, 7)
    engine.complete(session, task.id, 7, {"opinion": "同意"})
    session.commit()


def test_timer_fires_only_when_the_clock_reaches_it(session_factory, session, started, clock):
    _approve(session, started)
    assert engine.run_due_jobs(session_factory, "w1") == 0          # not yet due
    clock.advance(hours=23)
    assert engine.run_due_jobs(session_factory, "w1") == 0
    clock.advance(hours=2)
    assert engine.run_due_jobs(session_factory, "w1") == 1
    with session_factory() as s:
        inst = s.get(engine.ProcessInstance, started.id)
        assert inst.status == InstanceStatus.COMPLETED and inst.next_timer_dt is None
        assert s.scalars(select(AuditEvent.action).where(AuditEvent.action == "timer.fire")).all() == ["timer.fire"]


def test_two_workers_fire_one_timer_once(session_factory, session, started, clock):
    _approve(session, started)
    clock.advance(days=2)
    assert run_two_workers(session_factory) == [0, 1]
    with session_factory() as s:
        fired = s.scalars(select(AuditEvent).where(AuditEvent.action == "timer.fire")).all()
        assert len(fired) == 1
        assert s.scalars(select(Job.status)).all() == [JobStatus.DONE]


def test_expired_lease_lets_another_worker_take_the_job(session_factory, session, started, clock):
    _approve(session, started)
    clock.advance(days=2)
    with session_factory() as s:
        assert len(jobs.acquire(s, "crashed-worker", 10)) == 1
        s.commit()
    assert engine.run_due_jobs(session_factory, "w2") == 0           # still leased
    clock.advance(minutes=6)
    assert engine.run_due_jobs(session_factory, "w2") == 1


@jobs.handler("test.flaky")
def _flaky(session, job):
    raise RuntimeError("支付接口不可用")


def test_failing_job_retries_with_backoff_then_becomes_an_incident(session_factory, session, clock):
    job = jobs.schedule(session, "test.flaky", clock.now(), max_attempts=3)
    session.commit()
    due = []
    for _ in range(3):
        assert engine.run_due_jobs(session_factory, "w1") == 0
        with session_factory() as s:
            row = s.get(Job, job.id)
            due.append(row.due_dt)
            clock.set(row.due_dt)
    with session_factory() as s:
        row = s.get(Job, job.id)
        assert (row.status, row.attempts, row.lock_owner) == (JobStatus.INCIDENT, 3, None)
        assert "支付接口不可用" in row.last_error
        assert (due[1] - due[0]).total_seconds() == 60            # backoff doubles: 30 s, then 60 s
        assert s.scalar(select(AuditEvent.action).where(AuditEvent.subject == f"job:{job.id}")) == "job.incident"
    assert engine.run_due_jobs(session_factory, "w1") == 0          # incidents are not picked up again
    with session_factory() as s:
        jobs.retry_incident(s, job.id, actor_id=1)
        s.commit()
        assert s.get(Job, job.id).status == JobStatus.PENDING


def test_audit_log_is_append_only_and_chained(session, started):
    from engine.audit import verify_chain
    assert verify_chain(session) is None
    event = session.scalars(select(AuditEvent)).first()
    event.reason = "篡改"
    with pytest.raises(RuntimeError, match="append-only"):
        session.flush()
    session.rollback()
    with pytest.raises(DBAPIError, match="append-only"):   # and so does the database (tests/engine/test_audit__tamper.py)
        session.execute(AuditEvent.__table__.update().where(AuditEvent.id == event.id).values(reason="篡改"))
