"""Decision documents: Jinja templates -> WeasyPrint PDF/A -> pyHanko signature per office; verification.

    render(template, context) -> bytes       PDF/A-2b, CJK fonts embedded, an empty signature field per seal
    sign(pdf, office) -> bytes               the office's PAdES signature with its visible seal (+ RFC 3161 stamp)
    verify(pdf) -> Verification              intact, valid, trusted, covering the whole file
    issue_for_decision(session, decision) -> Job     queue the decision's document (the worker renders and signs)
    request_document(session, kind, ...) -> DocumentRequest;  request_roster_batch(...) -> DocumentBatch
    configure(Settings)                      once per process (web.create_app does it)
    install()                                subscribe to decision.recorded / discussion.decided / notice.opened
                                             (create_app does it)

Callers decide storage and commit; the worker's job stores immutable Document rows.
"""
from . import generation  # noqa: F401  (registers the worker's job handler)
from .config import Settings, configure, settings
from .errors import DocumentError
from .issuing import (
                      issue_for_decision,
                      issue_public_notice,
                      request_month_decisions_batch,
                      request_roster,
                      request_roster_batch,
)
from .models import Document, DocumentBatch, DocumentRequest, RequestStatus
from .offices import Office, office_of
from .rendering import render
from .signing import sign
from .subscriptions import install
from .verification import SignatureCheck, Verification, verify

__all__ = ["render", "sign", "verify", "configure", "install", "settings", "Settings", "DocumentError", "Office", "office_of",
           "Verification", "SignatureCheck", "issue_for_decision", "issue_public_notice", "request_roster",
           "request_roster_batch", "request_month_decisions_batch", "Document", "DocumentBatch", "DocumentRequest",
           "RequestStatus"]
