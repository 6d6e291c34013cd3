"""案件 list: the cases of the user's region."""
from flask import render_template, request

from assistance.core import access
from assistance.core.models import Case

from ..controller import Controller
from ..converters import MAX_PAGE, int_arg
from ..database import db

PAGE_SIZE = 50


class CaseList(Controller):
    """案件: the cases of the user's region, newest first."""

    def _get(self):
        page = int_arg(request.args, "page", 1, low=1, high=MAX_PAGE)
        stmt = (access.visible_cases(self.user).order_by(Case.created_dt.desc(), Case.id.desc())
                .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE + 1))
        cases = list(db().scalars(stmt))
        return render_template("cases/index.html", cases=cases[:PAGE_SIZE], page=page,
                               has_next=len(cases) > PAGE_SIZE)
