"""Append-only audit trail: every state change records who, when, what, and why, in a keyed hash chain (HMAC-SHA256,
the key outside the database), anchored now and then outside the audit table; the database refuses UPDATE/DELETE."""
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import timezone
from pathlib import Path

from sqlalchemy import event, select, text
from sqlalchemy.orm import Session

from . import clock
from .models import AuditAnchor, AuditEvent

LEGACY, KEYED = 1, 2   # AuditEvent.scheme: plain SHA-256 before issue 12, HMAC-SHA256 since
# Until configure() runs (the app factory and the CLI call it) a random per-process key: a chain written without the
# configured key then fails verification everywhere else, instead of being signed with a key anyone could know.
_key: bytes = secrets.token_bytes(32)
_anchor_log: Path | None = None


def configure(key: str | bytes, anchor_log: str | Path | None = None) -> None:
    """The HMAC key (DOUDI_AUDIT_KEY, else instance/audit_key) and the file each anchor is appended to."""
    global _key, _anchor_log
    _key = key.encode() if isinstance(key, str) else key
    _anchor_log = Path(anchor_log) if anchor_log else None


def _digest(scheme: int, prev_hash: str | None, fields: dict) -> str:
    body = ((prev_hash or "") + json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str)).encode()
    return hashlib.sha256(body).hexdigest() if scheme == LEGACY else _mac(body)


def _mac(body: bytes) -> str:
    return hmac.new(_key, body, hashlib.sha256).hexdigest()


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
        ev.scheme, ev.prev_hash, ev.hash = KEYED, prev, _digest(KEYED, prev, _fields(ev))
        prev = ev.hash
        session.add(ev)
    session.flush()


@event.listens_for(Session, "after_rollback")
def _drop_pending(session):
    session.info.pop(_PENDING, None)


# ---- anchors and verification ----

def _anchor_line(event_id: int, event_hash: str, at) -> str:
    return f"{event_id}|{event_hash}|{at.astimezone(timezone.utc).isoformat()}"


