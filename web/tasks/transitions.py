"""The task transitions that hand a task around: delegate, resolve, escalate (the holder) and reassign, suspend,
resume (a supervisor). One controller serves them all; the rules are access.check_action / check_receiver, what each
needs and does is engine.TRANSITIONS."""
from flask import flash, redirect, request, url_for

import engine
from assistance.core import access
from assistance.core.models import User

from ..controller import TaskActionController
from ..converters import int_arg
from ..database import db
from .controllers import _TaskPage

DONE = {"delegate": "已委托「{name}」，受托人办完后会交回给您确认。", "resolve": "已将「{name}」交回委托人。",
        "escalate": "已将「{name}」升级至主管。", "reassign": "已将「{name}」改派。",
        "suspend": "已挂起「{name}」。", "resume": "已恢复「{name}」。"}


class TransitionAction(_TaskPage, TaskActionController):
    """POST /tasks/<id>/<action>; a missing reason or person re-shows the task page (422), changing nothing."""

    def __init__(self, action: str):
        self.action = action

    def _post(self):
        transition = engine.TRANSITIONS[self.action]
        reason = request.form.get("reason", "").strip()[:500] or None
        if transition.needs_reason and not reason:
            return self._render(status=422, action_error=(self.action, "请填写原因。"))
        target = None
        if transition.needs_user:
            user_id = int_arg(request.form, "user_id")
            target = db().get(User, user_id) if user_id else None
            if target is None:
                return self._render(status=422, action_error=(self.action, "请选择人员。"))
            access.check_receiver(self.user, target, self.task, self.action)
        engine.perform(db(), self.action, self.task.id, self.user.id, reason=reason,
                       target_user_id=target.id if target else None)
        flash(DONE[self.action].format(name=self.task.name), "success")
        if self.action in ("suspend", "resume"):
            return redirect(url_for("tasks.show", task_id=self.task.id), 303)
        return redirect(url_for("supervise.index" if self.action == "reassign" else "queue.index"), 303)
