from flask import Blueprint

from .controllers import CompleteTask, ReleaseTask, TaskPage

bp = Blueprint("tasks", __name__)
bp.add_url_rule("/tasks/<int:task_id>", view_func=TaskPage.as_view("show"))
bp.add_url_rule("/tasks/<int:task_id>/complete", view_func=CompleteTask.as_view("complete"))
bp.add_url_rule("/tasks/<int:task_id>/release", view_func=ReleaseTask.as_view("release"))
