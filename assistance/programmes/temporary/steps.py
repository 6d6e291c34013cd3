"""The domain steps of temporary_assistance.bpmn before the approval: 先行救助 from the township reserve fund, 补齐手续
and its deadline, 报县级备案, 跟进救助, and the 支出型 income test. Each refuses with a Chinese EngineError (the task
stays open, nothing written) or changes rows and audits the change. Amounts are Decimal 元; callers pass plain ids."""
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from sqlalchemy import func, select

from assistance.core import china_time
from assistance.core.case_clock import CaseProgress
from assistance.core.models import Case, RegionLevel
from assistance.core.money import CENT, positive
from assistance.core.params import get_param
from assistance.core.regions import lift_to_level
from assistance.programmes.temporary import reserve_fund
from assistance.programmes.temporary.intake import check_nonresident_cap, local_standard
from assistance.programmes.temporary.models import (
    MeasureKind,
    PaymentKind,
    TemporaryCase,
    TemporaryMeasure,
    TemporaryPayment,
)
from engine import EngineError, audit, workdays

METHODS = {"cash": "现金", "bank": "银行转账"}


def temporary_case(session, case_id: int) -> TemporaryCase:
    row = session.get(TemporaryCase, int(case_id))
    if row is None:
        raise EngineError("该案件不是临时救助案件。")
    return row


def pay_first(session, case_id: int, amount, method: str, recipient: str, note: str, actor_id: int | None) -> dict:
    """先行救助 (S5 §2(2); S7 §4(3)): within the township ceiling (and the non-resident yearly cap), drawn from the reserve
    fund; the paperwork is then due within temporary_paperwork_working_days."""
    temp, case = temporary_case(session, case_id), session.get(Case, int(case_id))
    amount = positive(amount, "先行救助金额")
    if method not in METHODS:
        raise EngineError("请选择发放方式（现金或银行转账）。")
    if not (recipient or "").strip():
        raise EngineError("请填写领款人。")
    ceiling = get_param(session, "temporary_pay_first_ceiling", case.region_id)
    if amount > ceiling:
        raise EngineError(f"先行救助金额 {amount:,.2f} 元超过乡镇小金额先行救助上限 {ceiling:,.2f} 元；"
                          f"未发放任何款项。请改按程序审批，或在上限内先行救助。")
    check_nonresident_cap(session, case.id, amount, "先行救助")
    township_id = lift_to_level(session, case.region_id, RegionLevel.TOWNSHIP)
    entry = reserve_fund.draw(session, township_id, amount, case.id, actor_id, f"先行救助 {case.number}")
    now = china_time.now()
    payment = TemporaryPayment(case_id=case.id, kind=PaymentKind.PAY_FIRST, amount=amount, method=method,
                               source="reserve_fund", recipient=recipient.strip(), note=(note or "").strip(),
                               fund_entry_id=entry.id, paid_by=actor_id, paid_dt=now)
    session.add(payment)
    days = get_param(session, "temporary_paperwork_working_days", case.region_id)
    temp.paperwork_due_dt = workdays.deadline(session, now, days)
    session.flush()
    audit.record(session, "temporary.pay_first", actor_id=actor_id, subject=f"case:{case.id}",
                 after={"amount": amount, "method": method, "recipient": payment.recipient, "fund_entry": entry.id,
                        "paperwork_due": temp.paperwork_due_dt})
    return {"payment_id": payment.id, "amount": str(amount), "fund_balance": str(entry.balance_after),
            "paperwork_due": temp.paperwork_due_dt.isoformat(), "paperwork_working_days": days}


def paid_first(session, case_id: int) -> Decimal:
    return session.scalar(select(func.coalesce(func.sum(TemporaryPayment.amount), 0)).where(
        TemporaryPayment.case_id == int(case_id), TemporaryPayment.kind == PaymentKind.PAY_FIRST)) or Decimal("0")


def mark_paperwork_overdue(session, case_id: int) -> dict:
    """The paperwork deadline passed with the task still open: the case is flagged for the supervisors."""
    temp = temporary_case(session, case_id)
    if not temp.is_paperwork_overdue:
        temp.is_paperwork_overdue = True
        audit.record(session, "temporary.paperwork_overdue", subject=f"case:{temp.case_id}",
                     before={"overdue": False}, after={"overdue": True, "due": temp.paperwork_due_dt})
    return {"overdue": True, "due": temp.paperwork_due_dt.isoformat() if temp.paperwork_due_dt else None}


