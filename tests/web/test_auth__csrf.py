"""CSRF: every state-changing POST needs the token, as a form field or (htmx) the X-CSRFToken header."""
from sqlalchemy import func, select

from assistance.core.models import Household


def test_post_without_token_is_refused_and_changes_nothing(app, start_case, login, open_task, new_case_form,
                                                          session_factory):
    assert app.config.get("WTF_CSRF_ENABLED", True)
    case_id = start_case()
    task = open_task(case_id)
    caseworker = login("township_caseworker_dulin")
    response = caseworker.client.post(f"/tasks/{task.id}/claim")
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)
    assert open_task(case_id).assignee_id is None

    assistant = login("village_assistant_heping")
    with session_factory() as s:
        households = s.scalar(select(func.count()).select_from(Household))
    assert assistant.client.post("/cases/new", data=new_case_form()).status_code == 400
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Household)) == households


def test_wrong_token_is_refused(client):
    response = client.post("/login", data={"username": "x", "password": "y", "csrf_token": "forged"})
    assert response.status_code == 400


def test_htmx_header_token_is_accepted(start_case, login, open_task):
    case_id = start_case()
    task = open_task(case_id)
    caseworker = login("township_caseworker_dulin")
    response = caseworker.client.post(f"/tasks/{task.id}/claim",
                                      headers={"X-CSRFToken": caseworker.token, "HX-Request": "true"})
    assert response.status_code == 303 and open_task(case_id).assignee_id is not None


def test_base_layout_gives_htmx_the_token(login):
    page = login("township_caseworker_dulin").get("/").get_data(as_text=True)
    assert "hx-headers='{\"X-CSRFToken\": \"" in page
