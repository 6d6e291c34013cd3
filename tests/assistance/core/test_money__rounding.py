"""One rounding (issue 11 item 9): every computed amount is rounded half up to the 分 by money.cents — 0.125 is 0.13
and 100.005 is 100.01 on the case page, in the explanation and in documents alike; a zero never reads "-0.00"."""
from decimal import Decimal

import pytest

from assistance.core import money
from documents import filters as document_filters
from web import filters as web_filters


@pytest.mark.parametrize("exact, rounded", [
    ("0.125", "0.13"), ("100.005", "100.01"), ("0.115", "0.12"), ("2.675", "2.68"), ("1234.994999", "1234.99"),
    ("-0.001", "0.00"), ("-0.005", "-0.01"), ("411.666666", "411.67"),
])
def test_cents_rounds_half_up(exact, rounded):
    assert str(money.cents(Decimal(exact))) == rounded


def test_payment_rounding_goes_through_the_same_rounding():
    assert money.round_payment(Decimal("100.005"), "cent") == money.cents(Decimal("100.005")) == Decimal("100.01")
    assert money.round_payment(Decimal("1234.50"), "half_up_yuan") == Decimal("1235.00")
    assert money.round_payment(Decimal("1234.01"), "up_yuan") == Decimal("1235.00")
    assert str(money.round_payment(Decimal("-0.4"), "half_up_yuan")) == "0.00"


@pytest.mark.parametrize("value, shown", [
    (Decimal("0.125"), "0.13"), (Decimal("100.005"), "100.01"), (Decimal("-0.00"), "0.00"), (Decimal("-0.004"), "0.00"),
    (Decimal("1234567.5"), "1,234,567.50"),
])
def test_amounts_read_the_same_everywhere(value, shown):
    # Python's own format() rounds half even ("0.12" for 0.125): every reader goes through money.cents instead
    assert money.yuan(value) == web_filters.amount(value) == shown
    assert document_filters.yuan(value) == shown + "元"


def test_the_capital_amount_rounds_as_the_figures_do():
    assert document_filters.rmb_upper(Decimal("100.005")) == "壹佰元零壹分"


@pytest.mark.parametrize("value, shown", [
    (Decimal("0.00"), "0.00"), (Decimal("-0.00"), "0.00"), (Decimal("300"), "−300.00"), (None, "—"),
])
def test_a_deduction_of_nothing_is_not_minus_zero(value, shown):
    """The case page's 扣减 rows printed "−0.00" (issue 11 item 10)."""
    assert web_filters.negated(value) == shown
