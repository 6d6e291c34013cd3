from flask import Blueprint

from .controllers import CaseList, CasePage, NewCase

bp = Blueprint("cases", __name__)
bp.add_url_rule("/cases", view_func=CaseList.as_view("index"))
bp.add_url_rule("/cases/new", view_func=NewCase.as_view("new"))
bp.add_url_rule("/cases/<int:case_id>", view_func=CasePage.as_view("show"))
