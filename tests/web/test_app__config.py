"""create_app(): configuration from DOUDI_* variables and DATABASE_URL, and the session cookie's protections."""
from web import create_app


def test_environment_configures_the_app(monkeypatch):
    monkeypatch.setenv("DOUDI_SECRET_KEY", "from-env")
    monkeypatch.setenv("DOUDI_DEMO_PASSWORD", "pw")
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/doudi-config-test.sqlite3")
    app = create_app()
    try:
        assert app.config["SECRET_KEY"] == "from-env" and app.config["DEMO_PASSWORD"] == "pw"
        assert app.config["DATABASE_URL"] == "sqlite:////tmp/doudi-config-test.sqlite3"
        assert str(app.extensions["doudi.db_engine"].url) == "sqlite:////tmp/doudi-config-test.sqlite3"
    finally:
        app.extensions["doudi.db_engine"].dispose()


def test_session_cookie_is_httponly_and_samesite_lax(attempt_login, client):
    response = attempt_login(client, "township_caseworker_dulin")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_unknown_pages_are_404_in_chinese(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and "页面不存在" in response.get_data(as_text=True)


def test_head_requests_are_answered_like_get(login):
    assert login("township_caseworker_dulin").client.head("/cases").status_code == 200
