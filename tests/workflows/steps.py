"""Form data for each step of the 低保 process, as a caseworker would submit it (typed, as engine.forms.coerce gives)."""
from decimal import Decimal

APPLY = dict(channel="in_person", promise_signed=True, finance_check_authorized=True,
             materials=["书面申请书", "户口簿", "居民身份证"], single_person_route=False)
ACCEPT = dict(materials_complete=True, is_staff_relative=False)
ZERO_MONEY = ("income_business_net", "income_property_net", "income_transfers", "income_other", "income_basic_pension",
              "excluded_preferential_care", "excluded_family_planning_reward", "excluded_scholarship",
              "excluded_social_assistance", "deduction_rigid_expenses", "deduction_employment_costs", "asset_deposits",
              "single_person_income")


def survey(wages="1000", **overrides):
    data = dict(investigator_1="李明", investigator_2="王芳", visit_date="2026-03-03", survey_method="home_visit",
                income_wages=Decimal(wages), asset_vehicles=0, asset_extra_housing=0, severely_disabled_members=[],
                seriously_ill_members=[], working_members=[], signed_by_household=True,
                **{k: Decimal("0") for k in ZERO_MONEY})
    return {**data, **overrides}


MATCH_OK = dict(matching_result="consistent")
MATCH_BAD = dict(matching_result="mismatch", mismatch_detail="车辆登记：本人名下小型轿车一辆")
FIRST_AGREE = dict(first_review_opinion="agree", first_review_note="情况属实，同意公示")
FIRST_DISAGREE = dict(first_review_opinion="disagree", first_review_note="核对不符，不同意")
COUNTY_OK = dict(county_review_opinion="agree", county_review_note="材料齐全，程序合规")
COUNTY_NO = dict(county_review_opinion="disagree", county_review_note="不符合条件")
APPROVE = dict(decision="approve")
VISIT = dict(county_visit_date="2026-03-12", county_investigator_1="孙强", county_investigator_2="周丽",
             county_visit_findings="入户核实，家庭情况与申报一致")
