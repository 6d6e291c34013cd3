"""The night fire walked through the pages: intake, 先行救助 from the reserve fund, then 补齐手续 the next day; the case
page's section follows each step (money paid, the balance left, the paperwork due and done)."""
from decimal import Decimal

from assistance.programmes.temporary import reserve_fund
from tests.web.temporary_helpers import DULIN, FIRE_VICTIM, intake_form, region_id, top_up

PAY_FIRST = {"pay_first_route": "pay_first", "pay_first_amount": "1500", "pay_first_method": "cash",
             "pay_first_recipient": "孙火", "pay_first_note": "夜间火灾，先行救助"}
PAPERWORK = {"paperwork_recipient_name": "孙火", "paperwork_recipient_id": FIRE_VICTIM,
             "paperwork_reason": "住宅失火，财物烧毁", "paperwork_amount": "1500", "recipient_signed": "true",
             "officer_signed": "true"}


def work(browser, open_task, case_id, data, name):
    task = open_task(case_id)
    assert task.name == name
    assert browser.post(f"/tasks/{task.id}/claim").status_code == 303
    response = browser.post(f"/tasks/{task.id}/complete", data=data)
    assert response.status_code == 303, response.get_data(as_text=True)


def test_pay_first_then_paperwork_the_next_day(login, session_factory, open_task, clock):
    top_up(session_factory, DULIN, "5000")
    caseworker = login("township_caseworker_dulin")
    response = caseworker.post("/temporary/new", data=intake_form(session_factory))
    case_id = int(response.headers["Location"].rsplit("/", 1)[1])

    work(caseworker, open_task, case_id, PAY_FIRST, "先行救助")
    section = caseworker.get(f"/cases/{case_id}/temporary").get_data(as_text=True)
    assert '<th id="temporary-paid">1,500.00 元</th>' in section
    assert '<strong id="temporary-fund-balance">3,500.00 元</strong>' in section
    assert "须于 <strong>2026-03-09" in section and "前补齐手续" in section   # 5 working days from Monday
    with session_factory() as s:
        assert reserve_fund.balance(s, region_id(session_factory, DULIN)) == Decimal("3500.00")

    clock.advance(days=1)
    work(caseworker, open_task, case_id, PAPERWORK, "补齐手续")
    section = caseworker.get(f"/cases/{case_id}/temporary").get_data(as_text=True)
    assert "已于 <strong>2026-03-03 09:00</strong> 补齐手续" in section and "已逾期" not in section


def test_pay_first_above_the_ceiling_shows_the_reason_on_the_form_and_pays_nothing(login, session_factory, open_task,
                                                                                   clock):
    top_up(session_factory, DULIN, "5000")
    caseworker = login("township_caseworker_dulin")
    case_id = int(caseworker.post("/temporary/new", data=intake_form(session_factory)).headers["Location"]
                  .rsplit("/", 1)[1])
    task = open_task(case_id)
    assert caseworker.post(f"/tasks/{task.id}/claim").status_code == 303
    response = caseworker.post(f"/tasks/{task.id}/complete", data={**PAY_FIRST, "pay_first_amount": "2500"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "超过乡镇小金额先行救助上限" in page and "流程执行出错" not in page
    assert 'value="2500"' in page                                  # what was typed is kept
    assert open_task(case_id).id == task.id                        # still to do
    with session_factory() as s:
        assert reserve_fund.balance(s, region_id(session_factory, DULIN)) == Decimal("5000.00")
