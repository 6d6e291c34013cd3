"""近亲属备案: staff declare their close relatives by ID number (S2 art. 11); a staff member is then an excluded owner
(回避) of every task on a case of a household that relative belongs to — at claim, assignment and completion."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column

from assistance.core.idnumbers import mask_id, parse_id_number
from assistance.core.models import Case, Member
from engine import HumanTask, ProcessInstance, TaskState, audit, clock
from engine.db import Base

RELATIONS = ("配偶", "父母", "子女", "兄弟姐妹", "祖父母、外祖父母", "孙子女、外孙子女")   # the repealed S9 art. 14 list
OPEN = (TaskState.READY, TaskState.RESERVED, TaskState.IN_PROGRESS, TaskState.SUSPENDED)


class StaffRelative(Base):
    __tablename__ = "staff_relative"
    __table_args__ = (UniqueConstraint("user_id", "id_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    name: Mapped[str] = mapped_column(String(60))
    relation: Mapped[str] = mapped_column(String(20))
    declared_dt: Mapped[datetime]


def declare(session, *, user_id: int, id_number: str, name: str, relation: str, actor_id) -> StaffRelative:
    """Record a relative (ValueError with a Chinese message when the number is invalid or already declared), and
    exclude the staff member from the open tasks of that relative's cases at once."""
    number = parse_id_number(id_number).number
    if relation not in RELATIONS:
        raise ValueError("请选择亲属关系")
    if session.scalar(select(StaffRelative.id).where(StaffRelative.user_id == user_id,
                                                     StaffRelative.id_number == number)) is not None:
        raise ValueError("该亲属已备案")
    row = StaffRelative(user_id=user_id, id_number=number, name=(name or "").strip()[:60], relation=relation,
                        declared_dt=clock.now())
    session.add(row)
    session.flush()
    audit.record(session, "relative.declare", actor_id=actor_id, subject=f"user:{user_id}",
                 after={"id_number": mask_id(number), "relation": relation})
    _exclude_from_open_tasks(session, user_id, number, actor_id)
    return row


def relatives_of(session, user_id: int) -> list[StaffRelative]:
    return list(session.scalars(select(StaffRelative).where(StaffRelative.user_id == user_id)
                                .order_by(StaffRelative.id)))


def excluded_staff(session, business_key: str | None) -> list[int]:
    """Staff with a declared relative in the household of the case (business_key = str(case.id))."""
    if not business_key or not business_key.isdigit():
        return []
    numbers = select(Member.id_number).join(Case, Case.household_id == Member.household_id).where(
        Case.id == int(business_key))
    return sorted(set(session.scalars(select(StaffRelative.user_id).where(StaffRelative.id_number.in_(numbers)))))


def _exclude_from_open_tasks(session, user_id: int, number: str, actor_id) -> None:
    case_ids = session.scalars(select(Case.id).join(Member, Member.household_id == Case.household_id)
                               .where(Member.id_number == number)).all()
    if not case_ids:
        return
    tasks = session.scalars(select(HumanTask).join(HumanTask.instance).where(
        HumanTask.state.in_(OPEN), ProcessInstance.business_key.in_([str(i) for i in case_ids])))
    for task in tasks:
        if user_id not in (task.excluded or []):
            task.excluded = sorted({*(task.excluded or []), user_id})
            audit.record(session, "task.exclude", actor_id=actor_id, instance_id=task.instance_id, task_id=task.id,
                         after={"excluded": user_id}, reason="近亲属备案")
