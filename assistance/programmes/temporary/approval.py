"""The tiered approval (分级审批) of temporary_assistance.bpmn and what follows it: the amount as a multiple of the
local 低保 standard (the DMN table temporary_approval_tier decides the tier from it), the decision row and its
measures (实物救助, 转介), and the payments of one approval in one or several stages (一次审批、分阶段救助)."""
from datetime import timedelta
from decimal import ROUND_CEILING, ROUND_DOWN, Decimal

from sqlalchemy import func, select

from assistance.core import china_time
from assistance.core.models import Case, Decision, DecisionOutcome, RegionLevel
from assistance.core.money import CENT, positive
from assistance.core.params import get_param
from assistance.core.regions import lift_to_level
from assistance.programmes.temporary.intake import check_nonresident_cap, local_standard
from assistance.programmes.temporary.models import MeasureKind, PaymentKind, TemporaryMeasure, TemporaryPayment
from assistance.programmes.temporary.steps import METHODS, temporary_case
from engine import EngineError, audit, events, workdays

KIND = "temporary_assistance"
TIERS = {"township": "乡镇审批", "county": "县级审批", "one_case_one_discussion": "一事一议"}
MAX_STAGES = 12


def tier_inputs(session, case_id: int, amount) -> dict:
    """amount_multiple = amount ÷ the local monthly standard, rounded up at 4 places so that 'above 4×' stays above."""
    temp, case = temporary_case(session, case_id), session.get(Case, int(case_id))
    amount = positive(amount, "拟救助金额")
    standard = local_standard(session, case.region_id, case.household.is_urban)
    multiple = (amount / standard).quantize(Decimal("0.0001"), rounding=ROUND_CEILING)
    reason = ("重大、复杂困难，提请一事一议" if temp.is_major else
              f"拟救助金额 {amount:,.2f} 元，为当地低保标准 {standard:,.2f} 元的 {multiple.normalize():f} 倍")
    return {"amount_multiple": multiple, "standard": str(standard), "amount": str(amount), "discussion_reason": reason}


def record_decision(session, instance, case_id: int, outcome: str, *, amount=None, stages=1, reasons=None,
                    tier=None, proposed_amount=None, amount_multiple=None, in_kind=None, referral_target=None,
                    referral_detail=None, decided_by=None) -> Decision:
    """The decision (immutable) with the approved total; the township/county decides within the authority of the
    amount the tier was computed for, the 一事一议 without a ceiling. Emits decision.recorded for the document."""
    temp, case = temporary_case(session, case_id), session.get(Case, int(case_id))
    approved = outcome in ("approve", "approved")
    if not approved and not (reasons or "").strip():
        raise EngineError("不予救助须书面说明理由，请填写理由。")
    if tier is not None and tier not in TIERS:
        raise EngineError(f"未知的审批层级「{tier}」。")
    total, stages = (positive(amount, "核定救助金额"), _stages(stages)) if approved else (None, 1)
    if approved and tier in ("township", "county") and proposed_amount is not None \
            and total > positive(proposed_amount, "拟救助金额"):
        raise EngineError(f"核定金额 {total:,.2f} 元超过报批金额 {positive(proposed_amount):,.2f} 元，超出本级审批权限；"
                          f"请按报批金额以内核定，或退回重新报批。")
    if approved:
        check_nonresident_cap(session, case.id, total, "核定救助金额", replaces_plan=True)
    office_level = RegionLevel.TOWNSHIP if tier in (None, "township") else RegionLevel.COUNTY
    now = china_time.now()
    decision = Decision(
        case_id=case.id, instance_id=instance.id, kind=KIND,
        outcome=DecisionOutcome.APPROVED if approved else DecisionOutcome.REFUSED, monthly_amount=total,
        effective_month=None, members=case.household.snapshot(),
        basis={"tier": tier, "tier_label": TIERS.get(tier), "stage_count": stages,
               "stages": _stage_plan(session, case.region_id, total, stages, now) if approved else [],
               "reference_amount":
               str(temp.reference_amount) if temp.reference_amount is not None else None,
               "proposed_amount": None if proposed_amount is None else str(positive(proposed_amount)),
               "amount_multiple": None if amount_multiple is None else str(amount_multiple),
               "kind": str(temp.kind), "hardship": str(temp.hardship)},
        reasons=(reasons or "").strip() or None, office_region_id=lift_to_level(session, case.region_id, office_level),
        decided_by=decided_by, decided_dt=now,
        notice_due_dt=None if approved else workdays.deadline(
            session, now, get_param(session, "refusal_notice_working_days", case.region_id)))
    session.add(decision)
    before = {"approved_amount": temp.approved_amount, "tier": temp.approval_tier}
    if approved:
        temp.approved_amount = total
    temp.approval_tier = tier
    _measures(session, temp.case_id, decided_by, in_kind, referral_target, referral_detail)
    session.flush()
    audit.record(session, "decision.record", actor_id=decided_by, instance_id=instance.id, subject=f"case:{case.id}",
                 before=before, after={"kind": KIND, "outcome": decision.outcome, "amount": total, "tier": tier,
                                       "stages": stages}, reason=decision.reasons)
    events.emit("decision.recorded", session, decision=decision)
    return decision


