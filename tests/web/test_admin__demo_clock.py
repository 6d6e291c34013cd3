"""演示时钟: only on a demo server, only for admins; moving it fires due timers and is audited."""
from datetime import timedelta

from sqlalchemy import select

from engine import AuditEvent, clock


def test_absent_unless_the_server_runs_with_a_demo_clock(login):
    assert login("admin_xinganmeng").get("/admin/clock").status_code == 404


def test_admin_moves_the_demo_clock_and_due_timers_fire(app, login, session_factory):
    offset = clock.OffsetClock()
    clock.use(offset)
    app.config["DEMO_CLOCK"] = True
    assert login("county_caseworker_wulanhaote").post("/admin/clock", data={"days": "8"}).status_code == 403
    admin = login("admin_xinganmeng")
    assert admin.post("/admin/clock", data={"days": "0"}).status_code == 422
    assert offset.offset == timedelta(0)
    assert admin.post("/admin/clock", data={"days": "8"}).status_code == 303
    assert offset.offset == timedelta(days=8)
    with session_factory() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "clock.advance"))
        assert event.reason == "演示：拨快 8 天"
