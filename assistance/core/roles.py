"""Staff roles of social-assistance work (村协理员 … 县级审批人) and the region level each one works at."""
from dataclasses import dataclass

from assistance.core.models import RegionLevel


@dataclass(frozen=True)
class Role:
    code: str
    name_zh: str
    name_en: str
    level: RegionLevel | None   # None: works at the level of the user's own region (supervisors, back office)


ROLES: tuple[Role, ...] = (
    Role("village_assistant", "村协理员", "Village assistant", RegionLevel.VILLAGE),
    Role("township_caseworker", "乡镇经办人", "Township caseworker", RegionLevel.TOWNSHIP),
    Role("township_leader", "乡镇审核人", "Township reviewer", RegionLevel.TOWNSHIP),
    Role("county_caseworker", "县级经办人", "County caseworker", RegionLevel.COUNTY),
    Role("county_approver", "县级审批人", "County approver", RegionLevel.COUNTY),
    # 困难群众基本生活保障工作协调机制 (一事一议): the convener decides, each member unit (User.department) gives an opinion
    Role("coordination_chair", "协调机制召集人", "Coordination chair", RegionLevel.COUNTY),
    Role("coordination_member", "协调机制成员单位", "Coordination member unit", RegionLevel.COUNTY),
    Role("supervisor", "主管", "Supervisor", None),
    Role("analyst", "业务分析员", "Process analyst", None),
    Role("auditor", "审计员", "Auditor", None),
    Role("admin", "系统管理员", "Administrator", None),
)

BY_CODE: dict[str, Role] = {role.code: role for role in ROLES}


def get(code: str) -> Role:
    """The role with this code; KeyError for an unknown code."""
    return BY_CODE[code]


def role_for_lane(name: str | None) -> str | None:
    """The role code a BPMN lane names (code, Chinese name, or English name in any case), else None.

    Modelers wrap long lane labels, so whitespace is ignored in codes and Chinese names and collapsed in English ones.
    """
    if not name or not name.strip():
        return None
    compact = "".join(name.split())
    spaced = " ".join(name.split()).casefold()
    for role in ROLES:
        if compact.casefold() == role.code or compact == role.name_zh or spaced == role.name_en.casefold():
            return role.code
    return None
