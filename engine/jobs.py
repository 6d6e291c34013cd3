"""Background jobs: a table of due work, acquired with row locks and a lease, retried with backoff, then an incident."""
import logging
import time
from datetime import timedelta

from sqlalchemy import delete, or_, select, update

from . import audit, clock
from .errors import Conflict
from .models import Job, JobStatus

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=5)
BACKOFF_BASE = timedelta(seconds=30)
_handlers: dict = {}


def handler(kind: str):
    """Register fn(session, job) for a job kind; it must be idempotent (a job may run again after a crash)."""
    def wrap(fn):
        _handlers[kind] = fn
        return fn
    return wrap


def schedule(session, kind: str, due_dt, payload=None, instance_id=None, max_attempts=5) -> Job:
    job = Job(kind=kind, due_dt=due_dt, payload=payload or {}, instance_id=instance_id,
              max_attempts=max_attempts, created_dt=clock.now())
    session.add(job)
    session.flush()
    return job


def schedule_timer(session, inst) -> None:
    """Keep exactly one pending timer job per instance, due at its next timer (runtime.py handles the "timer" kind)."""
    pending = session.scalars(select(Job).where(Job.kind == "timer", Job.instance_id == inst.id,
                                                Job.status == JobStatus.PENDING, Job.lock_owner.is_(None))).all()
    if inst.next_timer_dt is None:
        if pending:
            session.execute(delete(Job).where(Job.id.in_([j.id for j in pending])))
        return
    if pending:
        pending[0].due_dt = inst.next_timer_dt
        for extra in pending[1:]:
            session.delete(extra)
    else:
        schedule(session, "timer", inst.next_timer_dt, instance_id=inst.id)


def acquire(session, worker_id: str, limit: int) -> list[int]:
    """Lease up to `limit` due jobs to this worker. Compare-and-set on the lock, so no job runs twice at once."""
    now = clock.now()
    free = or_(Job.lock_owner.is_(None), Job.lock_expires_dt < now)
    stmt = (select(Job.id).where(Job.status == JobStatus.PENDING, Job.due_dt <= now, free)
            .order_by(Job.due_dt, Job.id).limit(limit))
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True)
    acquired = []
    for job_id in session.scalars(stmt).all():
        result = session.execute(update(Job).where(Job.id == job_id, Job.status == JobStatus.PENDING, free)
                                 .values(lock_owner=worker_id, lock_expires_dt=now + LEASE,
                                         attempts=Job.attempts + 1)
                                 .execution_options(synchronize_session=False))
        if result.rowcount == 1:
            acquired.append(job_id)
    return acquired


def run_due_jobs(session_factory, worker_id: str, limit: int = 20) -> int:
    """Acquire due jobs and run each in its own transaction. Returns how many succeeded."""
    with session_factory() as session:
        job_ids = acquire(session, worker_id, limit)
        session.commit()
    done = 0
    for job_id in job_ids:
        with session_factory() as session:
            job = session.get(Job, job_id)
            try:
                _handlers[job.kind](session, job)
                job.status, job.finished_dt = JobStatus.DONE, clock.now()
                job.lock_owner = job.lock_expires_dt = None
                session.commit()
                done += 1
            except Exception as exc:   # noqa: BLE001 - any failure becomes a retry or an incident
                session.rollback()
                log.warning("job %s (%s) failed: %s", job_id, job.kind, exc)
                _record_failure(session_factory, job_id, exc)
    return done


def _record_failure(session_factory, job_id, exc):
    with session_factory() as session:
        job = session.get(Job, job_id)
        job.last_error = f"{type(exc).__name__}: {getattr(exc, 'message', None) or exc}"[:2000]
        job.lock_owner = job.lock_expires_dt = None
        if job.attempts >= job.max_attempts:
            job.status = JobStatus.INCIDENT
            audit.record(session, "job.incident", instance_id=job.instance_id, subject=f"job:{job.id}",
                         after={"kind": job.kind, "attempts": job.attempts, "error": job.last_error})
        else:
            job.due_dt = clock.now() + BACKOFF_BASE * (2 ** (job.attempts - 1))
        session.commit()


def retry_incident(session, job_id: int, actor_id: int) -> Job:
    """An admin sends an incident back to the queue with fresh attempts."""
    job = session.get(Job, job_id)
    if job is None or job.status != JobStatus.INCIDENT:
        raise Conflict("只有处于故障状态的作业可以重试。")
    job.status, job.attempts, job.due_dt = JobStatus.PENDING, 0, clock.now()
    audit.record(session, "job.retry", actor_id=actor_id, instance_id=job.instance_id, subject=f"job:{job.id}")
    return job


def work_forever(session_factory, worker_id: str, poll_seconds: float = 2.0, stop=None) -> None:
    """The worker loop (flask worker, and a thread in the dev server)."""
    while stop is None or not stop.is_set():
        try:
            ran = run_due_jobs(session_factory, worker_id)
        except Exception:   # noqa: BLE001 - a broken database connection must not kill the worker
            log.exception("worker %s: acquiring jobs failed", worker_id)
            ran = 0
        if not ran:
            (stop.wait if stop else time.sleep)(poll_seconds)
