"""The reserve fund pages: a top-up moves the balance and lands in the ledger; bad input is 422 and changes nothing."""
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from assistance.core.params import set_param
from assistance.programmes.temporary import reserve_fund
from assistance.programmes.temporary.models import ReserveFundEntry
from demo import temporary_cases as demo_temporary
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


# issue 11 item 9: the money input rule (assistance.core.money.parse) and the top-up ceiling
# (temporary_reserve_top_up_ceiling, default 500,000 元): refused, never rounded, nothing stored as a float
@pytest.mark.parametrize("amount, reason, message", [
    ("abc", "拨款", "不是有效金额"), ("-10", "拨款", "金额必须大于 0 元"), ("0", "拨款", "金额必须大于 0 元"),
    ("100", "", "请填写拨付依据"), ("", "拨款", "请填写拨付金额"),
    ("1e9", "拨款", "拨付金额超过上限 500,000.00 元"),
    ("99999999999999999999", "拨款", "拨付金额超过上限 500,000.00 元"),
    ("100.12345", "拨款", "超过两位小数"), ("100.005", "拨款", "超过两位小数"), ("0.001", "拨款", "超过两位小数"),
    ("Infinity", "拨款", "不是有效金额"), ("NaN", "拨款", "不是有效金额"), ("1e400", "拨款", "超过上限")],
    ids=["text", "negative", "zero", "no reason", "blank", "1e9", "1e20", "5 decimals", "100.005", "0.001",
         "Infinity", "NaN", "1e400"])
def test_a_bad_top_up_is_refused_and_nothing_changes(login, session_factory, amount, reason, message):
    top_up(session_factory, DULIN, "800")
    dulin = region_id(session_factory, DULIN)
    response = login("county_approver_wulanhaote").post(f"/temporary/reserve/{dulin}",
                                                        data={"amount": amount, "reason": reason})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and message in page
    if amount == "0.001":   # the real reason, not "必须大于 0 元"
        assert "必须大于 0 元" not in page
    with session_factory() as s:
        assert reserve_fund.balance(s, dulin) == Decimal("800.00")
        assert s.scalar(select(func.count(ReserveFundEntry.id))) == 1


def test_the_top_up_ceiling_is_a_parameter_of_the_region(login, session_factory, user_id):
    dulin = region_id(session_factory, DULIN)
    with session_factory() as s:
        set_param(s, "temporary_reserve_top_up_ceiling", "20000", region_id=dulin, effective_from=date(2026, 1, 1),
                  actor_id=None, reason="本县规定单笔拨付不超过 2 万元")
        s.commit()
    county = login("county_caseworker_wulanhaote")
    refused = county.post(f"/temporary/reserve/{dulin}", data={"amount": "20000.01", "reason": "拨款"})
    assert refused.status_code == 422 and "拨付金额超过上限 20,000.00 元" in refused.get_data(as_text=True)
    assert county.post(f"/temporary/reserve/{dulin}", data={"amount": "20000.00", "reason": "拨款"}).status_code == 303
    with session_factory() as s:
        assert reserve_fund.balance(s, dulin) == Decimal("20000.00")


def test_an_amount_is_stored_exactly_never_as_a_float(login, session_factory):
    """SQLite's NUMERIC is binary floating point: a money column holds whole 分 there (typeof() integer, not real)."""
    dulin = region_id(session_factory, DULIN)
    county = login("county_caseworker_wulanhaote")
    for amount in ("0.10", "0.20", "499999.99"):
        assert county.post(f"/temporary/reserve/{dulin}", data={"amount": amount, "reason": "拨款"}).status_code == 303
    with session_factory() as s:
        assert reserve_fund.balance(s, dulin) == Decimal("500000.29")
        if s.bind.dialect.name == "sqlite":
            kinds = s.execute(text("SELECT DISTINCT typeof(amount), typeof(balance_after) FROM reserve_fund_entry "
                                   "UNION SELECT DISTINCT typeof(balance), 'integer' FROM reserve_fund")).all()
            assert kinds == [("integer", "integer")]


def test_the_ledger_is_in_time_order_whatever_order_the_entries_were_made_in(login, session_factory, clock):
    """A top-up recorded after a draw that happened earlier (the demo data did this) still lists by time."""
    dulin = region_id(session_factory, DULIN)
    top_up(session_factory, DULIN, "3000")                       # 2026-03-02 09:00
    clock.advance(days=2)
    temporary_case(session_factory, pay_first="1000")            # 03-04 09:00
    clock.advance(days=-1)
    top_up(session_factory, DULIN, "500")                        # 03-03 09:00, entered after the draw
    with session_factory() as s:
        entries = reserve_fund.ledger(s, dulin)
        assert [(e.kind, e.amount) for e in entries] == [("draw", Decimal("1000.00")), ("top_up", Decimal("500.00")),
                                                         ("top_up", Decimal("3000.00"))]
        assert [e.created_dt for e in entries] == sorted((e.created_dt for e in entries), reverse=True)
    text_ = login("county_caseworker_wulanhaote").get(f"/temporary/reserve/{dulin}").get_data(as_text=True)
    assert text_.index("2026-03-04") < text_.index("2026-03-03") < text_.index("2026-03-02")


def test_the_ledger_lists_a_pay_first_draw_with_its_case_and_the_balance_left(login, session_factory):
    top_up(session_factory, DULIN, "3000")
    case_id = temporary_case(session_factory, pay_first="1200")
    text = login("township_caseworker_dulin").get(f"/temporary/reserve/{region_id(session_factory, DULIN)}") \
        .get_data(as_text=True)
    assert "先行救助支出" in text and "−1,200.00 元" in text and "1,800.00 元" in text
    assert f'href="/cases/{case_id}"' in text


def test_the_demo_allocates_before_it_spends(app, session_factory):
    """issue 11 item 10: the demo's first entry in time is the county's top-up, and each balance follows from the
    one before it in time (a draw never precedes the money it is paid from)."""
    with session_factory() as s:
        assert demo_temporary.seed_demo_temporary(s) > 0
        s.commit()
        dulin = region_id(session_factory, DULIN)
        entries = list(reversed(reserve_fund.ledger(s, dulin)))   # oldest first
        assert entries[0].kind == "top_up" and any(e.kind == "draw" for e in entries)
        balance = Decimal("0.00")
        for e in entries:
            balance += e.amount if e.kind == "top_up" else -e.amount
            assert e.balance_after == balance
