"""管理 / 后台作业 shows the last audit verification: not yet, passed, or failed with the first bad row."""
import pytest
from sqlalchemy import select, text

from engine import AuditEvent, audit, audit_watch, jobs


@pytest.fixture(autouse=True)
def anchor_file(app, tmp_path):
    saved = audit._key, audit._anchor_log
    audit.configure(audit._key, tmp_path / "audit_anchors.log")
    yield
    audit._key, audit._anchor_log = saved


def run_verification(session_factory):
    with session_factory() as s:
        audit_watch.ensure_verification(s)
        s.commit()
    jobs.run_due_jobs(session_factory, "test-worker")


def test_the_jobs_page_shows_the_last_verification(login, session_factory):
    admin = login("admin_xinganmeng")
    assert "尚未校验" in admin.get("/admin/jobs").get_data(as_text=True)
    run_verification(session_factory)
    page = admin.get("/admin/jobs").get_data(as_text=True)
    assert "审计日志校验" in page and "<strong>通过</strong>" in page


def test_a_failed_verification_is_shown_with_its_row(login, session_factory):
    admin = login("admin_xinganmeng")
    with session_factory() as s:
        first = s.scalar(select(AuditEvent.id).order_by(AuditEvent.id))
        conn = s.connection()
        audit.lift_append_only(conn)
        conn.execute(text("UPDATE audit_event SET reason = '篡改' WHERE id = :id"), {"id": first})
        audit.install_append_only(conn)
        s.commit()
    run_verification(session_factory)
    page = admin.get("/admin/jobs").get_data(as_text=True)
    assert "<strong>未通过</strong>" in page and f"第 {first} 条审计记录的内容或校验值被改动" in page
    assert "audit.verify" in page   # and the incident is listed, to retry once investigated


def test_others_do_not_see_it(login):
    assert login("county_caseworker_wulanhaote").get("/admin/jobs").status_code == 403
