"""Browser protections on every response: a Content-Security-Policy without inline script or style, no framing,
nosniff, same-origin referrers — and no inline event handler or script left in the templates for the CSP to break."""
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = [*ROOT.glob("web/templates/**/*.html"), *ROOT.glob("assistance/programmes/*/templates/**/*.html")]


def _assert_protected(response):
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.parametrize("url", ["/login", "/verify", "/no-such-page"])
def test_anonymous_pages_carry_the_headers(client, url):
    _assert_protected(client.get(url))


@pytest.mark.parametrize("url", ["/", "/cases", "/supervise", "/me/absences", "/inbox", "/cases/999999"])
def test_signed_in_pages_carry_the_headers(login, url):
    _assert_protected(login("supervisor_wulanhaote").get(url))


def test_error_and_redirect_responses_carry_them_too(client):
    _assert_protected(client.get("/cases"))                      # 302 to the login page
    _assert_protected(client.post("/login", data={}))            # 400: CSRF refused


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_handlers_or_scripts(path):
    text = path.read_text()
    assert not re.search(r"\son[a-z]+\s*=", text), "inline event handler: bind it in web/static/doudi.js"
    assert not re.search(r"javascript:", text, re.I)
    for tag in re.findall(r"<script\b[^>]*>", text):   # only external files or JSON data islands
        assert "src=" in tag or 'type="application/json"' in tag, tag


def test_pages_load_the_behaviour_script(client):
    assert "/static/doudi.js" in client.get("/login").get_data(as_text=True)
    response = client.get("/static/doudi.js")
    response.close()   # the file stays open until the response is closed
    assert response.status_code == 200
