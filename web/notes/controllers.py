"""Adding notes with files to a case or a task, and downloading a file — always as a download, never rendered by the
browser (Content-Disposition: attachment, nosniff, a sandboxing CSP), so an uploaded page or script cannot run."""
from urllib.parse import quote

from flask import abort, current_app, flash, make_response, redirect, request, url_for

from assistance.core import access
from assistance.worklist import comments
from assistance.worklist.attachments import FileStore
from assistance.worklist.comments import Attachment, CommentInvalid
from engine import Forbidden

from ..cases.lookup import case_id_of
from ..controller import CaseController, Controller, TaskController
from ..database import db


def _store() -> FileStore:
    return FileStore(current_app.config["UPLOAD_FOLDER"])


def _uploads(max_bytes: int):
    """(name, bytes) of the posted files; reading stops one byte past the limit, so a huge upload is not buffered."""
    return [(f.filename, f.stream.read(max_bytes + 1)) for f in request.files.getlist("files") if f and f.filename]


class _AddNote:
    def _check_access(self):
        super()._check_access()
        if not access.can_comment(self.user):
            raise Forbidden("审计员为只读角色，不能添加备注或附件。")

    def _add(self, case_id, task, back):
        max_bytes = current_app.config["ATTACHMENT_MAX_BYTES"]
        try:
            comments.add(db(), _store(), author_id=self.user.id, case_id=case_id, task=task, max_bytes=max_bytes,
                         body=request.form.get("body", ""), files=_uploads(max_bytes))
        except CommentInvalid as exc:
            for message in exc.errors:
                flash(message, "warning")
            return redirect(back, 303)   # nothing was saved; the page says why
        flash("已添加。", "success")
        return redirect(back, 303)


class CaseComment(_AddNote, CaseController):
    def _post(self):
        return self._add(self.case.id, None, url_for("cases.show", case_id=self.case.id))


class TaskComment(_AddNote, TaskController):
    def _post(self):
        return self._add(case_id_of(self.task.instance), self.task, url_for("tasks.show", task_id=self.task.id))


class Download(Controller):
    def _load(self, attachment_id: int):
        self.attachment = db().get(Attachment, attachment_id) or abort(404)

    def _check_access(self):
        if not access.can_view_attachment(self.user, self.attachment):
            abort(404)

    def _get(self):
        a = self.attachment
        response = make_response(_store().read(a.sha256))
        response.headers["Content-Type"] = a.content_type
        response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(a.filename)}"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
        response.headers["Cache-Control"] = "private, no-store"
        return response
