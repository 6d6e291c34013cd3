"""Substitution (休假代理): a staff member records an absence window and a substitute. During it, new tasks that
nobody present could take go straight to the substitute, and the absent person's open tasks can be handed over in
one action. Every step is audited."""
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import CheckConstraint, ForeignKey, String, select, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

import engine
from assistance.core.china_time import CHINA
from assistance.core.models import Region, User
from engine import EngineError, HumanTask, audit, clock
from engine.db import Base

WORKING = (engine.TaskState.RESERVED, engine.TaskState.IN_PROGRESS)


class Absence(Base):
    __tablename__ = "absence"
    __table_args__ = (CheckConstraint("end_dt > start_dt", name="ck_absence_window"),
                      CheckConstraint("substitute_id <> user_id", name="ck_absence_not_self"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    substitute_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    start_dt: Mapped[datetime]
    end_dt: Mapped[datetime]
    note: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[int | None]
    created_dt: Mapped[datetime]
    cancelled_dt: Mapped[datetime | None]

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")
    substitute: Mapped[User] = relationship(foreign_keys=[substitute_id], lazy="joined")

    @property
    def last_day(self) -> date:
        """The last day away (end_dt is the instant the person is back)."""
        return (self.end_dt - timedelta(seconds=1)).astimezone(CHINA).date()


class AbsenceInvalid(ValueError):
    """errors maps a form field to a Chinese message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("；".join(errors.values()))
        self.errors = errors


def eligible_substitutes(session, user: User):
    """Colleagues who can do the same work: same role, enabled, in the same office or a sibling office (the
    neighbouring township under the same county)."""
    stmt = select(User).where(User.role == user.role, User.is_enabled.is_(True), User.id != user.id)
    if user.region.parent_id is None:
        return stmt.where(User.region_id == user.region_id).order_by(User.id)
    offices = select(Region.id).where(Region.parent_id == user.region.parent_id)
    return stmt.where(User.region_id.in_(offices)).order_by(User.region_id, User.id)


def active(session, user_ids, at: datetime | None = None) -> dict[int, int]:
    """{absent user id: substitute id} for the windows open at `at` (now by default)."""
    at = at or clock.now()
    rows = session.execute(select(Absence.user_id, Absence.substitute_id).where(
        Absence.user_id.in_(list(user_ids)), Absence.start_dt <= at, Absence.end_dt > at,
        Absence.cancelled_dt.is_(None)).order_by(Absence.id))
    return dict(rows.all())


def record(session, *, user: User, substitute: User | None, start_dt, end_dt, note="", actor_id) -> Absence:
    errors = {}
    if start_dt is None or end_dt is None or end_dt <= start_dt:
        errors["end"] = "结束时间须晚于开始时间"
    eligible = {u.id for u in session.scalars(eligible_substitutes(session, user))}
    if substitute is None or substitute.id not in eligible:
        errors["substitute_id"] = "代理人须为同岗位、本单位或相邻单位的在岗人员"
    if not errors and _overlaps(session, user.id, start_dt, end_dt):
        errors["start"] = "该时段与已登记的休假重叠"
    if not errors and _overlaps(session, substitute.id, start_dt, end_dt):
        errors["substitute_id"] = f"「{substitute.display_name}」在该时段也休假，请另选代理人"
    if errors:
        raise AbsenceInvalid(errors)
    absence = Absence(user_id=user.id, substitute_id=substitute.id, start_dt=start_dt, end_dt=end_dt,
                      note=(note or "").strip()[:200], created_by=actor_id, created_dt=clock.now())
    session.add(absence)
    session.flush()
    audit.record(session, "absence.record", actor_id=actor_id, subject=f"user:{user.id}", reason=absence.note or None,
                 after={"absence": absence.id, "substitute": substitute.id, "start": start_dt, "end": end_dt})
    return absence


def _overlaps(session, user_id, start_dt, end_dt) -> bool:
    return session.scalar(select(Absence.id).where(
        Absence.user_id == user_id, Absence.cancelled_dt.is_(None),
        Absence.start_dt < end_dt, Absence.end_dt > start_dt).limit(1)) is not None


def cancel(session, absence: Absence, actor_id) -> None:
    absence.cancelled_dt = clock.now()
    audit.record(session, "absence.cancel", actor_id=actor_id, subject=f"user:{absence.user_id}",
                 after={"absence": absence.id})


@dataclass
class HandoverResult:
    task_id: int
    task: HumanTask
    ok: bool
    message: str


def hand_over(session, absence: Absence, actor_id) -> list[HandoverResult]:
    """Give every task the absent person holds to the substitute, one audited reassignment each; a task the
    substitute may not take (回避) or that is suspended stays, with the reason."""
    reason = (f"休假代理：{absence.user.display_name} 休假期间（至 {_local(absence.end_dt)}）"
              f"由 {absence.substitute.display_name} 办理")
    held = session.scalars(select(HumanTask).where(HumanTask.assignee_id == absence.user_id,
                                                   HumanTask.state.in_((*WORKING, engine.TaskState.SUSPENDED)))
                           .order_by(HumanTask.id)).all()
    results = []
    for task in held:
        try:
            if task.state == engine.TaskState.SUSPENDED:
                raise engine.Conflict("任务已挂起，恢复后再移交")
            engine.transitions.assign(session, task.id, absence.substitute_id, actor_id=actor_id, reason=reason,
                                      action="task.handover")
            results.append(HandoverResult(task.id, task, True, f"已移交给{absence.substitute.display_name}"))
        except EngineError as exc:
            results.append(HandoverResult(task.id, task, False, exc.message))
    audit.record(session, "absence.handover", actor_id=actor_id, subject=f"user:{absence.user_id}", reason=reason,
                 after={"absence": absence.id, "moved": [r.task.id for r in results if r.ok],
                        "kept": [r.task.id for r in results if not r.ok]})
    return results


def route_new_task(session, task: HumanTask) -> None:
    """task.ready subscriber: when everyone in the task's pool is away, it goes straight to a substitute."""
    if task.assignee_id is not None or not task.role or task.region_id is None:
        return
    in_group = User.department == task.group if task.group is not None else true()   # a department's own task
    pool = session.scalars(select(User.id).where(User.role == task.role, User.region_id == task.region_id,
                                                 User.is_enabled.is_(True), in_group).order_by(User.id)).all()
    away = active(session, pool)
    if not pool or len(away) < len(pool):
        return   # somebody present can claim it from the pool
    substitutes = [away[user_id] for user_id in pool]
    also_away = active(session, substitutes)
    for user_id, substitute_id in zip(pool, substitutes):
        if substitute_id not in also_away and substitute_id not in (task.excluded or []):
            absent = session.get(User, user_id)
            engine.transitions.assign(session, task.id, substitute_id, actor_id=None, action="task.substitute",
                                      reason=f"休假代理：{absent.display_name} 休假，新任务由代理人办理")
            return


def _local(at: datetime) -> str:
    return at.astimezone(CHINA).strftime("%Y-%m-%d %H:%M")
