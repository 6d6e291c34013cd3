"""Background jobs: a table of due work, acquired with row locks and a lease, retried with backoff, then an incident.

The lease is short and kept alive by a heartbeat while a job runs, so a crashed worker's jobs are free again within
a minute and a long batch never outlives its lease. An attempt counts when a job starts, not when it is leased: a
worker that dies between acquiring and starting costs its jobs nothing."""
import logging
import threading
import time
import zlib
from contextlib import contextmanager
from datetime import timedelta

from sqlalchemy import delete, or_, select, text, update

from . import audit, clock
from .errors import Conflict
from .models import Job, JobStatus

log = logging.getLogger(__name__)
LEASE = timedelta(seconds=60)
HEARTBEAT = LEASE / 3      # three missed beats before another worker may take the job
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


def ensure_one(session, kind: str, due_dt, max_attempts=5) -> Job:
    """The pending job of a singleton kind (a yearly reminder, a daily check), scheduled at due_dt if there is none:
    every worker calls this at start, and two starting at once still make one (a lock taken before looking)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": zlib.crc32(kind.encode())})
    else:   # SQLite: a write, even of no row, takes the one writer lock now instead of at the insert
        session.execute(update(Job).where(Job.kind == kind, Job.status == JobStatus.PENDING)
                        .values(kind=Job.kind).execution_options(synchronize_session=False))
    pending = session.scalars(select(Job).where(Job.kind == kind, Job.status == JobStatus.PENDING)
                              .order_by(Job.id).limit(1)).first()
    return pending or schedule(session, kind, due_dt, max_attempts=max_attempts)


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
                                 .values(lock_owner=worker_id, lock_expires_dt=now + LEASE)
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
        if not start(session_factory, job_id, worker_id):
            continue   # the lease ran out before its turn and another worker has the job now
        with session_factory() as session, _heartbeat(session_factory, job_id, worker_id):
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


def start(session_factory, job_id: int, worker_id: str) -> bool:
    """Count the attempt and renew the lease, committed before the handler runs: a run that crashes the worker still
    counts once, so a job that kills every worker becomes an incident instead of looping forever."""
    with session_factory() as session:
        job = session.get(Job, job_id)
        if job is None or job.lock_owner != worker_id or job.status != JobStatus.PENDING:
            return False
        if job.attempts >= job.max_attempts:   # every earlier run died with its worker, before it could fail cleanly
            job.last_error = "作业每次运行都随进程中断，已停止重试。"
            job.lock_owner = job.lock_expires_dt = None
            _incident(session, job)
            session.commit()
            return False
        started = _extend(session, job_id, worker_id, attempts=Job.attempts + 1)
        session.commit()
    return started


def heartbeat(session_factory, job_id: int, worker_id: str) -> bool:
    """Extend a running job's lease from now; False once another worker holds it (or it is finished)."""
    with session_factory() as session:
        extended = _extend(session, job_id, worker_id)
        session.commit()
    return extended


def _extend(session, job_id, worker_id, **values) -> bool:
    result = session.execute(update(Job).where(Job.id == job_id, Job.lock_owner == worker_id,
                                               Job.status == JobStatus.PENDING)
                             .values(lock_expires_dt=clock.now() + LEASE, **values)
                             .execution_options(synchronize_session=False))
    return result.rowcount == 1


@contextmanager
def _heartbeat(session_factory, job_id, worker_id):
    """A thread that beats every HEARTBEAT (real time) while the handler runs; stopped when it returns or fails."""
    stop = threading.Event()

    def beat():
        while not stop.wait(HEARTBEAT.total_seconds()):
            try:
                if not heartbeat(session_factory, job_id, worker_id):
                    return
            except Exception:   # noqa: BLE001 - a missed beat is retried; the lease has two more in hand
                log.warning("job %s: lease heartbeat failed", job_id, exc_info=True)

    thread = threading.Thread(target=beat, name=f"job-{job_id}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(HEARTBEAT.total_seconds())


def _record_failure(session_factory, job_id, exc):
    with session_factory() as session:
        job = session.get(Job, job_id)
        job.last_error = f"{type(exc).__name__}: {getattr(exc, 'message', None) or exc}"[:2000]
        job.lock_owner = job.lock_expires_dt = None
        if job.attempts >= job.max_attempts:
            _incident(session, job)
        else:
            job.due_dt = clock.now() + BACKOFF_BASE * (2 ** (job.attempts - 1))
        session.commit()


def _incident(session, job) -> None:
    job.status = JobStatus.INCIDENT
    audit.record(session, "job.incident", instance_id=job.instance_id, subject=f"job:{job.id}",
                 after={"kind": job.kind, "attempts": job.attempts, "error": job.last_error})


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
