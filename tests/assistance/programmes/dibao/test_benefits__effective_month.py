"""Payment starts the month after the confirmation decision (S2 art. 21)."""
from datetime import date

import pytest

from assistance.programmes.dibao import assessment_scripts as script_functions
from assistance.programmes.dibao.rules.benefits import effective_month


@pytest.mark.parametrize("confirmed_on, first_paid", [
    pytest.param(date(2026, 3, 2), date(2026, 4, 1), id="mid-month"),
    pytest.param(date(2026, 3, 1), date(2026, 4, 1), id="first of the month: still next month"),
    pytest.param(date(2026, 1, 31), date(2026, 2, 1), id="31 January"),
    pytest.param(date(2026, 11, 30), date(2026, 12, 1), id="November to December"),
    pytest.param(date(2026, 12, 1), date(2027, 1, 1), id="1 December to January"),
    pytest.param(date(2026, 12, 31), date(2027, 1, 1), id="New Year's Eve to January"),
    pytest.param(date(2028, 2, 29), date(2028, 3, 1), id="leap day"),
])
def test_effective_month_is_the_first_of_the_next_month(confirmed_on, first_paid):
    assert effective_month(confirmed_on) == first_paid


@pytest.mark.parametrize("given, first_paid", [
    ("2026-12-15", "2027-01-01"),
    ("2026-12-31T20:00:00+08:00", "2027-01-01"),
    ("2026-12-31T20:00:00+00:00", "2027-02-01"),   # already 1 January in Beijing
])
def test_the_script_function_takes_and_gives_iso_dates(given, first_paid):
    assert script_functions.effective_month(given) == first_paid
