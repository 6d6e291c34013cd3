"""Facts of the 低保 documents (审核确认决定书, 不予确认告知书, 公示), from the Decision row (the contract with the
process that decides)."""
from datetime import timedelta
from decimal import Decimal

from assistance.core.china_time import CHINA
from assistance.core.models import Decision
from assistance.programmes.decision_facts import applicant_of, reason_lines

NOTICE_DAYS = 7   # 公示 runs 7 calendar days (S2 art. 19)
BASIS_LABELS = {   # the facts a household needs to check its amount; the full computation stays in the case file
    "standard": "当地最低生活保障标准（元/人·月）", "dibao_standard": "当地最低生活保障标准（元/人·月）",
    "household_size": "家庭人口（人）", "covered_members": "保障人口（人）", "monthly_income": "家庭月收入（元）",
    "per_capita_income": "家庭月人均收入（元）", "gap": "月人均差额（元）", "top_up": "补差金额（元/月）",
    "extras_total": "分类施保金额（元/月）",
}


def decision_context(session, request) -> dict:
    decision = session.get(Decision, request.decision_id)
    members = [dict(m) for m in decision.members or []]
    return {
        "case_number": decision.case.number, "members": members, "applicant": applicant_of(members),
        "amount": decision.monthly_amount or Decimal("0"), "effective_month": decision.effective_month,
        "basis": basis_lines(decision.basis), "reasons": reason_lines(decision.reasons),
        "issued_date": decision.decided_dt, "village": decision.case.region.name,
    }


def notice_context(session, request) -> dict:
    start = request.requested_dt.astimezone(CHINA).date()
    return {**decision_context(session, request), "issued_date": start,
            "notice_from": start, "notice_to": start + timedelta(days=NOTICE_DAYS - 1)}


def basis_lines(basis: dict | None) -> list[tuple[str, str]]:
    """The top-level facts of how the amount was computed, with Chinese labels; nested detail stays in the file."""
    lines = []
    for key, label in BASIS_LABELS.items():
        value = (basis or {}).get(key)
        if value not in (None, "") and not isinstance(value, (dict, list, bool)):
            lines.append((label, _number(value)))
    return lines


def _number(value) -> str:
    """Money-like values (with a decimal point) to 2 places, counts as they are, text unchanged."""
    if isinstance(value, bool) or isinstance(value, int):
        return str(value)
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    return f"{number:,.2f}" if number != number.to_integral_value() or "." in str(value) else str(value)
