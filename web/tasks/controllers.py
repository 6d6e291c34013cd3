from flask import flash, redirect, render_template, request, url_for

import engine
from assistance import access
from assistance.models import User
from engine import forms

from ..cases.lookup import case_of
from ..controller import TaskActionController, TaskController
from ..database import db
from . import schema_form


class _TaskPage:
    """The task page: case summary, instructions, the form, and the buttons the user's transitions allow."""

    def _render(self, values: dict | None = None, errors: dict | None = None, status: int = 200):
        session, task, errors = db(), self.task, errors or {}
        schema = engine.form_schema(session, task)
        values = engine.task_data(session, task) if values is None else values
        return render_template(
            "tasks/show.html", task=task, case=case_of(session, task.instance),
            assignee=session.get(User, task.assignee_id) if task.assignee_id else None,
            fields=schema_form.fields(schema, values, errors) if schema else [],
            has_errors=bool(errors), form_error=errors.get("_form"),
            actions={t.name: t for t in access.available_actions(self.user, task)}), status


class TaskPage(_TaskPage, TaskController):
    def _get(self):
        return self._render()


class CompleteTask(_TaskPage, TaskActionController):
    """Submit the task's form: validated on the server against its JSON Schema; a 422 page changes nothing."""
    action = "complete"

    def _post(self):
        schema = engine.form_schema(db(), self.task) or {}
        raw = schema_form.submitted(schema, request.form)
        data = forms.coerce(schema, raw) if schema else {}
        errors = forms.validate(schema, data) if schema else {}
        if errors:
            return self._render(values=raw, errors=errors, status=422)
        engine.complete(db(), self.task.id, self.user.id, data)
        flash(f"已提交「{self.task.name}」。", "success")
        return redirect(url_for("queue.index"), 303)


class ReleaseTask(TaskActionController):
    action = "release"

    def _post(self):
        engine.release(db(), self.task.id, self.user.id)
        flash(f"已将「{self.task.name}」退回任务池。", "success")
        return redirect(url_for("queue.index"), 303)
