"""The public notice's steps (公示), called from public_notice.bpmn script tasks and from the case page: open a round,
close it with its outcome, record an objection. Opening emits `notice.opened` (documents issues the sheet to post) and
closing `notice.closed`, so others can react (低保: a complaint during review forces the county visit) without this
shared step knowing them."""
from datetime import timedelta

from sqlalchemy import func, select

from assistance.core import china_time
from assistance.core.models import Case
from assistance.core.params import get_param
from assistance.steps.public_notice.models import NoticeObjection, PublicNotice
from engine import EngineError, audit, events


def open_public_notice(session, case: Case) -> PublicNotice:
    days = get_param(session, "public_notice_days", case.region_id)   # calendar days: the text says 天, not 工作日
    rounds = session.scalar(select(func.count()).select_from(PublicNotice).where(PublicNotice.case_id == case.id))
    now = china_time.now()
    notice = PublicNotice(case_id=case.id, round=rounds + 1, opened_dt=now, closes_dt=now + timedelta(days=days))
    session.add(notice)
    session.flush()
    audit.record(session, "notice.open", subject=f"case:{case.id}", after={"round": notice.round, "days": days})
    events.emit("notice.opened", session, case=case, notice=notice)   # documents posts the sheet (公示表)
    return notice


def current_notice(session, case: Case) -> PublicNotice | None:
    return session.scalar(select(PublicNotice).where(PublicNotice.case_id == case.id)
                          .order_by(PublicNotice.round.desc()).limit(1))


def close_public_notice(session, case: Case, outcome: str) -> PublicNotice:
    """Ends the current round with outcome no_objection or objection; subscribers of `notice.closed` then react."""
    notice = current_notice(session, case)
    notice.closed_dt, notice.outcome = china_time.now(), outcome
    audit.record(session, "notice.close", subject=f"case:{case.id}", after={"round": notice.round, "outcome": outcome})
    events.emit("notice.closed", session, case=case, outcome=outcome)
    return notice


def record_objection(session, case: Case, raised_by: str, reason: str, actor_id: int) -> NoticeObjection:
    """An objection from the case page; the caller then delivers the 公示异议 message to the running notice."""
    notice = current_notice(session, case)
    if notice is None or notice.closed_dt is not None:
        raise EngineError("当前没有进行中的公示，不能登记异议。")
    if not raised_by.strip() or len(reason.strip()) < 4:
        raise EngineError("请填写异议人和异议理由（至少 4 个字）。")
    objection = NoticeObjection(case_id=case.id, notice_id=notice.id, raised_by=raised_by.strip(),
                                reason=reason.strip(), recorded_by=actor_id, recorded_dt=china_time.now())
    session.add(objection)
    session.flush()
    return objection
