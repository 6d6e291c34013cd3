"""The periodic public roster of a village (S2 art. 24): applicant, household size, amount — ID numbers masked."""
import calendar
from datetime import date

from sqlalchemy import select

from assistance.core.models import Case, CaseStatus, Decision, DecisionOutcome, Region
from assistance.programmes.decision_facts import applicant_of


def roster_context(session, request) -> dict:
    village = session.get(Region, request.region_id)
    return {"village": village.name, "period": request.period,
            "rows": roster_rows(session, village.id, request.period), "issued_date": request.requested_dt}


def roster_rows(session, village_id: int, period: date) -> list[dict]:
    """Each open case's latest decision, when it is an approval already in effect in the period's month."""
    month_end = period.replace(day=calendar.monthrange(period.year, period.month)[1])
    decisions = session.scalars(
        select(Decision).join(Case, Decision.case_id == Case.id)
        .where(Case.region_id == village_id, Case.status == CaseStatus.OPEN, Decision.decided_dt.is_not(None))
        .order_by(Decision.case_id, Decision.decided_dt.desc(), Decision.id.desc()))
    rows, seen = [], set()
    for decision in decisions:
        if decision.case_id in seen:
            continue
        seen.add(decision.case_id)
        if decision.outcome != DecisionOutcome.APPROVED or not decision.effective_month \
                or decision.effective_month > month_end:
            continue
        applicant = applicant_of(list(decision.members or []))
        rows.append({"name": applicant.get("name", ""), "id_number": applicant.get("id_number", ""),
                     "household_size": len(decision.members or []), "amount": decision.monthly_amount})
    return rows
