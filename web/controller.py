"""The controller life-cycle every page follows: load the arguments -> check access -> act -> commit.

The access checks here only call the rules in assistance/access.py, so concrete controllers carry no permission
code: they pick the base that loads and guards what they work on, and implement _get / _post.
"""
from flask import abort, current_app, flash, make_response, redirect, request, url_for
from flask.views import View
from flask_login import current_user

from assistance.core import access
from assistance.core.models import Case
from engine import Conflict, Forbidden, HumanTask

from .database import db


class Controller(View):
    login_required = True
    conflict_redirect: str | None = None   # endpoint a browser is sent back to (with a flash) on engine.Conflict

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.methods = [m.upper() for m in ("get", "post") if hasattr(cls, f"_{m}")]

    def dispatch_request(self, **kwargs):
        if self.login_required and not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()
        self.user = current_user._get_current_object() if current_user.is_authenticated else None
        try:
            self._load(**kwargs)
            self._check_access()
            response = make_response(self._post() if request.method == "POST" else self._get())   # HEAD: _get
        except Conflict as exc:
            if not (self.conflict_redirect and _is_browser_navigation()):
                raise
            flash(exc.message, "warning")   # a lost race is routine for a person: say so on the page they came from
            return redirect(url_for(self.conflict_redirect), 303)
        if response.status_code < 400:
            db().commit()   # the one commit of the request; error pages and exceptions leave everything unchanged
        return response

    def _load(self, **kwargs):
        pass

    def _check_access(self):
        pass


def _is_browser_navigation() -> bool:
    """A plain form post from a page; htmx and API clients get the status code instead of a redirect."""
    return "text/html" in request.headers.get("Accept", "") and not request.headers.get("HX-Request")


class CaseController(Controller):
    """/cases/<case_id>/…: a case outside the user's region is 404, never its data."""

    def _load(self, case_id: int):
        self.case = db().get(Case, case_id) or abort(404)

    def _check_access(self):
        if not access.can_view_case(self.user, self.case):
            abort(404)


class CaseStarterController(Controller):
    def _check_access(self):
        if not access.can_start_case(self.user):
            raise Forbidden("只有村协理员和乡镇经办人可以登记新的申请。")


class TaskController(Controller):
    """/tasks/<task_id>/…: 404 for a task the user may not see."""

    def _load(self, task_id: int):
        self.task = db().get(HumanTask, task_id) or abort(404)

    def _check_access(self):
        if not access.can_view_task(self.user, self.task):
            abort(404)


class TaskActionController(TaskController):
    """A transition on a task (claim / complete / release): also 403 or 409 when it is not allowed now."""
    action: str

    def _check_access(self):
        super()._check_access()
        access.check_action(self.user, self.task, self.action)


class AdminController(Controller):
    def _check_access(self):
        if not access.is_admin(self.user):
            raise Forbidden("只有系统管理员可以访问此页面。")
