"""Job leases after a crash: an attempt counts when a job starts, not when it is leased; a crashed worker's lease
frees up after one short LEASE; a running job's lease is kept alive by its heartbeat."""
import threading
import time
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

import engine
from engine import jobs
from engine.models import AuditEvent, Job, JobStatus

ran = []


@jobs.handler("test.lease")
def _record_run(session, job):
    ran.append(job.id)


def _job(session_factory, job_id) -> Job:
    with session_factory() as s:
        return s.get(Job, job_id)


def _schedule(session, clock, **kwargs) -> int:
    job = jobs.schedule(session, "test.lease", clock.now(), **kwargs)
    session.commit()
    return job.id


def _crash_after_acquire(session_factory, worker_id) -> list[int]:
    with session_factory() as s:
        leased = jobs.acquire(s, worker_id, 10)
        s.commit()
    return leased          # ...and the worker dies before starting any of them


def test_the_default_lease_is_short_and_beats_three_times_within_it():
    assert jobs.LEASE <= timedelta(minutes=1) and jobs.HEARTBEAT * 3 <= jobs.LEASE


def test_a_leased_job_that_never_started_gains_no_attempt_and_is_taken_again_after_the_lease(
        session_factory, session, clock):
    ran.clear()
    job_id = _schedule(session, clock)
    assert _crash_after_acquire(session_factory, "crashed") == [job_id]
    row = _job(session_factory, job_id)
    assert (row.lock_owner, row.attempts) == ("crashed", 0)
    assert engine.run_due_jobs(session_factory, "w2") == 0               # still leased
    clock.advance(seconds=jobs.LEASE.total_seconds() + 1)                 # one short lease, not five minutes
    assert engine.run_due_jobs(session_factory, "w2") == 1
    row = _job(session_factory, job_id)
    assert (row.status, row.attempts, row.lock_owner) == (JobStatus.DONE, 1, None)
    assert ran == [job_id]


def test_five_crashes_before_starting_do_not_make_an_incident(session_factory, session, clock):
    ran.clear()
    job_id = _schedule(session, clock, max_attempts=5)
    for i in range(6):
        assert _crash_after_acquire(session_factory, f"crashed-{i}") == [job_id]
        clock.advance(seconds=jobs.LEASE.total_seconds() + 1)
    row = _job(session_factory, job_id)
    assert (row.status, row.attempts) == (JobStatus.PENDING, 0)
    assert engine.run_due_jobs(session_factory, "w2") == 1 and ran == [job_id]
    with session_factory() as s:
        assert s.scalar(select(AuditEvent).where(AuditEvent.action == "job.incident")) is None


def test_a_job_that_started_and_crashed_counts_once_and_becomes_an_incident_at_its_limit(
        session_factory, session, clock):
    ran.clear()
    job_id = _schedule(session, clock, max_attempts=3)
    for attempt in (1, 2, 3):
        assert _crash_after_acquire(session_factory, f"crashed-{attempt}") == [job_id]
        assert jobs.start(session_factory, job_id, f"crashed-{attempt}")   # the handler began, then the kill -9
        assert _job(session_factory, job_id).attempts == attempt
        clock.advance(seconds=jobs.LEASE.total_seconds() + 1)
    assert engine.run_due_jobs(session_factory, "w2") == 0 and ran == []   # not a fourth run of a worker-killer
    row = _job(session_factory, job_id)
    assert (row.status, row.attempts, row.lock_owner) == (JobStatus.INCIDENT, 3, None)
    assert "中断" in row.last_error
    with session_factory() as s:
        assert s.scalar(select(AuditEvent.subject).where(AuditEvent.action == "job.incident")) == f"job:{job_id}"


def test_a_worker_whose_lease_ran_out_before_the_start_does_not_run_the_job(session_factory, session, clock):
    job_id = _schedule(session, clock)
    _crash_after_acquire(session_factory, "slow")
    clock.advance(seconds=jobs.LEASE.total_seconds() + 1)
    assert _crash_after_acquire(session_factory, "w2") == [job_id]
    assert not jobs.start(session_factory, job_id, "slow")
    assert _job(session_factory, job_id).attempts == 0


def test_the_heartbeat_extends_the_lease_of_a_running_job(session_factory, session, clock):
    job_id = _schedule(session, clock)
    _crash_after_acquire(session_factory, "w1")
    assert jobs.start(session_factory, job_id, "w1")
    for _ in range(5):                                   # five minutes of work, beat by beat
        clock.advance(seconds=jobs.HEARTBEAT.total_seconds())
        assert jobs.heartbeat(session_factory, job_id, "w1")
        assert _job(session_factory, job_id).lock_expires_dt == clock.now() + jobs.LEASE
        assert _crash_after_acquire(session_factory, "w2") == []          # nobody else takes it meanwhile
    assert not jobs.heartbeat(session_factory, job_id, "w2")              # only the holder beats
    assert _job(session_factory, job_id).attempts == 1                    # beats are not attempts


@jobs.handler("test.long_batch")
def _long_batch(session, job):
    """Moves the clock past the lease, then waits for the runner's heartbeat to renew it."""
    clock = engine.clock.current()
    clock.advance(seconds=jobs.LEASE.total_seconds() * 2)
    deadline = time.monotonic() + 5
    with Session(session.get_bind()) as other:
        while time.monotonic() < deadline:
            if other.get(Job, job.id, populate_existing=True).lock_expires_dt == clock.now() + jobs.LEASE:
                job.payload = {"saw_heartbeat": True}
                return
            other.rollback()
            time.sleep(0.01)


def test_the_runner_beats_while_the_handler_runs_and_stops_after(session_factory, session, clock, monkeypatch):
    monkeypatch.setattr(jobs, "HEARTBEAT", timedelta(milliseconds=20))
    job = jobs.schedule(session, "test.long_batch", clock.now(), )
    session.commit()
    assert engine.run_due_jobs(session_factory, "w1") == 1
    row = _job(session_factory, job.id)
    assert row.payload == {"saw_heartbeat": True} and row.status == JobStatus.DONE and row.lock_owner is None
    assert not [t for t in threading.enumerate() if t.name == f"job-{job.id}-heartbeat"]
