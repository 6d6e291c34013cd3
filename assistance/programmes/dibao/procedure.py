"""The 低保 procedure's domain steps, called from dibao_application.bpmn script tasks and from the case page:
acceptance and the clocks (the overall limit and its alarm, the county's 10 days, extension), the decision; and its
reactions to a public notice's objection and to new tasks (their due dates capped at the case's limit)."""
from decimal import Decimal

from sqlalchemy import select, update

from assistance.core import china_time
from assistance.core.case_clock import CaseProgress
from assistance.core.directory import supervisors_for
from assistance.core.kinship import StaffRelative
from assistance.core.models import Case, Decision, DecisionOutcome, Member, RegionLevel, User
from assistance.core.params import get_param
from assistance.core.regions import lift_to_level
from assistance.programmes.dibao.rules.benefits import effective_month
from assistance.worklist import notifications
from engine import (
    Conflict,
    EngineError,
    HumanTask,
    InstanceStatus,
    Job,
    JobStatus,
    ProcessInstance,
    TaskState,
    audit,
    clock,
    deadlines,
    events,
    jobs,
    transitions,
    workdays,
)

CONFIRM_STEPS = ("Task_county_confirm", "Task_township_confirm")
REQUIRED_STEPS = ("Task_accept", "Task_survey")   # S2 art. 28: no 低保 without acceptance, investigation, confirmation
PROCESS = "dibao_application"
COUNTY_STEPS = ("Task_county_review", "Task_county_visit", "Task_county_confirm")   # S2 art. 20: one 10-day clock
DEADLINE_JOB = "dibao.case_deadline"
OPEN = (TaskState.READY, TaskState.RESERVED, TaskState.IN_PROGRESS, TaskState.SUSPENDED)
LIMIT_ARTICLE = "《最低生活保障审核确认办法》第二十二条"
OVERDUE_ESCALATION_REASON = f"案件已超过审核确认总时限（{LIMIT_ARTICLE}），自动升级至主管。"
# S6 §4(1): the only grounds on which the overall limit may be extended
EXTENSION_TRIGGERS = {"notice_objection": "公示有异议", "household_separated": "人户分离",
                      "applied_elsewhere": "异地申办", "hard_investigation": "调查核实难度大"}
EXTENSION_SOURCE = "民政部等《关于进一步做好最低生活保障等社会救助兜底保障工作的通知》"
NOTE_MAX = 500


class InvalidExtension(EngineError):
    """An extension asked for on no recognised ground, or with a note too long: the form's fault (422)."""
    http_status = 422


def accept_application(session, case: Case, is_staff_relative: bool, note: str | None = None) -> CaseProgress:
    """受理: starts the overall clock — 30 working days, or 20 where the county delegated confirmation — and records
    the 近亲属 flag (S2 art. 11): ticked on the form, or found in the kinship registry, whichever says so."""
    now = china_time.now()
    declared = _declared_relatives(session, case)
    note = (note or "").strip() or None
    if declared:
        found = "；".join(f"{staff}备案：{member}系其{relation}" for staff, member, relation in declared)
        note = f"{note}；{found}" if note else found
    delegated = bool(get_param(session, "county_delegates_confirmation", case.region_id))
    limit = get_param(session, "overall_limit_delegated_working_days" if delegated else "overall_limit_working_days",
                      case.region_id)
    progress = session.get(CaseProgress, case.id) or CaseProgress(case_id=case.id)
    progress.accepted_dt, progress.limit_working_days, progress.is_delegated = now, limit, delegated
    progress.deadline_dt = workdays.deadline(session, now, limit)
    _restart_clock(progress)
    progress.is_staff_relative, progress.staff_relative_note = bool(is_staff_relative) or bool(declared), note
    session.add(progress)
    session.flush()
    if declared and not is_staff_relative:
        audit.record(session, "case.staff_relative", subject=f"case:{case.id}", reason="近亲属备案登记比对",
                     before={"staff_relative": False}, after={"staff_relative": True, "note": note})
    audit.record(session, "case.accept", subject=f"case:{case.id}",
                 after={"deadline": progress.deadline_dt, "limit": limit, "delegated": delegated,
                        "staff_relative": progress.is_staff_relative})
    _schedule_deadline_job(session, progress)
    return progress


