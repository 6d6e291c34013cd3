"""我的任务: a new application lands in the township pool, is claimed once, and moves to the claimer's own tab."""
from datetime import date

from sqlalchemy import select

from assistance.core.idnumbers import compose_id_number
from engine import AuditEvent, HumanTask


def test_new_application_is_claimable_by_the_township_caseworker(start_case, login, open_task):
    case_id = start_case()
    caseworker = login("township_caseworker_dulin")
    page = caseworker.get("/?tab=claimable").get_data(as_text=True)
    task = open_task(case_id)
    assert "可认领（1）" in page and "我的待办（0）" in page
    assert f"/tasks/{task.id}" in page and "乡镇审核" in page
    assert "赵敏" in page and "1522**********" in page      # applicant, with the ID number masked
    assert "剩余 3 个工作日" in page                          # demo_review_working_days


def test_claim_moves_the_task_to_my_tab(start_case, login, open_task, user_id):
    case_id = start_case()
    caseworker = login("township_caseworker_dulin")
    task = open_task(case_id)
    response = caseworker.post(f"/tasks/{task.id}/claim")
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/tasks/{task.id}")
    assert open_task(case_id).assignee_id == user_id("township_caseworker_dulin")
    page = caseworker.get("/").get_data(as_text=True)
    assert "我的待办（1）" in page and "可认领（0）" in page and "乡镇审核" in page


def test_claim_race_second_claimer_gets_409(start_case, login, open_task, session_factory, user_id):
    case_id = start_case()
    first_id = user_id("township_caseworker_dulin")
    first, second = login("township_caseworker_dulin"), login("township_caseworker_dulin")
    task = open_task(case_id)
    assert first.post(f"/tasks/{task.id}/claim").status_code == 303
    response = second.post(f"/tasks/{task.id}/claim")
    assert response.status_code == 409
    assert "已被他人认领" in response.get_data(as_text=True)
    with session_factory() as s:
        claims = s.scalars(select(AuditEvent).where(AuditEvent.action == "task.claim")).all()
        assert len(claims) == 1 and claims[0].after == {"assignee": first_id}   # claimed exactly once


def test_lost_race_in_a_browser_flashes_and_returns_to_the_queue(start_case, login, open_task):
    case_id = start_case()
    first, second = login("township_caseworker_dulin"), login("township_caseworker_dulin")
    task = open_task(case_id)
    first.post(f"/tasks/{task.id}/claim")
    response = second.post(f"/tasks/{task.id}/claim", headers={"Accept": "text/html,*/*;q=0.8"})
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert "已被他人认领" in second.get("/").get_data(as_text=True)


def test_htmx_claim_refusal_is_a_409(start_case, login, open_task):
    case_id = start_case()
    first, second = login("township_caseworker_dulin"), login("township_caseworker_dulin")
    task = open_task(case_id)
    first.post(f"/tasks/{task.id}/claim")
    response = second.post(f"/tasks/{task.id}/claim", headers={"Accept": "text/html", "HX-Request": "true"})
    assert response.status_code == 409


def test_other_township_does_not_see_or_claim_the_task(start_case, login, open_task, session_factory):
    case_id = start_case()
    task = open_task(case_id)
    for username in ("township_caseworker_yilelite", "township_caseworker_keerqin"):
        outsider = login(username)
        page = outsider.get("/?tab=claimable").get_data(as_text=True)
        assert "可认领（0）" in page and f"/tasks/{task.id}" not in page
        assert outsider.post(f"/tasks/{task.id}/claim").status_code == 404
    with session_factory() as s:
        assert s.get(HumanTask, task.id).assignee_id is None


def test_same_region_other_role_may_look_but_not_claim(start_case, login, open_task):
    case_id = start_case()
    task = open_task(case_id)
    leader = login("township_leader_dulin")
    page = leader.get(f"/tasks/{task.id}")
    assert page.status_code == 200 and f"/tasks/{task.id}/claim" not in page.get_data(as_text=True)
    assert leader.post(f"/tasks/{task.id}/claim").status_code == 403


def id_number(born, serial):
    return compose_id_number("152201", born, serial)


def test_queue_sorts_overdue_first_then_soonest(start_case, login, open_task, clock, session_factory):
    first = open_task(start_case())
    clock.advance(days=1)
    second = open_task(start_case(address="和平社区9号", members=[("孙立", id_number(date(1960, 1, 5), 131), "本人")]))
    with session_factory() as s:   # make the later task overdue: it must now come first
        s.get(HumanTask, second.id).due_dt = clock.now().replace(year=2026, month=3, day=2)
        s.commit()
    page = login("township_caseworker_dulin").get("/?tab=claimable").get_data(as_text=True)
    assert page.index(f"/tasks/{second.id}\"") < page.index(f"/tasks/{first.id}\"")
    assert "已逾期" in page
