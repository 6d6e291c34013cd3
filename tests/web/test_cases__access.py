"""Who sees a case and its task: the region subtree decides, and outsiders get 404 (never the data)."""
import pytest

INSIDERS = ["village_assistant_heping", "township_caseworker_dulin", "township_leader_dulin",
            "county_caseworker_wulanhaote", "supervisor_xinganmeng", "admin_xinganmeng"]
OUTSIDERS = ["village_assistant_shengli", "township_caseworker_yilelite", "township_caseworker_keerqin",
             "county_approver_keyouqianqi"]


@pytest.fixture
def case_and_task(start_case, open_task):
    case_id = start_case()
    return case_id, open_task(case_id).id


@pytest.mark.parametrize("username", INSIDERS)
def test_users_of_the_region_see_case_and_task(login, case_and_task, username):
    case_id, task_id = case_and_task
    browser = login(username)
    assert browser.get(f"/cases/{case_id}").status_code == 200
    assert browser.get(f"/tasks/{task_id}").status_code == 200


@pytest.mark.parametrize("username", OUTSIDERS)
def test_users_elsewhere_get_404(login, case_and_task, username):
    case_id, task_id = case_and_task
    browser = login(username)
    for url in (f"/cases/{case_id}", f"/tasks/{task_id}"):
        response = browser.get(url)
        assert response.status_code == 404 and "赵敏" not in response.get_data(as_text=True)
    assert "赵敏" not in browser.get("/cases").get_data(as_text=True)


def test_missing_case_and_task_are_404_in_chinese(login):
    browser = login("township_caseworker_dulin")
    response = browser.get("/cases/999999")
    assert response.status_code == 404 and "页面不存在" in response.get_data(as_text=True)
    assert browser.get("/tasks/999999").status_code == 404


@pytest.mark.parametrize("username, status", [("admin_xinganmeng", 200), ("township_caseworker_dulin", 403),
                                              ("supervisor_xinganmeng", 403)])
def test_admin_pages_are_for_admins(login, username, status):
    browser = login(username)
    assert browser.get("/admin/jobs").status_code == status
    assert ("管理</a>" in browser.get("/").get_data(as_text=True)) == (status == 200)
