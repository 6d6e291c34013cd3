"""乌海市 乌民发〔2021〕17号 三: "低保“单人户”保障金额高于810元/月的，全部纳入A类低保人员。取消……C类低保人员，……统一
调整归入B类" — the class is on the assessment, hence on the decision's basis; never C."""
from datetime import date
from decimal import Decimal

import pytest

from assistance.programmes.dibao.rules.benefits import assess_single_person
from tests.assistance.benefit_factory import ON, STANDARD, adult, assess, household, params

SINGLE = date(1990, 4, 1)


@pytest.mark.parametrize("members, wages, overrides, amount, household_class", [
    pytest.param([adult(is_severely_disabled=True)], "0", {"classified_cap_at_standard": False}, "1006.00", "A",
                 id="乌海: 单人户 paid 1006 > 810: A"),
    pytest.param(household(1), "0", {}, "745.00", "B",
                 id="乌海: 单人户 paid 745 ≤ 810: B"),
    pytest.param(household(1), "0", {"single_person_class_a_above": Decimal("744.99")}, "745.00", "A",
                 id="乌海: a county line at 744.99: 745 is above it"),
    pytest.param(household(1), "0", {"single_person_class_a_above": Decimal("745.00")}, "745.00", "B",
                 id="乌海: exactly at the line is not above it"),
    pytest.param(household(3), "0", {}, "2235.00", "B", id="乌海: a household of three: B, whatever the amount"),
    pytest.param(household(1), "5000", {}, "0.00", None, id="乌海: not eligible: no class"),
])
def test_wuhai_17_single_person_households_above_810_are_class_a_and_there_is_no_c(members, wages, overrides,
                                                                                    amount, household_class):
    result = assess(members, {"wages": wages}, **overrides)
    assert (result.monthly_amount, result.household_class) == (Decimal(amount), household_class)
    assert result.to_dict()["household_class"] == household_class
    if household_class:
        assert any(step.startswith(f"低保类别：{household_class}类") and "乌海市 乌民发〔2021〕17号" in step
                   for step in result.explanation)


def test_wuhai_17_the_single_person_route_is_classed_on_the_persons_amount():
    person = adult("张喆", SINGLE, is_severely_disabled=True)
    result = assess_single_person(person=person, person_income={}, family_members=[person, *household(2)],
                                  family_income={"wages": "3000"}, family_assets={}, standard=STANDARD, on=ON,
                                  params=params(single_person_amount_ratio=Decimal("1.2")))
    assert (result.monthly_amount, result.household_class) == (Decimal("894.00"), "A")
