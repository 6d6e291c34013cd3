"""XX民政局脱贫攻坚三年行动实施方案 (seeds 001, (二)): 刚性支出 are deducted only when this year's medical costs borne by the
household, or its full-time education costs, "累计超过上年度家庭年收入2倍以上" — rigid_expense_income_multiple (2; 0 =
no threshold); the deduction is then capped as before (rigid_expense_cap_ratio × standard)."""
from decimal import Decimal

import pytest

from assistance.programmes.dibao.rules.benefits import assess_dibao
from tests.assistance.benefit_factory import ON, STANDARD, assess, household, params


def _rigid(result):
    return next(d for d in result.income.deductions if d.key == "rigid_expenses")


@pytest.mark.parametrize("facts, overrides, applied", [
    pytest.param({"medical_costs": "24001", "last_year_income": "12000"}, {}, "500.00",
                 id="XX plan: medical 24,001 > 2 × 12,000: deducted"),
    pytest.param({"medical_costs": "24000", "last_year_income": "12000"}, {}, "0.00",
                 id="XX plan: exactly 2 × is not 超过"),
    pytest.param({"education_costs": "30000", "last_year_income": "12000"}, {}, "500.00",
                 id="XX plan: education 30,000 > 24,000: deducted"),
    pytest.param({"medical_costs": "20000", "education_costs": "20000", "last_year_income": "12000"}, {}, "0.00",
                 id="XX plan: each under the line (they are not added together)"),
    pytest.param(None, {}, "0.00", id="XX plan: no yearly figures: not shown to pass"),
    pytest.param({"medical_costs": "1", "last_year_income": "0"}, {}, "500.00", id="XX plan: no income last year"),
    pytest.param({"medical_costs": "30000", "last_year_income": "12000"},
                 {"rigid_expense_income_multiple": Decimal("3")}, "0.00", id="a county at 3 ×"),
    pytest.param(None, {"rigid_expense_income_multiple": Decimal("0")}, "500.00", id="no threshold (0)"),
])
def test_xx_plan_rigid_expenses_need_costs_above_twice_last_years_income(facts, overrides, applied):
    result = assess_dibao(members=household(3), income={"wages": "1500", "rigid_expenses": "500"}, assets={},
                          standard=STANDARD, on=ON, params=params(**overrides), rigid_facts=facts)
    assert str(_rigid(result).applied) == applied
    assert result.income.monthly == Decimal("1500.00") - Decimal(applied)


def test_xx_plan_the_rule_says_why_in_chinese():
    result = assess(household(3), {"wages": "1500", "rigid_expenses": "500"})
    rule = _rigid(result).rule
    assert "均未超过，不予扣减（XX民政局脱贫攻坚三年行动实施方案）" in rule
    assert "上年度家庭年收入 0.00 元的 2 倍为 0.00 元" in rule


def test_xx_plan_an_unknown_fact_is_refused():
    with pytest.raises(ValueError, match="未知的刚性支出核算项目"):
        assess_dibao(members=household(1), income={"rigid_expenses": "10"}, assets={}, standard=STANDARD, on=ON,
                     params=params(), rigid_facts={"medicine": "1"})