def extend_deadline(session, case: Case, trigger: str, actor_id: int, note: str | None = None) -> CaseProgress:
    """特殊情况 (S6 §4(1): 公示有异议, 人户分离, 异地申办, 调查核实难度大 — one of these, a note beside it): once, before the
    decision, to 45 working days — or, where the township confirms, to its own extended limit (default 30)."""
    progress = session.get(CaseProgress, case.id)
    if progress is None:
        raise Conflict("案件尚未受理，不能延期。")
    if is_decided(session, progress):
        raise Conflict("该案件已作出审核确认决定，不能再延长办理时限。")
    if progress.extended_dt is not None:
        raise Conflict(f"该案件已延期一次（{progress.extended_dt.astimezone(china_time.CHINA):%Y-%m-%d}），不能再次延期"
                       f"（{LIMIT_ARTICLE}）。")
    if trigger not in EXTENSION_TRIGGERS:
        raise InvalidExtension(f"请选择延期情形：{'、'.join(EXTENSION_TRIGGERS.values())}（{EXTENSION_SOURCE}），"
                               "其他情况不能延期。")
    note = (note or "").strip() or None
    if note and len(note) > NOTE_MAX:
        raise InvalidExtension(f"延期说明不能超过 {NOTE_MAX} 字。")
    key = ("overall_limit_delegated_extended_working_days" if progress.is_delegated
           else "overall_limit_extended_working_days")
    limit = int(get_param(session, key, case.region_id))
    if limit <= progress.limit_working_days:
        raise Conflict(f"延长后的总时限（{limit} 个工作日）不长于现有时限，请核对政策参数。")
    before = {"deadline": progress.deadline_dt, "limit": progress.limit_working_days, "overdue": progress.overdue_dt}
    old_deadline = progress.deadline_dt
    progress.limit_working_days = limit
    progress.deadline_dt = workdays.deadline(session, progress.accepted_dt, limit)
    progress.extension_trigger, progress.extended_reason = trigger, note
    progress.extended_by, progress.extended_dt = actor_id, china_time.now()
    progress.overdue_dt = None   # a new limit: its own alarm
    session.flush()
    audit.record(session, "case.extend", actor_id=actor_id, subject=f"case:{case.id}",
                 reason="；".join(filter(None, (EXTENSION_TRIGGERS[trigger], note))), before=before,
                 after={"deadline": progress.deadline_dt, "limit": limit, "trigger": trigger})
    _lift_capped_tasks(session, progress, old_deadline)
    _schedule_deadline_job(session, progress)
    return progress


def extension_limit(session, case: Case, progress: CaseProgress) -> int:
    """The overall limit an extension would give this case (the case page says it on the button)."""
    key = ("overall_limit_delegated_extended_working_days" if progress.is_delegated
           else "overall_limit_extended_working_days")
    return int(get_param(session, key, case.region_id))


def working_days_left(session, case: Case) -> int | None:
    progress = session.get(CaseProgress, case.id)
    return None if progress is None else workdays.working_days_between(session, china_time.now(),
                                                                       progress.deadline_dt)


def is_decided(session, progress: CaseProgress) -> bool:
    """A decision was recorded since this acceptance: the clock has stopped."""
    return session.scalar(select(Decision.id).where(Decision.case_id == progress.case_id,
                                                    Decision.decided_dt >= progress.accepted_dt).limit(1)) is not None


# --- the county's 10 working days (S2 art. 20) ---------------------------------------------------------------------

def county_working_days_left(session, case: Case) -> int:
    """dueInWorkingDays of every county step: the working days left of the county's 10, which run from the receipt
    of the township's file across review, visit and confirmation — not 10 again for each step. The first county step
    to open is that receipt and records it. Never negative: a step opened late is due today (its task job then
    marks it overdue at once, as its predecessor was)."""
    progress = session.get(CaseProgress, case.id)
    if progress is None:
        raise EngineError("案件尚未受理，县级不能审核确认。")
    if progress.county_received_dt is None:
        receive_county_file(session, case, progress)
    return max(0, workdays.working_days_between(session, china_time.now(), progress.county_deadline_dt))


def receive_county_file(session, case: Case, progress: CaseProgress) -> None:
    """The county received the township's file (申请材料、调查结果、初审意见): its 10 working days start (S2 art. 20)."""
    now = china_time.now()
    days = int(get_param(session, "county_confirmation_working_days", case.region_id))
    progress.county_received_dt, progress.county_deadline_dt = now, workdays.deadline(session, now, days)
    session.flush()
    audit.record(session, "case.county_receipt", subject=f"case:{case.id}",
                 after={"received": now, "deadline": progress.county_deadline_dt, "working_days": days})


