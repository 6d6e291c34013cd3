"""补差 (top-up to the standard) for the whole household, rounding, eligibility at the standard, Decimal money."""
import json
import re
from datetime import date
from decimal import Decimal

import pytest

from tests.assistance.benefit_factory import STANDARD, adult, assess, household


@pytest.mark.parametrize("size, income, exact, paid", [
    pytest.param(1, {}, "745.00", "745.00", id="1 person, no income"),
    pytest.param(2, {"wages": "500"}, "990.00", "990.00", id="2 people, wages"),
    pytest.param(3, {"wages": "1200.50"}, "1034.50", "1035.00", id="3 people, fen rounded up"),
    pytest.param(4, {"wages": "1000", "transfers": "333.33"}, "1646.67", "1647.00", id="4 people, two items"),
    pytest.param(5, {"wages": "2000", "business_net": "724.99"}, "1000.01", "1001.00", id="5 people, 0.01 over"),
])
def test_top_up_is_standard_times_members_minus_household_income(size, income, exact, paid):
    result = assess(household(size), income)
    assert result.is_eligible
    assert (result.top_up_exact, result.top_up, result.monthly_amount) == (Decimal(exact), Decimal(paid),
                                                                          Decimal(paid))


def test_the_per_capita_figure_is_never_rounded_before_multiplying():
    # per-capita gap 411.666…: rounded up per person first it would pay 412 × 3 = 1,236; the household total is 1,235
    result = assess(household(3), {"wages": "1000"})
    assert (result.top_up_exact, result.top_up) == (Decimal("1235.00"), Decimal("1235.00"))
    assert result.per_capita_income == Decimal("333.33")


@pytest.mark.parametrize("rule, income, paid", [
    pytest.param("up_yuan", "255.99", "1235.00", id="up to yuan: 1,234.01 -> 1,235"),
    pytest.param("half_up_yuan", "255.99", "1234.00", id="half up: 1,234.01 -> 1,234"),
    pytest.param("half_up_yuan", "255.50", "1235.00", id="half up: 1,234.50 -> 1,235"),
    pytest.param("cent", "255.99", "1234.01", id="to the fen: 1,234.01 stays"),
    pytest.param("up_yuan", "256.00", "1234.00", id="whole yuan stays whole"),
])
def test_rounding_follows_the_parameter(rule, income, paid):
    result = assess(household(2), {"wages": income}, dibao_amount_rounding=rule)
    assert result.top_up == Decimal(paid)
    assert result.rounding == rule


def test_an_unknown_rounding_rule_is_refused():
    with pytest.raises(ValueError, match="未知的取整方式"):
        assess(household(1), {}, dibao_amount_rounding="nearest_jiao")


@pytest.mark.parametrize("income, is_eligible, per_capita, paid", [
    pytest.param("2235.00", False, "745.00", "0.00", id="per capita == standard: not 低于, not eligible"),
    pytest.param("2234.99", True, "744.99", "1.00", id="one fen below: eligible, 0.01 rounded up to 1"),
    pytest.param("2235.01", False, "745.00", "0.00", id="above the standard"),
])
def test_eligibility_needs_per_capita_income_below_the_standard(income, is_eligible, per_capita, paid):
    result = assess(household(3), {"wages": income})
    assert result.is_eligible is is_eligible
    assert result.per_capita_income == Decimal(per_capita)   # truncated: 744.996… reads 744.99, never 745.00
    assert result.monthly_amount == Decimal(paid)
    if not is_eligible:
        assert result.reasons == (f"家庭人均月收入 {per_capita} 元不低于低保标准 745.00 元（S1 第9条）",)
        assert (result.top_up, result.extras) == (Decimal("0.00"), ())


@pytest.mark.parametrize("standard", ["745", 745, Decimal("745.00")], ids=["str", "int", "Decimal"])
@pytest.mark.parametrize("wages", ["1200.5", 1200, Decimal("1200.50")], ids=["str", "int", "Decimal"])
def test_amounts_may_be_str_int_or_decimal_and_are_quantized_to_the_fen(standard, wages):
    result = assess(household(3), {"wages": wages}, standard=standard)
    assert result.standard == STANDARD and str(result.standard) == "745.00"
    assert result.income.items[0].amount == Decimal(wages).quantize(Decimal("0.01"))


@pytest.mark.parametrize("field", ["standard", "wages"])
def test_float_money_is_refused(field):
    with pytest.raises(TypeError, match="不能是 float"):
        if field == "standard":
            assess(household(1), {}, standard=745.0)
        else:
            assess(household(1), {"wages": 100.1})


