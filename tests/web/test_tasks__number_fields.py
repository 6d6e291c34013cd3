"""Number fields of task forms (issue 11 item 9): Infinity, NaN, 1e400, more than 2 decimals or an implausible
income are refused on the form — a Chinese message, 422, the task still open and nothing written."""
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from assistance.core.models import Case, Household, Member
from assistance.programmes.temporary import reserve_fund
from demo import dibao_cases as demo_cases
from engine import AuditEvent, HumanTask, ProcessInstance, forms
from tests.web.temporary_helpers import DULIN, intake_form, region_id, top_up
from tests.workflows.steps import ZERO_MONEY

SURVEY = dict(investigator_1="李明", investigator_2="王芳", visit_date="2026-03-03", survey_method="home_visit",
              income_wages="1000", asset_vehicles="0", asset_extra_housing="0", signed_by_household="true",
              **{k: "0" for k in ZERO_MONEY})


@pytest.fixture
def survey_task(app, login, session_factory):
    """(browser, task id): the 入户调查 of the demo case 冯志刚, claimed by the 都林街道 caseworker."""
    with session_factory() as s:
        demo_cases.seed_demo_cases(s)
        s.commit()
        case_id = s.scalar(select(Case.id).join(Household).join(Member).where(Member.name == "冯志刚"))
        task_id = s.scalar(select(HumanTask.id).join(ProcessInstance).where(
            ProcessInstance.business_key == str(case_id), HumanTask.element_id == "Task_survey"))
    worker = login("township_caseworker_dulin")
    assert worker.post(f"/tasks/{task_id}/claim").status_code == 303
    return worker, task_id


def audit_rows(session_factory) -> int:
    with session_factory() as s:
        return s.scalar(select(func.count()).select_from(AuditEvent))


@pytest.mark.parametrize("field, value, message", [
    ("income_wages", "Infinity", "不是有效的数字"),
    ("income_wages", "NaN", "不是有效的数字"),
    ("income_wages", "-Infinity", "不是有效的数字"),
    ("income_wages", "1e400", "数值过大"),
    ("income_wages", "100.005", "最多保留两位小数"),
    ("asset_deposits", "99999999999999999999", "数值过大"),
    ("asset_vehicles", "1e400", "数值过大"),
    ("asset_vehicles", "1.5", "须为整数"),
    ("income_other", "100000.01", "不能大于 100000.00"),   # monthly_income_ceiling, default 100,000 元/月
])
def test_a_bad_number_in_the_survey_is_refused_on_the_form(survey_task, session_factory, field, value, message):
    worker, task_id = survey_task
    before = audit_rows(session_factory)
    response = worker.post(f"/tasks/{task_id}/complete", data={**SURVEY, field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page and f'value="{value}"' in page          # on the field, with what was typed
    assert "Traceback" not in page and "concatenate" not in page
    with session_factory() as s:
        assert s.get(HumanTask, task_id).state == "reserved"        # the survey is still to do
    assert audit_rows(session_factory) == before                  # nothing written


def test_the_income_ceiling_is_shown_to_the_browser(survey_task):
    worker, task_id = survey_task
    page = worker.get(f"/tasks/{task_id}").get_data(as_text=True)
    assert 'name="income_wages"' in page and 'max="100000.00"' in page


def test_a_pay_first_amount_with_more_than_two_decimals_is_refused_not_rounded(login, session_factory, open_task):
    """The probe 100.12345 was paid as 100.12 from the reserve fund; now the form says why and nothing is paid."""
    top_up(session_factory, DULIN, "5000")
    caseworker = login("township_caseworker_dulin")
    case_id = int(caseworker.post("/temporary/new", data=intake_form(session_factory)).headers["Location"]
                  .rsplit("/", 1)[1])
    task = open_task(case_id)
    assert caseworker.post(f"/tasks/{task.id}/claim").status_code == 303
    response = caseworker.post(f"/tasks/{task.id}/complete", data={
        "pay_first_route": "pay_first", "pay_first_amount": "100.12345", "pay_first_method": "cash",
        "pay_first_recipient": "孙火", "pay_first_note": "夜间火灾，先行救助"})
    assert response.status_code == 422 and "最多保留两位小数" in response.get_data(as_text=True)
    assert open_task(case_id).id == task.id
    with session_factory() as s:
        assert reserve_fund.balance(s, region_id(session_factory, DULIN)) == Decimal("5000.00")


@pytest.mark.parametrize("value", [Decimal("Infinity"), Decimal("NaN"), float("nan"), float("inf"), Decimal("1e400")])
def test_typed_data_handed_to_the_engine_is_checked_too(value):
    """engine.complete validates again what a script or the demo passes: no NaN reaches JSON Schema (it raised)."""
    schema = {"type": "object", "properties": {"amount": {"type": "number", "minimum": 0}}, "required": ["amount"]}
    assert set(forms.validate(schema, {"amount": value})) == {"amount"}


@pytest.mark.parametrize("text, typed", [("1234.5", Decimal("1234.5")), ("1e3", Decimal("1000")), (" 0.10 ", Decimal("0.10"))])
def test_a_readable_number_is_a_decimal(text, typed):
    schema = {"type": "object", "properties": {"amount": {"type": "number"}}}
    data = forms.coerce(schema, {"amount": text})
    assert data["amount"] == typed and isinstance(data["amount"], Decimal) and not forms.validate(schema, data)


def test_x_step_sets_the_decimals_a_number_field_takes():
    schema = {"type": "object", "properties": {"ratio": {"type": "number", "x-step": "0.0001"}}}
    assert forms.validate(schema, forms.coerce(schema, {"ratio": "0.3333"})) == {}
    assert forms.validate(schema, forms.coerce(schema, {"ratio": "0.33333"})) == {"ratio": "最多保留 4 位小数"}
