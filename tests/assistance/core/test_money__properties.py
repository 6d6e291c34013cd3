"""Properties of the money input rule (Hypothesis; issue 11 acceptance): any 2-decimal amount within the ceiling
reads as itself; more decimals, a non-finite value or an amount over the ceiling is refused; and whatever the text,
the rule either refuses it with a Chinese message or returns an amount of 2 places within [0, ceiling]."""
import string
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from assistance.core.money import CENT, MoneyError, parse

CEILING = Decimal("500000.00")
FEW = settings(max_examples=80, deadline=None, database=None)

within = st.decimals(min_value=0, max_value=CEILING, places=2)


@FEW
@given(within, st.sampled_from(["{:f}", "{:.2f}", " {:f} ", "+{:f}"]))
def test_a_two_decimal_amount_within_the_ceiling_reads_as_itself(amount, layout):
    read = parse(layout.format(amount), ceiling=CEILING)
    assert read == amount and read.as_tuple().exponent == -2


@FEW
@given(st.integers(min_value=3, max_value=12).flatmap(
    lambda places: st.decimals(min_value=0, max_value=CEILING, places=places)).filter(lambda d: d != d.quantize(CENT)))
def test_more_than_two_decimals_is_refused_not_rounded(amount):
    try:
        parse(format(amount, "f"), ceiling=CEILING)
    except MoneyError as refused:
        assert "超过两位小数" in refused.message
    else:
        raise AssertionError(f"{amount} was taken")


@FEW
@given(st.one_of(st.builds("{}{}".format, st.sampled_from(["", "+", "-", " "]),
                           st.sampled_from(["Infinity", "Inf", "inf", "NaN", "nan", "sNaN", "NaN123", "∞"])),
                 st.sampled_from([Decimal("Infinity"), Decimal("-Infinity"), Decimal("NaN"), float("inf"),
                                  float("nan")])))
def test_a_non_finite_value_is_refused(value):
    try:
        parse(value, ceiling=CEILING)
    except MoneyError as refused:
        assert "不是有效金额" in refused.message
    else:
        raise AssertionError(f"{value} was taken")


@FEW
@given(st.decimals(min_value=CEILING + CENT, max_value=Decimal("1e30"), places=2))
def test_an_amount_over_the_ceiling_is_refused(amount):
    try:
        parse(format(amount, "f"), ceiling=CEILING)
    except MoneyError as refused:
        assert "超过上限 500,000.00 元" in refused.message
    else:
        raise AssertionError(f"{amount} was taken")


@FEW
@given(st.one_of(st.text(alphabet=string.digits + ".-+eE ,_xInfatyN", max_size=24), st.text(max_size=24)))
def test_any_text_is_either_refused_in_chinese_or_a_valid_amount(text):
    try:
        amount = parse(text, ceiling=CEILING)
    except MoneyError as refused:
        assert refused.message.strip() and any("\u4e00" <= ch <= "\u9fff" for ch in refused.message)
    else:
        assert Decimal(0) <= amount <= CEILING and amount.as_tuple().exponent == -2
