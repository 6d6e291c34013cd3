"""The login limit per account and per IP cannot be reset by the guesser: signing in to an account of their own
clears neither the victim's count nor their IP's; behind a proxy the client IP comes from X-Forwarded-For only when
PROXY_FIX_X_FOR says so."""
from web import login_throttle

VICTIM, OWN = "township_caseworker_dulin", "village_assistant_heping"


def test_the_guessers_own_login_does_not_reset_the_victims_count(client, attempt_login):
    for _ in range(4):
        assert attempt_login(client, VICTIM, "wrong", ip="10.0.0.7").status_code == 200
    assert attempt_login(client, OWN, ip="10.0.0.7").status_code == 303   # their own account, same IP
    client.delete_cookie("session")
    assert attempt_login(client, VICTIM, "wrong", ip="10.0.0.8").status_code == 200
    locked = attempt_login(client, VICTIM, ip="10.0.0.9")                 # even the right password, from anywhere
    assert locked.status_code == 429 and "登录失败次数过多" in locked.get_data(as_text=True)


def test_a_success_from_an_ip_does_not_reset_that_ips_count(client, attempt_login):
    ip = "10.0.0.7"
    for round_, expected in enumerate((303, 429)):   # half the limit, a success of their own, the other half
        for i in range(login_throttle.MAX_IP_FAILURES // 2):   # spread over many names: no account lock
            assert attempt_login(client, f"guess{round_}-{i}", "wrong", ip=ip).status_code == 200
        assert attempt_login(client, OWN, ip=ip).status_code == expected
        client.delete_cookie("session")
    assert attempt_login(client, OWN, ip="10.0.0.8").status_code == 303      # another IP is not affected


def test_the_accounts_own_success_clears_its_count(client, attempt_login):
    for _ in range(4):
        attempt_login(client, VICTIM, "wrong", ip="10.0.0.7")
    assert attempt_login(client, VICTIM, ip="10.0.0.8").status_code == 303
    client.delete_cookie("session")
    assert attempt_login(client, VICTIM, "wrong", ip="10.0.0.9").status_code == 200
    assert attempt_login(client, VICTIM, ip="10.0.0.9").status_code == 303


def test_forwarded_for_is_ignored_unless_a_proxy_is_configured(client, attempt_login):
    for i in range(login_throttle.MAX_IP_FAILURES):   # a client varying X-Forwarded-For is still one IP
        attempt_login(client, f"guess{i}", "wrong", headers={"X-Forwarded-For": f"192.0.2.{i}"})
    assert attempt_login(client, OWN, headers={"X-Forwarded-For": "192.0.2.200"}).status_code == 429


def test_behind_a_proxy_the_forwarded_client_ip_is_counted(app, db_url, attempt_login):
    from web import create_app
    proxied = create_app({"TESTING": True, "SECRET_KEY": "test-secret", "DATABASE_URL": db_url,
                          "PROXY_FIX_X_FOR": 1})
    try:
        client = proxied.test_client()
        for i in range(login_throttle.MAX_IP_FAILURES):   # all from one client behind the proxy 10.0.0.1
            attempt_login(client, f"guess{i}", "wrong", headers={"X-Forwarded-For": "192.0.2.1"})
        assert attempt_login(client, OWN, headers={"X-Forwarded-For": "192.0.2.1"}).status_code == 429
        assert attempt_login(client, OWN, headers={"X-Forwarded-For": "192.0.2.2"}).status_code == 303
    finally:
        proxied.extensions["doudi.db_engine"].dispose()
