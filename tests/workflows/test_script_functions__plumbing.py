"""The plumbing that script tasks call instead of spelling it out: the 入户调查 form mapped onto the 低保 assessment,
the task data a 临时救助 case starts with, the amount of the next planned stage — and the `locals().update(...)`
idiom by which a script merges a returned dict into the task data."""
from datetime import date
from decimal import Decimal

import pytest

import assistance
from assistance.core.households import open_case, register_household
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import RegionLevel
from assistance.core.regions import create_region
from assistance.programmes.dibao import assessment_scripts
from assistance.programmes.dibao import scripts as dibao_scripts
from assistance.programmes.temporary import scripts as temporary_scripts
from engine import scripts
from engine.spiff import script_engine
from tests.workflows.steps import APPLY, survey


@pytest.fixture
def case(session, clock):
    """An urban household of three in 和平社区 (兴安盟 745 元 standard): (case id, member ids)."""
    league = create_region(session, code="152200", name="兴安盟", level=RegionLevel.LEAGUE)
    city = create_region(session, code="152201", name="乌兰浩特市", level=RegionLevel.COUNTY, parent=league)
    dulin = create_region(session, code="152201001000", name="都林街道", level=RegionLevel.TOWNSHIP, parent=city)
    heping = create_region(session, code="152201001001", name="和平社区", level=RegionLevel.VILLAGE, parent=dulin)
    people = (("王堃", date(1980, 5, 1)), ("李赟", date(1982, 7, 9)), ("王梓涵", date(2012, 1, 2)))
    household = register_household(session, region_id=heping.id, address="和平社区1号", is_urban=True, members=[
        {"name": name, "id_number": compose_id_number("152201", born, 101 + i), "relation": "本人" if i == 0 else "子女",
         "is_applicant": i == 0} for i, (name, born) in enumerate(people)], actor_id=None)
    case = open_case(session, household=household, programme="dibao_application", actor_id=None)
    return case.id, [m.id for m in household.members]


def test_the_survey_form_maps_onto_income_assets_and_member_flags():
    form = survey("1500.1", income_transfers=200.5, deduction_employment_costs=Decimal("300"), asset_vehicles=1,
                  severely_disabled_members=["7"], working_members=["7", "8"])
    facts = dibao_scripts.survey_facts(form)
    assert facts["income"] == {
        "wages": Decimal("1500.1"), "business_net": 0, "property_net": 0, "transfers": 200.5, "other": 0,
        "basic_pension": 0, "preferential_care": 0, "family_planning_reward": 0, "scholarship": 0,
        "social_assistance": 0, "rigid_expenses": 0, "employment_costs": Decimal("300")}
    assert facts["assets"] == {"deposits": 0, "vehicles": 1, "extra_housing": 0}
    assert facts["member_flags"] == {
        7: {"is_severely_disabled": True, "is_seriously_ill": False, "is_working": True},
        8: {"is_severely_disabled": False, "is_seriously_ill": False, "is_working": True}}


def test_a_missing_survey_field_is_an_error_not_a_zero():
    form = survey()
    del form["asset_deposits"]
    with pytest.raises(KeyError, match="asset_deposits"):
        dibao_scripts.survey_facts(form)


def test_the_household_is_assessed_from_the_survey_as_the_script_did_by_hand(session, case):
    case_id, (father, mother, _girl) = case
    task_data = {**APPLY, **survey("1200", deduction_employment_costs=Decimal("300"), working_members=[str(mother)]),
                 "case_id": case_id}
    with scripts.session_scope(session):
        assessment = dibao_scripts.assess_dibao_from_survey(case_id, task_data)
        by_hand = assessment_scripts.assess_dibao_case(
            case_id, {**{k: 0 for k in dibao_scripts.SURVEY_INCOME}, "wages": Decimal("1200"),
                      "employment_costs": Decimal("300")},
            {"deposits": 0, "vehicles": 0, "extra_housing": 0}, None, {mother: {"is_working": True}})
    assert assessment == by_hand
    # 745 × 3 − (1,200 − 300 employment cost) = 1,335, + 10 % for the girl under 18 (74.50), rounded up to the 元
    assert (assessment["route"], assessment["monthly_income"], assessment["monthly_amount"]) == (
        "household", "900.00", "1410.00")


def test_on_the_single_person_route_the_member_is_assessed_alone(session, case):
    case_id, (father, _mother, girl) = case
    task_data = {**APPLY, **survey("3000", severely_disabled_members=[str(girl)]), "single_person_route": True,
                 "single_person_member": str(girl), "single_person_income": 100.0, "case_id": case_id}
    with scripts.session_scope(session):
        assessment = dibao_scripts.assess_dibao_from_survey(case_id, task_data)
        by_hand = assessment_scripts.assess_single_person_case(
            case_id, girl, {"other": Decimal("100")}, {**{k: 0 for k in dibao_scripts.SURVEY_INCOME},
                                                         "wages": Decimal("3000")},
            {"deposits": 0, "vehicles": 0, "extra_housing": 0}, None, {girl: {"is_severely_disabled": True}})
    assert assessment == by_hand and assessment["route"] == "single_person"


def test_a_temporary_case_starts_with_every_optional_field_empty_and_one_stage():
    assert temporary_scripts.temporary_defaults() == {
        "proposed_amount": None, "proposed_stages": 1, "refusal_reason": "", "first_review_note": "",
        "in_kind_detail": "", "referral_target": "", "referral_detail": "", "approval_reasons": "",
        "amount_multiple": None, "approval_tier": None, "pay_first_note": "", "payment_note": "", "filing_note": "",
        "follow_up_reason": ""}


@pytest.mark.parametrize("stage_no, amount", [(1, "1000.00"), (3, "1000.01"), (4, None)])
def test_the_planned_amount_of_a_stage_is_none_once_every_stage_is_paid(stage_no, amount):
    plan = {"stages": 3, "amounts": ["1000.00", "1000.00", "1000.01"]}
    assert temporary_scripts.planned_stage_amount(plan, stage_no) == amount


def test_a_script_merges_a_returned_dict_into_the_task_data_with_locals_update():
    assistance.register_all()
    data = {"case_id": 7, "pay_first_note": "夜间急诊"}
    script_engine().environment.execute("locals().update(temporary_defaults())", data)
    assert data == {**temporary_scripts.temporary_defaults(), "case_id": 7}   # a default overwrites: it runs first


def test_the_new_functions_are_registered_for_bpmn_scripts():
    assistance.register_all()
    for module, names in ((dibao_scripts, ("assess_dibao_from_survey",)),
                          (temporary_scripts, ("temporary_defaults", "planned_stage_amount"))):
        for name in names:
            assert scripts.registered()[name] is module.FUNCTIONS[name]
