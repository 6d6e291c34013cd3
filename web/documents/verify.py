"""/verify, public and without login: a document number with its verification code, or an uploaded PDF.

Number and code are both required: a number alone is guessable, and the document names a household in need.
"""
from flask import abort, render_template, request
from sqlalchemy import select

import documents
from documents import Document
from documents.numbering import normalize_number, normalize_token

from ..controller import Controller
from ..database import db
from .controllers import pdf_response

MAX_UPLOAD = 20 * 1024 * 1024


def find_document(number: str | None, code: str | None) -> Document | None:
    token = normalize_token(code)
    if not token or not number:
        return None
    document = db().scalar(select(Document).where(Document.token == token))
    return document if document is not None and document.number == normalize_number(number) else None


class VerifyPage(Controller):
    login_required = False

    def _get(self):
        number, code = request.args.get("no", "").strip(), request.args.get("code", "").strip()
        if not (number or code):
            return render_template("documents/verify.html", number="", code="")
        document = find_document(number, code)
        if document is None:
            return render_template("documents/verify.html", number=number, code=code,
                                   not_found=True), 404
        return self._result(documents.verify(document.content), document, number=number, code=code)

    def _post(self):
        upload = request.files.get("pdf")
        if upload is None or not upload.filename:
            return render_template("documents/verify.html", number="", code="", error="请选择要核验的 PDF 文件。"), 422
        try:
            data = upload.stream.read(MAX_UPLOAD + 1)
        finally:
            upload.close()   # a large upload is spooled to a temporary file: close it now, not at garbage collection
        if len(data) > MAX_UPLOAD or not data.startswith(b"%PDF"):
            return render_template("documents/verify.html", number="", code="",
                                   error="只能上传不超过 20 MB 的 PDF 文件。"), 422
        verification = documents.verify(data)
        archived = db().scalar(select(Document).where(Document.sha256 == verification.sha256))
        return self._result(verification, archived, uploaded=True)

    def _result(self, verification, document, uploaded=False, number="", code=""):
        successor = db().get(Document, document.superseded_by_id) if document and document.superseded_by_id else None
        return render_template("documents/verify.html", verification=verification, document=document,
                               successor=successor, uploaded=uploaded, number=number, code=code)


class VerifyDownload(Controller):
    """The authoritative copy (原件), byte for byte as issued."""
    login_required = False

    def _load(self):
        self.document = find_document(request.args.get("no"), request.args.get("code")) or abort(404)

    def _get(self):
        return pdf_response(self.document, as_attachment=True)
