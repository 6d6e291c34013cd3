"""A case's clock (办理时限): when it was accepted (受理) and by when it must be decided. Every programme with an
overall time limit keeps one row per case (低保 30 / 45 / 20 工作日; 支出型临时救助 its own limit)."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, and_, exists, select
from sqlalchemy.orm import Mapped, mapped_column

from engine import workdays
from engine.db import Base

from .models import Decision


class CaseProgress(Base):
    """When a case was accepted (受理) and by when it must be decided: 30 工作日, 45 extended, 20 delegated."""
    __tablename__ = "case_progress"

    case_id: Mapped[int] = mapped_column(ForeignKey("assistance_case.id"), primary_key=True)
    accepted_dt: Mapped[datetime]
    limit_working_days: Mapped[int]
    deadline_dt: Mapped[datetime]
    is_delegated: Mapped[bool] = mapped_column(default=False)         # 审核确认权限下放乡镇
    is_staff_relative: Mapped[bool] = mapped_column(default=False)    # 近亲属, 单独登记备案
    staff_relative_note: Mapped[str | None] = mapped_column(Text)
    complaint_received: Mapped[bool] = mapped_column(default=False)
    extension_trigger: Mapped[str | None] = mapped_column(String(40))   # one of the S6 §4(1) grounds (a key)
    extended_reason: Mapped[str | None] = mapped_column(Text)           # the approver's note beside the ground
    extended_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    extended_dt: Mapped[datetime | None]
    county_received_dt: Mapped[datetime | None]   # the county received the township's file (S2 art. 20's day 0)
    county_deadline_dt: Mapped[datetime | None]   # … and must decide by then, across all its steps
    overdue_dt: Mapped[datetime | None]           # the overall limit passed undecided (marked once by its job)


@dataclass(frozen=True)
class RunningClock:
    """What a list shows of a case's clock: working days left (negative once past) and whether it was marked."""
    deadline_dt: datetime
    days_left: int
    is_overdue: bool


def running_clocks(session, case_ids, now) -> dict[int, RunningClock]:
    """The undecided cases' clocks among case_ids, in one query (a queue page asks for fifty at once); a case
    decided since its acceptance has no running clock."""
    ids = {i for i in case_ids if i is not None}
    if not ids:
        return {}
    decided = exists().where(and_(Decision.case_id == CaseProgress.case_id,
                                  Decision.decided_dt >= CaseProgress.accepted_dt))
    rows = session.execute(select(CaseProgress.case_id, CaseProgress.deadline_dt, CaseProgress.overdue_dt)
                           .where(CaseProgress.case_id.in_(ids), ~decided))
    left, clocks = {}, {}   # cases sharing a deadline day share its count
    for case_id, deadline_dt, overdue_dt in rows:
        if deadline_dt not in left:
            left[deadline_dt] = workdays.working_days_between(session, now, deadline_dt)
        clocks[case_id] = RunningClock(deadline_dt, left[deadline_dt], overdue_dt is not None or deadline_dt < now)
    return clocks
