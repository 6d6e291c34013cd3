"""The daily verification job: an intact trail is anchored and checked again the next day; a broken one is an
incident at once, shown with its message as the last verification."""
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from engine import audit, audit_watch, jobs
from engine.models import AuditAnchor, AuditEvent, Job, JobStatus

pytestmark = pytest.mark.usefixtures("audit_key")   # a known key and an anchor file of each test's own


@pytest.fixture
def trail(session, clock):
    for n in range(3):
        audit.record(session, "case.note", subject=f"case:{n}")
        session.commit()
    return list(session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))


def verify_jobs(session):
    return session.scalars(select(Job).where(Job.kind == audit_watch.VERIFY_KIND).order_by(Job.id)
                           .execution_options(populate_existing=True)).all()


def test_an_intact_trail_is_anchored_and_checked_again_tomorrow(session_factory, session, clock, trail, audit_key):
    audit_watch.ensure_verification(session)
    audit_watch.ensure_verification(session)   # a second worker start adds nothing
    session.commit()
    assert audit_watch.last_verification(session) is None
    assert jobs.run_due_jobs(session_factory, "w") == 1
    done, following = verify_jobs(session)
    assert done.status == JobStatus.DONE and following.status == JobStatus.PENDING
    assert following.due_dt == clock.now() + timedelta(days=1)
    assert session.scalar(select(AuditAnchor.event_id)) == trail[-1]
    assert audit_key.read_text().startswith(f"{trail[-1]}|")
    last = audit_watch.last_verification(session)
    assert last.is_intact and last.at_dt == clock.now()


def test_a_broken_trail_becomes_an_incident(session_factory, session, clock, trail):
    audit_watch.ensure_verification(session)
    session.commit()
    conn = session.connection()
    audit.lift_append_only(conn)
    conn.execute(text("UPDATE audit_event SET reason = '篡改' WHERE id = :id"), {"id": trail[1]})
    audit.install_append_only(conn)
    session.commit()
    assert jobs.run_due_jobs(session_factory, "w") == 0
    [job] = verify_jobs(session)
    assert job.status == JobStatus.INCIDENT
    assert f"第 {trail[1]} 条审计记录" in job.last_error
    assert session.scalar(select(AuditAnchor.id)) is None   # no anchor covers the damage
    last = audit_watch.last_verification(session)
    assert not last.is_intact and last.message.startswith(f"第 {trail[1]} 条")
    assert session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc())) == "job.incident"


def test_the_handler_raises_on_a_broken_chain(session, clock, trail):
    audit.configure("another-key")
    job = audit_watch.ensure_verification(session)
    with pytest.raises(audit_watch.ChainBroken, match=f"第 {trail[0]} 条"):
        audit_watch._verify(session, job)
