"""Append-only audit trail with a hash chain: every state change records who, when, what, and why."""
import hashlib
import json
from datetime import timezone

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from . import clock
from .models import AuditEvent


def _digest(prev_hash: str | None, fields: dict) -> str:
    body = json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(((prev_hash or "") + body).encode()).hexdigest()


def _fields(ev: AuditEvent) -> dict:
    return {"at": ev.at_dt.astimezone(timezone.utc).isoformat(), "actor": ev.actor_id, "action": ev.action, "instance": ev.instance_id,
            "task": ev.task_id, "subject": ev.subject, "before": ev.before, "after": ev.after, "reason": ev.reason}


def record(session, action: str, *, actor_id=None, instance_id=None, task_id=None, subject=None,
           before=None, after=None, reason=None) -> AuditEvent:
    """Queue an event; it is chained and written when the transaction commits, and dropped if it rolls back."""
    ev = AuditEvent(at_dt=clock.now(), actor_id=actor_id, action=action, instance_id=instance_id,
                    task_id=task_id, subject=subject, before=_jsonable(before), after=_jsonable(after), reason=reason)
    session.info.setdefault(_PENDING, []).append(ev)
    return ev


_PENDING = "doudi.audit.pending"


@event.listens_for(Session, "before_commit")
def _write_pending(session):
    pending = session.info.pop(_PENDING, [])
    if not pending:
        return
    if session.get_bind().dialect.name == "postgresql":
        # one writer extends the chain at a time; taken last in the transaction, so it cannot join a deadlock
        session.execute(text("SELECT pg_advisory_xact_lock(7160521)"))
    prev = session.scalar(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1))
    for ev in pending:
        ev.prev_hash, ev.hash = prev, _digest(prev, _fields(ev))
        prev = ev.hash
        session.add(ev)
    session.flush()


@event.listens_for(Session, "after_rollback")
def _drop_pending(session):
    session.info.pop(_PENDING, None)


def verify_chain(session) -> int | None:
    """Id of the first event whose hash does not match its content or predecessor, or None when intact."""
    prev = None
    for ev in session.scalars(select(AuditEvent).order_by(AuditEvent.id).execution_options(populate_existing=True)):
        if ev.prev_hash != prev or ev.hash != _digest(prev, _fields(ev)):
            return ev.id
        prev = ev.hash
    return None


def _jsonable(value):
    return None if value is None else json.loads(json.dumps(value, ensure_ascii=False, default=str))


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
def _append_only(_mapper, _connection, target):
    raise RuntimeError(f"audit event {target.id} is append-only")
