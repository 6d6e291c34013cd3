"""Sessions: logout kills every copy of the cookie, login starts a fresh session (new CSRF token), idle timeout and
absolute lifetime, and the Secure flag outside the embedded demo."""
import pytest
from sqlalchemy import select

from assistance.core.models import User
from engine.audit import AuditEvent
from tests.web.conftest import PASSWORD, csrf_token
from web import create_app
from web.auth import sessions


@pytest.fixture
def session_clock(clock, monkeypatch):
    """Sessions age on the wall clock (not the engine's): these tests freeze it with the engine's test clock."""
    monkeypatch.setattr(sessions, "wall", clock)
    return clock


def _session_cookie(client) -> str:
    return client.get_cookie("session").value


def test_a_cookie_copied_before_logout_is_refused_after_it(app, login, session_factory):
    browser = login("township_caseworker_dulin")
    stolen = _session_cookie(browser.client)
    thief = app.test_client()
    thief.set_cookie("session", stolen)
    assert thief.get("/cases").status_code == 200            # the copy works while the owner is signed in
    assert browser.post("/logout").status_code == 303
    assert thief.get("/cases").status_code == 302            # and not after the owner signed out
    with session_factory() as s:
        user = s.scalar(select(User).where(User.username == "township_caseworker_dulin"))
        assert user.session_epoch == 1
        assert s.scalar(select(AuditEvent).where(AuditEvent.action == "auth.logout")).actor_id == user.id


def test_login_starts_a_fresh_session_with_a_new_csrf_token(client):
    before = csrf_token(client.get("/login"))
    anonymous_cookie = _session_cookie(client)
    client.post("/login", data={"username": "township_caseworker_dulin", "password": PASSWORD,
                                "csrf_token": before})
    after = csrf_token(client.get("/me/relatives"))
    assert after != before and _session_cookie(client) != anonymous_cookie
    # the token of the anonymous session no longer passes
    response = client.post("/logout", data={"csrf_token": before})
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)


def test_idle_sessions_time_out_after_thirty_minutes(login, session_clock):
    browser = login("township_caseworker_dulin")
    for _ in range(4):                      # busy for two hours: never idle for 30 minutes
        session_clock.advance(minutes=29)
        assert browser.get("/cases").status_code == 200
    session_clock.advance(minutes=31)
    response = browser.get("/cases")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert "登录已超时，请重新登录" in browser.get(response.headers["Location"]).get_data(as_text=True)


def test_sessions_end_twelve_hours_after_login_however_busy(login, session_clock):
    browser = login("township_caseworker_dulin")
    for _ in range(24):
        session_clock.advance(minutes=29)
        assert browser.get("/cases").status_code == 200
    session_clock.advance(minutes=29)               # 12 h 29 min after signing in
    assert browser.get("/cases").status_code == 302


def test_a_form_posted_after_the_timeout_goes_to_the_login_page(login, session_clock):
    browser = login("township_caseworker_dulin")
    session_clock.advance(minutes=31)
    response = browser.post("/inbox/read-all")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_idle_limit_is_a_setting(app, login, session_clock):
    app.config["SESSION_IDLE_MINUTES"] = 5
    browser = login("township_caseworker_dulin")
    session_clock.advance(minutes=6)
    assert browser.get("/cases").status_code == 302


def test_cookies_are_secure_by_default_outside_the_demo(app, attempt_login, db_url):
    production = create_app({"SECRET_KEY": "x", "DATABASE_URL": db_url})
    try:
        assert production.session_interface.get_cookie_secure(production) is True
        assert production.config["REMEMBER_COOKIE_SECURE"] is True
        production.config["DEMO_CLOCK"] = True          # serve --demo-clock (make run): plain http on 127.0.0.1
        assert production.session_interface.get_cookie_secure(production) is False
        production.config["SESSION_COOKIE_SECURE"] = False   # an explicit setting wins
        production.config["DEMO_CLOCK"] = False
        assert production.session_interface.get_cookie_secure(production) is False
    finally:
        production.extensions["doudi.db_engine"].dispose()


def test_the_secure_flag_reaches_the_cookie(app, attempt_login):
    app.testing = False
    client = app.test_client()
    response = attempt_login(client, "township_caseworker_dulin")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "Secure" in cookie
