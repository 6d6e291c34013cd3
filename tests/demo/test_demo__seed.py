"""The demo seed: 兴安盟's tree, one user per role per level, households with valid IDs, local standards; idempotent."""
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from assistance.core.idnumbers import is_valid_id_number
from assistance.core.models import Household, Member, PolicyParameter, Region, RegionLevel, User
from assistance.core.params import get_param
from assistance.steps.discussion import departments
from demo import jurisdiction as demo
from engine.models import AuditEvent


@pytest.fixture(autouse=True)
def cheap_hashes(monkeypatch):
    monkeypatch.setattr(demo, "PASSWORD_HASH_METHOD", "pbkdf2:sha256:1")


def _counts(session):
    return {m.__name__: session.scalar(select(func.count()).select_from(m))
            for m in (Region, User, Household, Member, PolicyParameter, AuditEvent)}


def test_seeding_twice_changes_nothing_the_second_time(session, clock):
    first = demo.seed_demo(session)
    counts = _counts(session)
    second = demo.seed_demo(session)
    assert _counts(session) == counts
    assert counts["Region"] == 1 + 2 + 4 + 8 and counts["Household"] == 4
    assert [a.username for a in second] == [a.username for a in first]
    assert all(a.password for a in first) and not any(a.password for a in second)


def test_the_jurisdiction_tree_has_the_required_shape(session, clock):
    demo.seed_demo(session)
    regions = session.scalars(select(Region)).all()
    by_level = Counter(r.level for r in regions)
    assert by_level == {RegionLevel.LEAGUE: 1, RegionLevel.COUNTY: 2, RegionLevel.TOWNSHIP: 4, RegionLevel.VILLAGE: 8}
    names = {r.name for r in regions}
    assert {"兴安盟", "乌兰浩特市", "科尔沁右翼前旗", "都林街道", "义勒力特镇", "科尔沁镇", "大石寨镇"} <= names
    league = next(r for r in regions if r.level == RegionLevel.LEAGUE)
    assert league.code == "152200"
    for region in regions:
        assert len(region.code) == (6 if region.level <= RegionLevel.COUNTY else 12)
        assert region.path.startswith(league.path)
        if region.parent is not None:
            assert region.level == region.parent.level + 1
            shared = {RegionLevel.LEAGUE: 4, RegionLevel.COUNTY: 6, RegionLevel.TOWNSHIP: 9}[region.parent.level]
            assert region.code[:shared] == region.parent.code[:shared]


def test_one_user_per_role_at_every_region_of_its_level(session, clock):
    accounts = demo.seed_demo(session)
    users = session.scalars(select(User)).all()
    # league 4, per county 4 roles + 10 协调机制成员单位, per township 2, per village 1
    assert len(users) == len(accounts) == 4 + 2 * (4 + 10) + 4 * 2 + 8
    per_region_role = Counter((u.region_id, u.role, u.department) for u in users)
    assert set(per_region_role.values()) == {1}
    for region in session.scalars(select(Region)):
        have = {role for (region_id, role, _d) in per_region_role if region_id == region.id}
        members = {"coordination_member"} if region.level == RegionLevel.COUNTY else set()
        assert have == set(demo.LEVEL_ROLES[RegionLevel(region.level)]) | members
    assert {a.username for a in accounts} >= {"township_caseworker_dulin", "county_approver_keyouqianqi",
                                              "village_assistant_heping", "admin_xinganmeng"}


def test_each_county_has_a_chair_and_one_member_per_department(session, clock):
    demo.seed_demo(session)
    county = session.scalar(select(Region).where(Region.name == "乌兰浩特市"))
    members = session.scalars(select(User).where(User.role == "coordination_member", User.region_id == county.id)).all()
    assert {m.department for m in members} == set(departments.CODES)
    names = {m.username: m.display_name for m in members}
    assert names["coordination_member_finance_wulanhaote"] == "乌兰浩特市财政局"
    assert names["coordination_member_disabled_federation_wulanhaote"] == "乌兰浩特市残联"
    chair = session.scalar(select(User).where(User.username == "coordination_chair_keyouqianqi"))
    assert chair.role == "coordination_chair" and chair.department is None


def test_a_shared_password_is_applied_to_new_and_existing_accounts(session, clock):
    demo.seed_demo(session)
    accounts = demo.seed_demo(session, password="doudi-demo")
    assert {a.password for a in accounts} == {"doudi-demo"}
    user = session.scalar(select(User).where(User.username == "county_approver_wulanhaote"))
    assert check_password_hash(user.password_hash, "doudi-demo") and user.is_enabled


def test_households_have_valid_ids_and_unusual_names(session, clock):
    demo.seed_demo(session)
    members = session.scalars(select(Member)).all()
    assert all(is_valid_id_number(m.id_number) for m in members)
    assert {"王堃", "李赟", "张喆", "包·巴特尔", "刘䶮"} <= {m.name for m in members}
    for household in session.scalars(select(Household)):
        assert household.region.level == RegionLevel.VILLAGE
        assert household.applicant.relation == "本人"


def test_local_standards_are_dated_with_a_raise_in_2025(session, clock):
    demo.seed_demo(session)
    village = session.scalar(select(Region).where(Region.name == "平安村"))
    assert get_param(session, "dibao_standard_rural", village.id, on=date(2022, 1, 1)) == Decimal("490.00")
    assert get_param(session, "dibao_standard_rural", village.id) == Decimal("580.00")
    assert get_param(session, "dibao_standard_urban", village.id, on=date(2024, 12, 31)) == Decimal("745.00")
    assert get_param(session, "dibao_standard_urban", village.id) == Decimal("830.00")
