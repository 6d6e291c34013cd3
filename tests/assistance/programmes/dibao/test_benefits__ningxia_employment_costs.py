"""宁夏 (seeds 002, 2021-10): "普通低保家庭成员就业收入按当地最低工资标准的20%-30%扣减就业成本，残疾人就业收入按当地
最低工资标准的50%扣减" — with employment_cost_rule = minimum_wage, a standard deduction per working member, never more
than the wages; the minimum wage is a dated parameter per region."""
from datetime import date
from decimal import Decimal

import pytest

from assistance.core.params import set_param
from assistance.programmes.dibao.case_assessment import assessment_params
from tests.assistance.benefit_factory import adult, assess, household

NINGXIA = {"employment_cost_rule": "minimum_wage", "minimum_wage_monthly": Decimal("1950.00"),
           "employment_cost_minimum_wage_ratio": Decimal("0.30"),
           "employment_cost_minimum_wage_ratio_disabled": Decimal("0.50")}


def _deduction(result):
    return next((d for d in result.income.deductions if d.key == "employment_costs"), None)


@pytest.mark.parametrize("workers, income, overrides, applied, monthly", [
    pytest.param([adult(is_working=True)], {"wages": "1500"}, {}, "585.00", "915.00",
                 id="宁夏: one worker, 30% of 1950, nothing claimed"),
    pytest.param([adult(is_working=True)], {"wages": "1500"}, {"employment_cost_minimum_wage_ratio": Decimal("0.20")},
                 "390.00", "1110.00", id="宁夏: a county at 20%"),
    pytest.param([adult(is_working=True, is_disabled=True)], {"wages": "1500"}, {}, "975.00", "525.00",
                 id="宁夏: a disabled worker, 50%"),
    pytest.param([adult(is_working=True, is_severely_disabled=True)], {"wages": "1500"}, {}, "975.00", "525.00",
                 id="宁夏: a severely disabled worker is disabled too"),
    pytest.param([adult(is_working=True), adult(is_working=True, is_disabled=True)], {"wages": "3000"}, {},
                 "1560.00", "1440.00", id="宁夏: 585 + 975 for two workers"),
    pytest.param([adult(is_working=True)], {"wages": "400"}, {}, "400.00", "0.00",
                 id="宁夏: never more than the wages"),
    pytest.param([adult(is_working=True)], {"wages": "1500", "employment_costs": "100"}, {}, "585.00", "915.00",
                 id="宁夏: a standard deduction, whatever was claimed"),
    pytest.param([adult(is_disabled=True)], {"wages": "1500"}, {}, None, "1500.00",
                 id="宁夏: a disabled member not working: nothing"),
    pytest.param([adult(is_working=True)], {"wages": "1500", "employment_costs": "400"},
                 {"employment_cost_rule": "claimed"}, "300.00", "1200.00",
                 id="elsewhere (claimed, the demo default): as claimed up to 300 per worker"),
])
def test_ningxia_employment_costs_are_a_share_of_the_minimum_wage(workers, income, overrides, applied, monthly):
    result = assess(workers + household(1), income, **{**NINGXIA, **overrides})
    deduction = _deduction(result)
    assert (deduction and str(deduction.applied)) == applied
    assert result.income.monthly == Decimal(monthly)


def test_ningxia_the_rule_names_the_minimum_wage_and_the_shares():
    deduction = _deduction(assess([adult(is_working=True), adult(is_working=True, is_disabled=True)],
                                  {"wages": "3000"}, **NINGXIA))
    assert deduction.rule.startswith("按当地最低工资标准扣减：1 人 × 最低工资 1,950.00 元 × 0.30 + 残疾人 1 人 × "
                                     "1,950.00 元 × 0.50 = 1,560.00 元")
    assert "宁夏" in deduction.rule and deduction.cap == Decimal("1560.00")


def test_ningxia_an_unknown_rule_is_refused_in_chinese():
    with pytest.raises(ValueError, match="未知的就业成本扣减方式"):
        assess([adult(is_working=True)], {"wages": "1500"}, employment_cost_rule="percent")


def test_ningxia_the_minimum_wage_is_dated_per_region(session, tree):
    league = tree["league"]
    for on, wage in ((date(2021, 10, 1), "1950.00"), (date(2026, 1, 1), "2050.00")):
        set_param(session, "minimum_wage_monthly", wage, region_id=league.id, effective_from=on, actor_id=None)
    for on, wage, applied in ((date(2025, 12, 31), "1950.00", "585.00"), (date(2026, 1, 1), "2050.00", "615.00")):
        params = assessment_params(session, tree["heping"].id, on)
        assert params["minimum_wage_monthly"] == Decimal(wage)
        result = assess([adult(is_working=True)], {"wages": "1500"}, on=on,
                        **{**{k: params[k] for k in NINGXIA if k != "minimum_wage_monthly"},
                           "employment_cost_rule": "minimum_wage", "minimum_wage_monthly": params["minimum_wage_monthly"]})
        assert str(_deduction(result).applied) == applied
