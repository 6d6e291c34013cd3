"""Registering a household validates every member at once; any error leaves the database untouched."""
from datetime import date

import pytest
from sqlalchemy import func, select

from assistance.core.households import HouseholdInvalid, register_household
from assistance.core.models import Household, Member
from engine.models import AuditEvent


def _member(name, id_number, relation="本人", is_applicant=False):
    return {"name": name, "id_number": id_number, "relation": relation, "is_applicant": is_applicant}


def _counts(session):
    return tuple(session.scalar(select(func.count()).select_from(t)) for t in (Household, Member, AuditEvent))


def test_registration_derives_birth_date_and_sex_and_is_audited(session, clock, tree, id_number):
    household = register_household(session, region_id=tree["heping"].id, address=" 和平社区3号楼 ", is_urban=True,
                                   actor_id=None, members=[
        _member("王堃", id_number(date(1968, 5, 12), 101), is_applicant=True),
        _member("李赟", id_number(date(1970, 11, 3), 102).lower(), relation="配偶"),
        _member("王梓涵", id_number(date(2008, 2, 29), 104), relation="子女")])
    assert household.address == "和平社区3号楼"
    assert [(m.name, m.birth_date, m.sex, m.is_applicant) for m in household.members] == [
        ("王堃", date(1968, 5, 12), "M", True), ("李赟", date(1970, 11, 3), "F", False),
        ("王梓涵", date(2008, 2, 29), "F", False)]
    assert household.applicant.name == "王堃"
    session.commit()   # audit events are chained and written at commit
    event = session.scalars(select(AuditEvent)).one()
    assert (event.action, event.subject) == ("household.register", f"household:{household.id}")
    assert event.after["members"][0]["id_number"] == "1522**********" + household.members[0].id_number[-4:]


def test_every_error_is_reported_by_member_and_nothing_is_written(session, clock, tree, id_number):
    good = id_number(date(1980, 1, 1), 101)
    members = [
        _member("张喆", good, is_applicant=True),
        _member("", good[:-1] + ("0" if good[-1] != "0" else "1"), relation="配偶"),   # no name, bad checksum
        _member("刘䶮", "15220119810230101", relation="子女"),                          # 17 characters
        _member("张喆", good, relation="表亲"),                                         # duplicate, unknown relation
    ]
    before = _counts(session)
    with pytest.raises(HouseholdInvalid) as raised:
        register_household(session, region_id=tree["pingan"].id, address="", is_urban=False, members=members,
                           actor_id=None)
    errors = raised.value.errors
    assert errors["address"] == "请填写家庭住址"
    assert errors["members[1].name"].startswith("第2位成员")
    assert "校验位" in errors["members[1].id_number"]
    assert "长度" in errors["members[2].id_number"]
    assert errors["members[3].id_number"] == "第4位成员：身份证号与第1位成员重复"
    assert "members[3].relation" in errors
    assert "members[0].id_number" not in errors
    assert _counts(session) == before


def test_exactly_one_applicant_who_is_本人(session, clock, tree, id_number):
    def register(members):
        register_household(session, region_id=tree["pingan"].id, address="平安村", is_urban=False,
                           members=members, actor_id=None)
    with pytest.raises(HouseholdInvalid) as none:
        register([_member("甲", id_number(serial=101))])
    assert "members.applicant" in none.value.errors
    with pytest.raises(HouseholdInvalid) as two:
        register([_member("甲", id_number(serial=101), is_applicant=True),
                  _member("乙", id_number(serial=102), relation="配偶", is_applicant=True)])
    assert "members.applicant" in two.value.errors
    with pytest.raises(HouseholdInvalid) as spouse:
        register([_member("乙", id_number(serial=102), relation="配偶", is_applicant=True)])
    assert "members[0].relation" in spouse.value.errors
    with pytest.raises(HouseholdInvalid) as empty:
        register([])
    assert empty.value.errors == {"members": "家庭至少要有一名成员"}


def test_the_household_must_be_placed_in_a_village(session, clock, tree, id_number):
    with pytest.raises(HouseholdInvalid) as raised:
        register_household(session, region_id=tree["dulin"].id, address="都林街道", is_urban=True,
                           members=[_member("王堃", id_number(), is_applicant=True)], actor_id=None)
    assert set(raised.value.errors) == {"region_id"}
    assert _counts(session) == (0, 0, 0)
