"""Household income per S2 art. 13: counted and excluded items, the dated basic-pension exclusion, capped deductions."""
from datetime import date
from decimal import Decimal

import pytest

from tests.assistance.benefit_factory import adult, assess, household


def _item(result, key):
    return next(item for item in result.income.items if item.key == key)


def _applied(result, key):
    return next((d.applied for d in result.income.deductions if d.key == key), None)


@pytest.mark.parametrize("key, label", [
    ("wages", "工资性收入"), ("business_net", "经营净收入"), ("property_net", "财产净收入"),
    ("transfers", "转移净收入"), ("other", "其他收入"),
])
def test_counted_items_add_to_household_income(key, label):
    result = assess(household(2), {key: "500", "wages": "100"} if key != "wages" else {key: "600"})
    assert result.income.monthly == Decimal("600.00")
    assert (_item(result, key).label, _item(result, key).is_counted) == (label, True)


@pytest.mark.parametrize("key, article", [
    pytest.param("preferential_care", "第2款第1项", id="优待抚恤金"),
    pytest.param("family_planning_reward", "第2款第1项", id="计划生育奖励与扶助金"),
    pytest.param("scholarship", "第2款第1项", id="奖学金"),
    pytest.param("good_samaritan_reward", "第2款第1项", id="见义勇为奖励"),
    pytest.param("social_assistance", "第2款第2项", id="政府救助款物"),
    pytest.param("local_excluded", "第2款第4项", id="地方规定不计入"),
])
def test_excluded_items_are_listed_with_the_reason_but_not_counted(key, article):
    result = assess(household(2), {"wages": "1000", key: "500"})
    item = _item(result, key)
    assert (item.amount, item.is_counted) == (Decimal("500.00"), False)
    assert item.reason.startswith("不计入") and article in item.reason
    assert (result.income.counted, result.income.monthly) == (Decimal("1000.00"), Decimal("1000.00"))
    assert result.top_up == Decimal("490.00")


@pytest.mark.parametrize("on, overrides, is_counted", [
    pytest.param(date(2021, 1, 1), {}, False, id="first day of the 14th FYP: excluded"),
    pytest.param(date(2025, 12, 31), {}, False, id="last day 2025-12-31: excluded"),
    pytest.param(date(2026, 1, 1), {}, True, id="2026-01-01 after the window: counted"),
    pytest.param(date(2020, 12, 31), {}, True, id="before the window: counted"),
    pytest.param(date(2026, 6, 1), {"basic_pension_excluded_until": "2030-12-31"}, False,
                 id="window extended by a new rule: excluded"),
    pytest.param(date(2040, 1, 1), {"basic_pension_excluded_until": ""}, False, id="open-ended window: excluded"),
    pytest.param(date(2025, 6, 1), {"basic_pension_excluded_from": date(2025, 7, 1)}, True,
                 id="window given as a date, not yet open: counted"),
])
def test_the_basic_pension_is_excluded_only_inside_the_dated_window(on, overrides, is_counted):
    result = assess(household(2), {"wages": "1000", "basic_pension": "150"}, on=on, **overrides)
    item = _item(result, "basic_pension")
    assert item.is_counted is is_counted
    assert result.income.monthly == Decimal("1150.00" if is_counted else "1000.00")
    assert ("计入转移净收入" if is_counted else "不计入") in item.reason


def test_a_malformed_window_date_is_refused_in_chinese():
    with pytest.raises(ValueError, match="应为 YYYY-MM-DD"):
        assess(household(1), {"basic_pension": "100"}, basic_pension_excluded_until="2025年底")


