"""通知: one's own messages, newest first; opening one marks it read and goes to its task or case."""
from flask import abort, flash, redirect, render_template, request, url_for

from assistance.core import access
from assistance.worklist import notifications
from assistance.worklist.notifications import Notification

from ..controller import Controller
from ..converters import MAX_PAGE, int_arg
from ..database import db

PAGE_SIZE = 50


class InboxPage(Controller):
    def _get(self):
        page = int_arg(request.args, "page", 1, low=1, high=MAX_PAGE)
        unread_only = request.args.get("unread") == "1"
        notes = notifications.inbox(db(), self.user.id, unread_only=unread_only, limit=PAGE_SIZE + 1,
                                    offset=(page - 1) * PAGE_SIZE)
        return render_template("inbox/index.html", notes=notes[:PAGE_SIZE], page=page, unread_only=unread_only,
                               has_next=len(notes) > PAGE_SIZE)


class OpenNotification(Controller):
    def _load(self, notification_id: int):
        self.note = db().get(Notification, notification_id) or abort(404)

    def _check_access(self):
        if not access.can_open_notification(self.user, self.note):   # another person's message does not exist
            abort(404)

    def _post(self):
        notifications.mark_read(db(), self.user.id, [self.note.id])
        if self.note.task_id:
            return redirect(url_for("tasks.show", task_id=self.note.task_id), 303)
        if self.note.case_id:
            return redirect(url_for("cases.show", case_id=self.note.case_id), 303)
        return redirect(url_for("inbox.index"), 303)


class MarkAllRead(Controller):
    def _post(self):
        count = notifications.mark_read(db(), self.user.id)
        flash(f"已将 {count} 条通知标为已读。", "success")
        return redirect(url_for("inbox.index"), 303)