@pytest.mark.parametrize("standard, message", [("0", "须大于0"), ("-1", "不能为负数"), ("abc", "不是有效金额"),
                                               ("745.004", "超过两位小数")])   # refused, not rounded (issue 11 item 9)
def test_a_bad_standard_is_refused(standard, message):
    with pytest.raises(ValueError, match=message):
        assess(household(1), {}, standard=standard)


def test_a_household_needs_members_with_birth_dates():
    with pytest.raises(ValueError, match="至少要有一名成员"):
        assess([], {})
    with pytest.raises(ValueError, match="出生日期"):
        assess([{"name": "无生日"}], {})


def _money_fields(result):
    yield from (result.standard, result.per_capita_income, result.near_dibao_line, result.top_up_exact,
                result.top_up, result.monthly_amount, result.income.counted, result.income.monthly,
                result.assets.deposits, result.assets.deposit_limit)
    yield from (item.amount for item in result.income.items)
    for deduction in result.income.deductions:
        yield from (deduction.claimed, deduction.cap, deduction.applied)
    yield from (extra.amount for extra in result.extras)


def test_every_amount_is_a_two_place_decimal():
    members = household(2) + [adult("老人", date(1950, 5, 1))]
    members[0]["is_working"] = True
    result = assess(members, {"wages": "1500", "employment_costs": "400", "rigid_expenses": "50.5",
                              "scholarship": "100"}, {"deposits": "1000"})
    for amount in _money_fields(result):
        assert type(amount) is Decimal and amount.as_tuple().exponent == -2, amount


def test_to_dict_is_json_safe_and_gives_money_back_exactly():
    members = household(2) + [adult("老人", date(1950, 5, 1))]
    result = assess(members, {"wages": "1000.10", "basic_pension": "150"}, {"deposits": "2000"})
    data = result.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert set(data) == {
        "route", "on", "household_size", "standard", "income_items", "deductions", "counted_income",
        "monthly_income", "per_capita_income", "assets", "is_eligible", "reasons", "near_dibao_line",
        "is_near_dibao", "rounding", "top_up_exact", "top_up", "extras", "extras_total", "monthly_amount",
        "household_class", "explanation", "family"}
    # 2,235.00 − (1,000.10 + basic pension 150.00, counted after 2025) = 1,084.90 -> 1,085; + elderly 75
    assert Decimal(data["monthly_amount"]) == result.monthly_amount == Decimal("1160.00")
    assert Decimal(data["monthly_income"]) == result.income.monthly
    assert (data["route"], data["on"], data["household_size"], data["family"]) == ("household", "2026-03-02", 3, None)
    assert data["extras"] == [{"name": "老人", "age": 75, "category": "elderly", "label": "老年人", "ratio": "0.10",
                               "amount": "75.00", "uncapped": None}]
    assert data["household_class"] == "B"
    money_strings = [data[k] for k in ("standard", "top_up", "monthly_amount", "extras_total", "per_capita_income")]
    assert all(re.fullmatch(r"\d+\.\d\d", s) for s in money_strings)


def test_the_explanation_walks_through_the_computation_in_chinese():
    members = household(3)
    members[0]["is_working"] = True
    result = assess(members, {"wages": "1500", "employment_costs": "300"})
    assert result.explanation == (
        "工资性收入 1,500.00 元：计入，扣除必要的就业成本（S2 第13条第1款第1项）",
        "扣减就业成本 300.00 元（申报 300.00 元；上限：每名就业成员 300.00 元 × 1 人，且不超过工资性收入）",
        "家庭月收入 1,200.00 元 = 工资性收入 1,500.00 − 就业成本 300.00",
        "家庭人均月收入 400.00 元 = 1,200.00 ÷ 3 人",
        "低保标准 745.00 元/人·月；低保边缘线 1,117.50 元（1.5 倍）",
        "家庭财产：存款等金融资产 0.00 元（限额 26,820.00 元），非必需机动车 0 辆（允许 0 辆），"
        "居住用房以外住房 0 套（允许 0 套）：符合规定",
        "补差 = 745.00 × 3 人 − 1,200.00 = 1,035.00 元，进到元为 1,035.00 元",
        "月保障金合计 1,035.00 元 = 补差 1,035.00",
        "结论：符合低保条件",
        "低保类别：B类（非单人户；C类已取消，统一归入B类，乌海市 乌民发〔2021〕17号）",
    )
