"""新建案件: registering a household opens a case and starts the application process — or saves nothing at all."""
from datetime import date

import pytest
from sqlalchemy import func, select

from assistance.core.idnumbers import compose_id_number
from assistance.core.models import Case, Household
from engine import HumanTask, ProcessInstance


def count(session_factory, model):
    with session_factory() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_village_assistant_starts_a_case(start_case, login, session_factory):
    case_id = start_case()
    with session_factory() as s:
        case = s.get(Case, case_id)
        instance = s.scalars(select(ProcessInstance).where(ProcessInstance.business_key == str(case_id))).one()
        task = s.scalars(select(HumanTask).where(HumanTask.instance_id == instance.id)).one()
        assert case.number.startswith("DB-2026-") and case.household.applicant.name == "赵敏"
        assert instance.region_id == case.region_id and instance.summary["applicant"] == "赵敏"
        assert (task.name, task.role, task.state) == ("乡镇审核", "township_caseworker", "ready")
    page = login("village_assistant_heping").get(f"/cases/{case_id}").get_data(as_text=True)
    assert "演示：救助申请" in page and "第 1 版" in page and "办理中" in page
    assert "待认领（乡镇经办人）" in page and "登记家庭" in page and "立案" in page


def test_form_offers_only_villages_in_the_users_region(login):
    page = login("village_assistant_heping").get("/cases/new").get_data(as_text=True)
    assert "和平社区" in page and "胜利社区" not in page
    page = login("township_caseworker_dulin").get("/cases/new").get_data(as_text=True)
    assert "和平社区" in page and "胜利社区" in page and "平安村" not in page


def test_invalid_id_number_is_reported_and_nothing_is_saved(login, new_case_form, session_factory):
    good = compose_id_number("152201", date(1975, 4, 1), 123)
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    households, cases = count(session_factory, Household), count(session_factory, Case)
    assistant = login("village_assistant_heping")
    response = assistant.post("/cases/new", data=new_case_form(members=[("赵敏", bad, "本人")]))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "第1位成员：身份证号校验位不正确" in page
    assert f'value="{bad}"' in page                                   # the typed value comes back to be fixed
    assert count(session_factory, Household) == households and count(session_factory, Case) == cases
    assert count(session_factory, ProcessInstance) == 0


def test_errors_land_on_the_row_they_belong_to(login, new_case_form):
    good = compose_id_number("152201", date(1975, 4, 1), 123)
    response = login("village_assistant_heping").post("/cases/new", data=new_case_form(
        members=[("赵敏", good, "本人"), ("", "", ""), ("钱多", "12345", "子女")]))
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "身份证号长度应为18位" in page
    assert page.index("身份证号长度应为18位") > page.index('name="members-2-id_number"')


def test_village_outside_the_region_is_refused(login, new_case_form, session_factory):
    response = login("village_assistant_heping").post("/cases/new", data=new_case_form(village_code="152201001002"))
    assert response.status_code == 422 and "请选择您辖区内的村" in response.get_data(as_text=True)
    assert count(session_factory, Household) == 4   # the demo households only


@pytest.mark.parametrize("username", ["county_caseworker_wulanhaote", "township_leader_dulin", "admin_xinganmeng"])
def test_only_village_assistants_and_township_caseworkers_start_cases(login, username, new_case_form):
    browser = login(username)
    assert browser.get("/cases/new").status_code == 403
    assert browser.post("/cases/new", data=new_case_form()).status_code == 403
    assert "新建案件" not in browser.get("/").get_data(as_text=True)


def test_case_list_shows_visible_cases_with_masked_ids(start_case, login):
    case_id = start_case()
    page = login("county_caseworker_wulanhaote").get("/cases").get_data(as_text=True)
    full_id = compose_id_number("152201", date(1975, 4, 1), 123)
    assert f"/cases/{case_id}" in page and "赵敏" in page and full_id not in page and full_id[:4] + "*" in page
    assert f"/cases/{case_id}" not in login("county_caseworker_keyouqianqi").get("/cases").get_data(as_text=True)
