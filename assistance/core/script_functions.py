"""The functions BPMN script tasks and expressions may call; thin wrappers over the domain, registered at start-up."""
from datetime import date, datetime
from decimal import Decimal

from assistance.core import china_time
from assistance.core.idnumbers import mask_id
from assistance.core.params import get_param
from assistance.programmes.dibao import case_assessment
from assistance.programmes.dibao.rules import benefits
from engine import scripts, workdays


def param(key: str, region_id: int | None = None, on: str | None = None):
    """param('public_notice_days', region_id): the policy parameter for the case region, today or on an ISO date."""
    return get_param(scripts.current_session(), key, region_id, _as_date(on) if on else None)


def add_working_days(start: str, n: int) -> str:
    """add_working_days('2026-03-02', 10) -> '2026-03-16': n working days (holidays and 调休 observed) after start."""
    return workdays.add_working_days(scripts.current_session(), _as_date(start), int(n)).isoformat()


def today() -> str:
    """Today's date in Beijing as an ISO string (the engine clock, so tests can move it)."""
    return china_time.today().isoformat()


def assess_dibao_case(case_id, income: dict, assets: dict, on: str | None = None,
                      member_flags: dict | None = None) -> dict:
    """The case household's 低保 assessment (Assessment.to_dict()), on an ISO date or today.

    member_flags: {member_id: {is_severely_disabled, is_seriously_ill, is_working}} from the investigation.
    """
    day = _as_date(on) if on else china_time.today()
    return case_assessment.assess_case(scripts.current_session(), int(case_id), income=_amounts(income),
                                       assets=_amounts(assets), on=day, member_flags=member_flags).to_dict()


def assess_single_person_case(case_id, member_id, person_income: dict, family_income: dict, family_assets: dict,
                              on: str | None = None, member_flags: dict | None = None) -> dict:
    """单人户: one member of the case household applying alone (Assessment.to_dict(), route 'single_person')."""
    day = _as_date(on) if on else china_time.today()
    return case_assessment.assess_case_single_person(
        scripts.current_session(), int(case_id), int(member_id), person_income=_amounts(person_income),
        family_income=_amounts(family_income), family_assets=_amounts(family_assets), on=day,
        member_flags=member_flags).to_dict()


def effective_month(confirmed_on: str) -> str:
    """effective_month('2026-12-15') -> '2027-01-01': payment starts the month after confirmation (S2 art. 21)."""
    return benefits.effective_month(_as_date(confirmed_on)).isoformat()


def _amounts(values: dict | None) -> dict:
    # Task data that went through JSON holds numbers as float; str() gives the shortest decimal that round-trips,
    # i.e. what was typed, so 1500.1 becomes Decimal('1500.1') and not the binary 1500.0999….
    return {k: Decimal(str(v)) if isinstance(v, float) else v for k, v in (values or {}).items()}


def _as_date(value) -> date:
    if isinstance(value, datetime):
        return value.astimezone(china_time.CHINA).date()
    if isinstance(value, date):
        return value
    text = str(value)
    if "T" not in text:
        return date.fromisoformat(text)
    moment = datetime.fromisoformat(text)
    return moment.date() if moment.tzinfo is None else moment.astimezone(china_time.CHINA).date()


FUNCTIONS = {"param": param, "add_working_days": add_working_days, "today": today, "mask_id": mask_id,
             "assess_dibao_case": assess_dibao_case, "assess_single_person_case": assess_single_person_case,
             "effective_month": effective_month}


def register_all() -> None:
    from assistance.programmes.dibao import (
        scripts as dibao_scripts,  # the 低保 procedure's steps; imported here to keep this module's imports light
    )
    from assistance.programmes.temporary import scripts as temporary_scripts  # 临时救助 (temporary_assistance.bpmn)
    from assistance.steps.discussion import scripts as discussion_scripts  # 一事一议 (one_case_one_discussion.bpmn)
    for name, fn in {**FUNCTIONS, **dibao_scripts.FUNCTIONS, **discussion_scripts.FUNCTIONS,
                     **temporary_scripts.FUNCTIONS}.items():
        scripts.register(name, fn)
