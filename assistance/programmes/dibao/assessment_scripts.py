"""Script functions of the 低保 assessment (dibao_application.bpmn): the household's assessment and the first paid
month, as JSON-safe values for the task data."""
from decimal import Decimal

from assistance.core import china_time
from assistance.core.script_functions import as_date
from assistance.programmes.dibao import case_assessment
from assistance.programmes.dibao.rules import benefits
from engine import scripts


def assess_dibao_case(case_id, income: dict, assets: dict, on: str | None = None,
                      member_flags: dict | None = None, rigid_facts: dict | None = None) -> dict:
    """The case household's 低保 assessment (Assessment.to_dict()), on an ISO date or today.

    member_flags: {member_id: {is_severely_disabled, is_seriously_ill, is_working, is_disabled}} from the
    investigation; rigid_facts: this year's medical and education costs and last year's income (rules.rigid.FACTS).
    """
    day = as_date(on) if on else china_time.today()
    return case_assessment.assess_case(scripts.current_session(), int(case_id), income=_amounts(income),
                                       assets=_amounts(assets), on=day, member_flags=member_flags,
                                       rigid_facts=_amounts(rigid_facts) if rigid_facts else None).to_dict()


def assess_single_person_case(case_id, member_id, person_income: dict, family_income: dict, family_assets: dict,
                              on: str | None = None, member_flags: dict | None = None,
                              rigid_facts: dict | None = None) -> dict:
    """单人户: one member of the case household applying alone (Assessment.to_dict(), route 'single_person')."""
    day = as_date(on) if on else china_time.today()
    return case_assessment.assess_case_single_person(
        scripts.current_session(), int(case_id), int(member_id), person_income=_amounts(person_income),
        family_income=_amounts(family_income), family_assets=_amounts(family_assets), on=day,
        member_flags=member_flags, rigid_facts=_amounts(rigid_facts) if rigid_facts else None).to_dict()


def effective_month(confirmed_on: str) -> str:
    """effective_month('2026-12-15') -> '2027-01-01': payment starts the month after confirmation (S2 art. 21)."""
    return benefits.effective_month(as_date(confirmed_on)).isoformat()


def _amounts(values: dict | None) -> dict:
    # Task data that went through JSON holds numbers as float; str() gives the shortest decimal that round-trips,
    # i.e. what was typed, so 1500.1 becomes Decimal('1500.1') and not the binary 1500.0999….
    return {k: Decimal(str(v)) if isinstance(v, float) else v for k, v in (values or {}).items()}


FUNCTIONS = {"assess_dibao_case": assess_dibao_case, "assess_single_person_case": assess_single_person_case,
             "effective_month": effective_month}
