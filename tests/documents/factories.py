"""Decision rows the way issue 3's process will record them, on the 兴安盟 demo jurisdiction, and the signing
set-up tests share (a dev CA generated once per test session in a temporary instance folder)."""
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import select

import documents
from assistance.core.households import open_case, register_household
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import Case, Decision, DecisionOutcome, Region

PUBLIC_URL = "https://doudi.example.test"
CST = timezone(timedelta(hours=8))
# rare characters on purpose: 堃 赟 喆 (common in names, missing from small fonts) and 㐀 (CJK Extension A)
RARE_FAMILY = (("王堃", "本人", date(1968, 5, 12), 101), ("李赟", "配偶", date(1970, 11, 3), 102),
               ("王喆㐀", "子女", date(2008, 2, 28), 104))


def configure_signing(instance_path, **settings) -> documents.Settings:
    documents.configure(documents.Settings(instance_path=instance_path, public_base_url=PUBLIC_URL, **settings))
    return documents.settings()


def region(session, code: str) -> Region:
    return session.scalar(select(Region).where(Region.code == code))


def make_case(session, *, village_code="152201001001", family=RARE_FAMILY, serial_base=0,
              programme="dibao_application") -> Case:
    """A household with its open case (flushed, not committed)."""
    village = region(session, village_code)
    members = [{"name": name, "relation": relation, "is_applicant": relation == "本人",
                "id_number": compose_id_number(village_code[:6], born, serial + serial_base)}
               for name, relation, born, serial in family]
    household = register_household(session, region_id=village.id, address="和平社区3号楼", is_urban=True,
                                   members=members, actor_id=None)
    return open_case(session, household=household, programme=programme, actor_id=None)


def make_decision(session, *, outcome=DecisionOutcome.APPROVED, village_code="152201001001", office_code="152201",
                  family=RARE_FAMILY, amount="1234.50", reasons=None, decided=datetime(2026, 3, 2, 10, tzinfo=CST),
                  serial_base=0) -> Decision:
    """A household with its case and one decision (flushed, not committed)."""
    case = make_case(session, village_code=village_code, family=family, serial_base=serial_base)
    members = case.household.snapshot()
    for member in members:
        member["is_applicant"] = member["relation"] == "本人"
    approved = outcome == DecisionOutcome.APPROVED
    decision = Decision(
        case_id=case.id, kind="dibao_confirmation", outcome=outcome,
        monthly_amount=Decimal(amount) if approved else None,
        effective_month=date(decided.year + decided.month // 12, decided.month % 12 + 1, 1) if approved else None,
        members=[{k: m[k] for k in ("name", "relation", "id_number", "is_applicant")} for m in members],
        basis={"per_capita_income": "420.00", "standard": "830.00", "household_size": len(members)} if approved else {},
        reasons=reasons if not approved else None, office_region_id=region(session, office_code).id,
        decided_dt=decided)
    session.add(decision)
    session.flush()
    return decision
