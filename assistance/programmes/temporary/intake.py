"""临时救助 intake at the place of the emergency (急难发生地), the once-a-year rules, and the amount standards.

Anyone on duty registers the case where it happened, whatever the person's 户籍 (S4 item 14; S6 §4(3); S7 §4(3)).
A repeat for the same reason in the same year is refused (S10; kashi), and a non-resident is helped once a year up to
3 × the local 低保 standard in all (乌海 2021-17 §二) — both parameters, and the refusal links the earlier case. What
counts is what was paid or approved: a refused follow-up does not erase the pay-first before it.
"""
from datetime import date, datetime
from decimal import ROUND_CEILING, Decimal

from sqlalchemy import select

import engine
from assistance.core import china_time
from assistance.core.households import HouseholdInvalid, check_members, open_case, register_household
from assistance.core.idnumbers import parse_id_number
from assistance.core.models import Case, Decision, DecisionOutcome, Region, RegionLevel
from assistance.core.params import get_param
from assistance.programmes.temporary.models import (
    HARDSHIP_LABELS,
    KIND_LABELS,
    Hardship,
    PaymentKind,
    TemporaryCase,
    TemporaryKind,
    TemporaryPayment,
)
from engine import EngineError

PROGRAMME = "temporary_assistance"
YUAN = Decimal("1")


class TemporaryRefused(EngineError):
    """The application is refused before anything is written; earlier_case is the aid already given."""

    def __init__(self, message: str, earlier_case: Case | None = None):
        super().__init__(message)
        self.earlier_case = earlier_case


def local_standard(session, region_id: int, is_urban: bool, on: date | None = None) -> Decimal:
    """The local monthly 低保 standard per person (元), the unit every temporary-assistance amount is tied to."""
    return get_param(session, "dibao_standard_urban" if is_urban else "dibao_standard_rural", region_id, on)


def reference_amount(session, region_id: int, hardship, household_size: int, is_urban: bool,
                     on: date | None = None) -> Decimal:
    """参考救助金额: standard × the hardship's multiple, growing with the household (S5 §2(3)); whole 元, rounded up."""
    hardship = Hardship(hardship)
    multiple = get_param(session, f"temporary_multiple_{hardship}", region_id, on)
    counted = max(1, min(int(household_size), get_param(session, "temporary_household_size_cap", region_id, on)))
    growth = 1 + get_param(session, "temporary_extra_member_ratio", region_id, on) * (counted - 1)
    amount = local_standard(session, region_id, is_urban, on) * multiple * growth
    return amount.quantize(YUAN, rounding=ROUND_CEILING).quantize(Decimal("0.01"))


def nonresident_cap(session, region_id: int, is_urban: bool, on: date | None = None) -> Decimal:
    """The most a non-resident may be given in a year: N × the local monthly standard (乌海: 3 ×)."""
    multiple = get_param(session, "temporary_nonresident_cap_multiple", region_id, on)
    return (local_standard(session, region_id, is_urban, on) * multiple).quantize(Decimal("0.01"))


def _year(year: int) -> tuple[datetime, datetime]:
    start = datetime(year, 1, 1, tzinfo=china_time.CHINA)
    return start, start.replace(year=year + 1)


def aid_this_year(session, id_number: str, year: int) -> list[tuple[Case, TemporaryCase]]:
    """This calendar year's (Beijing time) temporary-assistance cases of the person, oldest first. A case refused
    before anything was paid gave no aid and does not count; one that paid anything counts, whatever a later
    decision refused (a refused follow-up leaves the pay-first given)."""
    start, end = _year(year)
    paid = select(TemporaryPayment.case_id)
    refused_unpaid = select(Decision.case_id).where(Decision.outcome == DecisionOutcome.REFUSED,
                                                    Decision.case_id.not_in(paid))
    return list(session.execute(
        select(Case, TemporaryCase).join(TemporaryCase, TemporaryCase.case_id == Case.id)
        .where(TemporaryCase.person_id_number == id_number, TemporaryCase.created_dt >= start,
               TemporaryCase.created_dt < end, Case.id.not_in(refused_unpaid))
        .order_by(Case.id)).tuples())