@pytest.mark.parametrize("wages, workers, employment, rigid, overrides, applied_employment, applied_rigid, monthly", [
    pytest.param("1500", 1, "200", None, {}, "200.00", None, "1300.00", id="employment cost under the cap"),
    pytest.param("1500", 1, "400", None, {}, "300.00", None, "1200.00", id="employment cost capped at 300/worker"),
    pytest.param("1500", 2, "500", None, {}, "500.00", None, "1000.00", id="two workers: cap 600"),
    pytest.param("1500", 0, "300", None, {}, "0.00", None, "1500.00", id="nobody working: nothing deducted"),
    pytest.param("100", 1, "300", None, {}, "100.00", None, "0.00", id="never more than the wages"),
    pytest.param("1500", 1, "400", None, {"employment_cost_cap_per_worker": Decimal("500")}, "400.00", None,
                 "1100.00", id="local cap 500"),
    pytest.param("1500", 0, None, "500", {}, None, "500.00", "1000.00", id="rigid expense under the cap"),
    pytest.param("1500", 0, None, "1000", {}, None, "745.00", "755.00", id="rigid expense capped at 1 x standard"),
    pytest.param("1500", 0, None, "1000", {"rigid_expense_cap_ratio": Decimal("0.5")}, None, "372.50", "1127.50",
                 id="rigid cap 0.5 x standard"),
    pytest.param("1500", 0, None, "1000", {"rigid_expense_cap_ratio": Decimal("0")}, None, "0.00", "1500.00",
                 id="rigid deduction switched off"),
    pytest.param("300", 0, None, "700", {}, None, "300.00", "0.00", id="income never goes below zero"),
    pytest.param("1500", 1, "400", "1000", {}, "300.00", "745.00", "455.00", id="both deductions capped"),
    pytest.param("500", 1, "300", "745", {}, "300.00", "200.00", "0.00", id="rigid takes what employment left"),
])
def test_deductions_are_capped(wages, workers, employment, rigid, overrides, applied_employment, applied_rigid,
                               monthly):
    members = household(3)
    for member in members[:workers]:
        member["is_working"] = True
    income = {"wages": wages} | ({"employment_costs": employment} if employment else {}) | (
        {"rigid_expenses": rigid} if rigid else {})
    result = assess(members, income, **{"rigid_expense_income_multiple": Decimal("0"), **overrides})   # no threshold
    assert _applied(result, "employment_costs") == (applied_employment and Decimal(applied_employment))
    assert _applied(result, "rigid_expenses") == (applied_rigid and Decimal(applied_rigid))
    assert result.income.monthly == Decimal(monthly)
    assert result.income.counted == Decimal(wages)


def test_employment_costs_reduce_wages_only_not_business_income():
    result = assess([adult(is_working=True)], {"business_net": "1000", "employment_costs": "300"})
    assert (_applied(result, "employment_costs"), result.income.monthly) == (Decimal("0.00"), Decimal("1000.00"))


def test_a_deduction_records_claim_cap_and_rule():
    deduction = assess([adult(is_working=True)], {"wages": "900", "employment_costs": "450"}).income.deductions[0]
    assert (deduction.label, deduction.claimed, deduction.cap, deduction.applied) == (
        "就业成本", Decimal("450.00"), Decimal("300.00"), Decimal("300.00"))
    assert "每名就业成员 300.00 元 × 1 人" in deduction.rule


@pytest.mark.parametrize("income, error, message", [
    pytest.param({"wage": "100"}, ValueError, "未知的收入项目：wage", id="misspelt item"),
    pytest.param({"wages": "-1"}, ValueError, "不能为负数", id="negative"),
    pytest.param({"wages": "1,000"}, ValueError, "不是有效金额", id="thousands separator"),
    pytest.param({"wages": "NaN"}, ValueError, "不是有效金额", id="not a number"),
    pytest.param({"wages": 99.9}, TypeError, "不能是 float", id="float"),
    pytest.param({"wages": True}, TypeError, "不能是 bool", id="bool"),
])
def test_bad_income_is_refused(income, error, message):
    with pytest.raises(error, match=message):
        assess(household(1), income)


@pytest.mark.parametrize("blank", ["", "  ", None])
def test_a_blank_amount_is_zero(blank):
    assert assess(household(1), {"wages": blank}).income.monthly == Decimal("0.00")
