"""assess_dibao_case / assess_single_person_case: a case's household, its region's standard and parameters."""
import json
from datetime import date
from decimal import Decimal

import pytest

import assistance
from assistance.core.households import open_case, register_household
from assistance.core.params import set_param
from assistance.programmes.dibao import assessment_scripts as script_functions
from assistance.programmes.dibao.case_assessment import assessment_params
from engine import scripts


@pytest.fixture
def make_case(session, clock, tree, id_number):
    """make_case(village, is_urban, [(name, born), …]) -> (case, [member ids]); the first member applies."""
    def make(village="heping", is_urban=True, people=(("王堃", date(1966, 3, 2)), ("李赟", date(1970, 11, 3)),
                                                      ("王梓涵", date(2010, 6, 1)))):
        members = [{"name": name, "id_number": id_number(born, 101 + i), "relation": "本人" if i == 0 else "子女",
                    "is_applicant": i == 0} for i, (name, born) in enumerate(people)]
        household = register_household(session, region_id=tree[village].id, address="测试地址", is_urban=is_urban,
                                       members=members, actor_id=None)
        case = open_case(session, household=household, programme="dibao_application", actor_id=None)
        return case, [m.id for m in household.members]
    return make


def _set(session, key, value, region, on=date(2021, 7, 1)):
    set_param(session, key, value, region_id=region.id, effective_from=on, actor_id=None)


def test_the_case_household_is_assessed_with_its_regions_standard_and_parameters(session, tree, make_case):
    _set(session, "dibao_standard_urban", "800.00", tree["league"])
    _set(session, "classified_extra_ratio_elderly", "0.20", tree["city"])
    case, (grandpa, mother, girl) = make_case()
    with scripts.session_scope(session):
        result = script_functions.assess_dibao_case(case.id, {"wages": 1000.1, "employment_costs": "500"},
                                                    {"deposits": "5000"}, None,
                                                    {str(mother): {"is_working": True}})
    assert json.loads(json.dumps(result)) == result
    # 800 × 3 − (1,000.10 − 300.00 employment cap) = 1,699.90 -> 1,700; grandpa turns 60 today (+160), girl 15 (+80)
    assert (result["standard"], result["monthly_income"], result["top_up"]) == ("800.00", "700.10", "1700.00")
    assert [(e["name"], e["category"], e["amount"]) for e in result["extras"]] == [
        ("王堃", "elderly", "160.00"), ("王梓涵", "minor", "80.00")]
    assert (result["monthly_amount"], result["on"]) == ("1940.00", "2026-03-02")


def test_a_rural_household_gets_the_rural_standard_of_its_county(session, tree, make_case):
    _set(session, "dibao_standard_rural", "490.00", tree["league"])
    _set(session, "dibao_standard_rural", "520.00", tree["qianqi"], date(2026, 1, 1))
    case, _ = make_case("pingan", False, (("张喆", date(1980, 9, 9)),))
    with scripts.session_scope(session):
        assert script_functions.assess_dibao_case(case.id, {}, {})["monthly_amount"] == "520.00"
        assert script_functions.assess_dibao_case(case.id, {}, {}, "2025-12-31")["monthly_amount"] == "490.00"


def test_a_local_basic_pension_window_stored_as_text_applies(session, tree, make_case):
    case, _ = make_case()
    with scripts.session_scope(session):
        counted = script_functions.assess_dibao_case(case.id, {"basic_pension": "200"}, {}, "2026-03-02")
        _set(session, "basic_pension_excluded_until", "2030-12-31", tree["league"], date(2026, 1, 1))
        excluded = script_functions.assess_dibao_case(case.id, {"basic_pension": "200"}, {}, "2026-03-02")
    assert (counted["monthly_income"], excluded["monthly_income"]) == ("200.00", "0.00")


def test_member_flags_must_name_household_members_and_be_booleans(session, make_case):
    case, (first, *_) = make_case()
    with scripts.session_scope(session):
        with pytest.raises(ValueError, match="不属于该家庭"):
            script_functions.assess_dibao_case(case.id, {}, {}, None, {"999999": {"is_working": True}})
        with pytest.raises(ValueError, match="布尔值"):
            script_functions.assess_dibao_case(case.id, {}, {}, None, {first: {"is_seriously_ill": "false"}})
        with pytest.raises(ValueError, match="未知的成员情况"):
            script_functions.assess_dibao_case(case.id, {}, {}, None, {first: {"is_veteran": True}})
        with pytest.raises(LookupError, match="不存在"):
            script_functions.assess_dibao_case(999999, {}, {}, None)


def test_a_member_applies_alone_as_a_single_person_household(session, tree, make_case):
    case, (father, mother, son) = make_case(people=(("刘䶮", date(1955, 12, 31)), ("刘玥", date(1958, 3, 8)),
                                                     ("刘晟", date(1990, 5, 1))))
    with scripts.session_scope(session):
        result = script_functions.assess_single_person_case(case.id, son, {"transfers": "100"}, {"wages": "3000"}, {},
                                                           "2026-03-02", {son: {"is_severely_disabled": True}})
        with pytest.raises(LookupError, match="不属于案件"):
            script_functions.assess_single_person_case(case.id, 999999, {}, {}, {})
    assert (result["route"], result["is_eligible"], result["monthly_amount"]) == ("single_person", True, "645.00")
    assert result["family"]["is_near_dibao"] is True


def test_assessment_params_reads_every_key_for_the_region(session, tree):
    _set(session, "near_dibao_ratio", "2", tree["qianqi"])
    values = assessment_params(session, tree["pingan"].id, date(2026, 3, 2))
    assert values["near_dibao_ratio"] == Decimal("2")
    assert assessment_params(session, tree["heping"].id, date(2026, 3, 2))["near_dibao_ratio"] == Decimal("1.5")
    assert values["basic_pension_excluded_until"] == "2025-12-31" and values["asset_deposit_months"] == 12


def test_the_new_functions_are_registered_for_bpmn_scripts():
    assistance.register_all()
    for name in ("assess_dibao_case", "assess_single_person_case", "effective_month"):
        assert scripts.registered()[name] is script_functions.FUNCTIONS[name]
