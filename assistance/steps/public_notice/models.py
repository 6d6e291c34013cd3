"""Tables of the public notice (公示): each posting of a case's first-review opinion and the objections raised to it."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import Base


class PublicNotice(Base):
    """One posting of the first-review opinion in the village (公示); a new round after an objection if required."""
    __tablename__ = "public_notice"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("assistance_case.id"), index=True)
    round: Mapped[int]
    opened_dt: Mapped[datetime]
    closes_dt: Mapped[datetime]
    closed_dt: Mapped[datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(20))    # no_objection / objection


class NoticeObjection(Base):
    """An objection raised during a notice: who raised it, why, and who recorded it."""
    __tablename__ = "notice_objection"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("assistance_case.id"), index=True)
    notice_id: Mapped[int] = mapped_column(ForeignKey("public_notice.id"))
    raised_by: Mapped[str] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    recorded_dt: Mapped[datetime]
