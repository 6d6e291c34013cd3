"""Demo data for 兴安盟: the jurisdiction tree, one user per role per level, a few households, local standards."""
import secrets
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from assistance.core import roles
from assistance.core.households import register_household
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import Member, PolicyParameter, Region, RegionLevel, User
from assistance.core.params import set_param
from assistance.core.regions import create_region
from assistance.steps.discussion import departments

PASSWORD_HASH_METHOD = "scrypt"   # tests swap in a cheap method


class Place(NamedTuple):
    code: str
    name: str
    slug: str                      # pinyin, used in usernames
    children: tuple = ()


XINGAN = Place("152200", "兴安盟", "xinganmeng", (
    Place("152201", "乌兰浩特市", "wulanhaote", (
        Place("152201001000", "都林街道", "dulin", (
            Place("152201001001", "和平社区", "heping"), Place("152201001002", "胜利社区", "shengli"))),
        Place("152201100000", "义勒力特镇", "yilelite", (
            Place("152201100201", "义勒力特嘎查", "yilelitegacha"), Place("152201100202", "联合村", "lianhe"))))),
    Place("152221", "科尔沁右翼前旗", "keyouqianqi", (
        Place("152221100000", "科尔沁镇", "keerqin", (
            Place("152221100201", "平安村", "pingan"), Place("152221100202", "白音花嘎查", "baiyinhua"))),
        Place("152221101000", "大石寨镇", "dashizhai", (
            Place("152221101201", "大石寨村", "dashizhaicun"), Place("152221101202", "永丰村", "yongfeng"))))),
))

# Username scheme: <role code>_<region slug>, e.g. township_caseworker_dulin, county_approver_wulanhaote.
LEVEL_ROLES = {
    RegionLevel.LEAGUE: ("supervisor", "analyst", "auditor", "admin"),
    RegionLevel.COUNTY: ("county_caseworker", "county_approver", "supervisor", "coordination_chair"),
    RegionLevel.TOWNSHIP: ("township_caseworker", "township_leader"),
    RegionLevel.VILLAGE: ("village_assistant",),
}

MEMBER_ROLE = "coordination_member"


def member_username(department: str, county_slug: str) -> str:
    """Each county's 协调机制 has one account per member unit: coordination_member_finance_wulanhaote."""
    return f"{MEMBER_ROLE}_{department}_{county_slug}"

# village code, is_urban, address, members (name, relation, birth date, sex); unusual characters on purpose
HOUSEHOLDS = (
    ("152201001001", True, "都林街道和平社区3号楼2单元101室", (
        ("王堃", "本人", date(1968, 5, 12), "M"), ("李赟", "配偶", date(1970, 11, 3), "F"),
        ("王梓涵", "子女", date(2008, 2, 29), "F"))),
    ("152201100201", False, "义勒力特镇义勒力特嘎查二组", (
        ("包·巴特尔", "本人", date(1955, 1, 20), "M"), ("乌云其其格", "配偶", date(1958, 7, 15), "F"))),
    ("152221100201", False, "科尔沁镇平安村五组18号", (("张喆", "本人", date(1980, 9, 9), "M"),)),
    ("152221101201", False, "大石寨镇大石寨村一组7号", (
        ("刘䶮", "本人", date(1949, 12, 31), "M"), ("刘玥", "子女", date(1976, 3, 8), "F"))),
)

# 兴安盟 local standards (元/人·月): example values, raised in 2025
STANDARDS = (
    ("dibao_standard_urban", date(2021, 7, 1), Decimal("745.00")),
    ("dibao_standard_rural", date(2021, 7, 1), Decimal("490.00")),
    ("dibao_standard_urban", date(2025, 1, 1), Decimal("830.00")),
    ("dibao_standard_rural", date(2025, 1, 1), Decimal("580.00")),
)


class DemoAccount(NamedTuple):
    username: str
    password: str | None           # None: the account existed and its password was left unchanged
    role: str
    region: str


def seed_demo(session, password: str | None = None) -> list[DemoAccount]:
    """Create whatever of the demo data is missing (safe to run on every start); flushes, never commits.

    With a password every demo account gets it; without one new accounts get a random password each.
    """
    accounts: list[DemoAccount] = []
    league = _seed_place(session, XINGAN, None, password, accounts)
    _seed_standards(session, league)
    _seed_households(session)
    session.flush()
    return accounts


def _seed_place(session, place: Place, parent: Region | None, password, accounts) -> Region:
    region = session.scalar(select(Region).where(Region.code == place.code))
    if region is None:
        level = RegionLevel.LEAGUE if parent is None else RegionLevel(parent.level + 1)
        region = create_region(session, code=place.code, name=place.name, level=level, parent=parent)
    for role in LEVEL_ROLES[RegionLevel(region.level)]:
        accounts.append(_seed_user(session, f"{role}_{place.slug}", role, region, password))
    if region.level == RegionLevel.COUNTY:
        for department in departments.DEPARTMENTS:
            accounts.append(_seed_user(session, member_username(department.code, place.slug), MEMBER_ROLE, region,
                                       password, department=department.code))
    for child in place.children:
        _seed_place(session, child, region, password, accounts)
    return region


def _seed_user(session, username: str, role: str, region: Region, password: str | None,
               department: str | None = None) -> DemoAccount:
    user = session.scalar(select(User).where(User.username == username))
    if user is None:
        given = password or secrets.token_urlsafe(9)
        name = (departments.office_of(department, region.name) if department   # 乌兰浩特市财政局
                else f"{region.name}{roles.get(role).name_zh}")
        session.add(User(username=username, display_name=name, role=role, region_id=region.id, department=department,
                         password_hash=generate_password_hash(given, PASSWORD_HASH_METHOD)))
        return DemoAccount(username, given, role, region.name)
    if department and user.department is None:   # an account seeded before departments existed
        user.department = department
    if password and not check_password_hash(user.password_hash, password):
        user.password_hash = generate_password_hash(password, PASSWORD_HASH_METHOD)
    return DemoAccount(username, password, role, region.name)


def _seed_standards(session, league: Region) -> None:
    for key, effective_from, value in STANDARDS:
        exists = session.scalar(select(PolicyParameter.id).where(
            PolicyParameter.key == key, PolicyParameter.region_id == league.id,
            PolicyParameter.effective_from == effective_from))
        if exists is None:
            set_param(session, key, value, region_id=league.id, effective_from=effective_from, actor_id=None,
                      reason="演示数据", source="[L] 兴安盟低保标准，示例值")


def _seed_households(session) -> None:
    for village_code, is_urban, address, people in HOUSEHOLDS:
        village = session.scalar(select(Region).where(Region.code == village_code))
        members = [{"name": name, "relation": relation, "is_applicant": relation == "本人",
                    "id_number": compose_id_number(village_code[:6], born, 100 + 2 * i + (sex == "M"))}
                   for i, (name, relation, born, sex) in enumerate(people)]
        if session.scalar(select(Member.id).where(Member.id_number == members[0]["id_number"])) is None:
            assistant = session.scalar(select(User.id).where(User.role == "village_assistant",
                                                             User.region_id == village.id))
            register_household(session, region_id=village.id, address=address, is_urban=is_urban,
                               members=members, actor_id=assistant)
