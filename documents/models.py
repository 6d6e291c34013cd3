"""Documents as issued (immutable rows: number, sha256, bytes), the requests the worker turns into them, batches
with progress, and the per-office, per-year number counter behind 乌民救〔2026〕N号."""
import enum
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, UniqueConstraint, event, inspect
from sqlalchemy.orm import Mapped, mapped_column, relationship

from assistance.core.models import Region
from engine.db import Base


class RequestStatus(enum.StrEnum):
    PENDING = "pending"     # queued: the case page says 正在生成…
    DONE = "done"


ISSUER_ROLES = ("township_caseworker", "township_leader", "county_caseworker", "county_approver", "admin")


def can_request_documents(user, region: Region) -> bool:
    """Township and county staff (and admins) may (re)issue documents and start batches for their own region."""
    return user.role in ISSUER_ROLES and user.region.contains(region)


class DocumentBatch(Base):
    """Many documents requested at once (a township's village rosters, a month's decisions): progress = done/total."""
    __tablename__ = "document_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    total: Mapped[int]
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_dt: Mapped[datetime]

    region: Mapped[Region] = relationship(lazy="joined")


class DocumentRequest(Base):
    """One document to generate. Its number and verification code are reserved when it is requested (in the
    caller's short transaction), so the slow rendering holds no lock and a retried job reuses the same number."""
    __tablename__ = "document_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(120), index=True)   # what a re-issue supersedes: 'decision:12'
    case_id: Mapped[int | None] = mapped_column(ForeignKey("assistance_case.id"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)   # the case's / roster's village
    period: Mapped[date | None]                                                  # a roster's month
    office_region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))        # numbers it: 乌民救…
    signer_region_ids: Mapped[list] = mapped_column(JSON)                         # the offices, in signing order
    number: Mapped[str] = mapped_column(String(60))
    token: Mapped[str] = mapped_column(String(16), unique=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("document_batch.id"), index=True)
    job_id: Mapped[int | None]
    status: Mapped[RequestStatus] = mapped_column(String(20), default=RequestStatus.PENDING)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    requested_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    requested_dt: Mapped[datetime]


class Document(Base):
    """A signed document as issued. Never changed: re-issuing makes a new row (new number) and only sets
    superseded_by_id on this one."""
    __tablename__ = "document"
    __table_args__ = (UniqueConstraint("office_region_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    number: Mapped[str] = mapped_column(String(60), index=True)
    token: Mapped[str] = mapped_column(String(16), unique=True)      # 验证码, in the QR code with the number
    subject: Mapped[str] = mapped_column(String(120), index=True)
    office_region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("assistance_case.id"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id"), index=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int]
    signer: Mapped[str] = mapped_column(String(300))                 # the offices that signed, in order
    signed_dt: Mapped[datetime]
    created_dt: Mapped[datetime]
    content: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    superseded_by_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))

    region: Mapped[Region] = relationship(foreign_keys=[region_id], lazy="joined")
    office_region: Mapped[Region] = relationship(foreign_keys=[office_region_id], lazy="joined")


@event.listens_for(Document, "before_update")
def _immutable(_mapper, _connection, document: Document) -> None:
    state = inspect(document)
    changed = {attr.key for attr in state.attrs if attr.history.has_changes()}
    superseded = state.attrs.superseded_by_id.history
    if changed - {"superseded_by_id"} or (superseded.deleted and superseded.deleted[0] is not None):
        raise ValueError(f"文书 {document.number} 已签发，内容不可更改（只能重新签发）")


class DocumentNumberCounter(Base):
    """Last serial per issuing office and year, bumped in place like CaseNumberCounter."""
    __tablename__ = "document_number_counter"

    office_region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), primary_key=True, autoincrement=False)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_value: Mapped[int] = mapped_column(default=0)
