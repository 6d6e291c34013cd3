"""Tables of the 低保 procedure: the case's clock (acceptance, overall limit, extension), public notices, objections,
and the records the demo data-matching checker (信息核对) answers from."""
from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from engine.db import Base


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
    extended_reason: Mapped[str | None] = mapped_column(Text)
    extended_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    extended_dt: Mapped[datetime | None]


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


class MatchingRecord(Base):
    """What the data-sharing platform knows about a person (tax, social insurance, property, vehicles, deposits…);
    the demo checker reads these seeded rows instead of calling the platform."""
    __tablename__ = "matching_record"

    id: Mapped[int] = mapped_column(primary_key=True)
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    source: Mapped[str] = mapped_column(String(40))      # 税务 / 社保 / 不动产 / 车辆 / 银行存款 …
    item: Mapped[str] = mapped_column(String(40))        # monthly_income / vehicle / housing / deposits
    amount: Mapped[Decimal]
    note: Mapped[str | None] = mapped_column(String(200))
