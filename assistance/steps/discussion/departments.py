"""The member units (成员单位) of the county 困难群众基本生活保障工作协调机制 that a 一事一议 can convene.

A coordination_member user belongs to one of them (User.department holds the code); a department's opinion task
carries the code as its candidate group, so only that unit's members see and claim it."""
from typing import NamedTuple


class Department(NamedTuple):
    code: str
    name_zh: str       # short name, as the convening form lists it: 财政
    office_zh: str     # the county office, as it signs: 财政局 (乌兰浩特市财政局)


DEPARTMENTS: tuple[Department, ...] = (
    Department("civil_affairs", "民政", "民政局"),
    Department("finance", "财政", "财政局"),
    Department("hrss", "人社", "人力资源和社会保障局"),
    Department("education", "教育", "教育局"),
    Department("housing", "住建", "住房和城乡建设局"),
    Department("health", "卫健", "卫生健康委员会"),
    Department("medical_security", "医保", "医疗保障局"),
    Department("emergency", "应急", "应急管理局"),
    Department("disabled_federation", "残联", "残联"),
    Department("rural_revitalization", "乡村振兴", "乡村振兴局"),
)

BY_CODE: dict[str, Department] = {d.code: d for d in DEPARTMENTS}
CODES: tuple[str, ...] = tuple(BY_CODE)


def name_of(code: str | None) -> str:
    """The short Chinese name of a department code; an unknown code is shown as it is."""
    department = BY_CODE.get(code or "")
    return department.name_zh if department else (code or "")


def office_of(code: str, county_name: str = "") -> str:
    """The office's full name in a county: office_of('finance', '乌兰浩特市') -> '乌兰浩特市财政局'."""
    department = BY_CODE.get(code)
    return f"{county_name}{department.office_zh if department else code}"


def options(codes=None) -> list[dict]:
    """[{"const": code, "title": name}] for a form's checkbox list (x-options-from), in the canonical order."""
    chosen = set(CODES if codes is None else codes)
    return [{"const": d.code, "title": d.name_zh} for d in DEPARTMENTS if d.code in chosen]
