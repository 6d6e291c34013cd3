"""The task page and working on a task: the form (with a saved draft), complete, release."""
from flask import flash, redirect, render_template, request, url_for
from sqlalchemy import select

import engine
from assistance.core import access
from assistance.core.models import User
from assistance.worklist import comments
from engine import forms

from ..cases.lookup import case_of
from ..controller import TaskActionController, TaskController
from ..database import db
from . import history, schema_form


class _TaskPage:
    """The task page: case summary, instructions, the form, the buttons the user's transitions allow, the people
    around the task, and its history."""

    def _render(self, values: dict | None = None, errors: dict | None = None, status: int = 200, action_error=None):
        session, task, errors = db(), self.task, errors or {}
        schema = engine.form_schema(session, task)
        if values is None:
            mine = task.assignee_id == self.user.id and task.draft_dt is not None
            values = task.draft if mine else engine.task_data(session, task)
        actions = {t.name: t for t in access.available_actions(self.user, task)}
        people = _people(session, task)
        return render_template(
            "tasks/show.html", task=task, case=case_of(session, task.instance), people=people,
            assignee=people.get(task.assignee_id),
            fields=schema_form.fields(schema, values, errors) if schema else [],
            has_errors=bool(errors), form_error=errors.get("_form"), actions=actions, action_error=action_error,
            delegates=list(session.scalars(access.receivers(self.user, "delegate", task))) if "delegate" in actions
            else [],
            reassignees=list(session.scalars(access.receivers(self.user, "reassign", task))) if "reassign" in actions
            else [],
            history=history.of_task(session, task), notes=comments.for_task(session, task.id),
            can_comment=access.can_comment(self.user)), status


def _people(session, task) -> dict:
    """The users the page names: holder, delegating owner, candidates (potential owners), excluded owners."""
    ids = {task.assignee_id, task.owner_id, *(task.candidates or []), *(task.excluded or [])} - {None}
    return {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))}


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
        try:
            engine.perform(db(), self.action, self.task.id, self.user.id, values=data)
        except (engine.Conflict, engine.Forbidden, engine.NotFound):
            raise
        except engine.EngineError as exc:   # a step of the process said no (备用金余额不足…): keep what was typed
            db().rollback()
            return self._render(values=raw, errors={"_form": exc.message}, status=422)
        flash(f"已提交「{self.task.name}」。", "success")
        return redirect(url_for("queue.index"), 303)


class SaveDraft(TaskActionController):
    """保存草稿: keep what was typed, unvalidated, to finish later; the task shows as 办理中."""
    action = "save_draft"

    def _post(self):
        schema = engine.form_schema(db(), self.task) or {}
        engine.perform(db(), self.action, self.task.id, self.user.id, values=schema_form.submitted(schema, request.form))
        flash("草稿已保存。", "success")
        return redirect(url_for("tasks.show", task_id=self.task.id), 303)


class ReleaseTask(TaskActionController):
    action = "release"

    def _post(self):
        engine.perform(db(), self.action, self.task.id, self.user.id)
        flash(f"已将「{self.task.name}」退回任务池。", "success")
        return redirect(url_for("queue.index"), 303)
