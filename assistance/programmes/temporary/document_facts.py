"""Facts of the 临时救助 documents (审批决定书 / 不予救助告知书), from the Decision row (kind temporary_assistance:
monthly_amount holds the total approved, basis the tier, stages and reference amount) and, when the case has one,
its TemporaryCase (the reason, the emergency) and recorded measures. A case without a TemporaryCase — e.g. a
一事一议 run on another programme's case — still gets its document from the Decision alone."""
from decimal import Decimal

from sqlalchemy import select

from assistance.core.models import Decision
from assistance.programmes.decision_facts import applicant_of, reason_lines
from assistance.programmes.temporary.models import HARDSHIP_LABELS, MEASURE_LABELS, TemporaryCase, TemporaryMeasure

TIER_LABELS = {"township": "乡镇（街道）审批", "county": "县级民政部门审批",
               "one_case_one_discussion": "县级困难群众基本生活保障工作协调机制一事一议"}


def temporary_context(session, request) -> dict:
    decision = session.get(Decision, request.decision_id)
    basis = dict(decision.basis or {})
    temporary = session.get(TemporaryCase, decision.case_id)
    members = [dict(m) for m in decision.members or []]
    measures = session.scalars(select(TemporaryMeasure).where(TemporaryMeasure.case_id == decision.case_id)
                               .order_by(TemporaryMeasure.id)).all()
    return {
        "case_number": decision.case.number, "members": members, "applicant": applicant_of(members),
        "amount": decision.monthly_amount or Decimal("0"), "stages": stage_lines(basis.get("stages")),
        "reason": temporary.reason if temporary else basis.get("reason", ""),   # a case of another programme
        "hardship": HARDSHIP_LABELS.get(temporary.hardship, "") if temporary else "",
        "tier": TIER_LABELS.get(str(basis.get("tier") or (temporary.approval_tier if temporary else "") or ""), ""),
        "measures": [f"{MEASURE_LABELS.get(m.kind, m.kind)}：{m.detail}" + (f"（{m.target}）" if m.target else "")
                     for m in measures],
        "reasons": reason_lines(decision.reasons), "issued_date": decision.decided_dt,
        "village": decision.case.region.name,
    }


def stage_lines(stages) -> list[dict]:
    """[{no, amount, when}] from basis['stages'] ([{amount, due_date}]); one payment is not "in stages"."""
    lines = [{"no": i, "amount": Decimal(stage["amount"]), "when": stage["due_date"]}
             for i, stage in enumerate(stages or [], start=1)]
    return lines if len(lines) > 1 else []