def county_days_left(session, progress: CaseProgress) -> int | None:
    if progress is None or progress.county_deadline_dt is None:
        return None
    return workdays.working_days_between(session, china_time.now(), progress.county_deadline_dt)


# --- the overall limit (S2 art. 22): task dues capped at it, an alarm when it passes -------------------------------

def cap_task_due(session, task: HumanTask) -> None:
    """On `task.ready`: no 低保 step is due after its case's limit — a later (or no) due date is brought forward to
    the case deadline, and the task's deadline job with it. The refusal notice after a decision is not capped."""
    if task.process_key != PROCESS:
        return
    progress = _clock_of(session, task.instance)
    if progress is None or is_decided(session, progress):
        return
    if task.due_dt is not None and task.due_dt <= progress.deadline_dt:
        return
    task.due_dt = progress.deadline_dt
    deadlines.cancel(session, task)
    deadlines.schedule(session, task)


def on_case_deadline(session, job) -> None:
    """The job at a case's deadline: an undecided case is marked overdue once — with several workers or a retried
    job too (compare-and-set on overdue_dt) —, its open steps are escalated to the supervisors, and they are told."""
    progress = session.get(CaseProgress, job.payload["case_id"])
    if progress is None or progress.overdue_dt is not None or is_decided(session, progress):
        return
    if not _in_procedure(session, progress.case_id):
        return
    now = clock.now()
    if progress.deadline_dt > now:      # extended since: the alarm belongs to the new deadline
        _schedule_deadline_job(session, progress)
        return
    marked = session.execute(update(CaseProgress).where(
        CaseProgress.case_id == progress.case_id, CaseProgress.overdue_dt.is_(None))
        .values(overdue_dt=now).execution_options(synchronize_session=False))
    if marked.rowcount != 1:
        return
    session.refresh(progress)
    case = session.get(Case, progress.case_id)
    audit.record(session, "case.overdue", subject=f"case:{case.id}", reason=f"超过审核确认总时限（{LIMIT_ARTICLE}）",
                 before={"overdue": False},
                 after={"overdue": True, "deadline": progress.deadline_dt, "limit": progress.limit_working_days})
    for task in _open_tasks(session, case.id):
        if task.state != TaskState.SUSPENDED and not (task.escalated_dt and task.assignee_id is None):
            transitions.escalate(session, task.id, None, OVERDUE_ESCALATION_REASON)
    deadline = progress.deadline_dt.astimezone(china_time.CHINA)
    notifications.notify(
        session, supervisors_for(session, case.region_id), kind="case.overdue", case_id=case.id,
        title=f"案件 {case.number} 已超过审核确认总时限，尚未作出决定",
        body=f"受理于 {progress.accepted_dt.astimezone(china_time.CHINA):%Y-%m-%d}，总时限 "
             f"{progress.limit_working_days} 个工作日，已于 {deadline:%Y-%m-%d} 到期（{LIMIT_ARTICLE}）。"
             "在办环节已升级至主管。")


def _restart_clock(progress: CaseProgress) -> None:
    """A new acceptance: no county receipt, extension or overdue mark carries over from an earlier episode."""
    progress.county_received_dt = progress.county_deadline_dt = progress.overdue_dt = None
    progress.extension_trigger = progress.extended_reason = progress.extended_by = progress.extended_dt = None


def _schedule_deadline_job(session, progress: CaseProgress) -> None:
    """Exactly one pending job per case, due at its deadline (moved when the deadline moves)."""
    instance_id = session.scalar(select(ProcessInstance.id).where(
        ProcessInstance.business_key == str(progress.case_id)).order_by(ProcessInstance.id.desc()).limit(1))
    with session.no_autoflush:
        pending = [job for job in session.scalars(select(Job).where(
            Job.kind == DEADLINE_JOB, Job.instance_id == instance_id, Job.status == JobStatus.PENDING,
            Job.lock_owner.is_(None))) if job.payload.get("case_id") == progress.case_id]
    for job in pending:
        session.delete(job)
    jobs.schedule(session, DEADLINE_JOB, progress.deadline_dt, payload={"case_id": progress.case_id},
                  instance_id=instance_id)


