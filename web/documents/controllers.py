"""Staff pages: a case's documents (polled while generating), re-issue, download, batches with progress."""
from datetime import date
from urllib.parse import quote

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

import documents
from assistance.core import access
from assistance.core.china_time import today
from assistance.core.models import Decision, Region, RegionLevel
from assistance.core.regions import subtree_filter
from documents import Document, DocumentBatch
from documents.models import can_request_documents
from engine import Forbidden

from ..controller import CaseController, Controller
from ..database import db
from .lookup import batch_progress, batch_rows, case_decisions, case_rows


def _is_htmx() -> bool:
    return bool(request.headers.get("HX-Request"))


class CaseDocuments(CaseController):
    """文书 section of the case page: loaded by htmx, and polling itself while something is being generated."""

    def _get(self):
        rows = case_rows(db(), self.case.id)
        return render_template("documents/_case_documents.html", case=self.case, rows=rows,
                               decisions=case_decisions(db(), self.case.id),
                               issued_decisions={r.request.decision_id for r in rows},
                               can_issue=can_request_documents(self.user, self.case.region),
                               is_generating=any(r.state == "generating" for r in rows))


class ReissueDecision(CaseController):
    """(Re-)issue a decision's document: a new number; the old document is marked superseded when it is done."""

    def _load(self, case_id: int, decision_id: int):
        super()._load(case_id)
        self.decision = db().get(Decision, decision_id)
        if self.decision is None or self.decision.case_id != self.case.id:
            abort(404)

    def _check_access(self):
        super()._check_access()
        if not can_request_documents(self.user, self.case.region):
            raise Forbidden("只有乡镇、县级经办人员可以签发文书。")

    def _post(self):
        documents.issue_for_decision(db(), self.decision, actor_id=self.user.id)
        flash("已提交生成，文书签发后显示在本页。", "success")
        return redirect(url_for("cases.show", case_id=self.case.id) + "#documents", 303)


class DocumentDownload(Controller):
    def _load(self, document_id: int):
        self.document = db().get(Document, document_id) or abort(404)

    def _check_access(self):
        if not access.can_view_document(self.user, self.document):
            abort(404)

    def _get(self):
        return pdf_response(self.document)


def pdf_response(document: Document, as_attachment: bool = False):
    disposition = "attachment" if as_attachment else "inline"
    return document.content, 200, {
        "Content-Type": "application/pdf", "X-Content-Type-Options": "nosniff",
        "Content-Disposition": f"{disposition}; filename=\"document-{document.id}.pdf\"; "
                               f"filename*=UTF-8''{quote(document.number)}.pdf"}


class BatchNew(Controller):
    """批量生成: the rosters of every village under a township or county for a month, or a month's decisions."""

    def _check_access(self):
        if not can_request_documents(self.user, self.user.region):
            raise Forbidden("只有乡镇、县级经办人员可以批量生成文书。")

    def _get(self):
        return self._render()

    def _post(self):
        regions = {str(r.id): r for r in self._regions()}
        region = regions.get(request.form.get("region_id", ""))
        try:
            month = date.fromisoformat(request.form.get("month", "") + "-01")
        except ValueError:
            month = None
        if region is None or month is None:
            flash("请选择地区和月份。", "warning")
            return self._render(422)
        if request.form.get("kind") == "decisions":
            batch = documents.request_month_decisions_batch(db(), region, month, self.user.id)
        else:
            batch = documents.request_roster_batch(db(), region, month, self.user.id)
        return redirect(url_for("documents.batch", batch_id=batch.id), 303)

    def _regions(self):
        return list(db().scalars(select(Region).where(
            Region.level.in_([int(RegionLevel.COUNTY), int(RegionLevel.TOWNSHIP)]),
            subtree_filter(Region.id, self.user.region)).order_by(Region.path)))

    def _render(self, status=200):
        return render_template("documents/batch_new.html", regions=self._regions(),
                               month=today().strftime("%Y-%m")), status


class BatchPage(Controller):
    def _load(self, batch_id: int):
        self.batch = db().get(DocumentBatch, batch_id) or abort(404)

    def _check_access(self):
        if not access.can_view_batch(self.user, self.batch):
            abort(404)

    def _get(self):
        progress = batch_progress(db(), self.batch)
        template = "documents/_batch_progress.html" if _is_htmx() else "documents/batch.html"
        return render_template(template, batch=self.batch, progress=progress,
                               rows=batch_rows(db(), self.batch) if progress.is_finished else [])
