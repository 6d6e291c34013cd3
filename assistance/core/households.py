"""Registering households (家庭) with their members, and opening a case (案件) with a unique number."""
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from assistance.core import china_time
from assistance.core.idnumbers import mask_id, parse_id_number
from assistance.core.models import Case, CaseNumberCounter, CaseStatus, Household, Member, Region, RegionLevel
from engine import audit

RELATIONS = ("本人", "配偶", "子女", "父母", "兄弟姐妹", "祖父母", "孙子女", "其他")
# process key -> case-number prefix, handed over by assistance.programmes.registry.register (core imports no programme)
CASE_PREFIXES: dict[str, str] = {}


class HouseholdInvalid(ValueError):
    """The household was not registered; errors maps a field path ('members[1].id_number') to a Chinese message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("家庭信息有误：\n" + "\n".join(errors.values()))
        self.errors = errors


def register_household(session, *, region_id: int, address: str, is_urban: bool, members: list[dict],
                       actor_id: int | None) -> Household:
    """Validate everything first (all errors at once, nothing written on error), then add the household, audited."""
    errors: dict[str, str] = {}
    region = session.get(Region, region_id)
    if region is None or region.level != RegionLevel.VILLAGE:
        errors["region_id"] = "请选择家庭所在的村（嘎查、社区）"
    if not (address or "").strip():
        errors["address"] = "请填写家庭住址"
    parsed = check_members(members, errors)
    if errors:
        raise HouseholdInvalid(errors)
    household = Household(region_id=region_id, address=address.strip(), is_urban=bool(is_urban),
                          created_dt=china_time.now())
    for given, resident in zip(members, parsed):
        household.members.append(Member(name=given["name"].strip(), id_number=resident.number,
                                        relation=given["relation"], birth_date=resident.birth_date,
                                        sex=resident.sex, is_applicant=bool(given.get("is_applicant"))))
    session.add(household)
    session.flush()
    audit.record(session, "household.register", actor_id=actor_id, subject=f"household:{household.id}", after={
        "region_id": region_id, "address": household.address, "is_urban": household.is_urban,
        "members": [{"name": m.name, "id_number": mask_id(m.id_number), "relation": m.relation,
                     "is_applicant": m.is_applicant} for m in household.members]})
    return household


def check_members(members: list[dict], errors: dict[str, str]) -> list:
    """Add each member problem to errors (all at once); the parsed ID numbers, None where invalid."""
    if not members:
        errors["members"] = "家庭至少要有一名成员"
        return []
    parsed, seen = [], {}
    for i, member in enumerate(members):
        label, path = f"第{i + 1}位成员", f"members[{i}]"
        name = (member.get("name") or "").strip()
        if not name or len(name) > 60:
            errors[f"{path}.name"] = f"{label}：请填写姓名（不超过60个字）"
        if member.get("relation") not in RELATIONS:
            errors[f"{path}.relation"] = f"{label}：与申请人关系须为{'、'.join(RELATIONS)}之一"
        try:
            resident = parse_id_number(member.get("id_number"))
        except ValueError as exc:
            errors[f"{path}.id_number"] = f"{label}：{exc}"
            resident = None
        if resident is not None and resident.number in seen:
            errors[f"{path}.id_number"] = f"{label}：身份证号与第{seen[resident.number] + 1}位成员重复"
        elif resident is not None:
            seen[resident.number] = i
        parsed.append(resident)
    applicants = [i for i, m in enumerate(members) if m.get("is_applicant")]
    if len(applicants) != 1:
        errors["members.applicant"] = "家庭须指定且只能指定一名申请人"
    elif members[applicants[0]].get("relation") != "本人":
        errors[f"members[{applicants[0]}].relation"] = f"第{applicants[0] + 1}位成员：申请人与本人关系应为“本人”"
    return parsed


def case_prefix(process_key: str) -> str:
    """The prefix of the programme the process belongs to; a process no programme registered is a bug, not 'AJ'."""
    try:
        return CASE_PREFIXES[process_key]
    except KeyError:
        raise LookupError(f"no registered programme starts process {process_key!r}: no case-number prefix") from None


def open_case(session, *, household: Household, programme: str, actor_id: int | None) -> Case:
    """Open the household's file for a programme, numbered like DB-2026-000123; refused if one is already open."""
    existing = session.scalar(select(Case.number).where(Case.household_id == household.id,
                                                        Case.programme == programme,
                                                        Case.status == CaseStatus.OPEN))
    if existing is not None:
        raise ValueError(f"该家庭已有在办案件{existing}，不能重复立案")
    opened = china_time.now()
    prefix = case_prefix(programme)
    serial = _next_serial(session, prefix, opened.year)
    case = Case(number=f"{prefix}-{opened.year}-{serial:06d}", programme=programme, household_id=household.id,
                region_id=household.region_id, status=CaseStatus.OPEN, created_by=actor_id, created_dt=opened)
    session.add(case)
    session.flush()
    audit.record(session, "case.open", actor_id=actor_id, subject=f"case:{case.id}",
                 after={"number": case.number, "programme": programme, "household_id": household.id,
                        "region_id": household.region_id})
    return case


def _next_serial(session, prefix: str, year: int) -> int:
    """Increment the counter row in place: the UPDATE's row lock serializes concurrent openings on PostgreSQL."""
    table = CaseNumberCounter.__table__
    bump = (update(table).where(table.c.prefix == prefix, table.c.year == year)
            .values(last_value=table.c.last_value + 1).returning(table.c.last_value))
    value = session.execute(bump).scalar()
    if value is not None:
        return value
    try:
        with session.begin_nested():   # first case of the year; another transaction may be inserting it too
            session.execute(table.insert().values(prefix=prefix, year=year, last_value=1))
        return 1
    except IntegrityError:
        return session.execute(bump).scalar_one()
