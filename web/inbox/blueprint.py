"""inbox area: the notifications of the signed-in user."""
from flask import Blueprint

from .controllers import InboxPage, MarkAllRead, OpenNotification

bp = Blueprint("inbox", __name__)
bp.add_url_rule("/inbox", view_func=InboxPage.as_view("index"))
bp.add_url_rule("/inbox/<int:notification_id>/open", view_func=OpenNotification.as_view("open"))
bp.add_url_rule("/inbox/read-all", view_func=MarkAllRead.as_view("read_all"))