def nonresident_aid(session, id_number: str, year: int, except_plan_of: int | None = None) -> tuple[Decimal, Decimal]:
    """(paid, approved and not yet paid) to the person in the year over all of their non-resident cases: every
    先行救助, one-off and stage payment, and the unpaid rest of each case's latest approval. except_plan_of leaves
    out that case's unpaid rest (the caller is replacing it with a new decision, or paying a stage of it)."""
    start, end = _year(year)
    case_ids = list(session.scalars(select(TemporaryCase.case_id).where(
        TemporaryCase.person_id_number == id_number, TemporaryCase.is_non_resident.is_(True),
        TemporaryCase.created_dt >= start, TemporaryCase.created_dt < end)))
    payments = list(session.scalars(select(TemporaryPayment).where(TemporaryPayment.case_id.in_(case_ids))))
    owed = Decimal("0.00")
    for case_id in case_ids:
        approval = None if case_id == except_plan_of else session.scalar(
            select(Decision).where(Decision.case_id == case_id, Decision.kind == PROGRAMME,
                                   Decision.outcome == DecisionOutcome.APPROVED).order_by(Decision.id.desc()).limit(1))
        if approval is not None and approval.monthly_amount is not None:
            under_it = sum((p.amount for p in payments if p.case_id == case_id and p.kind != PaymentKind.PAY_FIRST
                            and p.paid_dt >= approval.decided_dt), Decimal("0.00"))
            owed += max(Decimal("0.00"), approval.monthly_amount - under_it)
    return sum((p.amount for p in payments), Decimal("0.00")), owed


def check_nonresident_cap(session, case_id: int, amount: Decimal, doing: str, *, replaces_plan: bool = False) -> None:
    """乌海 §二: everything a non-resident receives in the calendar year of the case (paid, or approved to be paid)
    stays within nonresident_cap. Called wherever an amount is paid or fixed; refuses with the cap, what the person
    already had and what is left. replaces_plan: the amount stands in for this case's unpaid approval."""
    temp, case = session.get(TemporaryCase, int(case_id)), session.get(Case, int(case_id))
    if temp is None or not temp.is_non_resident:
        return
    cap = nonresident_cap(session, case.region_id, case.household.is_urban)
    paid, owed = nonresident_aid(session, temp.person_id_number, temp.created_dt.astimezone(china_time.CHINA).year,
                                 except_plan_of=case.id if replaces_plan else None)
    left = max(Decimal("0.00"), cap - paid - owed)
    if amount > left:
        multiple = get_param(session, "temporary_nonresident_cap_multiple", case.region_id)
        pending = f"，另有已批准待发放 {owed:,.2f} 元" if owed else ""
        raise EngineError(f"非本地户籍人员急难救助一年内累计不超过当地低保标准的 {multiple.normalize():f} 倍，"
                          f"即 {cap:,.2f} 元；该人员本年度已领取 {paid:,.2f} 元{pending}，尚可救助 {left:,.2f} 元。"
                          f"本次{doing} {amount:,.2f} 元超过上限，未予办理。")


def check_repeat(session, region_id: int, id_number: str, hardship, is_non_resident: bool) -> list[Case]:
    """Refuse a repeat within the calendar year, naming the earlier case (nothing is written); else the person's
    earlier cases this year (help for another reason), for the new case to link."""
    aid = aid_this_year(session, id_number, china_time.today().year)
    if is_non_resident:
        allowed = get_param(session, "temporary_nonresident_times_per_year", region_id)
        earlier = [case for case, temporary in aid if temporary.is_non_resident]
        if len(earlier) >= allowed:
            raise TemporaryRefused(f"该人员为非本地户籍，本年度已在案件 {earlier[0].number} 获得急难救助"
                                   f"（每年不超过 {allowed} 次），不再重复救助。", earlier[0])
    if get_param(session, "temporary_same_reason_once_per_year", region_id):
        same = [case for case, temporary in aid if temporary.hardship == Hardship(hardship)]
        if same:
            raise TemporaryRefused(f"该申请人本年度已因同一事由（{HARDSHIP_LABELS[Hardship(hardship)]}）"
                                   f"在案件 {same[0].number} 获得临时救助，同一事由一年内不重复救助。", same[0])
    return [case for case, _temporary in aid]


