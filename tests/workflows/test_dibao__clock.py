"""The 低保 clocks act, not only display (issue 11 item 2): the county's 10 working days run from the receipt of the
township's file across all its steps (S2 art. 20); at the overall limit (S2 art. 22) the case is marked overdue, its
open steps escalated and the supervisors told, once; no step is due after the case's limit; an extension needs one
of the S6 §4(1) grounds, happens once, never after the decision, and a delegated case extends to its own limit."""
from datetime import date, datetime

import pytest
from sqlalchemy import func, select

import engine
from assistance.core.case_clock import CaseProgress
from assistance.core.directory import supervisors_for
from assistance.core.models import Case, Region
from assistance.core.params import set_param
from assistance.programmes.dibao import procedure as dibao
from assistance.worklist.notifications import Notification
from engine import AuditEvent, Conflict, HumanTask, Job, JobStatus, TaskState, jobs
from engine.deadlines import KIND as TASK_DEADLINE
from tests.conftest import CST
from tests.workers import run_two_workers
from tests.workflows.conftest import user
from tests.workflows.steps import ACCEPT, APPLY, APPROVE, COUNTY_OK, FIRST_AGREE, MATCH_OK, VISIT, survey
from tests.workflows.test_dibao__approval import APPR, CTY, LEAD, TW, VIL, engine_jobs


def at(month, day, hour=9, minute=0, second=0):
    return datetime(2026, month, day, hour, minute, second, tzinfo=CST)


def end_of(month, day):
    return datetime(2026, month, day, 23, 59, 59, tzinfo=CST)


def progress_of(session_factory, walk) -> CaseProgress:
    with session_factory() as s:
        return s.get(CaseProgress, walk.case_id)


def step(session_factory, walk, element) -> HumanTask:
    """The latest row of a step, whatever its state."""
    with session_factory() as s:
        return s.scalar(select(HumanTask).where(HumanTask.instance_id == walk.instance(s).id,
                                                HumanTask.element_id == element).order_by(HumanTask.id.desc()))


def count_audit(session_factory, action, **where) -> int:
    with session_factory() as s:
        stmt = select(func.count()).select_from(AuditEvent).where(AuditEvent.action == action)
        for column, value in where.items():
            stmt = stmt.where(getattr(AuditEvent, column) == value)
        return s.scalar(stmt)


def notes(session_factory, kind):
    with session_factory() as s:
        return sorted((n.user_id, n.title) for n in s.scalars(select(Notification).where(Notification.kind == kind)))


def accepted(walk, **accept):
    walk.do("Task_apply", VIL, **APPLY)
    walk.do("Task_accept", TW, **{**ACCEPT, **accept})


def to_county(walk, session_factory, clock, **accept):
    """Accepted, investigated, first review agreed; the 7-day notice runs out and the file goes to the county."""
    accepted(walk, **accept)
    walk.do("Task_survey", TW, **survey())
    walk.do("Task_matching", CTY, **MATCH_OK)
    walk.do("Task_first_review", LEAD, **FIRST_AGREE)
    clock.advance(days=7, seconds=1)
    engine_jobs(session_factory)
    assert walk.open_steps() == ["Task_county_review"]


# --- S2 art. 20: the county's 10 working days --------------------------------------------------------------------

def test_s2_art_20_county_steps_that_together_exceed_10_working_days_are_overdue_on_county_day_11(
        application, session_factory, clock):
    walk = application()
    to_county(walk, session_factory, clock, is_staff_relative=True,
              staff_relative_note="申请人系社区居委会委员的兄弟")     # 近亲属: the county must visit too
    # the file reached the county on Monday 9 March: its 10 working days end on Monday 23 March
    progress = progress_of(session_factory, walk)
    assert (progress.county_received_dt, progress.county_deadline_dt) == (at(3, 9, second=1), end_of(3, 23))
    assert step(session_factory, walk, "Task_county_review").due_dt == end_of(3, 23)
    clock.set(at(3, 13))                                       # county day 4: the review, on time
    walk.do("Task_county_review", CTY, **COUNTY_OK)
    visit = step(session_factory, walk, "Task_county_visit")
    assert visit.due_dt == end_of(3, 23)                       # not 10 more working days (27 March)
    clock.set(at(3, 19))                                       # county day 8: the visit, on time
    walk.do("Task_county_visit", CTY, **VISIT)
    confirm = step(session_factory, walk, "Task_county_confirm")
    assert confirm.due_dt == end_of(3, 23)                     # the old rule gave it until 2 April
    for element in ("Task_county_review", "Task_county_visit"):
        done = step(session_factory, walk, element)
        assert done.completed_dt <= done.due_dt and done.overdue_notified_dt is None
    clock.set(at(3, 23, 22))                                   # county day 10: still in time
    engine_jobs(session_factory)
    assert step(session_factory, walk, "Task_county_confirm").overdue_notified_dt is None
    clock.set(at(3, 24, 0, 0, 1))                              # county day 11
    engine_jobs(session_factory)
    confirm = step(session_factory, walk, "Task_county_confirm")
    assert confirm.state == TaskState.READY and confirm.overdue_notified_dt == at(3, 24, 0, 0, 1)
    assert count_audit(session_factory, "task.overdue", task_id=confirm.id) == 1
    with session_factory() as s:
        told = {u for u, _t in notes(session_factory, "task.overdue")}
        assert set(supervisors_for(s, confirm.region_id)) <= told
    assert count_audit(session_factory, "case.county_receipt", subject=f"case:{walk.case_id}") == 1


