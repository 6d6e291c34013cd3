"""Signing in and out: flask-login sessions over assistance.core.models.User, with login rate limiting."""
from flask_login import LoginManager

from assistance.core.models import User

from ..database import db

login_manager = LoginManager()
login_manager.login_view = "auth.login"
login_manager.login_message = "请先登录。"
login_manager.login_message_category = "warning"


@login_manager.user_loader
def _load_user(user_id: str):
    user = db().get(User, int(user_id))
    return user if user is not None and user.is_enabled else None
