"""A case's clock (办理时限): when it was accepted (受理) and by when it must be decided. Every programme with an
overall time limit keeps one row per case (低保 30 / 45 / 20 工作日; 支出型临时救助 its own limit)."""
from datetime import datetime

from sqlalchemy import ForeignKey, Text
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