def anchor(session) -> AuditAnchor | None:
    """Sign the chain head into audit_anchor and the anchor file; None while the trail is empty. Only flushes."""
    head = session.execute(select(AuditEvent.id, AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    if head is None:
        return None
    at = clock.now()
    line = _anchor_line(head.id, head.hash, at)
    row = AuditAnchor(event_id=head.id, event_hash=head.hash, at_dt=at, mac=_mac(line.encode()))
    session.add(row)
    session.flush()
    if _anchor_log is not None:
        _anchor_log.parent.mkdir(parents=True, exist_ok=True)
        with _anchor_log.open("a", encoding="utf-8") as f:
            f.write(f"{line}|{row.mac}\n")
    return row


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    message: str   # Chinese, naming the row


def _anchors(session) -> tuple[dict[int, str], ChainBreak | None]:
    """event id -> anchored hash, from the table and the last line of the anchor file, every signature checked."""
    found: list[tuple[int, str, str, str]] = [
        (a.event_id, a.event_hash, _anchor_line(a.event_id, a.event_hash, a.at_dt), a.mac)
        for a in session.scalars(select(AuditAnchor).order_by(AuditAnchor.id))]
    if _anchor_log is not None and _anchor_log.exists():
        lines = _anchor_log.read_text(encoding="utf-8").split()
        if lines:
            event_id, event_hash, at, mac = (lines[-1].split("|") + ["", "", "", ""])[:4]
            found.append((int(event_id) if event_id.isdigit() else 0, event_hash, f"{event_id}|{event_hash}|{at}", mac))
    anchored: dict[int, str] = {}
    for event_id, event_hash, line, mac in found:
        if not hmac.compare_digest(mac, _mac(line.encode())):
            return {}, ChainBreak(event_id, f"第 {event_id} 条审计记录的锚点签名无效（锚点被伪造或改动）。")
        anchored[event_id] = event_hash
    return anchored, None


def check(session) -> ChainBreak | None:
    """The first break in the trail, or None when intact: a row whose hash does not match its content (under the
    key) or its predecessor, a legacy-scheme row after a keyed one, or an anchored row missing or changed."""
    anchored, broken = _anchors(session)
    if broken:
        return broken
    rows = select(AuditEvent).order_by(AuditEvent.id).execution_options(populate_existing=True, yield_per=1000)
    with session.scalars(rows) as events:   # a server-side cursor on PostgreSQL: closed when a break ends the walk
        broken = _walk(events, anchored)
    if broken is not None:
        return broken
    if anchored:
        missing = min(anchored)
        return ChainBreak(missing, f"已锚定的第 {missing} 条审计记录缺失（最新的记录被删除）。")
    return None


def _walk(events, anchored: dict) -> ChainBreak | None:
    """The first row that does not follow from its predecessor (anchored rows found are popped from `anchored`)."""
    prev, keyed_seen = None, False
    for ev in events:
        if ev.scheme == LEGACY and keyed_seen:
            return ChainBreak(ev.id, f"第 {ev.id} 条审计记录使用旧的无密钥校验，却位于有密钥的记录之后（已被改写）。")
        if ev.prev_hash != prev:
            return ChainBreak(ev.id, f"第 {ev.id} 条审计记录与前一条不衔接（其前的记录被删除或改动）。")
        if ev.hash != _digest(ev.scheme, prev, _fields(ev)):
            return ChainBreak(ev.id, f"第 {ev.id} 条审计记录的内容或校验值被改动。")
        if ev.id in anchored and anchored.pop(ev.id) != ev.hash:
            return ChainBreak(ev.id, f"第 {ev.id} 条审计记录与锚点不符（其后的校验值被重算）。")
        keyed_seen, prev = keyed_seen or ev.scheme == KEYED, ev.hash
    return None


def verify_chain(session) -> int | None:
    """Id of the first event that breaks the trail (see check), or None when intact."""
    broken = check(session)
    return broken.event_id if broken else None


def _jsonable(value):
    return None if value is None else json.loads(json.dumps(value, ensure_ascii=False, default=str))


@event.listens_for(AuditEvent, "before_update")
@event.listens_for(AuditEvent, "before_delete")
@event.listens_for(AuditAnchor, "before_update")
@event.listens_for(AuditAnchor, "before_delete")
def _append_only(_mapper, _connection, target):
    raise RuntimeError(f"{type(target).__tablename__} {target.id} is append-only")


# ---- append-only in the database itself ----
# The triggers have no off switch: whoever may drop them owns the database, and the keyed chain and the anchors are
# what catch that. Migrations install them, and so does create_all (the test database) through after_create.
APPEND_ONLY_TABLES = ("audit_event", "audit_anchor")
_PG_FUNCTION = ("CREATE OR REPLACE FUNCTION doudi_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                "RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only'; END $$")


def trigger_ddl(dialect: str, table: str) -> list[str]:
    """The statements that make table refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL)."""
    if dialect == "postgresql":
        return [_PG_FUNCTION,
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION doudi_append_only()",
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION doudi_append_only()"]
    if dialect == "sqlite":
        return [f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END" for verb in ("UPDATE", "DELETE")]
    return []


def drop_trigger_ddl(dialect: str, table: str) -> list[str]:
    if dialect == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}" for name in ("append_only", "no_truncate")]
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_no_{verb}" for verb in ("update", "delete")]
    return []


def install_append_only(connection) -> None:
    for table in APPEND_ONLY_TABLES:
        for statement in trigger_ddl(connection.dialect.name, table):
            connection.exec_driver_sql(statement)


def lift_append_only(connection) -> None:
    """Drop the triggers: only for emptying a test database (tests/conftest.py), never in the app."""
    for table in APPEND_ONLY_TABLES:
        for statement in drop_trigger_ddl(connection.dialect.name, table):
            connection.exec_driver_sql(statement)


def _after_create(table, connection, **_kw):
    for statement in trigger_ddl(connection.dialect.name, table.name):
        connection.exec_driver_sql(statement)


for _table in (AuditEvent.__table__, AuditAnchor.__table__):
    event.listen(_table, "after_create", _after_create)
