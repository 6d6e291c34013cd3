import re
from urllib.parse import unquote

from flask import redirect, render_template, request, url_for
from flask_login import login_user, logout_user
from sqlalchemy import select
from werkzeug.security import check_password_hash

from assistance.core.models import User
from engine import audit

from .. import login_throttle
from ..controller import Controller
from ..database import db
from . import sessions
from .forms import LoginForm

# Checked against when the username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = "scrypt:32768:8:1$dummysaltdummysa$" + "0" * 128


class Login(Controller):
    login_required = False

    def _load(self):
        self.form = LoginForm()

    def _get(self):
        return render_template("auth/login.html", form=self.form)

    def _post(self):
        if not self.form.validate_on_submit():
            return render_template("auth/login.html", form=self.form), 400
        username, ip = self.form.username.data.strip(), request.remote_addr or "-"
        if login_throttle.is_locked(db(), username, ip):
            return render_template("auth/login.html", form=self.form, error=login_throttle.LOCKED_MESSAGE), 429
        user = db().scalar(select(User).where(User.username == username))
        password_ok = check_password_hash(user.password_hash if user else _DUMMY_HASH, self.form.password.data)
        if not (user and password_ok and user.is_enabled):
            login_throttle.record(db(), username, ip, is_success=False)
            # 200, not 401: only successful responses commit, and the failure must be counted
            return render_template("auth/login.html", form=self.form, error="用户名或密码错误。")
        login_throttle.record(db(), username, ip, is_success=True)
        sessions.start(user)   # a fresh session: nothing (not the CSRF token) survives from before the login
        login_user(user)
        return redirect(_safe_next(request.args.get("next")), 303)


class Logout(Controller):
    login_required = False

    def _post(self):
        if self.user is not None:
            sessions.end(self.user)   # committed with the request: copies of this cookie stop working too
            audit.record(db(), "auth.logout", actor_id=self.user.id, subject=f"user:{self.user.id}")
        logout_user()
        return redirect(url_for("auth.login"), 303)


# control characters and whitespace: browsers drop tabs and newlines inside a URL, so "/\t/evil.example" is "//evil…"
_IGNORED = re.compile(r"[\x00-\x20\x7f-\xa0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]")


def _safe_next(target: str | None) -> str:
    """Only same-site paths: an attacker's ?next=https://evil.example must not ride on our login page. The target
    is normalised first (what a browser would ignore removed, percent-escapes decoded) and both forms must be a path
    starting with one "/" (not "//", not "/\\")."""
    cleaned = _IGNORED.sub("", target or "")
    decoded = _IGNORED.sub("", unquote(cleaned))
    if cleaned and all(_is_local_path(t) for t in (cleaned, decoded)):
        return cleaned
    return url_for("queue.index")


def _is_local_path(target: str) -> bool:
    return target.startswith("/") and not target.startswith("//") and "\\" not in target
