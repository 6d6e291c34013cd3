"""Domain tables: regions, staff, households and members, cases, policy parameters."""
import enum
from datetime import date, datetime
from decimal import Decimal

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from engine.db import Base, Money


class RegionLevel(enum.IntEnum):
    LEAGUE = 1     # 盟/市
    COUNTY = 2     # 旗/县/区
    TOWNSHIP = 3   # 苏木/乡镇/街道
    VILLAGE = 4    # 嘎查/村/社区


class Region(Base):
    """A node of the administrative tree; path is '/1/5/12/' so a subtree is one LIKE query."""
    __tablename__ = "region"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[int]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))
    path: Mapped[str] = mapped_column(String(200), index=True, default="")

    parent: Mapped["Region | None"] = relationship(remote_side=[id])

    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p]

    def contains(self, other: "Region") -> bool:
        return other.path.startswith(self.path)


class User(UserMixin, Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(60), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(40), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    department: Mapped[str | None] = mapped_column(String(40))   # 成员单位 code (assistance/departments.py), if any
    email: Mapped[str | None] = mapped_column(String(120))
    locale: Mapped[str] = mapped_column(String(10), default="zh")
    is_enabled: Mapped[bool] = mapped_column(default=True)
    # bumped at logout: a session cookie carries the epoch it was issued under, so a copy replayed later is refused
    session_epoch: Mapped[int] = mapped_column(default=0, server_default="0")

    region: Mapped[Region] = relationship(lazy="joined")

    @property
    def is_active(self) -> bool:
        return self.is_enabled


class Household(Base):
    """A household (家庭) as the unit of application; members carry validated resident ID numbers."""
    __tablename__ = "household"

    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)  # village / community
    address: Mapped[str] = mapped_column(String(200), default="")
    is_urban: Mapped[bool] = mapped_column(default=False)
    created_dt: Mapped[datetime]

    region: Mapped[Region] = relationship(lazy="joined")
    members: Mapped[list["Member"]] = relationship(back_populates="household", order_by="Member.id",
                                                   cascade="all, delete-orphan")

    def snapshot(self) -> list[dict]:
        """The members as a decision records them (immutable, whatever the household later becomes)."""
        return [{"name": m.name, "id_number": m.id_number, "relation": m.relation,
                 "birth_date": m.birth_date.isoformat()} for m in self.members]

    @property
    def applicant(self) -> "Member | None":
        return next((m for m in self.members if m.is_applicant), self.members[0] if self.members else None)


class Member(Base):
    __tablename__ = "member"
    __table_args__ = (UniqueConstraint("household_id", "id_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    relation: Mapped[str] = mapped_column(String(20))   # 本人 / 配偶 / 子女 / 父母 / 其他
    birth_date: Mapped[date]
    sex: Mapped[str] = mapped_column(String(1))          # M / F, from the ID number
    is_applicant: Mapped[bool] = mapped_column(default=False)

    household: Mapped[Household] = relationship(back_populates="members")


class CaseStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class Case(Base):
    """A household's file for one programme; its process instances (episodes) carry business_key = str(case.id)."""
    __tablename__ = "assistance_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    programme: Mapped[str] = mapped_column(String(40))   # process key of the first episode, e.g. demo_application
    household_id: Mapped[int] = mapped_column(ForeignKey("household.id"), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    status: Mapped[CaseStatus] = mapped_column(String(20), default=CaseStatus.OPEN)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_dt: Mapped[datetime]

    household: Mapped[Household] = relationship(lazy="joined")
    region: Mapped[Region] = relationship(lazy="joined")


class PolicyParameter(Base):
    """A policy number (deadline, standard, ratio) for a region from a date; the nearest ancestor's value applies."""
    __tablename__ = "policy_parameter"
    __table_args__ = (UniqueConstraint("key", "region_id", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), index=True)
    region_id: Mapped[int | None] = mapped_column(ForeignKey("region.id"))   # None = national default
    value: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="decimal")       # decimal / int / bool / text
    effective_from: Mapped[date]
    source: Mapped[str | None] = mapped_column(Text)                        # regulation and article
    created_by: Mapped[int | None]
    created_dt: Mapped[datetime]


class CaseNumberCounter(Base):
    """Last serial issued per case-number prefix and year; incremented in place so concurrent openings never collide."""
    __tablename__ = "case_number_counter"

    prefix: Mapped[str] = mapped_column(String(10), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(default=0)


class DecisionOutcome(enum.StrEnum):
    APPROVED = "approved"     # 确认同意
    REFUSED = "refused"       # 不予确认


class Decision(Base):
    """A decision on a case (确认 / 不予确认), as made: what the decision documents are rendered from. Immutable."""
    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("assistance_case.id"), index=True)
    instance_id: Mapped[int | None] = mapped_column(index=True)
    kind: Mapped[str] = mapped_column(String(40))            # dibao_confirmation, temporary_assistance, …
    outcome: Mapped[DecisionOutcome] = mapped_column(String(20))
    monthly_amount: Mapped[Decimal | None] = mapped_column(Money)   # 元 per month for the whole household
    effective_month: Mapped[date | None]                     # first day of the first paid month
    members: Mapped[list]                                     # snapshot [{name, id_number, relation, …}]
    basis: Mapped[dict]                                       # how the amount was computed (income breakdown …)
    reasons: Mapped[str | None] = mapped_column(Text)         # refusal reasons / legal basis
    office_region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))   # the issuing office (county/township)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    decided_dt: Mapped[datetime]
    notice_due_dt: Mapped[datetime | None]                    # refusal notice to be delivered by (3 工作日)

    case: Mapped[Case] = relationship(lazy="joined")
    office_region: Mapped[Region] = relationship(lazy="joined")
