"""Tables of 临时救助 (temporary assistance): the case's facts at the place of the emergency, the township reserve fund
(临时救助备用金) and its ledger, every payment made (先行救助, stages), and the other measures (in kind, referral)."""
import enum
from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engine.db import Base, Money


class TemporaryKind(enum.StrEnum):
    EMERGENCY = "emergency"   # 急难型: pay first, paperwork after (S5 §2(2))
    EXPENSE = "expense"       # 支出型: the full procedure


class Hardship(enum.StrEnum):
    """困难类型: the amount standards are multiples of the 低保 standard by this type (S5 §2(3))."""
    FIRE = "fire"               # 火灾
    TRAFFIC = "traffic"         # 交通事故
    ILLNESS = "illness"         # 突发重大疾病
    INJURY = "injury"           # 意外伤害
    STRANDED = "stranded"       # 临时遇困（外出务工、旅途中等）
    MEDICAL = "medical"         # 医疗支出
    EDUCATION = "education"     # 教育支出
    OTHER = "other"             # 其他特殊困难


HARDSHIP_LABELS = {Hardship.FIRE: "火灾", Hardship.TRAFFIC: "交通事故", Hardship.ILLNESS: "突发重大疾病",
                   Hardship.INJURY: "意外伤害", Hardship.STRANDED: "临时遇困", Hardship.MEDICAL: "医疗支出",
                   Hardship.EDUCATION: "教育支出", Hardship.OTHER: "其他特殊困难"}
KIND_LABELS = {TemporaryKind.EMERGENCY: "急难型", TemporaryKind.EXPENSE: "支出型"}


class TemporaryCase(Base):
    """The facts of one 临时救助 case, taken where the emergency happened (急难发生地), whatever the 户籍."""
    __tablename__ = "temporary_case"

    case_id: Mapped[int] = mapped_column(ForeignKey("assistance_case.id"), primary_key=True)
    kind: Mapped[TemporaryKind] = mapped_column(String(20))
    hardship: Mapped[Hardship] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    person_id_number: Mapped[str] = mapped_column(String(18), index=True)   # the person helped (the applicant)
    incident_region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)   # village of the emergency
    incident_dt: Mapped[datetime]
    incident_address: Mapped[str] = mapped_column(String(200), default="")
    hukou_place: Mapped[str] = mapped_column(String(200), default="")      # 户籍地, as told
    is_non_resident: Mapped[bool] = mapped_column(default=False)           # 非本地户籍且无本地居住证
    household_size: Mapped[int] = mapped_column(default=1)
    is_major: Mapped[bool] = mapped_column(default=False)                  # 重大/复杂: straight to 一事一议
    earlier_case_id: Mapped[int | None] = mapped_column(ForeignKey("assistance_case.id"))
    reference_amount: Mapped[Decimal | None] = mapped_column(Money)   # from the standards, for the approver
    approved_amount: Mapped[Decimal | None] = mapped_column(Money)   # total approved (all stages)
    approval_tier: Mapped[str | None] = mapped_column(String(40))          # township / county / one_case_one_discussion
    paperwork_due_dt: Mapped[datetime | None]                              # 补齐手续 by
    paperwork_done_dt: Mapped[datetime | None]
    is_paperwork_overdue: Mapped[bool] = mapped_column(default=False)
    filed_with_county_dt: Mapped[datetime | None]                          # 报县级备案
    created_dt: Mapped[datetime]


class ReserveFund(Base):
    """A township's 临时救助备用金 (S5 §3(3)): the balance is changed only by conditional UPDATEs, so concurrent draws
    can never take it below zero; every change is a ledger entry."""
    __tablename__ = "reserve_fund"
    __table_args__ = (CheckConstraint("balance >= 0", name="ck_reserve_fund_balance"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    township_region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), unique=True)
    balance: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    updated_dt: Mapped[datetime]


class FundEntryKind(enum.StrEnum):
    TOP_UP = "top_up"    # 拨付/补充
    DRAW = "draw"        # 先行救助支出


class ReserveFundEntry(Base):
    """One movement of a reserve fund, with the balance it left: the ledger a township's accounts are checked with."""
    __tablename__ = "reserve_fund_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    fund_id: Mapped[int] = mapped_column(ForeignKey("reserve_fund.id"), index=True)
    kind: Mapped[FundEntryKind] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Money)
    balance_after: Mapped[Decimal] = mapped_column(Money)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("assistance_case.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_dt: Mapped[datetime]


class PaymentKind(enum.StrEnum):
    PAY_FIRST = "pay_first"   # 先行救助
    ONE_OFF = "one_off"       # 一次性发放
    STAGE = "stage"           # 分阶段救助的一期


class TemporaryPayment(Base):
    """Money paid on a temporary-assistance case: who received it, how, from which fund."""
    __tablename__ = "temporary_payment"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("assistance_case.id"), index=True)
    kind: Mapped[PaymentKind] = mapped_column(String(20))
    stage_no: Mapped[int | None]
    amount: Mapped[Decimal] = mapped_column(Money)
    method: Mapped[str] = mapped_column(String(20))             # cash 现金 / bank 银行转账
    source: Mapped[str] = mapped_column(String(20))             # reserve_fund 备用金 / county_fund 县级资金
    recipient: Mapped[str] = mapped_column(String(60))
    note: Mapped[str] = mapped_column(Text, default="")
    fund_entry_id: Mapped[int | None] = mapped_column(ForeignKey("reserve_fund_entry.id"))
    paid_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    paid_dt: Mapped[datetime]


class MeasureKind(enum.StrEnum):
    IN_KIND = "in_kind"       # 实物救助
    REFERRAL = "referral"     # 转介（其他救助项目、慈善组织）
    FOLLOW_UP = "follow_up"   # 跟进救助


MEASURE_LABELS = {MeasureKind.IN_KIND: "实物救助", MeasureKind.REFERRAL: "转介服务", MeasureKind.FOLLOW_UP: "跟进救助"}


class TemporaryMeasure(Base):
    """An outcome other than cash: goods given, a referral to another programme or a charity, follow-up help."""
    __tablename__ = "temporary_measure"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("assistance_case.id"), index=True)
    kind: Mapped[MeasureKind] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(String(100), default="")   # referred to: 医疗救助 / 县慈善总会 …
    value: Mapped[Decimal | None] = mapped_column(Money)   # goods' value in 元, if known
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    recorded_dt: Mapped[datetime]

    case = relationship("Case", lazy="joined")
