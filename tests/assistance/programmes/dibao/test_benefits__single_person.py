"""单人户: a severely disabled or seriously ill member of a 低保边缘 family applying alone (S2 art. 8; S6 §1(1))."""
from datetime import date
from decimal import Decimal

import pytest

from assistance.programmes.dibao.rules.benefits import assess_single_person
from tests.assistance.benefit_factory import ON, STANDARD, adult, params

# A family of 3 at standard 745: eligible below 2,235.00 a month, 低保边缘 below 3,352.50.
DISABLED = adult("张喆", date(1990, 4, 1), is_severely_disabled=True)


def _assess(person=DISABLED, person_income=None, family_income="3000", family_assets=None, **overrides):
    return assess_single_person(person=person, person_income=person_income or {},
                                family_members=[person, adult("父亲", date(1960, 1, 1)), adult("母亲", date(1962, 1, 1))],
                                family_income={"wages": family_income}, family_assets=family_assets or {},
                                standard=STANDARD, on=ON, params=params(**overrides))


@pytest.mark.parametrize("person, person_income, family_income, overrides, paid", [
    pytest.param(DISABLED, {}, "3000", {}, "745.00", id="no own income: the full standard"),
    pytest.param(DISABLED, {"transfers": "200.50"}, "3000", {}, "545.00", id="own income deducted, up to yuan"),
    pytest.param(DISABLED, {"social_assistance": "300"}, "3000", {}, "745.00", id="own excluded income ignored"),
    pytest.param(adult("李四", is_seriously_ill=True), {}, "3000", {}, "745.00", id="seriously ill"),
    pytest.param(DISABLED, {}, "2235.00", {}, "745.00", id="family exactly at the standard is 低保边缘"),
    pytest.param(DISABLED, {}, "3352.49", {}, "745.00", id="family one fen below 1.5 x"),
    pytest.param(DISABLED, {}, "3000", {"single_person_amount_ratio": Decimal("0.65")}, "485.00",
                 id="local rule 65% of the standard"),
    pytest.param(DISABLED, {}, "3000", {"single_person_classified_extra": True, "classified_cap_at_standard": False},
                 "1006.00", id="local rule adds the disability extra"),
    pytest.param(DISABLED, {}, "3000", {"single_person_classified_extra": True}, "745.00",
                 id="兴安盟 48号: the extra stops at the standard"),
    pytest.param(DISABLED, {"transfers": "200"}, "3000", {"single_person_classified_extra": True}, "745.00",
                 id="兴安盟 48号: own income 200, extra 200 of 261 fills up to the standard"),
])
def test_the_person_is_paid_the_single_person_level_minus_own_income(person, person_income, family_income,
                                                                      overrides, paid):
    result = _assess(person, person_income, family_income, **overrides)
    assert result.is_eligible, result.reasons
    assert result.monthly_amount == Decimal(paid)
    assert (result.route, result.household_size, result.family.size) == ("single_person", 1, 3)
    assert result.family.is_near_dibao and not result.family.is_eligible


@pytest.mark.parametrize("person, person_income, family_income, family_assets, reason", [
    pytest.param(adult("王五"), {}, "3000", {}, "不是重度残疾人", id="neither disabled nor ill"),
    pytest.param(DISABLED, {}, "2234.99", {}, "家庭整体符合低保条件，应整户申请", id="family itself eligible"),
    pytest.param(DISABLED, {}, "3352.50", {}, "人均月收入 1,117.50 元不低于低保边缘线 1,117.50 元",
                 id="family exactly at 1.5 x: not 低保边缘"),
    pytest.param(DISABLED, {}, "3000", {"vehicles": 1}, "家庭不属于低保边缘家庭（S2 第8条）：拥有非生活必需机动车",
                 id="family assets fail"),
    pytest.param(DISABLED, {"wages": "745"}, "3000", {}, "本人月收入 745.00 元不低于单人户保障标准 745.00 元",
                 id="own income at the level"),
])
def test_the_single_person_route_is_refused_with_a_reason(person, person_income, family_income, family_assets,
                                                          reason):
    result = _assess(person, person_income, family_income, family_assets)
    assert not result.is_eligible
    assert any(reason in r for r in result.reasons), result.reasons
    assert (result.top_up, result.monthly_amount, result.extras) == (Decimal("0.00"), Decimal("0.00"), ())


def test_to_dict_carries_the_family_test():
    data = _assess(person_income={"transfers": "100"}).to_dict()
    assert data["family"] == {"size": 3, "monthly_income": "3000.00", "per_capita_income": "1000.00",
                              "near_dibao_line": "1117.50", "is_eligible": False, "is_near_dibao": True}
    assert (data["route"], data["monthly_income"], data["monthly_amount"]) == ("single_person", "100.00", "645.00")
    assert data["explanation"][0] == ("家庭 3 人，家庭月收入 3,000.00 元，人均 1,000.00 元；"
                                      "低保边缘线 1,117.50 元：属于低保边缘家庭")
    assert "本人月收入 100.00 元 = 转移净收入 100.00" in data["explanation"]
