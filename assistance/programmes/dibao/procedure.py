"""The 低保 procedure's domain steps, called from dibao_application.bpmn script tasks and from the case page:
acceptance and the overall time limit, extension, the decision; and its reaction to a public notice's objection."""
from decimal import Decimal

from sqlalchemy import select

from assistance.core import china_time
from assistance.core.case_clock import CaseProgress
from assistance.core.models import Case, Decision, DecisionOutcome, RegionLevel
from assistance.core.params import get_param
from assistance.core.regions import lift_to_level
from assistance.programmes.dibao.rules.benefits import effective_month
from engine import EngineError, HumanTask, TaskState, audit, events, workdays

CONFIRM_STEPS = ("Task_county_confirm", "Task_township_confirm")
REQUIRED_STEPS = ("Task_accept", "Task_survey")   # S2 art. 28: no 低保 without acceptance, investigation, confirmation


def accept_application(session, case: Case, is_staff_relative: bool, note: str | None = None) -> CaseProgress:
    """受理: starts the overall clock — 30 working days, or 20 where the county delegated confirmation."""
    now = china_time.now()
    delegated = bool(get_param(session, "county_delegates_confirmation", case.region_id))
    limit = get_param(session, "overall_limit_delegated_working_days" if delegated else "overall_limit_working_days",
                      case.region_id)
    progress = session.get(CaseProgress, case.id) or CaseProgress(case_id=case.id)
    progress.accepted_dt, progress.limit_working_days, progress.is_delegated = now, limit, delegated
    progress.deadline_dt = workdays.deadline(session, now, limit)
    progress.is_staff_relative, progress.staff_relative_note = bool(is_staff_relative), note
    session.add(progress)
    session.flush()
    audit.record(session, "case.accept", subject=f"case:{case.id}",
                 after={"deadline": progress.deadline_dt, "limit": limit, "delegated": delegated,
                        "staff_relative": progress.is_staff_relative})
    return progress


def extend_deadline(session, case: Case, reason: str, actor_id: int) -> CaseProgress:
    """特殊情况 (objection, 人户分离, 异地申办, hard investigation): once, to 45 working days, with a recorded reason."""
    progress = session.get(CaseProgress, case.id)
    if progress is None:
        raise EngineError("案件尚未受理，不能延期。")
    if progress.extended_dt is not None:
        raise EngineError("该案件已延期一次，不能再次延期。")
    if not reason or len(reason.strip()) < 4:
        raise EngineError("请填写延期理由（至少 4 个字）。")
    before = progress.deadline_dt
    progress.limit_working_days = get_param(session, "overall_limit_extended_working_days", case.region_id)
    progress.deadline_dt = workdays.deadline(session, progress.accepted_dt, progress.limit_working_days)
    progress.extended_reason, progress.extended_by, progress.extended_dt = reason.strip(), actor_id, china_time.now()
    audit.record(session, "case.extend", actor_id=actor_id, subject=f"case:{case.id}", reason=progress.extended_reason,
                 before={"deadline": before}, after={"deadline": progress.deadline_dt})
    return progress


def working_days_left(session, case: Case) -> int | None:
    progress = session.get(CaseProgress, case.id)
    return None if progress is None else workdays.working_days_between(session, china_time.now(),
                                                                       progress.deadline_dt)


def mark_complaint_received(session, case: Case, outcome: str, **_payload) -> None:
    """On `notice.closed`: an objection to the notice is a complaint during review, which forces the county visit
    (S2 art. 20). Notices serve other programmes too (临时救助 支出型), whose cases keep no 低保 clock."""
    if outcome != "objection":
        return
    progress = session.get(CaseProgress, case.id)
    if progress is not None:
        progress.complaint_received = True


def install() -> None:
    """Subscribes the 低保 procedure to the events it reacts to; subscribing twice is a no-op."""
    events.subscribe("notice.closed", mark_complaint_received)


def record_decision(session, instance, case: Case, outcome: str, assessment: dict, reasons: str | None) -> Decision:
    """The decision row (immutable); refused without the steps art. 28 requires, or approving an ineligible case."""
    done = _completed_steps(session, instance.id)
    missing = [s for s in REQUIRED_STEPS if s not in done]
    confirmer = next((done[s] for s in CONFIRM_STEPS if s in done), None)
    if missing or confirmer is None:
        raise EngineError("未经受理、家庭经济状况调查和审核确认，不得纳入低保（第二十八条）。")
    outcome = DecisionOutcome(outcome)
    if outcome == DecisionOutcome.APPROVED and not assessment.get("is_eligible"):
        raise EngineError("核算结果不符合低保条件，不能确认同意；请选择不予确认并说明理由。")
    progress = session.get(CaseProgress, case.id)
    delegated = bool(progress and progress.is_delegated)   # the township decides where the county delegated
    office = lift_to_level(session, case.region_id, RegionLevel.TOWNSHIP if delegated else RegionLevel.COUNTY)
    now = china_time.now()
    approved = outcome == DecisionOutcome.APPROVED
    decision = Decision(
        case_id=case.id, instance_id=instance.id, kind="dibao_confirmation", outcome=outcome,
        monthly_amount=_money(assessment.get("monthly_amount")) if approved else None,
        effective_month=effective_month(now.date()) if approved else None,
        members=case.household.snapshot(),
        basis=assessment, reasons=reasons, office_region_id=office, decided_by=confirmer, decided_dt=now,
        notice_due_dt=None if approved else workdays.deadline(
            session, now, get_param(session, "refusal_notice_working_days", case.region_id)))
    session.add(decision)
    session.flush()
    audit.record(session, "decision.record", actor_id=confirmer, instance_id=instance.id, subject=f"case:{case.id}",
                 after={"outcome": outcome, "amount": decision.monthly_amount, "effective": decision.effective_month},
                 reason=reasons)
    events.emit("decision.recorded", session, decision=decision)
    return decision


def _completed_steps(session, instance_id: int) -> dict[str, int]:
    rows = session.execute(select(HumanTask.element_id, HumanTask.completed_by).where(
        HumanTask.instance_id == instance_id, HumanTask.state == TaskState.COMPLETED))
    return {element: user for element, user in rows}


def _money(value):
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))
