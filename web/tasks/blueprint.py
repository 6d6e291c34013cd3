"""tasks area: the task page, its form, and its transitions."""
from flask import Blueprint

from .controllers import CompleteTask, ReleaseTask, SaveDraft, TaskPage
from .transitions import TransitionAction

bp = Blueprint("tasks", __name__)
bp.add_url_rule("/tasks/<int:task_id>", view_func=TaskPage.as_view("show"))
bp.add_url_rule("/tasks/<int:task_id>/complete", view_func=CompleteTask.as_view("complete"))
bp.add_url_rule("/tasks/<int:task_id>/draft", view_func=SaveDraft.as_view("draft"))
bp.add_url_rule("/tasks/<int:task_id>/release", view_func=ReleaseTask.as_view("release"))
for action in ("delegate", "resolve", "escalate", "reassign", "suspend", "resume"):
    bp.add_url_rule(f"/tasks/<int:task_id>/{action}", view_func=TransitionAction.as_view(action, action))