def split(total: Decimal, stages: int) -> list[Decimal]:
    """Equal parts rounded down to the 分; the last stage takes the remainder, so the parts add up to the total."""
    part = (total / stages).quantize(CENT, rounding=ROUND_DOWN)
    return [part] * (stages - 1) + [total - part * (stages - 1)]


def _stage_plan(session, region_id, total, stages, start) -> list[dict]:
    """[{amount, due_date}] for the document: stage n is planned (n-1) × temporary_stage_interval_days after now."""
    interval = get_param(session, "temporary_stage_interval_days", region_id)
    return [{"amount": str(amount), "due_date": (start + timedelta(days=interval * i)).date().isoformat()}
            for i, amount in enumerate(split(total, stages))]


def _stages(value) -> int:
    try:
        stages = int(value or 1)
    except (TypeError, ValueError):
        raise EngineError("请填写有效的发放期数。") from None
    if not 1 <= stages <= MAX_STAGES:
        raise EngineError(f"发放期数应为 1 到 {MAX_STAGES} 期。")
    return stages


def _measures(session, case_id, actor_id, in_kind, referral_target, referral_detail) -> None:
    """实物救助 and 转介 (S10; S5 §2(4)) are outcomes too, recorded with the decision whatever its result."""
    now = china_time.now()
    if (in_kind or "").strip():
        session.add(TemporaryMeasure(case_id=case_id, kind=MeasureKind.IN_KIND, detail=in_kind.strip(),
                                     recorded_by=actor_id, recorded_dt=now))
    if (referral_target or "").strip():
        session.add(TemporaryMeasure(case_id=case_id, kind=MeasureKind.REFERRAL, target=referral_target.strip(),
                                     detail=(referral_detail or "").strip() or f"转介至{referral_target.strip()}",
                                     recorded_by=actor_id, recorded_dt=now))


def latest_approval(session, case_id: int) -> Decision | None:
    return session.scalar(select(Decision).where(Decision.case_id == int(case_id), Decision.kind == KIND,
                                                 Decision.outcome == DecisionOutcome.APPROVED)
                          .order_by(Decision.id.desc()).limit(1))


def plan(session, case_id: int) -> list[Decimal]:
    """The amount of each stage of the case's latest approval."""
    decision = latest_approval(session, case_id)
    if decision is None:
        raise EngineError("该案件尚无同意救助的决定，不能发放。")
    return split(decision.monthly_amount, int(decision.basis.get("stage_count") or 1))


def record_payment(session, case_id: int, stage_no: int, method: str, recipient: str, note: str,
                   actor_id: int | None) -> TemporaryPayment:
    """发放 one stage (or the one-off payment) from the county fund; each stage is paid once, in order."""
    decision, amounts = latest_approval(session, case_id), plan(session, case_id)
    stage_no = int(stage_no)
    if method not in METHODS:
        raise EngineError("请选择发放方式（现金或银行转账）。")
    if not (recipient or "").strip():
        raise EngineError("请填写领款人。")
    paid = session.scalar(select(func.count()).select_from(TemporaryPayment).where(
        TemporaryPayment.case_id == int(case_id), TemporaryPayment.kind.in_((PaymentKind.STAGE, PaymentKind.ONE_OFF)),
        TemporaryPayment.paid_dt >= decision.decided_dt))
    if not 1 <= stage_no <= len(amounts) or paid != stage_no - 1:
        raise EngineError(f"第 {stage_no} 期不能发放：已发放 {paid} 期，共 {len(amounts)} 期。")
    check_nonresident_cap(session, int(case_id), amounts[stage_no - 1], f"第 {stage_no} 期发放", replaces_plan=True)
    single = len(amounts) == 1
    payment = TemporaryPayment(case_id=int(case_id), kind=PaymentKind.ONE_OFF if single else PaymentKind.STAGE,
                               stage_no=None if single else stage_no, amount=amounts[stage_no - 1], method=method,
                               source="county_fund", recipient=recipient.strip(), note=(note or "").strip(),
                               paid_by=actor_id, paid_dt=china_time.now())
    session.add(payment)
    session.flush()
    audit.record(session, "temporary.payment", actor_id=actor_id, subject=f"case:{case_id}",
                 after={"stage": stage_no, "of": len(amounts), "amount": payment.amount, "method": method,
                        "recipient": payment.recipient})
    return payment
