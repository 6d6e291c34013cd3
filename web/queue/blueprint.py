"""queue area: 我的任务, claiming, saved views."""
from flask import Blueprint

from .controllers import BulkClaim, ClaimTask, QueuePage
from .views import DeleteView, OpenView, SaveView

bp = Blueprint("queue", __name__)
bp.add_url_rule("/", view_func=QueuePage.as_view("index"))
bp.add_url_rule("/tasks/<int:task_id>/claim", view_func=ClaimTask.as_view("claim"))
bp.add_url_rule("/queue/claim", view_func=BulkClaim.as_view("bulk_claim"))
bp.add_url_rule("/queue/views", view_func=SaveView.as_view("save_view"))
bp.add_url_rule("/queue/views/<int:view_id>", view_func=OpenView.as_view("view"))
bp.add_url_rule("/queue/views/<int:view_id>/delete", view_func=DeleteView.as_view("delete_view"))
