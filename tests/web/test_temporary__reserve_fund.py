"""The reserve fund pages: a top-up moves the balance and lands in the ledger; bad input is 422 and changes nothing."""
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from assistance.programmes.temporary import reserve_fund
from assistance.programmes.temporary.models import ReserveFundEntry
from tests.web.temporary_helpers import DULIN, region_id, temporary_case, top_up


def test_a_top_up_raises_the_balance_and_is_in_the_ledger(login, session_factory):
    dulin = region_id(session_factory, DULIN)
    county = login("county_caseworker_wulanhaote")
    done = county.post(f"/temporary/reserve/{dulin}", data={"amount": "5000", "reason": "乌民发〔2026〕3号"},
                       follow_redirects=True)
    text = done.get_data(as_text=True)
    assert "已向都林街道拨付备用金 5,000.00 元，余额 5,000.00 元" in text
    assert "乌民发〔2026〕3号" in text and "拨付" in text and "乌兰浩特市县级经办人" in text
    with session_factory() as s:
        assert reserve_fund.balance(s, dulin) == Decimal("5000.00")
    assert "5,000.00 元" in county.get("/temporary/reserve").get_data(as_text=True)


@pytest.mark.parametrize("amount, reason, message", [
    ("abc", "拨款", "不是有效的数字"), ("-10", "拨款", "金额必须大于 0 元"), ("0", "拨款", "金额必须大于 0 元"),
    ("100", "", "请填写拨付依据")])
def test_a_bad_top_up_is_refused_and_nothing_changes(login, session_factory, amount, reason, message):
    top_up(session_factory, DULIN, "800")
    dulin = region_id(session_factory, DULIN)
    response = login("county_approver_wulanhaote").post(f"/temporary/reserve/{dulin}",
                                                        data={"amount": amount, "reason": reason})
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    with session_factory() as s:
        assert reserve_fund.balance(s, dulin) == Decimal("800.00")
        assert s.scalar(select(func.count(ReserveFundEntry.id))) == 1


def test_the_ledger_lists_a_pay_first_draw_with_its_case_and_the_balance_left(login, session_factory):
    top_up(session_factory, DULIN, "3000")
    case_id = temporary_case(session_factory, pay_first="1200")
    text = login("township_caseworker_dulin").get(f"/temporary/reserve/{region_id(session_factory, DULIN)}") \
        .get_data(as_text=True)
    assert "先行救助支出" in text and "−1,200.00 元" in text and "1,800.00 元" in text
    assert f'href="/cases/{case_id}"' in text
