"""supervise area: the team's tasks, bulk reassignment, workload."""
from flask import Blueprint

from .controllers import BulkReassign, TeamPage
from .workload import WorkloadPage

bp = Blueprint("supervise", __name__)
bp.add_url_rule("/team", view_func=TeamPage.as_view("index"))
bp.add_url_rule("/team/reassign", view_func=BulkReassign.as_view("reassign"))
bp.add_url_rule("/team/workload", view_func=WorkloadPage.as_view("workload"))
