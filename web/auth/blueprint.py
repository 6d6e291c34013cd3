from flask import Blueprint

from .controllers import Login, Logout

bp = Blueprint("auth", __name__)
bp.add_url_rule("/login", view_func=Login.as_view("login"))
bp.add_url_rule("/logout", view_func=Logout.as_view("logout"))
