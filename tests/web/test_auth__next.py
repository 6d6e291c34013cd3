"""Where login sends you (?next=): a same-site path only, after normalising what a browser would ignore or decode;
anything else, and anything malformed, goes to the queue — never off-site, never a 500."""
from urllib.parse import unquote

import pytest


@pytest.mark.parametrize("target", [
    "/\t/evil.example",           # next=/%09/evil.example: browsers drop the tab, leaving //evil.example
    "//evil.example", "/\\evil.example", "\\\\evil.example", "https://evil.example", "http:/evil.example",
    "/%2F/evil.example", "/%5Cevil.example", "/%09/evil.example", " //evil.example", "/\n/evil.example",
    "/\r\n/evil.example", "\x00//evil.example", "/\u3000/evil.example", "javascript:alert(1)", "", "evil.example",
])
def test_off_site_or_malformed_targets_go_to_the_queue(client, attempt_login, target):
    response = attempt_login(client, "township_caseworker_dulin", query_string={"next": target})
    assert response.status_code == 303 and response.headers["Location"] == "/"


def test_a_newline_in_next_is_not_a_500(client, attempt_login):
    response = attempt_login(client, "township_caseworker_dulin", query_string="next=%0d%0aSet-Cookie:x=1")
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert not any(c.startswith("x=") for c in response.headers.getlist("Set-Cookie"))


@pytest.mark.parametrize("target, expected", [
    ("/queue", "/queue"), ("/cases?q=赵敏&page=2", "/cases?q=赵敏&page=2"), ("/cases/\n12", "/cases/12"),
])
def test_same_site_paths_are_followed(client, attempt_login, target, expected):
    response = attempt_login(client, "township_caseworker_dulin", query_string={"next": target})
    assert response.status_code == 303 and unquote(response.headers["Location"]) == expected
