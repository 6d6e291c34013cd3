"""低保边缘 (per capita < 1.5 × standard, assets ok, not eligible) and the assets test."""
from decimal import Decimal

import pytest

from tests.assistance.benefit_factory import assess, household


@pytest.mark.parametrize("income, overrides, is_eligible, is_near", [
    pytest.param("1489.99", {}, True, False, id="below the standard: eligible, so not 低保边缘"),
    pytest.param("1490.00", {}, False, True, id="exactly at the standard: 低保边缘"),
    pytest.param("2234.99", {}, False, True, id="one fen below 1.5 x standard: 低保边缘"),
    pytest.param("2235.00", {}, False, False, id="exactly 1.5 x standard: not 低保边缘 (<)"),
    pytest.param("3000.00", {}, False, False, id="well above"),
    pytest.param("2235.00", {"near_dibao_ratio": Decimal("2")}, False, True, id="local ratio 2"),
])
def test_near_dibao_needs_per_capita_income_below_the_ratio_times_the_standard(income, overrides, is_eligible,
                                                                              is_near):
    result = assess(household(2), {"wages": income}, **overrides)
    assert (result.is_eligible, result.is_near_dibao) == (is_eligible, is_near)
    assert result.monthly_amount == (result.top_up if is_eligible else Decimal("0.00"))


def test_the_near_dibao_line_is_shown_per_person():
    assert assess(household(2), {}).near_dibao_line == Decimal("1117.50")
    assert assess(household(2), {}, standard="745.55").near_dibao_line == Decimal("1118.33")   # 1,118.325 half up


@pytest.mark.parametrize("assets, overrides, reason", [
    pytest.param({"deposits": "17880.01"}, {},
                 "存款等金融资产 17,880.01 元超过限额 17,880.00 元（12 个月低保标准 × 2 人，S2 第14条）",
                 id="deposits one fen over 12 months x standard x 2"),
    pytest.param({"deposits_per_capita": "8940.01"}, {}, "存款等金融资产 17,880.02 元超过限额",
                 id="per-capita deposits over"),
    pytest.param({"vehicles": 1}, {}, "拥有非生活必需机动车 1 辆，超过允许的 0 辆", id="a car"),
    pytest.param({"extra_housing": "1"}, {}, "居住用房以外另有住房 1 套，超过允许的 0 套", id="a second flat"),
    pytest.param({"deposits": "35760.01"}, {"asset_deposit_months": 24}, "超过限额 35,760.00 元（24 个月",
                 id="local limit 24 months, one fen over"),
])
def test_failing_assets_make_the_household_ineligible_and_not_near_dibao(assets, overrides, reason):
    result = assess(household(2), {"wages": "500"}, assets, **overrides)
    assert not result.is_eligible and not result.assets.is_ok
    assert any(reason in r for r in result.reasons), result.reasons
    assert (result.monthly_amount, result.top_up) == (Decimal("0.00"), Decimal("0.00"))
    assert not assess(household(2), {"wages": "1500"}, assets, **overrides).is_near_dibao   # 低保边缘 needs assets ok


@pytest.mark.parametrize("assets, overrides", [
    pytest.param({"deposits": "17880.00"}, {}, id="deposits exactly at the limit"),
    pytest.param({"deposits_per_capita": "8940"}, {}, id="per-capita deposits at the limit"),
    pytest.param({"vehicles": 1}, {"asset_vehicles_allowed": 1}, id="one vehicle allowed locally"),
    pytest.param({"extra_housing": 1}, {"asset_extra_housing_allowed": 1}, id="one extra dwelling allowed locally"),
    pytest.param({"deposits": "35760.00"}, {"asset_deposit_months": 24}, id="24 months locally"),
    pytest.param({"deposits": "", "vehicles": None, "extra_housing": 0}, {}, id="blanks are none"),
])
def test_assets_within_the_limits_pass(assets, overrides):
    result = assess(household(2), {"wages": "500"}, assets, **overrides)
    assert result.is_eligible and result.assets.is_ok and result.reasons == ()


def test_income_and_asset_reasons_are_all_listed():
    result = assess(household(1), {"wages": "800"}, {"vehicles": 2, "extra_housing": 1})
    assert [r[:8] for r in result.reasons] == ["家庭人均月收入 ", "拥有非生活必需机", "居住用房以外另有"]
    assert result.explanation[-1].startswith("结论：不符合低保条件——家庭人均月收入 800.00 元不低于低保标准")


@pytest.mark.parametrize("assets, message", [
    pytest.param({"deposits": "1", "deposits_per_capita": "1"}, "不要同时填写", id="both deposit forms"),
    pytest.param({"car": 1}, "未知的财产项目：car", id="misspelt item"),
    pytest.param({"vehicles": -1}, "非负整数", id="negative count"),
    pytest.param({"vehicles": 1.5}, "非负整数", id="fractional count"),
    pytest.param({"deposits": "-5"}, "不能为负数", id="negative deposits"),
])
def test_bad_assets_are_refused(assets, message):
    with pytest.raises(ValueError, match=message):
        assess(household(2), {}, assets)
