"""The 临时救助 section of the case page: the emergency, money paid so far against the approval and its stages, the
township's reserve fund, the paperwork clock and the measures recorded."""
from decimal import Decimal

from sqlalchemy import select

from assistance.core import china_time
from assistance.core.models import Case, Region, RegionLevel, User
from assistance.core.regions import lift_to_level
from assistance.programmes.temporary import access as temporary_access
from assistance.programmes.temporary import reserve_fund
from assistance.programmes.temporary.approval import TIERS, latest_approval
from assistance.programmes.temporary.models import (
    HARDSHIP_LABELS,
    KIND_LABELS,
    MEASURE_LABELS,
    PaymentKind,
    ReserveFundEntry,
    TemporaryCase,
    TemporaryMeasure,
    TemporaryPayment,
)
from assistance.programmes.temporary.steps import METHODS
from engine import NotFound

SOURCE_LABELS = {"reserve_fund": "乡镇备用金", "county_fund": "县级资金"}


def section_context(session, case: Case, user) -> dict:
    temporary = session.get(TemporaryCase, case.id)
    if temporary is None:
        raise NotFound("此案件没有临时救助登记。")
    payments = list(session.scalars(select(TemporaryPayment).where(TemporaryPayment.case_id == case.id)
                                    .order_by(TemporaryPayment.paid_dt, TemporaryPayment.id)))
    entries = {e.id: e for e in session.scalars(select(ReserveFundEntry).where(
        ReserveFundEntry.id.in_([p.fund_entry_id for p in payments if p.fund_entry_id])))}
    measures = list(session.scalars(select(TemporaryMeasure).where(TemporaryMeasure.case_id == case.id)
                                    .order_by(TemporaryMeasure.recorded_dt, TemporaryMeasure.id)))
    names = {u.id: u.display_name for u in session.scalars(select(User).where(
        User.id.in_({p.paid_by for p in payments} | {m.recorded_by for m in measures})))}
    paid = sum((p.amount for p in payments), start=Decimal("0.00"))
    township = session.get(Region, lift_to_level(session, case.region_id, RegionLevel.TOWNSHIP))
    due, done = temporary.paperwork_due_dt, temporary.paperwork_done_dt
    return dict(
        case=case, temporary=temporary, kind_label=KIND_LABELS.get(temporary.kind, temporary.kind),
        hardship_label=HARDSHIP_LABELS.get(temporary.hardship, temporary.hardship),
        incident_region=session.get(Region, temporary.incident_region_id),
        earlier_case=session.get(Case, temporary.earlier_case_id) if temporary.earlier_case_id else None,
        payments=[(p, payment_label(p), entries.get(p.fund_entry_id)) for p in payments], paid=paid,
        remaining=temporary.approved_amount - paid if temporary.approved_amount is not None else None,
        township=township, balance=reserve_fund.balance(session, township.id),
        can_see_fund=temporary_access.can_view_reserve_fund(user, township),
        is_overdue=done is None and (temporary.is_paperwork_overdue or (due is not None and china_time.now() > due)),
        tier_label=TIERS.get(temporary.approval_tier or "", temporary.approval_tier),
        measures=[(m, MEASURE_LABELS.get(m.kind, m.kind)) for m in measures], names=names,
        methods=METHODS, sources=SOURCE_LABELS, stage_plan=_stage_plan(session, case),
        stages_paid=sum(1 for p in payments if p.kind == PaymentKind.STAGE))


def _stage_plan(session, case: Case) -> list[dict]:
    """The stages the approval fixed (一次审批、分阶段救助): [{amount, due_date}], from the decision's basis."""
    decision = latest_approval(session, case.id)
    stages = (decision.basis or {}).get("stages") if decision else None
    return [{"amount": Decimal(s["amount"]), "due_date": s["due_date"]} for s in stages or []]


def payment_label(payment: TemporaryPayment) -> str:
    if payment.kind == PaymentKind.STAGE:
        return f"第 {payment.stage_no or '?'} 期"
    return {PaymentKind.PAY_FIRST: "先行救助", PaymentKind.ONE_OFF: "一次性发放"}.get(payment.kind, payment.kind)
