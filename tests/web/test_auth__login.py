"""Signing in: passwords, the login rate limit (15 minutes: 5 failures per username, 20 per IP), logout."""
import pytest
from sqlalchemy import func, select

from web.login_throttle import LoginAttempt


def test_pages_need_a_login(client):
    response = client.get("/cases")
    assert response.status_code == 302 and "/login?next=%2Fcases" in response.headers["Location"]


def test_login_and_logout(login):
    browser = login("township_caseworker_dulin")
    page = browser.get("/").get_data(as_text=True)
    assert "都林街道乡镇经办人" in page and "乡镇经办人 · 都林街道" in page and 'lang="zh-CN"' in page
    assert browser.post("/logout").status_code == 303
    assert browser.get("/").status_code == 302


def test_wrong_password_is_refused(client, attempt_login):
    response = attempt_login(client, "township_caseworker_dulin", "wrong")
    assert response.status_code == 200 and "用户名或密码错误" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("target, expected", [("https://evil.example/", "/"), ("//evil.example/", "/"),
                                              ("/cases", "/cases")])
def test_login_follows_only_local_next(client, attempt_login, target, expected):
    client.get("/login")   # the token comes from the session, so any page of it will do
    response = attempt_login(client, "township_caseworker_dulin", query_string={"next": target})
    assert response.status_code == 303 and response.headers["Location"] == expected


@pytest.mark.parametrize("vary, failures", [("username", 5), ("ip", 20)])
def test_failures_lock_for_fifteen_minutes(client, attempt_login, clock, vary, failures):
    """Five failures on one username (from any IP), or twenty from one IP (on any username), refuse even the right
    password."""
    for i in range(failures):
        username = f"user{i}" if vary == "ip" else "township_caseworker_dulin"
        ip = f"10.0.0.{i + 10}" if vary == "username" else "10.0.0.1"
        assert attempt_login(client, username, "wrong", ip).status_code == 200
    locked = attempt_login(client, "township_caseworker_dulin", ip="10.0.0.1")
    assert locked.status_code == 429 and "登录失败次数过多" in locked.get_data(as_text=True)
    clock.advance(minutes=14)
    assert attempt_login(client, "township_caseworker_dulin", ip="10.0.0.1").status_code == 429
    clock.advance(minutes=1, seconds=1)
    assert attempt_login(client, "township_caseworker_dulin", ip="10.0.0.1").status_code == 303


def test_failures_are_stored_in_the_database(client, attempt_login, session_factory):
    attempt_login(client, "nobody", "wrong")
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(LoginAttempt).where(
            LoginAttempt.username == "nobody", LoginAttempt.is_success.is_(False))) == 1


def test_success_clears_the_username_count(client, attempt_login):
    for _ in range(4):
        attempt_login(client, "township_caseworker_dulin", "wrong")
    assert attempt_login(client, "township_caseworker_dulin").status_code == 303
    client.delete_cookie("session")
    for _ in range(4):
        attempt_login(client, "township_caseworker_dulin", "wrong")
    assert attempt_login(client, "township_caseworker_dulin").status_code == 303
