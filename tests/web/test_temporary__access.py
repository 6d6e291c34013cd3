"""Who may register an emergency, see a township's reserve fund and top it up: everyone else gets 403 or 404."""
import pytest

from tests.web.temporary_helpers import DULIN, HEPING, intake_form, region_id, temporary_case

STARTERS = ["village_assistant_heping", "township_caseworker_dulin", "township_leader_dulin"]
NOT_STARTERS = ["county_caseworker_wulanhaote", "county_approver_wulanhaote", "supervisor_xinganmeng",
                "auditor_xinganmeng", "admin_xinganmeng"]


@pytest.mark.parametrize("username", STARTERS)
def test_anyone_on_duty_opens_the_intake_and_sees_the_link(login, username):
    browser = login(username)
    page = browser.get("/temporary/new")
    assert page.status_code == 200 and "急难发生地" in page.get_data(as_text=True)
    assert "急难登记</a>" in browser.get("/").get_data(as_text=True)


@pytest.mark.parametrize("username", NOT_STARTERS)
def test_others_may_not_register_an_emergency(login, session_factory, username):
    browser = login(username)
    assert browser.get("/temporary/new").status_code == 403
    assert browser.post("/temporary/new", data=intake_form(session_factory)).status_code == 403
    assert "急难登记</a>" not in browser.get("/").get_data(as_text=True)


def test_the_village_select_offers_only_the_users_own_villages(login):
    text = login("township_caseworker_dulin").get("/temporary/new").get_data(as_text=True)
    assert "和平社区" in text and "胜利社区" in text and "联合村" not in text


# (user, 都林街道 ledger, top-up): 200/403/404 for the ledger; True if a top-up is allowed
FUND_MATRIX = [
    ("township_caseworker_dulin", 200, False),
    ("township_leader_dulin", 200, False),
    ("county_caseworker_wulanhaote", 200, True),
    ("county_approver_wulanhaote", 200, True),
    ("supervisor_wulanhaote", 200, False),
    ("admin_xinganmeng", 200, True),
    ("auditor_xinganmeng", 200, False),
    ("township_caseworker_yilelite", 404, False),   # another township
    ("county_caseworker_keyouqianqi", 404, False),  # another county
    ("village_assistant_heping", 404, False),       # a village has no fund
]


@pytest.mark.parametrize("username, ledger, may_top_up", FUND_MATRIX)
def test_reserve_fund_ledger_and_top_up_matrix(login, session_factory, username, ledger, may_top_up):
    dulin = region_id(session_factory, DULIN)
    browser = login(username)
    page = browser.get(f"/temporary/reserve/{dulin}")
    assert page.status_code == ledger
    assert ("确认拨付" in page.get_data(as_text=True)) == may_top_up
    response = browser.post(f"/temporary/reserve/{dulin}", data={"amount": "100", "reason": "县民政局拨款"})
    assert response.status_code == (303 if may_top_up else 404 if ledger == 404 else 403)
    balance = login("admin_xinganmeng").get(f"/temporary/reserve/{dulin}").get_data(as_text=True)
    assert ("100.00 元" in balance) == may_top_up


@pytest.mark.parametrize("username, status", [("township_caseworker_dulin", 200), ("county_caseworker_wulanhaote", 200),
                                              ("supervisor_xinganmeng", 200), ("village_assistant_heping", 403),
                                              ("analyst_xinganmeng", 403)])
def test_reserve_fund_list(login, username, status):
    browser = login(username)
    assert browser.get("/temporary/reserve").status_code == status
    assert ("备用金</a>" in browser.get("/").get_data(as_text=True)) == (status == 200)


def test_the_list_shows_the_townships_of_the_users_region_only(login):
    township = login("township_caseworker_dulin").get("/temporary/reserve").get_data(as_text=True)
    assert "都林街道" in township and "义勒力特镇" not in township
    county = login("county_caseworker_wulanhaote").get("/temporary/reserve").get_data(as_text=True)
    assert "都林街道" in county and "义勒力特镇" in county and "科尔沁镇" not in county


def test_a_region_that_is_not_a_township_has_no_ledger(login, session_factory):
    browser = login("admin_xinganmeng")
    assert browser.get(f"/temporary/reserve/{region_id(session_factory, HEPING)}").status_code == 404
    assert browser.get("/temporary/reserve/999999").status_code == 404


@pytest.mark.parametrize("username, status", [("township_caseworker_dulin", 200), ("village_assistant_heping", 200),
                                              ("county_approver_wulanhaote", 200),
                                              ("township_caseworker_yilelite", 404),
                                              ("county_caseworker_keyouqianqi", 404)])
def test_case_section_follows_the_case_access(login, session_factory, username, status):
    case_id = temporary_case(session_factory)
    assert login(username).get(f"/cases/{case_id}/temporary").status_code == status
