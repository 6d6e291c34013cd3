"""The money input rule (issue 11 item 9): an amount is Decimal read from text, finite, at most 2 decimals — more is
refused with a Chinese message, never rounded — and within its field's ceiling. The probes of the issue are cases."""
from decimal import Decimal

import pytest

from assistance.core.money import MoneyError, money, parse, positive
from engine import EngineError

TOP_UP_CEILING = Decimal("500000.00")   # temporary_reserve_top_up_ceiling's default


@pytest.mark.parametrize("text, expected", [
    ("100", "100.00"), ("100.1", "100.10"), ("100.12", "100.12"), (" 0.10 ", "0.10"), ("100.120", "100.12"),
    ("+5", "5.00"), ("1e3", "1000.00"), ("0", "0.00"), ("-0", "0.00"), ("500000.00", "500000.00"),
    (Decimal("745.5"), "745.50"), (745, "745.00"),
])
def test_an_amount_is_read_exactly(text, expected):
    amount = parse(text, ceiling=TOP_UP_CEILING)
    assert amount == Decimal(expected) and str(amount) == expected   # 2 places, and "-0" reads 0.00


@pytest.mark.parametrize("text, message", [
    pytest.param("1e9", "拨付金额超过上限 500,000.00 元", id="1e9: over the top-up ceiling"),
    pytest.param("99999999999999999999", "拨付金额超过上限 500,000.00 元", id="1e20: over the ceiling"),
    pytest.param("500000.01", "拨付金额超过上限", id="one fen over"),
    pytest.param("100.12345", "超过两位小数", id="100.12345: refused, not rounded"),
    pytest.param("100.005", "超过两位小数", id="100.005: refused, not rounded either way"),
    pytest.param("0.001", "超过两位小数", id="0.001: the real reason"),
    pytest.param("Infinity", "不是有效金额", id="Infinity"),
    pytest.param("-Infinity", "不是有效金额", id="-Infinity"),
    pytest.param("NaN", "不是有效金额", id="NaN"),
    pytest.param("sNaN", "不是有效金额", id="sNaN"),
    pytest.param("1e400", "超过上限", id="1e400"),
    pytest.param("1,000", "不是有效金额", id="thousands separator"),
    pytest.param("1_000", "不是有效金额", id="underscore"),
    pytest.param("0x10", "不是有效金额", id="hex"),
    pytest.param("abc", "不是有效金额", id="text"),
    pytest.param("-10", "拨付金额必须大于 0 元", id="negative"),
    pytest.param("0", "拨付金额必须大于 0 元", id="zero"),
    pytest.param("", "请填写拨付金额", id="blank"),
])
def test_a_top_up_amount_that_breaks_the_rule_is_refused(text, message):
    with pytest.raises(MoneyError, match=message) as refused:
        positive(text, "拨付金额", ceiling=TOP_UP_CEILING)
    assert "必须大于 0 元" not in refused.value.message or text in ("-10", "0")


def test_without_a_ceiling_an_amount_is_still_within_what_a_money_column_holds():
    assert parse("999999999999.99") == Decimal("999999999999.99")
    with pytest.raises(MoneyError, match="超过上限 999,999,999,999.99 元"):
        parse("1000000000000")


def test_a_refusal_is_an_engine_error_for_the_pages_and_a_value_error_for_the_calculations():
    with pytest.raises(EngineError):
        parse("1.001")
    with pytest.raises(ValueError):
        money("1.001", "工资性收入")


def test_a_long_number_is_not_echoed_whole():
    with pytest.raises(MoneyError) as refused:
        parse("1." + "1" * 400)
    assert len(refused.value.message) < 80


@pytest.mark.parametrize("value", [1.5, True])
def test_the_calculations_refuse_float_and_bool(value):
    with pytest.raises(TypeError):
        money(value)


def test_task_data_floats_are_read_by_the_digits_they_print_as():
    assert positive(1500.1) == Decimal("1500.10")   # not the binary 1500.0999…
    with pytest.raises(MoneyError, match="超过两位小数"):
        positive(0.001)
