"""me area: 休假代理 and 近亲属备案."""
from flask import Blueprint

from .absences import AbsencesPage, CancelAbsence, HandOver
from .relatives import RelativesPage

bp = Blueprint("me", __name__)
bp.add_url_rule("/me/absences", view_func=AbsencesPage.as_view("absences"))
bp.add_url_rule("/me/absences/<int:absence_id>/handover", view_func=HandOver.as_view("handover"))
bp.add_url_rule("/me/absences/<int:absence_id>/cancel", view_func=CancelAbsence.as_view("cancel"))
bp.add_url_rule("/me/relatives", view_func=RelativesPage.as_view("relatives"))