# --- S2 art. 22: the overall limit --------------------------------------------------------------------------------

def test_s2_art_22_at_30_working_days_the_case_is_overdue_its_steps_escalated_and_supervisors_told_once(
        application, session_factory, clock):
    walk = application()
    accepted(walk)                                   # Monday 2 March; 30 working days end on Tuesday 14 April
    with session_factory() as s:
        survey_task = walk.task(s, "Task_survey")
        engine.claim(s, survey_task.id, user(s, TW).id)
        jobs.schedule(s, dibao.DEADLINE_JOB, end_of(4, 14), payload={"case_id": walk.case_id})   # a duplicate
        s.commit()
    assert progress_of(session_factory, walk).deadline_dt == end_of(4, 14)
    clock.set(at(4, 14, 23))
    engine_jobs(session_factory)                     # the steps' own 3-day deadlines, long past: marked, not escalated
    assert progress_of(session_factory, walk).overdue_dt is None
    assert count_audit(session_factory, "task.escalate") == 0 and notes(session_factory, "case.overdue") == []
    clock.set(at(4, 15, 0, 0, 1))
    run_two_workers(session_factory)                 # two workers, two jobs for the same deadline
    engine_jobs(session_factory)
    clock.advance(days=3)
    engine_jobs(session_factory)                     # and later runs change nothing
    assert progress_of(session_factory, walk).overdue_dt == at(4, 15, 0, 0, 1)
    assert count_audit(session_factory, "case.overdue", subject=f"case:{walk.case_id}") == 1
    for element in ("Task_survey", "Task_matching"):
        task = step(session_factory, walk, element)
        assert (task.state, task.assignee_id, task.escalated_dt) == (TaskState.READY, None, at(4, 15, 0, 0, 1))
        assert count_audit(session_factory, "task.escalate", task_id=task.id) == 1
    with session_factory() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "task.escalate",
                                                  AuditEvent.task_id == survey_task.id))
        assert (event.actor_id, event.before["assignee"]) == (None, user(s, TW).id)
        assert "第二十二条" in event.reason
        case = s.get(Case, walk.case_id)
        bosses = supervisors_for(s, case.region_id)
    assert bosses and notes(session_factory, "case.overdue") == sorted(
        (b, f"案件 {case.number} 已超过审核确认总时限，尚未作出决定") for b in bosses)


def test_s2_art_22_no_step_is_due_after_the_case_deadline(application, session_factory, clock):
    walk = application()
    accepted(walk)                                   # limit: Tuesday 14 April
    clock.set(at(4, 2))                              # the investigation drags on to working day 22
    walk.do("Task_survey", TW, **survey())
    walk.do("Task_matching", CTY, **MATCH_OK)
    walk.do("Task_first_review", LEAD, **FIRST_AGREE)
    clock.advance(days=7, seconds=1)                 # Thursday 9 April: the file reaches the county
    engine_jobs(session_factory)
    progress = progress_of(session_factory, walk)
    review = step(session_factory, walk, "Task_county_review")
    assert progress.county_deadline_dt == end_of(4, 23)
    assert review.due_dt == progress.deadline_dt == end_of(4, 14)     # capped at the case's limit
    with session_factory() as s:
        pending = [j.due_dt for j in s.scalars(select(Job).where(Job.kind == TASK_DEADLINE,
                                                                 Job.status == JobStatus.PENDING))
                   if j.payload["task_id"] == review.id]
        assert pending == [end_of(4, 14)]                            # its alarm moved with it
    with session_factory() as s:                     # extended: the capped step gets the county's own deadline back
        dibao.extend_deadline(s, s.get(Case, walk.case_id), "notice_objection", user(s, APPR).id)
        s.commit()
    assert step(session_factory, walk, "Task_county_review").due_dt == end_of(4, 23)