def _lift_capped_tasks(session, progress: CaseProgress, old_deadline) -> None:
    """After an extension, steps that were due at the old case deadline (capped there) are due at the new one — a
    county step no later than the county's own deadline."""
    for task in _open_tasks(session, progress.case_id):
        if task.due_dt != old_deadline:
            continue
        due = progress.deadline_dt
        if task.element_id in COUNTY_STEPS and progress.county_deadline_dt is not None:
            due = min(due, progress.county_deadline_dt)
        if due != task.due_dt:
            task.due_dt, task.overdue_notified_dt = due, None
            deadlines.cancel(session, task)
            deadlines.schedule(session, task)


def _open_tasks(session, case_id: int) -> list[HumanTask]:
    return list(session.scalars(select(HumanTask).join(ProcessInstance).where(
        ProcessInstance.business_key == str(case_id), HumanTask.process_key == PROCESS,
        HumanTask.state.in_(OPEN)).order_by(HumanTask.id)))


def _in_procedure(session, case_id: int) -> bool:
    """The case's procedure has not ended without a decision (a withdrawn, cancelled application raises no alarm)."""
    return session.scalar(select(ProcessInstance.id).where(
        ProcessInstance.business_key == str(case_id),
        ProcessInstance.status.in_((InstanceStatus.RUNNING, InstanceStatus.ERROR))).limit(1)) is not None


def _clock_of(session, instance) -> CaseProgress | None:
    """The case clock of this instance's own acceptance (not one left from an earlier episode of the case)."""
    key = instance.business_key
    progress = session.get(CaseProgress, int(key)) if key and key.isdigit() else None
    return progress if progress is not None and progress.accepted_dt >= instance.started_dt else None


def mark_complaint_received(session, case: Case, outcome: str, **_payload) -> None:
    """On `notice.closed`: an objection to the notice is a complaint during review, which forces the county visit
    (S2 art. 20). Notices serve other programmes too (临时救助 支出型), whose cases keep no 低保 clock."""
    if outcome != "objection":
        return
    progress = session.get(CaseProgress, case.id)
    if progress is not None:
        progress.complaint_received = True


def install() -> None:
    """Subscribes the 低保 procedure to the events it reacts to and registers its case-deadline job (the engine knows
    nothing of cases); doing it twice is a no-op."""
    events.subscribe("notice.closed", mark_complaint_received)
    events.subscribe("task.ready", cap_task_due)
    jobs.handler(DEADLINE_JOB)(on_case_deadline)


def record_decision(session, instance, case: Case, outcome: str, assessment: dict, reasons: str | None,
                    mismatch_stands: bool = False) -> Decision:
    """The decision row (immutable); refused without the steps art. 28 requires, or approving an ineligible case,
    or approving while the data-matching mismatch stands (told, not objected to or confirmed on recheck: art. 18)."""
    done = _completed_steps(session, instance.id)
    missing = [s for s in REQUIRED_STEPS if s not in done]
    confirmer = next((done[s] for s in CONFIRM_STEPS if s in done), None)
    if missing or confirmer is None:
        raise EngineError("未经受理、家庭经济状况调查和审核确认，不得纳入低保（第二十八条）。")
    outcome = DecisionOutcome(outcome)
    if outcome == DecisionOutcome.APPROVED and not assessment.get("is_eligible"):
        raise EngineError("核算结果不符合低保条件，不能确认同意；请选择不予确认并说明理由。")
    if outcome == DecisionOutcome.APPROVED and mismatch_stands:
        raise EngineError("信息核对结果与申报不符，已告知申请人且未被推翻（无异议或复查仍不符），不能确认同意"
                          "（第十八条）；请选择不予确认并说明理由。")
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


def _declared_relatives(session, case: Case) -> list[tuple[str, str, str]]:
    """(staff name, member name, relation) for each member of the case's household a staff member declared."""
    rows = session.execute(
        select(User.display_name, Member.name, StaffRelative.relation)
        .join(StaffRelative, StaffRelative.user_id == User.id).join(Member, Member.id_number == StaffRelative.id_number)
        .where(Member.household_id == case.household_id).order_by(StaffRelative.id))
    return [tuple(row) for row in rows]


def _completed_steps(session, instance_id: int) -> dict[str, int]:
    rows = session.execute(select(HumanTask.element_id, HumanTask.completed_by).where(
        HumanTask.instance_id == instance_id, HumanTask.state == TaskState.COMPLETED))
    return {element: user for element, user in rows}


def _money(value):
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.01"))
