"""分类施保: one extra per qualifying member at the highest ratio, ages on the assessment date."""
from datetime import date
from decimal import Decimal

import pytest

from assistance.programmes.dibao.rules.classified import age_on, is_severely_disabled
from tests.assistance.benefit_factory import ON, adult, assess, household

# ON is 2026-03-02: born 1966-03-02 turns 60 that day, born 2008-03-02 turns 18 that day.


@pytest.mark.parametrize("member, overrides, category, amount", [
    pytest.param(adult(born=date(1966, 3, 2)), {}, "elderly", "75.00", id="turns 60 on the day: elderly"),
    pytest.param(adult(born=date(1966, 3, 3)), {}, None, None, id="turns 60 the next day: nothing"),
    pytest.param(adult(born=date(2008, 3, 3)), {}, "minor", "75.00", id="turns 18 the next day: minor"),
    pytest.param(adult(born=date(2008, 3, 2)), {}, None, None, id="turns 18 on the day: no longer a minor"),
    pytest.param(adult(is_severely_disabled=True), {}, "severely_disabled", "261.00", id="severely disabled 35%"),
    pytest.param(adult(is_seriously_ill=True), {}, "seriously_ill", "261.00", id="seriously ill 35%"),
    pytest.param(adult(born=date(1950, 1, 1), is_seriously_ill=True), {}, "seriously_ill", "261.00",
                 id="elderly and ill: the higher ratio, once"),
    pytest.param(adult(is_severely_disabled=True, is_seriously_ill=True), {}, "severely_disabled", "261.00",
                 id="equal ratios: the first category"),
    pytest.param(adult(born=date(1950, 1, 1), is_severely_disabled=True),
                 {"classified_extra_ratio_elderly": Decimal("0.5")}, "elderly", "373.00",
                 id="local elderly ratio higher than disability"),
    pytest.param(adult(born=date(1950, 1, 1)), {"classified_extra_ratio_elderly": Decimal("0")}, None, None,
                 id="ratio 0 pays nothing"),
    pytest.param(adult(born=date(1966, 3, 2)), {"classified_elderly_age": 65}, None, None, id="local age 65"),
    pytest.param(adult(born=date(1966, 3, 2)), {"dibao_amount_rounding": "cent"}, "elderly", "74.50",
                 id="rounded like the top-up: to the fen"),
])
def test_one_extra_per_member_at_the_highest_applicable_ratio(member, overrides, category, amount):
    # one member with no income is paid the whole standard: 兴安盟's cap (test_benefits__xinganmeng_48_classified_cap) would cut every extra
    result = assess([member], {}, classified_cap_at_standard=False, **overrides)
    assert result.is_eligible
    if category is None:
        assert result.extras == ()
    else:
        (extra,) = result.extras
        assert (extra.category, extra.amount) == (category, Decimal(amount))
    assert result.monthly_amount == result.top_up + sum((e.amount for e in result.extras), Decimal("0"))


def test_the_total_adds_each_members_extra_to_the_household_top_up():
    members = [adult("爷爷", date(1950, 1, 1)), adult("孙女", date(2012, 6, 1)), adult("父亲", is_working=True)]
    result = assess(members, {"wages": "800"})
    assert [(e.name, e.age, e.label, e.amount) for e in result.extras] == [
        ("爷爷", 76, "老年人", Decimal("75.00")), ("孙女", 13, "未成年人", Decimal("75.00"))]
    assert (result.top_up, result.monthly_amount) == (Decimal("1435.00"), Decimal("1585.00"))
    assert "分类施保：爷爷（76岁，老年人）加发 75.00 元 = 低保标准 × 0.10，进到元" in result.explanation
    assert "月保障金合计 1,585.00 元 = 补差 1,435.00 + 分类施保 75.00 + 分类施保 75.00" in result.explanation


def test_an_ineligible_household_gets_no_extras():
    result = assess([adult(born=date(1940, 1, 1), is_severely_disabled=True)] + household(1), {"wages": "5000"})
    assert (result.is_eligible, result.extras, result.monthly_amount) == (False, (), Decimal("0.00"))


@pytest.mark.parametrize("born, on, age", [
    pytest.param(date(1966, 3, 2), date(2026, 3, 1), 59, id="day before the 60th birthday"),
    pytest.param(date(1966, 3, 2), date(2026, 3, 2), 60, id="60th birthday"),
    pytest.param(date(2008, 2, 29), date(2026, 2, 28), 17, id="leap-day birth, 28 Feb of a common year"),
    pytest.param(date(2008, 2, 29), date(2026, 3, 1), 18, id="leap-day birth, 1 March of a common year"),
    pytest.param(date(2008, 2, 29), date(2028, 2, 29), 20, id="leap-day birth on a leap day"),
    pytest.param(date(2026, 3, 2), date(2026, 3, 2), 0, id="born today"),
])
def test_age_in_full_years_on_a_date(born, on, age):
    assert age_on(born, on) == age


def test_ages_are_taken_on_the_assessment_date():
    member = adult(born=date(1966, 3, 2))
    assert assess([member], {}, on=date(2026, 3, 1)).extras == ()
    assert assess([member], {}, on=ON).extras[0].age == 60


@pytest.mark.parametrize("grade, category, severe", [
    (1, "肢体", True), (2, "视力", True), (3, "智力", True), (3, "精神", True), (3, "肢体", False),
    (4, "智力", False),
])
def test_severe_disability_per_art_8(grade, category, severe):
    assert is_severely_disabled(grade, category) is severe
