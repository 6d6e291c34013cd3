"""Properties of 补差 (Hypothesis; issue 11 acceptance, S1 art. 9 and S2 art. 13): for any valid household — size,
standard, income items, members' ages, rounding rule — the monthly amount is ≥ 0 with 2 decimals, and the household
is eligible on income exactly when its counted income is below standard × size (totals compared, never a rounded
per-capita figure); the 补差 is standard × size − income, rounded only as the rounding parameter says."""
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from assistance.core.money import PAYMENT_ROUNDING
from tests.assistance.benefit_factory import ON, adult, assess

FEW = settings(max_examples=60, deadline=None, database=None)
COUNTED = ("wages", "business_net", "property_net", "transfers", "other")

amounts = st.decimals(min_value=0, max_value=Decimal("6000"), places=2)
standards = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("3000"), places=2)
members = st.lists(st.integers(min_value=1930, max_value=2025), min_size=1, max_size=6).map(
    lambda years: [adult(f"成员{i + 1}", born=date(year, 6, 1), is_applicant=i == 0) for i, year in enumerate(years)])
incomes = st.fixed_dictionaries({}, optional={key: amounts for key in (*COUNTED, "scholarship", "social_assistance")})


@FEW
@given(members, incomes, standards, st.sampled_from(sorted(PAYMENT_ROUNDING)))
def test_the_amount_is_never_negative_has_two_decimals_and_follows_the_totals(household, income, standard, rule):
    result = assess(household, income, standard=standard, dibao_amount_rounding=rule)
    size = len(household)
    counted = sum((income.get(key, Decimal(0)) for key in COUNTED), Decimal("0.00"))   # excluded items do not count

    assert result.income.monthly == counted
    assert result.is_eligible is (counted < standard * size)
    for amount in (result.monthly_amount, result.top_up):
        assert amount >= 0 and amount.as_tuple().exponent == -2
    if result.is_eligible:
        assert result.top_up_exact == standard * size - counted
        assert result.monthly_amount >= result.top_up >= result.top_up_exact - Decimal("0.5")
        if rule != "half_up_yuan":   # that rule pays 0 on a 补差 under 0.50 元; the others never pay less than it
            assert result.top_up >= result.top_up_exact and result.monthly_amount > 0
    else:
        assert result.monthly_amount == 0 and result.top_up == 0


@FEW
@given(st.integers(min_value=1, max_value=8), standards)
def test_a_household_one_fen_below_the_line_is_eligible_and_at_the_line_is_not(size, standard):
    at_line = standard * size
    below = assess([adult(f"成员{i}") for i in range(size)], {"wages": at_line - Decimal("0.01")}, standard=standard)
    at = assess([adult(f"成员{i}") for i in range(size)], {"wages": at_line}, standard=standard)
    assert below.is_eligible and below.monthly_amount > 0
    assert not at.is_eligible and at.monthly_amount == 0
    assert below.on == at.on == ON