def complete_paperwork(session, case_id: int, recipient_name: str, recipient_id: str, reason: str, amount,
                       recipient_signed: bool, officer_signed: bool, actor_id: int | None, follow_up=None) -> dict:
    """补齐手续: the recipient, reason and amount are recorded and signed; the amount must be what was paid. A
    跟进救助 asked for here is held to the non-resident yearly cap now, while the caseworker can still change it."""
    temp = temporary_case(session, case_id)
    if not (recipient_name or "").strip() or not (recipient_id or "").strip() or not (reason or "").strip():
        raise EngineError("请填写受助人姓名、身份证号和救助事由。")
    confirmed, paid = positive(amount, "确认金额"), paid_first(session, case_id)
    if confirmed != paid:
        raise EngineError(f"确认金额 {confirmed:,.2f} 元与先行救助实际发放的 {paid:,.2f} 元不一致，请核对后重新填写。")
    if not (recipient_signed and officer_signed):
        raise EngineError("补齐手续须由受助人和经办人签字确认。")
    if follow_up is not None:
        check_nonresident_cap(session, temp.case_id, positive(follow_up, "跟进救助金额"), "跟进救助")
    now = china_time.now()
    temp.paperwork_done_dt = now
    on_time = temp.paperwork_due_dt is None or now <= temp.paperwork_due_dt
    audit.record(session, "temporary.paperwork_done", actor_id=actor_id, subject=f"case:{temp.case_id}",
                 after={"recipient": recipient_name.strip(), "amount": confirmed, "on_time": on_time})
    return {"done": now.isoformat(), "on_time": on_time, "amount": str(confirmed)}


def file_with_county(session, case_id: int, note: str, actor_id: int | None) -> dict:
    """报县级备案 (S10): the county records that it has the township's file (pay-first or a township approval)."""
    temp = temporary_case(session, case_id)
    temp.filed_with_county_dt = china_time.now()
    audit.record(session, "temporary.filed_with_county", actor_id=actor_id, subject=f"case:{temp.case_id}",
                 after={"filed": temp.filed_with_county_dt, "note": (note or "").strip()})
    return {"filed": temp.filed_with_county_dt.isoformat()}


def record_follow_up(session, case_id: int, amount, reason: str, actor_id: int | None) -> dict:
    """跟进救助 (S4 item 15): further help after the pay-first, which then goes through the tiered approval."""
    temp = temporary_case(session, case_id)
    amount = positive(amount, "跟进救助金额")
    check_nonresident_cap(session, temp.case_id, amount, "跟进救助")
    measure = TemporaryMeasure(case_id=temp.case_id, kind=MeasureKind.FOLLOW_UP, value=amount,
                               detail=(reason or "").strip() or "先行救助后仍有困难，跟进救助",
                               recorded_by=actor_id, recorded_dt=china_time.now())
    session.add(measure)
    session.flush()
    audit.record(session, "temporary.follow_up", actor_id=actor_id, subject=f"case:{temp.case_id}",
                 after={"amount": amount, "measure": measure.id})
    return {"measure_id": measure.id, "amount": str(amount)}


def accept(session, case_id: int, actor_id: int | None) -> dict:
    """受理 of a 支出型 case: starts its overall clock (the case_progress row the public notice also records a
    complaint on), temporary_overall_limit_working_days from now."""
    temp, case = temporary_case(session, case_id), session.get(Case, int(case_id))
    now, limit = china_time.now(), get_param(session, "temporary_overall_limit_working_days", case.region_id)
    progress = session.get(CaseProgress, case.id) or CaseProgress(case_id=case.id)
    progress.accepted_dt, progress.limit_working_days = now, limit
    progress.deadline_dt = workdays.deadline(session, now, limit)
    session.add(progress)
    session.flush()
    audit.record(session, "case.accept", actor_id=actor_id, subject=f"case:{temp.case_id}",
                 after={"deadline": progress.deadline_dt, "limit": limit})
    return {"accepted_on": now.date().isoformat(), "deadline": progress.deadline_dt.isoformat(),
            "limit_working_days": limit}


def income_test(session, case_id: int, annual_income, members, rigid_expenses, actor_id: int | None) -> dict:
    """支出型 (S5 §2(1)): per-capita disposable income must be below last year's local per-capita figure."""
    temp, case = temporary_case(session, case_id), session.get(Case, int(case_id))
    try:
        income = Decimal(str(annual_income)).quantize(CENT)
        expenses = Decimal(str(rigid_expenses or 0)).quantize(CENT)
        size = int(members)
    except (InvalidOperation, TypeError, ValueError):
        raise EngineError("请填写有效的家庭年可支配收入、家庭人口和刚性支出。") from None
    if income < 0 or expenses < 0 or size < 1:
        raise EngineError("家庭收入和刚性支出不能为负数，家庭人口至少 1 人。")
    is_urban = case.household.is_urban
    threshold = get_param(session, "temporary_disposable_income_urban" if is_urban else
                          "temporary_disposable_income_rural", case.region_id)
    passes = income < threshold * size   # totals, not a rounded per-capita figure (39,999.997 is below 40,000)
    per_capita = (income / size).quantize(CENT, rounding=ROUND_DOWN)   # shown; rounded down it agrees with passes
    area = "城镇" if is_urban else "农村牧区"
    reason = "" if passes else (f"家庭人均可支配收入 {per_capita:,.2f} 元/年，不低于上年度当地{area}居民人均可支配收入 "
                                f"{threshold:,.2f} 元，不符合支出型临时救助条件。")
    audit.record(session, "temporary.income_test", actor_id=actor_id, subject=f"case:{temp.case_id}",
                 after={"per_capita": per_capita, "threshold": threshold, "passes": passes, "members": size,
                        "rigid_expenses": expenses})
    return {"passes": passes, "per_capita": str(per_capita), "threshold": str(threshold), "members": size,
            "rigid_expenses": str(expenses), "standard": str(local_standard(session, case.region_id, is_urban)),
            "reason": reason}
