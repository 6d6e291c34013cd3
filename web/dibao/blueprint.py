from flask import Blueprint

from .controllers import ExtendDeadline, RecordObjection

bp = Blueprint("dibao", __name__)
bp.add_url_rule("/cases/<int:case_id>/objections", view_func=RecordObjection.as_view("object"))
bp.add_url_rule("/cases/<int:case_id>/extension", view_func=ExtendDeadline.as_view("extend"))
