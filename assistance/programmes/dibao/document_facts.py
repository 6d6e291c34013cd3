"""Facts of the 低保 documents: the 审核确认决定书 and 不予确认告知书 from the Decision row (the contract with the process
that decides); the 公示 sheet from its PublicNotice round (dates) and the first review's assessment (the amount)."""
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select

import engine
from assistance.core.china_time import CHINA
from assistance.core.models import Case, Decision
from assistance.programmes.decision_facts import applicant_of, reason_lines
from assistance.steps.public_notice.models import PublicNotice

BASIS_LABELS = {   # the facts a household needs to check its amount; the full computation stays in the case file
    "standard": "当地最低生活保障标准（元/人·月）", "dibao_standard": "当地最低生活保障标准（元/人·月）",
    "household_size": "家庭人口（人）", "covered_members": "保障人口（人）", "monthly_income": "家庭月收入（元）",
    "per_capita_income": "家庭月人均收入（元）", "gap": "月人均差额（元）", "top_up": "补差金额（元/月）",
    "extras_total": "分类施保金额（元/月）", "household_class": "低保类别",
}
CLASS_KEYS = ("household_class",)   # 'A' prints as 'A类'


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
    """The sheet posted when a round opens (request.subject 'public_notice:<id>'): its real period, opened_dt to
    closes_dt (public_notice_days, S2 art. 19), and the amount the first review proposes — no decision exists yet."""
    notice = session.get(PublicNotice, int(request.subject.split(":", 1)[1]))
    case = session.get(Case, notice.case_id)
    members = case.household.snapshot()
    for member, row in zip(members, case.household.members):
        member["is_applicant"] = row.is_applicant
    return {
        "case_number": case.number, "members": members, "applicant": applicant_of(members),
        "amount": proposed_amount(session, case), "village": case.region.name, "notice_round": notice.round,
        "issued_date": notice.opened_dt, "notice_days": (notice.closes_dt - notice.opened_dt).days,
        "notice_from": _moment(notice.opened_dt), "notice_to": _moment(notice.closes_dt),
    }


def proposed_amount(session, case: Case) -> Decimal | None:
    """The monthly amount of the case's assessment as the first review saw it (task data of its latest instance)."""
    instance = session.scalar(select(engine.ProcessInstance).where(engine.ProcessInstance.business_key == str(case.id))
                              .order_by(engine.ProcessInstance.id.desc()).limit(1))
    assessment = (engine.instance_data(session, instance) if instance else {}).get("assessment") or {}
    amount = assessment.get("monthly_amount") if assessment.get("is_eligible") else None
    return None if amount in (None, "") else Decimal(str(amount))


def _moment(value: datetime) -> str:
    """'2026年3月2日9时' (and 30分 when not on the hour): the notice closes at the hour it opened, 7 days on."""
    at = value.astimezone(CHINA)
    return f"{at.year}年{at.month}月{at.day}日{at.hour}时" + (f"{at.minute}分" if at.minute else "")


def basis_lines(basis: dict | None) -> list[tuple[str, str]]:
    """The top-level facts of how the amount was computed, with Chinese labels; nested detail stays in the file."""
    lines = []
    for key, label in BASIS_LABELS.items():
        value = (basis or {}).get(key)
        if value not in (None, "") and not isinstance(value, (dict, list, bool)):
            lines.append((label, f"{value}类" if key in CLASS_KEYS else _number(value)))
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
