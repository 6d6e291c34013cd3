"""The audit trail is tamper-evident: an edited row, the newest rows deleted, and an edit with every later hash
recomputed (without the key) are all caught; the database itself refuses UPDATE and DELETE on the audit tables."""
import hashlib
import json

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from engine import audit
from engine.models import AuditAnchor, AuditEvent

pytestmark = pytest.mark.usefixtures("audit_key")   # a known key and an anchor file of each test's own


@pytest.fixture
def trail(session, clock):
    """Six committed events, one commit each: ids in order."""
    for n in range(6):
        audit.record(session, "case.note", actor_id=1, subject=f"case:{n}", after={"n": n}, reason=f"第{n}次")
        session.commit()
        clock.advance(minutes=1)
    return list(session.scalars(select(AuditEvent.id).order_by(AuditEvent.id)))


def as_database_owner(session, sql, **params):
    """What someone who owns the database can do: lift the triggers, change rows with raw SQL, put them back."""
    conn = session.connection()
    audit.lift_append_only(conn)
    conn.execute(text(sql), params)
    audit.install_append_only(conn)
    session.commit()


def test_an_intact_trail_verifies_and_every_new_row_is_keyed(session, trail):
    assert audit.check(session) is None
    assert set(session.scalars(select(AuditEvent.scheme))) == {audit.KEYED}


def test_the_chain_needs_the_key(session, trail):
    audit.configure("another-key")
    assert audit.verify_chain(session) == trail[0]


def test_an_edited_middle_row_is_caught(session, trail):
    as_database_owner(session, "UPDATE audit_event SET reason = '篡改' WHERE id = :id", id=trail[2])
    broken = audit.check(session)
    assert broken.event_id == trail[2]
    assert f"第 {trail[2]} 条" in broken.message


def test_deleting_the_newest_rows_is_caught_against_the_anchor(session, trail):
    audit.anchor(session)
    session.commit()
    assert audit.check(session) is None
    as_database_owner(session, "DELETE FROM audit_event WHERE id >= :id", id=trail[4])
    broken = audit.check(session)
    assert broken.event_id == trail[-1]
    assert "缺失" in broken.message


def test_deleting_the_anchors_too_is_caught_by_the_anchor_file(session, trail, audit_key):
    audit.anchor(session)
    session.commit()
    as_database_owner(session, "DELETE FROM audit_event WHERE id >= :id", id=trail[4])
    as_database_owner(session, "DELETE FROM audit_anchor")
    assert audit.verify_chain(session) == trail[-1]
    assert audit_key.read_text().startswith(f"{trail[-1]}|")


def rehash_from(session, first_id, scheme):
    """Recompute every hash from first_id on as an attacker without the key can: plain SHA-256."""
    conn = session.connection()
    audit.lift_append_only(conn)
    prev = session.scalar(select(AuditEvent.hash).where(AuditEvent.id < first_id).order_by(AuditEvent.id.desc()))
    for ev in session.scalars(select(AuditEvent).where(AuditEvent.id >= first_id).order_by(AuditEvent.id)
                              .execution_options(populate_existing=True)).all():
        body = (prev or "") + json.dumps(audit._fields(ev), sort_keys=True, ensure_ascii=False, default=str)
        digest = hashlib.sha256(body.encode()).hexdigest()
        conn.execute(text("UPDATE audit_event SET prev_hash = :p, hash = :h, scheme = :s WHERE id = :id"),
                     {"p": prev, "h": digest, "s": scheme, "id": ev.id})
        prev = digest
    audit.install_append_only(conn)
    session.commit()


def test_an_edit_with_every_later_hash_recomputed_is_caught(session, trail):
    as_database_owner(session, "UPDATE audit_event SET reason = '篡改' WHERE id = :id", id=trail[2])
    rehash_from(session, trail[2], audit.KEYED)
    assert audit.verify_chain(session) == trail[2]


def test_a_rewrite_under_the_old_unkeyed_rule_is_caught(session, trail):
    as_database_owner(session, "UPDATE audit_event SET reason = '篡改' WHERE id = :id", id=trail[2])
    rehash_from(session, trail[2], audit.LEGACY)
    broken = audit.check(session)
    assert broken.event_id == trail[2]
    assert "旧的无密钥" in broken.message


def test_the_whole_trail_rewritten_unkeyed_is_caught_by_the_anchor(session, trail):
    audit.anchor(session)
    session.commit()
    as_database_owner(session, "UPDATE audit_event SET reason = '篡改' WHERE id = :id", id=trail[2])
    rehash_from(session, trail[0], audit.LEGACY)
    broken = audit.check(session)
    assert broken.event_id == trail[-1]
    assert "锚点不符" in broken.message


def test_rows_from_before_the_key_still_verify(session, clock):
    """Rows written before issue 12 (scheme 1, plain SHA-256) keep verifying; the keyed rows continue their chain."""
    prev = None
    conn = session.connection()
    for n in range(2):
        ev = AuditEvent(at_dt=clock.now(), action="old.row", subject=f"old:{n}", scheme=audit.LEGACY)
        body = (prev or "") + json.dumps(audit._fields(ev), sort_keys=True, ensure_ascii=False, default=str)
        digest = hashlib.sha256(body.encode()).hexdigest()
        conn.execute(AuditEvent.__table__.insert().values(
            at_dt=ev.at_dt, action=ev.action, subject=ev.subject, scheme=audit.LEGACY, prev_hash=prev, hash=digest))
        prev = digest
    session.commit()
    audit.record(session, "new.row")
    session.commit()
    assert audit.check(session) is None
    assert session.scalars(select(AuditEvent.scheme).order_by(AuditEvent.id)).all() == [1, 1, 2]


def test_a_forged_anchor_is_caught(session, trail, audit_key):
    audit.anchor(session)
    session.commit()
    line = audit_key.read_text().strip().split("|")
    line[1] = "0" * 64
    audit_key.write_text("|".join(line) + "\n")
    broken = audit.check(session)
    assert "锚点签名无效" in broken.message


@pytest.mark.parametrize("sql", ["UPDATE audit_event SET reason = '篡改'", "DELETE FROM audit_event",
                                 "UPDATE audit_anchor SET event_hash = 'x'", "DELETE FROM audit_anchor"])
def test_the_database_refuses_update_and_delete_on_the_audit_tables(session, trail, sql):
    audit.anchor(session)
    session.commit()
    with pytest.raises(DBAPIError, match="append-only"):
        session.execute(text(sql))
    session.rollback()
    assert len(session.scalars(select(AuditEvent.id)).all()) == len(trail)
    assert session.scalar(select(AuditAnchor.event_id)) == trail[-1]
    assert audit.check(session) is None


def test_the_orm_refuses_too(session, trail):
    event = session.get(AuditEvent, trail[0])
    event.reason = "篡改"
    with pytest.raises(RuntimeError, match="append-only"):
        session.flush()
