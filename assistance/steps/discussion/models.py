"""Tables of 一事一议 (one case, one discussion): the county coordination mechanism convened on one case, each member
unit's written opinion (or its silence past the deadline), and the chair's collective decision."""
import enum
from datetime import datetime
from decimal import Decimal

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistance.core.models import Case
from engine.db import Base, Money


class OpinionStatus(enum.StrEnum):
    PENDING = "pending"        # asked, not yet answered
    SUBMITTED = "submitted"    # 已反馈
    OVERDUE = "overdue"        # 逾期未反馈: the deadline passed without an opinion


class Recommendation(enum.StrEnum):
    AGREE = "agree"            # 同意
    DISAGREE = "disagree"      # 不同意
    PARTLY = "partly"          # 部分同意


RECOMMENDATION_LABELS = {Recommendation.AGREE: "同意", Recommendation.DISAGREE: "不同意",
                         Recommendation.PARTLY: "部分同意"}


class DiscussionOutcome(enum.StrEnum):
    APPROVE = "approve"        # 同意救助
    REFUSE = "refuse"          # 不予救助


class Discussion(Base):
    """One 一事一议 on a case: who convened it, on what, which units were asked and by when, what was decided."""
    __tablename__ = "discussion"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("assistance_case.id"), index=True)
    instance_id: Mapped[int | None] = mapped_column(index=True)
    subject: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text, default="")            # why the case came to the mechanism
    proposed_amount: Mapped[Decimal | None] = mapped_column(Money)   # 元, what the calling process proposed
    departments: Mapped[list] = mapped_column(JSON)                  # member unit codes asked, in canonical order
    convened_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    convened_dt: Mapped[datetime]
    deadline_dt: Mapped[datetime]                                    # written opinions due
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    decided_dt: Mapped[datetime | None]
    outcome: Mapped[DiscussionOutcome | None] = mapped_column(String(20))
    amount: Mapped[Decimal | None] = mapped_column(Money)   # 元, total decided (None when refused)
    measures: Mapped[str | None] = mapped_column(Text)
    paying_departments: Mapped[list] = mapped_column(JSON, default=list)
    reasons: Mapped[str | None] = mapped_column(Text)                # why not, when refused
    minutes: Mapped[str | None] = mapped_column(Text)                # 会议纪要 text as the chair signed it off

    case: Mapped[Case] = relationship(lazy="joined")
    opinions: Mapped[list["DiscussionOpinion"]] = relationship(back_populates="discussion",
                                                               order_by="DiscussionOpinion.id")


class DiscussionOpinion(Base):
    """One member unit's answer in a discussion; the row exists from convening (pending) so the case page and the
    access rules know who takes part."""
    __tablename__ = "discussion_opinion"
    __table_args__ = (UniqueConstraint("discussion_id", "department"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    discussion_id: Mapped[int] = mapped_column(ForeignKey("discussion.id"), index=True)
    department: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[OpinionStatus] = mapped_column(String(20), default=OpinionStatus.PENDING)
    recommendation: Mapped[Recommendation | None] = mapped_column(String(20))
    opinion: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[Decimal | None] = mapped_column(Money)   # 元 the unit proposes or can pay
    measures: Mapped[str | None] = mapped_column(Text)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    submitted_dt: Mapped[datetime | None]                            # answered, or found overdue

    discussion: Mapped[Discussion] = relationship(back_populates="opinions")
