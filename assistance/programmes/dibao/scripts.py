"""Script functions of dibao_application.bpmn: thin wrappers over assistance.programmes.dibao.procedure that take
plain ids and return JSON-safe dicts for the task data, and the mapping of the survey form onto the assessment."""
from assistance.core.models import Case
from assistance.core.params import get_param
from assistance.programmes.dibao import assessment_scripts, data_matching
from assistance.programmes.dibao import procedure as dibao
from assistance.programmes.dibao.rules.survey_team import survey_team_problems
from engine import EngineError, scripts


def _case(case_id) -> Case:
    return scripts.current_session().get(Case, int(case_id))


def accept_application(case_id, is_staff_relative=False, note=None) -> dict:
    """受理 from the form: is_staff_relative in the result is the case's 近亲属 flag, the kinship registry included."""
    progress = dibao.accept_application(scripts.current_session(), _case(case_id), bool(is_staff_relative), note)
    return {"accepted_on": progress.accepted_dt.date().isoformat(), "deadline": progress.deadline_dt.isoformat(),
            "limit_working_days": progress.limit_working_days, "delegated": progress.is_delegated,
            "is_staff_relative": progress.is_staff_relative}


def check_survey_team(case_id, survey: dict) -> None:
    """At the 入户调查's completion (its postScript): refuses a team of fewer than survey_team_min_size different
    people, or one with a member of the household in it (S2 art. 16); the task then stays open."""
    case = _case(case_id)
    names = [survey[key] for key in sorted(survey) if key.startswith("investigator_")]
    min_size = get_param(scripts.current_session(), "survey_team_min_size", case.region_id)
    problems = survey_team_problems(names, [m.name for m in case.household.members], int(min_size))
    if problems:
        raise EngineError("；".join(problems) + "。")


def county_deadline(case_id) -> int:
    """dueInWorkingDays of the county steps: the working days left of the county's 10 (S2 art. 20), counted from the
    receipt of the township's file, which the first county step to open records."""
    return dibao.county_working_days_left(scripts.current_session(), _case(case_id))


def run_data_matching(case_id) -> dict:
    return data_matching.check_case(scripts.current_session(), _case(case_id))


def record_dibao_decision(case_id, outcome, assessment, reasons=None, mismatch_stands=False) -> dict:
    decision = dibao.record_decision(scripts.current_session(), scripts.current_instance(), _case(case_id),
                                     outcome, assessment, reasons or None, mismatch_stands=bool(mismatch_stands))
    return {"id": decision.id, "outcome": str(decision.outcome),
            "monthly_amount": None if decision.monthly_amount is None else str(decision.monthly_amount),
            "effective_month": decision.effective_month.isoformat() if decision.effective_month else None}


def member_flags(severely_disabled=(), seriously_ill=(), working=()) -> dict:
    """{member_id: {is_severely_disabled, is_seriously_ill, is_working}} from the survey's member checkboxes."""
    ids = {int(i) for i in (*severely_disabled, *seriously_ill, *working)}
    return {i: {"is_severely_disabled": str(i) in severely_disabled, "is_seriously_ill": str(i) in seriously_ill,
                "is_working": str(i) in working} for i in ids}


# assessment input -> 入户调查 form field (dibao_survey.json)
SURVEY_INCOME = {"wages": "income_wages", "business_net": "income_business_net",
                 "property_net": "income_property_net", "transfers": "income_transfers", "other": "income_other",
                 "basic_pension": "income_basic_pension", "preferential_care": "excluded_preferential_care",
                 "family_planning_reward": "excluded_family_planning_reward", "scholarship": "excluded_scholarship",
                 "social_assistance": "excluded_social_assistance", "rigid_expenses": "deduction_rigid_expenses",
                 "employment_costs": "deduction_employment_costs"}
SURVEY_ASSETS = {"deposits": "asset_deposits", "vehicles": "asset_vehicles", "extra_housing": "asset_extra_housing"}
# the 刚性支出 threshold's facts (rules.rigid.FACTS); optional on the form: absent when the survey left them out
SURVEY_RIGID = {"medical_costs": "rigid_medical_costs_year", "education_costs": "rigid_education_costs_year",
                "last_year_income": "last_year_household_income"}


def survey_facts(survey: dict) -> dict:
    """{"income", "assets", "member_flags", "rigid"}: the 入户调查 form's fields (task data) as the assessment takes
    them; members listed as disabled (残疾人, any grade) are flagged is_disabled for 宁夏's employment-cost share."""
    flags = member_flags(survey["severely_disabled_members"], survey["seriously_ill_members"],
                         survey["working_members"])
    for member_id in survey.get("disabled_members") or ():
        flags.setdefault(int(member_id), {})["is_disabled"] = True
    rigid = {key: survey[field] for key, field in SURVEY_RIGID.items() if survey.get(field) not in (None, "")}
    return {"income": {key: survey[field] for key, field in SURVEY_INCOME.items()},
            "assets": {key: survey[field] for key, field in SURVEY_ASSETS.items()},
            "member_flags": flags, "rigid": rigid or None}


def assess_dibao_from_survey(case_id, survey: dict) -> dict:
    """The case's 低保 assessment today (Assessment.to_dict()) from the task data after the 入户调查 (the script
    passes it as locals()): the whole household, or on the 单人户 route the member single_person_member alone."""
    facts = survey_facts(survey)
    if survey["single_person_route"]:
        return assessment_scripts.assess_single_person_case(
            case_id, int(survey["single_person_member"]), {"other": survey["single_person_income"]},
            facts["income"], facts["assets"], None, facts["member_flags"], facts["rigid"])
    return assessment_scripts.assess_dibao_case(case_id, facts["income"], facts["assets"], None, facts["member_flags"],
                                                facts["rigid"])


FUNCTIONS = {"member_flags": member_flags, "accept_application": accept_application, "run_data_matching": run_data_matching,
             "check_survey_team": check_survey_team,
             "county_deadline": county_deadline,
             "record_dibao_decision": record_dibao_decision, "assess_dibao_from_survey": assess_dibao_from_survey}
