"""Assessing a case from the database: its household's members, the region's standard and parameters on a date."""
from datetime import date
from decimal import Decimal

from assistance.core.models import Case, Household, Member
from assistance.core.params import get_param
from assistance.programmes.dibao.rules.assessment import Assessment
from assistance.programmes.dibao.rules.benefits import PARAM_KEYS, assess_dibao, assess_single_person

# Facts about members that the member table does not hold: the investigation records them per case.
MEMBER_FLAGS = ("is_severely_disabled", "is_seriously_ill", "is_working", "is_disabled")


def assessment_params(session, region_id: int | None, on: date | None = None) -> dict:
    """Every parameter assess_dibao / assess_single_person read, for a region on a date."""
    return {key: get_param(session, key, region_id, on) for key in PARAM_KEYS}


def dibao_standard(session, region_id: int | None, is_urban: bool, on: date | None = None) -> Decimal:
    """The monthly 低保 standard per person for the household's region, urban or rural."""
    return get_param(session, "dibao_standard_urban" if is_urban else "dibao_standard_rural", region_id, on)


def assess_case(session, case_id: int, *, income: dict, assets: dict, on: date,
                member_flags: dict | None = None, rigid_facts: dict | None = None) -> Assessment:
    """The whole household of a case, with the standard and parameters of its village on `on`."""
    household = _household(session, case_id)
    return assess_dibao(members=member_dicts(household, member_flags), income=income, assets=assets,
                        standard=dibao_standard(session, household.region_id, household.is_urban, on), on=on,
                        params=assessment_params(session, household.region_id, on), rigid_facts=rigid_facts)


def assess_case_single_person(session, case_id: int, member_id: int, *, person_income: dict, family_income: dict,
                              family_assets: dict, on: date, member_flags: dict | None = None,
                              rigid_facts: dict | None = None) -> Assessment:
    """One member of the case's household applying alone (单人户); the household is the member's whole family."""
    household = _household(session, case_id)
    members = member_dicts(household, member_flags)
    person = next((m for m in members if m["member_id"] == int(member_id)), None)
    if person is None:
        raise LookupError(f"成员 {member_id} 不属于案件 {case_id} 的家庭")
    return assess_single_person(person=person, person_income=person_income, family_members=members,
                                family_income=family_income, family_assets=family_assets,
                                standard=dibao_standard(session, household.region_id, household.is_urban, on),
                                on=on, params=assessment_params(session, household.region_id, on),
                                rigid_facts=rigid_facts)


def member_dicts(household: Household, member_flags: dict | None) -> list[dict]:
    """Members as the assessment takes them; flags keyed by member id (int or str: JSON keys are strings)."""
    flags = {int(k): v for k, v in (member_flags or {}).items()}
    strangers = set(flags) - {m.id for m in household.members}
    if strangers:
        raise ValueError(f"成员 {sorted(strangers)} 不属于该家庭")
    return [_member(m, flags.get(m.id) or {}) for m in household.members]


def _member(member: Member, flags: dict) -> dict:
    unknown = set(flags) - set(MEMBER_FLAGS)
    if unknown:
        raise ValueError(f"未知的成员情况：{'、'.join(sorted(unknown))}（可用：{'、'.join(MEMBER_FLAGS)}）")
    wrong = [flag for flag, value in flags.items() if value is not None and not isinstance(value, bool)]
    if wrong:   # bool("false") is True: a string here would silently flip the flag
        raise ValueError(f"成员情况须为是/否（布尔值）：{'、'.join(sorted(wrong))}")
    return {"member_id": member.id, "name": member.name, "birth_date": member.birth_date,
            "is_applicant": member.is_applicant, **{flag: bool(flags.get(flag)) for flag in MEMBER_FLAGS}}


def _household(session, case_id: int) -> Household:
    case = session.get(Case, int(case_id))
    if case is None:
        raise LookupError(f"案件 {case_id} 不存在")
    return case.household
