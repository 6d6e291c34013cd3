"""The in-app inbox (通知): messages to staff about their tasks — assignments, delegations, escalations, deadlines.
Each one is also e-mailed (a background job) when SMTP is configured and the person has an address."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, func, select, update
from sqlalchemy.orm import Mapped, mapped_column

from assistance.core.models import User
from assistance.worklist import mail
from engine import clock, jobs
from engine.db import Base


class Notification(Base):
    __tablename__ = "notification"
    __table_args__ = (Index("ix_notification_inbox", "user_id", "read_dt", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    kind: Mapped[str] = mapped_column(String(40))          # task.assigned, task.overdue, task.reminder, …
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    task_id: Mapped[int | None] = mapped_column(ForeignKey("human_task.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("assistance_case.id"))
    created_dt: Mapped[datetime]
    read_dt: Mapped[datetime | None]
    emailed_dt: Mapped[datetime | None]


def notify(session, user_ids, *, kind: str, title: str, body: str = "", task=None,
           case_id: int | None = None) -> list[Notification]:
    """One message per enabled recipient (duplicates and None dropped); only flushes, like every domain write."""
    wanted = sorted({i for i in user_ids if i is not None})
    if not wanted:
        return []
    recipients = session.scalars(select(User).where(User.id.in_(wanted), User.is_enabled.is_(True))).all()
    case_id = case_id or _case_id(task)
    made = []
    for user in recipients:
        note = Notification(user_id=user.id, kind=kind, title=title[:200], body=body, created_dt=clock.now(),
                            task_id=task.id if task is not None else None, case_id=case_id)
        session.add(note)
        made.append((note, user))
    session.flush()
    if mail.is_configured():
        for note, user in made:
            if user.email:
                jobs.schedule(session, mail.JOB_KIND, clock.now(), payload={"notification_id": note.id})
    return [note for note, _user in made]


def _case_id(task) -> int | None:
    key = task.instance.business_key if task is not None else None
    return int(key) if key and key.isdigit() else None


def unread_count(session, user_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user_id, Notification.read_dt.is_(None))) or 0


def inbox(session, user_id: int, *, unread_only=False, limit=50, offset=0) -> list[Notification]:
    stmt = select(Notification).where(Notification.user_id == user_id)
    if unread_only:
        stmt = stmt.where(Notification.read_dt.is_(None))
    return list(session.scalars(stmt.order_by(Notification.id.desc()).offset(offset).limit(limit)))


def mark_read(session, user_id: int, notification_ids=None) -> int:
    """Mark the user's own messages read (all of them when no ids are given); another person's ids do nothing."""
    stmt = update(Notification).where(Notification.user_id == user_id, Notification.read_dt.is_(None))
    if notification_ids is not None:
        stmt = stmt.where(Notification.id.in_(list(notification_ids)))
    return session.execute(stmt.values(read_dt=clock.now()).execution_options(synchronize_session=False)).rowcount


@jobs.handler(mail.JOB_KIND)
def _email(session, job) -> None:
    # A crash between sending and committing may send a message twice; losing one would be worse.
    note = session.get(Notification, job.payload["notification_id"])
    if note is None or note.emailed_dt is not None or not mail.is_configured():
        return
    user = session.get(User, note.user_id)
    if user is None or not user.email:
        return
    mail.send(user.email, f"【兜底】{note.title}", note.body)
    note.emailed_dt = clock.now()
