"""notes area: 备注与附件."""
from flask import Blueprint

from .controllers import CaseComment, Download, TaskComment

bp = Blueprint("notes", __name__)
bp.add_url_rule("/cases/<int:case_id>/comments", view_func=CaseComment.as_view("case_comment"))
bp.add_url_rule("/tasks/<int:task_id>/comments", view_func=TaskComment.as_view("task_comment"))
bp.add_url_rule("/attachments/<int:attachment_id>", view_func=Download.as_view("download"))
