from flask import Blueprint

from .controllers import ClaimTask, QueuePage

bp = Blueprint("queue", __name__)
bp.add_url_rule("/", view_func=QueuePage.as_view("index"))
bp.add_url_rule("/tasks/<int:task_id>/claim", view_func=ClaimTask.as_view("claim"))
