"""The scheduled verification of the audit trail (审计日志校验): once a day the whole chain is checked and, when
intact, its head anchored; a broken chain becomes an incident on the admin's jobs page."""
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from . import audit, clock, events, jobs
from .models import Job, JobStatus

VERIFY_KIND = "audit.verify"
BROKEN_EVENT = "audit.chain_broken"   # fn(session, event_id, message)
EVERY = timedelta(days=1)
log = logging.getLogger(__name__)


class ChainBroken(Exception):
    """The job's failure: its message (Chinese, naming the first bad row) becomes the incident's error."""


def ensure_verification(session) -> Job:
    """The pending verification job, scheduled (due now) if there is none."""
    # one attempt: a broken chain stays broken, so retrying would only delay the incident
    return jobs.ensure_one(session, VERIFY_KIND, clock.now(), max_attempts=1)


@jobs.handler(VERIFY_KIND)
def _verify(session, job) -> None:
    """Check the chain; intact: anchor its head and come back tomorrow. Broken: raise, so the job is an incident
    (and, with the transaction rolled back, no anchor covers the damage)."""
    broken = audit.check(session)
    if broken is not None:
        log.error("audit chain broken at event %s: %s", broken.event_id, broken.message)
        events.emit(BROKEN_EVENT, session, event_id=broken.event_id, message=broken.message)
        raise ChainBroken(broken.message)
    anchored = audit.anchor(session)
    job.payload = {**job.payload, "anchored_event_id": anchored.event_id if anchored else None}
    other = session.scalar(select(Job.id).where(Job.kind == VERIFY_KIND, Job.status == JobStatus.PENDING,
                                                Job.id != job.id).limit(1))
    if other is None:
        jobs.schedule(session, VERIFY_KIND, clock.now() + EVERY, max_attempts=1)


@dataclass(frozen=True)
class LastVerification:
    at_dt: datetime
    is_intact: bool
    message: str


def last_verification(session) -> LastVerification | None:
    """The latest finished verification, for the admin page; None before the first one ran."""
    job = session.scalars(select(Job).where(Job.kind == VERIFY_KIND,
                                            Job.status.in_([JobStatus.DONE, JobStatus.INCIDENT]))
                          .order_by(Job.id.desc()).limit(1)).first()
    if job is None:
        return None
    if job.status == JobStatus.DONE:
        return LastVerification(job.finished_dt, True, "审计日志完整。")
    return LastVerification(job.due_dt, False, (job.last_error or "审计日志校验未通过。").removeprefix("ChainBroken: "))
