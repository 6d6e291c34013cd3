"""Signing in and out: flask-login sessions over assistance.core.models.User, with login rate limiting and the
session lifetime rules of sessions.py."""
from flask_login import LoginManager

from assistance.core.models import User

from ..database import db
from . import sessions

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "请先登录。"
login_manager.login_message_category = "warning"


@login_manager.user_loader
def _load_user(user_id: str):
    user = db().get(User, int(user_id))
    return user if user is not None and user.is_enabled and sessions.is_current(user) else None


def init_app(app) -> None:
    login_manager.init_app(app)
    app.session_interface = sessions.SessionInterface()
    if app.config.get("REMEMBER_COOKIE_SECURE") is None:   # login never sets it today; if it ever does, same rule
        app.config["REMEMBER_COOKIE_SECURE"] = not sessions.is_plain_http_setup(app)
    app.before_request(sessions.check_expiry)
