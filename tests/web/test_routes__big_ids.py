"""Numbers no database column can hold (2⁶³, 10²⁵, 5,000 digits) in a URL are a 404, and in a query string or a form
a 4xx or an ignored filter: never an integer overflow and a 500."""
import pytest
from werkzeug.routing import IntegerConverter

from tests.web.queue_helpers import task_row, uid
from web.converters import BoundedIntConverter, to_int

HUGE = (str(2 ** 31), str(2 ** 63), str(10 ** 25), "9" * 5000)
ADMIN, SUPERVISOR, WORKER = "admin_xinganmeng", "supervisor_wulanhaote", "township_caseworker_dulin"


def int_routes(app):
    """Every rule with an <int:…> part, with a sample value for its other parts."""
    for rule in app.url_map.iter_rules():
        ints = [name for name, conv in rule._converters.items() if isinstance(conv, IntegerConverter)]
        if ints:
            yield rule, ints


def test_every_int_route_uses_the_bounded_converter(app):
    routes = list(int_routes(app))
    assert len(routes) >= 15
    assert all(isinstance(rule._converters[name], BoundedIntConverter) for rule, names in routes for name in names)


@pytest.mark.parametrize("huge", HUGE, ids=("2**31", "2**63", "10**25", "5000 digits"))
@pytest.mark.parametrize("username", (ADMIN, SUPERVISOR))
def test_every_int_route_is_not_found_for_an_id_past_64_bits(app, login, huge, username):
    browser = login(username)
    for rule, ints in int_routes(app):
        url = app.url_map.bind("localhost").build(
            rule.endpoint, {name: 1 if name in ints else "x" for name in rule.arguments}, append_unknown=False)
        for name in ints:   # replace each number in turn: the built URL has the value 1 in its place
            url_huge = url.replace("/1", f"/{huge}", 1)
            for method in sorted(rule.methods & {"GET", "POST"}):
                response = browser.get(url_huge) if method == "GET" else browser.post(url_huge)
                # 405 where another method's rule shares the path (Werkzeug checks methods before converters)
                assert response.status_code in (404, 405), (rule.rule, method, response.status_code)


def test_the_largest_id_a_column_holds_is_a_plain_not_found(login):
    assert login(SUPERVISOR).get(f"/tasks/{2 ** 31 - 1}").status_code == 404
    assert login(SUPERVISOR).get(f"/cases/{2 ** 31 - 1}").status_code == 404


@pytest.mark.parametrize("huge", HUGE[:3], ids=("2**31", "2**63", "10**25"))
@pytest.mark.parametrize("query", ("page={}", "region={}", "priority={}", "priority=-{}", "region=²", "page=²"))
@pytest.mark.parametrize("path", ("/", "/team", "/cases"))
def test_list_parameters_past_64_bits_are_ignored(login, q_case, huge, query, path):
    q_case()
    response = login(SUPERVISOR).get(f"{path}?{query.format(huge)}")
    assert response.status_code == 200


def test_a_huge_user_id_on_reassign_is_refused_with_a_message_and_changes_nothing(
        q_case, login, session_factory):
    _, task_id = q_case()
    holder = login(WORKER)
    assert holder.post(f"/tasks/{task_id}/claim").status_code == 303
    supervisor = login(SUPERVISOR)
    for huge in HUGE:
        response = supervisor.post(f"/tasks/{task_id}/reassign", data={"user_id": huge, "reason": "均衡工作量"})
        assert response.status_code == 422 and "请选择人员" in response.get_data(as_text=True)
        response = supervisor.post("/team/reassign", data={"user_id": huge, "task_id": str(task_id)})
        assert response.status_code == 303
    assert task_row(session_factory, task_id).assignee_id == uid(session_factory, WORKER)


def test_huge_task_ids_in_a_bulk_claim_are_skipped(q_case, login, session_factory):
    _, task_id = q_case()
    response = login(WORKER).post("/queue/claim", data={"task_id": [*HUGE, "²", str(task_id)]})
    assert response.status_code == 200
    assert response.get_data(as_text=True).count('badge">成功</span>') == 1      # one row: the real task
    assert task_row(session_factory, task_id).assignee_id == uid(session_factory, WORKER)


@pytest.mark.parametrize("raw, expected", [("12", 12), (" 7 ", 7), ("-3", -3), (str(2 ** 31 - 1), 2 ** 31 - 1),
                                           (str(2 ** 31), None), (str(-2 ** 31 - 1), None), ("²", None),
                                           ("1e3", None), ("--1", None), ("", None), (None, None), (5, 5)])
def test_to_int(raw, expected):
    assert to_int(raw) == expected
