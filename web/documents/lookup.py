"""What the documents pages show: a case's requests with their state, and a batch's progress."""
from dataclasses import dataclass

from sqlalchemy import func, select

from assistance.core.models import Decision, Region
from documents import Document, DocumentRequest, RequestStatus, kinds
from engine import Job, JobStatus


@dataclass
class Row:
    request: DocumentRequest
    title: str
    document: Document | None
    state: str        # generating / failed / issued / superseded
    place: str = ""   # the village a roster is for


def case_rows(session, case_id: int) -> list[Row]:
    requests = list(session.scalars(select(DocumentRequest).where(DocumentRequest.case_id == case_id)
                                    .order_by(DocumentRequest.id.desc())))
    return _rows(session, requests)


def case_decisions(session, case_id: int) -> list[Decision]:
    return list(session.scalars(select(Decision).where(Decision.case_id == case_id).order_by(Decision.decided_dt)))


def _rows(session, requests) -> list[Row]:
    document_ids = [r.document_id for r in requests if r.document_id]
    documents = {d.id: d for d in session.scalars(select(Document).where(Document.id.in_(document_ids)))}
    failed = set(session.scalars(select(Job.id).where(Job.id.in_([r.job_id for r in requests if r.job_id]),
                                                      Job.status == JobStatus.INCIDENT)))
    places = dict(session.execute(select(Region.id, Region.name).where(
        Region.id.in_({r.region_id for r in requests if r.kind == "village_roster"}))).all())
    rows = []
    for request in requests:
        document = documents.get(request.document_id)
        if document is not None:
            state = "superseded" if document.superseded_by_id else "issued"
        else:
            state = "failed" if request.job_id in failed else "generating"
        rows.append(Row(request, kinds.kind(request.kind).title, document, state, places.get(request.region_id, "")))
    return rows


@dataclass
class Progress:
    total: int
    done: int
    failed: int

    @property
    def is_finished(self) -> bool:
        return self.done + self.failed >= self.total

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.done / self.total)


def batch_progress(session, batch) -> Progress:
    done = session.scalar(select(func.count()).select_from(DocumentRequest).where(
        DocumentRequest.batch_id == batch.id, DocumentRequest.status == RequestStatus.DONE))
    failed = session.scalar(select(func.count()).select_from(DocumentRequest).join(
        Job, Job.id == DocumentRequest.job_id).where(DocumentRequest.batch_id == batch.id,
                                                      DocumentRequest.status == RequestStatus.PENDING,
                                                      Job.status == JobStatus.INCIDENT))
    return Progress(batch.total, done, failed)


def batch_rows(session, batch, limit: int = 200) -> list[Row]:
    requests = list(session.scalars(select(DocumentRequest).where(DocumentRequest.batch_id == batch.id)
                                    .order_by(DocumentRequest.id).limit(limit)))
    return _rows(session, requests)
