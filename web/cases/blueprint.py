from flask import Blueprint

from .controllers import CasePage, ProgrammeSection
from .listing import CaseList
from .registration import NewCase

bp = Blueprint("cases", __name__)
bp.add_url_rule("/cases", view_func=CaseList.as_view("index"))
bp.add_url_rule("/cases/new", view_func=NewCase.as_view("new"))
bp.add_url_rule("/cases/<int:case_id>", view_func=CasePage.as_view("show"))
bp.add_url_rule("/cases/<int:case_id>/<programme>", view_func=ProgrammeSection.as_view("section"))   # its key
