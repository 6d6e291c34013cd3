"""The worker's job: turn a DocumentRequest into a signed, stored, immutable Document.

Rendering and signing take a second; they run before anything is written, so the only write (the Document row,
the request marked done, an older document marked superseded) is short and holds no lock during the slow part.
A job that runs again after a crash finds its request done and does nothing.
"""
import hashlib
from urllib.parse import quote

from sqlalchemy import select

from assistance.core.models import Region
from engine import clock, jobs

from . import kinds
from .config import settings
from .issuing import JOB_KIND
from .models import Document, DocumentRequest, RequestStatus
from .offices import office_of
from .rendering import render
from .signing import sign


@jobs.handler(JOB_KIND)
def generate(session, job) -> None:
    request = session.get(DocumentRequest, job.payload["request_id"])
    if request is None or request.status == RequestStatus.DONE:
        return
    kind = kinds.kind(request.kind)
    offices = [office_of(session.get(Region, region_id)) for region_id in request.signer_region_ids]
    pdf = render(kind.template, {**_common(request, kind, offices), **kind.context(session, request)})
    for office in offices:   # in document order: township before county
        pdf = sign(pdf, office)
    document = Document(
        kind=request.kind, title=kind.title, number=request.number, token=request.token, subject=request.subject,
        office_region_id=request.office_region_id, case_id=request.case_id, decision_id=request.decision_id,
        region_id=request.region_id, sha256=hashlib.sha256(pdf).hexdigest(), size=len(pdf),
        signer="；".join(o.name for o in offices), signed_dt=clock.now(), created_dt=clock.now(), content=pdf,
        superseded_by_id=_newer_document(session, request))
    session.add(document)
    session.flush()
    _supersede_older(session, request, document)
    request.status, request.document_id = RequestStatus.DONE, document.id


def verify_url(number: str, token: str) -> str:
    return f"{settings().public_base_url}/verify?no={quote(number)}&code={token}"


def _common(request, kind, offices) -> dict:
    return {"title": kind.title, "number": request.number, "token": request.token, "signers": offices,
            "verify_url": verify_url(request.number, request.token),
            "verify_page": f"{settings().public_base_url}/verify", "issued_date": request.requested_dt}


def _done_for_subject(request):
    return (select(Document).join(DocumentRequest, DocumentRequest.document_id == Document.id)
            .where(DocumentRequest.subject == request.subject, DocumentRequest.id != request.id))


def _newer_document(session, request) -> int | None:
    """A request made later that finished first already replaced this one: the new row is born superseded."""
    newer = session.scalars(_done_for_subject(request).where(DocumentRequest.id > request.id)
                            .order_by(DocumentRequest.id).limit(1)).first()
    return newer.id if newer else None


def _supersede_older(session, request, document) -> None:
    for older in session.scalars(_done_for_subject(request).where(DocumentRequest.id < request.id,
                                                                  Document.superseded_by_id.is_(None))):
        older.superseded_by_id = document.id
