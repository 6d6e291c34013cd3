"""Helpers of the 临时救助 web tests: the intake form's fields, and cases built straight in the database (with a
pay-first draw from the township reserve fund) so the section tests do not depend on the BPMN."""
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

from assistance.core import china_time
from assistance.core.households import open_case, register_household
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import Region, User
from assistance.programmes.temporary import reserve_fund
from assistance.programmes.temporary.models import PaymentKind, TemporaryCase, TemporaryPayment

HEPING, DULIN, YILELITE = "152201001001", "152201001000", "152201100000"
LIANHE = "152201100202"   # a village of 义勒力特镇, outside 都林街道
FIRE_VICTIM = compose_id_number("152201", date(1979, 8, 3), 211)


def region_id(session_factory, code: str) -> int:
    with session_factory() as s:
        return s.scalar(select(Region.id).where(Region.code == code))


def intake_form(session_factory, members=None, **overrides) -> dict:
    """A night fire in 和平社区, 急难型; members as (name, id_number, relation)."""
    data = {"kind": "emergency", "hardship": "fire", "reason": "夜间住宅失火，家中财物烧毁，无处安身。",
            "incident_dt": "2026-03-01T23:40", "village_id": str(region_id(session_factory, HEPING)),
            "address": "和平社区5号楼2单元", "hukou_place": "乌兰浩特市", "is_urban": "1"}
    for i, (name, id_number, relation) in enumerate(members or [("孙火", FIRE_VICTIM, "本人")]):
        data.update({f"members-{i}-name": name, f"members-{i}-id_number": id_number,
                     f"members-{i}-relation": relation})
    return {**data, **overrides}


def top_up(session_factory, code: str, amount: str) -> None:
    with session_factory() as s:
        reserve_fund.top_up(s, region_id(session_factory, code), Decimal(amount), None, "县民政局拨款")
        s.commit()


def temporary_case(session_factory, *, pay_first: str | None = None, approved: str | None = None,
                   due_in_days: int | None = 7, done: bool = False) -> int:
    """A 急难型 fire case in 和平社区; pay_first draws that amount from 都林街道's fund and records the payment."""
    with session_factory() as s:
        village = s.scalar(select(Region).where(Region.code == HEPING))
        actor = s.scalar(select(User.id).where(User.username == "township_caseworker_dulin"))
        household = register_household(s, region_id=village.id, address="和平社区5号楼2单元", is_urban=True,
                                       members=[{"name": "孙火", "id_number": FIRE_VICTIM, "relation": "本人",
                                                 "is_applicant": True}], actor_id=actor)
        case = open_case(s, household=household, programme="temporary_assistance", actor_id=actor)
        now = china_time.now()
        s.add(TemporaryCase(
            case_id=case.id, kind="emergency", hardship="fire", reason="夜间住宅失火", person_id_number=FIRE_VICTIM,
            incident_region_id=village.id, incident_dt=now - timedelta(hours=10), incident_address="5号楼",
            hukou_place="吉林省白城市", is_non_resident=True, reference_amount=Decimal("2490.00"),
            approved_amount=Decimal(approved) if approved else None, approval_tier="township" if approved else None,
            paperwork_due_dt=now + timedelta(days=due_in_days) if due_in_days is not None else None,
            paperwork_done_dt=now if done else None, created_dt=now))
        if pay_first:
            township = village.parent_id
            entry = reserve_fund.draw(s, township, Decimal(pay_first), case.id, actor, "先行救助")
            s.add(TemporaryPayment(case_id=case.id, kind=PaymentKind.PAY_FIRST, amount=Decimal(pay_first),
                                   method="cash", source="reserve_fund", recipient="孙火", fund_entry_id=entry.id,
                                   paid_by=actor, paid_dt=now))
        s.commit()
        return case.id
