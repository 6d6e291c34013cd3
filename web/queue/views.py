"""Saved queue views: save the current filters under a name (optionally shared with the pool), open, delete."""
from flask import abort, flash, redirect, request, url_for

from assistance.core import access
from assistance.worklist import queue_views
from assistance.worklist.queue_views import SavedQueueView
from engine import Forbidden

from ..controller import Controller
from ..database import db
from .controllers import tabs_for
from .filters import QueueFilter


class SaveView(Controller):
    def _post(self):
        flt = QueueFilter.from_args(request.form, tabs_for(self.user), "mine")
        try:
            view = queue_views.save(db(), self.user, request.form.get("name", ""), flt.params(page=1),
                                    request.form.get("is_shared") == "1")
        except ValueError as exc:
            flash(str(exc), "warning")
            return redirect(url_for("queue.index", **flt.params()), 303)
        flash(f"已保存视图「{view.name}」。", "success")
        return redirect(url_for("queue.view", view_id=view.id), 303)


class _ViewController(Controller):
    def _load(self, view_id: int):
        self.view = db().get(SavedQueueView, view_id) or abort(404)

    def _check_access(self):
        if not access.can_use_view(self.user, self.view):
            abort(404)


class OpenView(_ViewController):
    """/queue/views/<id>: the shareable link of a view; it opens the queue with the view's filters."""

    def _get(self):
        return redirect(f"{url_for('queue.index')}?{self.view.query}", 303)


class DeleteView(_ViewController):
    def _check_access(self):
        super()._check_access()
        if not access.can_delete_view(self.user, self.view):
            raise Forbidden("只能删除自己保存的视图。")

    def _post(self):
        queue_views.delete(db(), self.view, self.user.id)
        flash(f"已删除视图「{self.view.name}」。", "success")
        return redirect(url_for("queue.index"), 303)