def start_temporary(session, *, actor_id: int | None, incident_village_id: int, kind, hardship, reason: str,
                    incident_dt: datetime, incident_address: str = "", hukou_place: str = "",
                    is_non_resident: bool = False, is_major: bool = False, is_urban: bool = False,
                    members: list[dict]) -> Case:
    """Register the person (and household) where the emergency happened, open the case and start the process.

    Raises HouseholdInvalid with every problem at once (fields and members), or TemporaryRefused; nothing is written."""
    errors: dict[str, str] = {}
    kind = _choice(TemporaryKind, kind, "kind", "请选择救助类型（急难型或支出型）", errors)
    hardship = _choice(Hardship, hardship, "hardship", "请选择困难类型", errors)
    if not (reason or "").strip():
        errors["reason"] = "请填写困难情形（发生了什么）"
    if incident_dt is None or incident_dt.tzinfo is None:
        errors["incident_dt"] = "请填写急难发生的时间"
    elif incident_dt > china_time.now():
        errors["incident_dt"] = "急难发生时间不能晚于现在"
    village = session.get(Region, incident_village_id) if incident_village_id else None
    if village is None or village.level != RegionLevel.VILLAGE:
        errors["region_id"] = "请选择急难发生地所在的村（嘎查、社区）"
    members = list(members or [])
    check_members(members, errors)
    if errors:
        raise HouseholdInvalid(errors)
    applicant = next((m for m in members if m.get("is_applicant")), members[0])
    person_id = parse_id_number(applicant.get("id_number")).number
    helped_before = check_repeat(session, village.id, person_id, hardship, is_non_resident)
    household = register_household(session, region_id=village.id, address=incident_address or hukou_place or
                                   village.name, is_urban=is_urban, members=members, actor_id=actor_id)
    case = open_case(session, household=household, programme=PROGRAMME, actor_id=actor_id)
    size = len(household.members)
    reference = reference_amount(session, village.id, hardship, size, is_urban)
    person = household.applicant
    temporary = TemporaryCase(case_id=case.id, kind=kind, hardship=hardship, reason=reason.strip(),
                              person_id_number=person.id_number, incident_region_id=village.id,
                              incident_dt=incident_dt, incident_address=(incident_address or "").strip(),
                              hukou_place=(hukou_place or "").strip(), is_non_resident=bool(is_non_resident),
                              household_size=size, is_major=bool(is_major), reference_amount=reference,
                              earlier_case_id=helped_before[-1].id if helped_before else None,
                              created_dt=china_time.now())
    session.add(temporary)
    session.flush()
    engine.audit.record(session, "temporary.register", actor_id=actor_id, subject=f"case:{case.id}", after={
        "kind": kind, "hardship": hardship, "incident_region_id": village.id, "non_resident": temporary.is_non_resident,
        "major": temporary.is_major, "reference_amount": reference})
    title = f"{person.name}{KIND_LABELS[kind]}临时救助（{HARDSHIP_LABELS[hardship]}）"
    engine.start(session, PROGRAMME, region_id=village.id, business_key=str(case.id), actor_id=actor_id, data={
        "region_id": village.id, "case_id": case.id, "case_number": case.number, "applicant_name": person.name,
        "household_size": size, "is_urban": bool(is_urban), "temporary_kind": str(kind), "hardship": str(hardship),
        "is_non_resident": temporary.is_non_resident, "is_major": temporary.is_major,
        "reference_amount": str(reference),
        "member_options": [{"const": str(m.id), "title": f"{m.name}（{m.relation}）"} for m in household.members]},
        summary={"title": title, "applicant": person.name, "case_number": case.number})
    return case


def _choice(enum_cls, value, field, message, errors):
    try:
        return enum_cls(value)
    except ValueError:
        errors[field] = message
        return None