def test_s2_art_22_an_extension_moves_the_overall_alarm(application, session_factory, clock):
    walk = application()
    accepted(walk)
    with session_factory() as s:
        dibao.extend_deadline(s, s.get(Case, walk.case_id), "hard_investigation", user(s, APPR).id)
        s.commit()
    assert progress_of(session_factory, walk).deadline_dt == end_of(5, 8)
    clock.set(at(4, 15, 0, 0, 1))                    # the old limit passes: nothing
    engine_jobs(session_factory)
    assert progress_of(session_factory, walk).overdue_dt is None and count_audit(session_factory, "task.escalate") == 0
    clock.set(at(5, 9, 0, 0, 1))
    engine_jobs(session_factory)
    assert progress_of(session_factory, walk).overdue_dt == at(5, 9, 0, 0, 1)
    assert count_audit(session_factory, "task.escalate") == 2       # 入户调查 and 信息核对


# --- S6 §4(1): extension ----------------------------------------------------------------------------------------

def _extend(session_factory, walk, trigger, note=None):
    with session_factory() as s:
        dibao.extend_deadline(s, s.get(Case, walk.case_id), trigger, user(s, APPR).id, note)
        s.commit()


def _unchanged(session_factory, walk):
    p = progress_of(session_factory, walk)
    return (p.limit_working_days, p.deadline_dt, p.extension_trigger, p.extended_dt,
            count_audit(session_factory, "case.extend"))


@pytest.mark.parametrize("trigger", ["申请人人户分离，需异地协查", "人户分离", "", None, "other"])
def test_s6_an_extension_needs_one_of_the_listed_grounds(application, session_factory, clock, trigger):
    walk = application()
    accepted(walk)
    before = _unchanged(session_factory, walk)
    with pytest.raises(dibao.InvalidExtension, match="公示有异议、人户分离、异地申办、调查核实难度大") as refused:
        _extend(session_factory, walk, trigger, note="家庭成员长期在外地")
    assert refused.value.http_status == 422
    assert _unchanged(session_factory, walk) == before and before[0] == 30


def test_s6_an_extension_happens_once_with_its_ground_and_note_on_record(application, session_factory, clock):
    walk = application()
    accepted(walk)
    _extend(session_factory, walk, "applied_elsewhere", note="  户籍在外省，异地申办  ")
    progress = progress_of(session_factory, walk)
    assert (progress.limit_working_days, progress.deadline_dt, progress.extension_trigger,
            progress.extended_reason) == (45, end_of(5, 8), "applied_elsewhere", "户籍在外省，异地申办")
    with session_factory() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "case.extend"))
        assert (event.actor_id, event.reason) == (user(s, APPR).id, "异地申办；户籍在外省，异地申办")
    before = _unchanged(session_factory, walk)
    with pytest.raises(Conflict, match="已延期一次"):
        _extend(session_factory, walk, "hard_investigation")
    assert _unchanged(session_factory, walk) == before


def test_s6_a_decided_case_cannot_be_extended(application, session_factory, clock):
    walk = application()
    to_county(walk, session_factory, clock)
    walk.do("Task_county_review", CTY, **COUNTY_OK)
    walk.do("Task_county_confirm", APPR, **APPROVE)
    before = _unchanged(session_factory, walk)
    with pytest.raises(Conflict, match="已作出审核确认决定"):
        _extend(session_factory, walk, "hard_investigation")
    assert _unchanged(session_factory, walk) == before
    clock.set(at(4, 15, 0, 0, 1))                    # and a decided case raises no alarm at its old limit
    engine_jobs(session_factory)
    assert progress_of(session_factory, walk).overdue_dt is None and notes(session_factory, "case.overdue") == []


def test_s6_a_delegated_20_day_case_extends_to_its_own_30_not_45(application, session_factory, clock):
    with session_factory() as s:
        city = s.scalar(select(Region).where(Region.code == "152201"))
        set_param(s, "county_delegates_confirmation", True, region_id=city.id, effective_from=date(2026, 1, 1),
                  actor_id=None, reason="乌兰浩特市审核确认权限下放")
        s.commit()
    walk = application()
    accepted(walk)
    assert progress_of(session_factory, walk).limit_working_days == 20
    _extend(session_factory, walk, "household_separated")
    progress = progress_of(session_factory, walk)
    assert (progress.limit_working_days, progress.deadline_dt) == (30, end_of(4, 14))
