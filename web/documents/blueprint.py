"""documents area: staff pages under /documents and /cases/<id>/documents; the public /verify (no login)."""
from flask import Blueprint

from .controllers import BatchNew, BatchPage, CaseDocuments, DocumentDownload, ReissueDecision
from .verify import VerifyDownload, VerifyPage

bp = Blueprint("documents", __name__)
bp.add_url_rule("/cases/<int:case_id>/documents", view_func=CaseDocuments.as_view("case"))
bp.add_url_rule("/cases/<int:case_id>/decisions/<int:decision_id>/documents",
                view_func=ReissueDecision.as_view("reissue"))
bp.add_url_rule("/documents/<int:document_id>.pdf", view_func=DocumentDownload.as_view("download"))
bp.add_url_rule("/documents/batches", view_func=BatchNew.as_view("batch_new"))
bp.add_url_rule("/documents/batches/<int:batch_id>", view_func=BatchPage.as_view("batch"))

public = Blueprint("verify", __name__)
public.add_url_rule("/verify", view_func=VerifyPage.as_view("index"))
public.add_url_rule("/verify/original.pdf", view_func=VerifyDownload.as_view("download"))
