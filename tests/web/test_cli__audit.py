"""flask --app web audit verify: exit 0 on an intact trail, 1 with the first bad row named on a broken one; the daily
verification is scheduled once at worker start."""
import pytest
from sqlalchemy import select, text

from engine import AuditEvent, Job, JobStatus, audit, audit_watch
from web import cli


@pytest.fixture(autouse=True)
def anchor_file(app, tmp_path):
    """The app's key (the seeded rows are chained with it), but an anchor file of this test's own."""
    saved = audit._key, audit._anchor_log
    audit.configure(audit._key, tmp_path / "audit_anchors.log")
    yield tmp_path / "audit_anchors.log"
    audit._key, audit._anchor_log = saved


def test_verify_exits_0_on_an_intact_trail(app, session_factory):
    with session_factory() as s:
        audit.record(s, "case.note", subject="case:1")
        s.commit()
        count = len(s.scalars(select(AuditEvent.id)).all())
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert f"审计日志完整：共 {count} 条记录" in result.output


def test_verify_exits_1_naming_the_first_bad_row(app, session_factory):
    with session_factory() as s:
        audit.record(s, "case.note", subject="case:1")
        s.commit()
        ids = s.scalars(select(AuditEvent.id).order_by(AuditEvent.id)).all()
        conn = s.connection()
        audit.lift_append_only(conn)
        conn.execute(text("UPDATE audit_event SET subject = 'case:2' WHERE id = :id"), {"id": ids[-1]})
        audit.install_append_only(conn)
        s.commit()
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1
    assert f"审计日志校验未通过：第 {ids[-1]} 条审计记录的内容或校验值被改动" in result.output


def test_truncation_after_an_anchor_exits_1(app, session_factory):
    with session_factory() as s:
        audit.record(s, "case.note", subject="case:1")
        s.commit()
        head = audit.anchor(s).event_id
        s.commit()
        conn = s.connection()
        audit.lift_append_only(conn)
        conn.execute(text("DELETE FROM audit_event WHERE id = :id"), {"id": head})
        audit.install_append_only(conn)
        s.commit()
    result = app.test_cli_runner().invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and f"已锚定的第 {head} 条审计记录缺失" in result.output


def test_worker_start_schedules_one_verification(app, session_factory):
    cli._schedule_recurring_jobs(app)
    cli._schedule_recurring_jobs(app)
    with session_factory() as s:
        pending = s.scalars(select(Job).where(Job.kind == audit_watch.VERIFY_KIND)).all()
    assert [j.status for j in pending] == [JobStatus.PENDING]
