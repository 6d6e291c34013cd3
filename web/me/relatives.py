"""近亲属备案: a staff member lists close relatives; from then on they are excluded (回避) from those households' tasks."""
from flask import flash, redirect, render_template, request, url_for

from assistance.core import kinship

from ..controller import Controller
from ..database import db


class RelativesPage(Controller):
    def _get(self):
        return self._render()

    def _post(self):
        form = request.form
        try:
            kinship.declare(db(), user_id=self.user.id, id_number=form.get("id_number", ""), name=form.get("name", ""),
                            relation=form.get("relation", ""), actor_id=self.user.id)
        except ValueError as exc:
            return self._render(error=str(exc), status=422)
        flash("已备案。今后涉及该亲属家庭的任务，您将自动回避。", "success")
        return redirect(url_for("me.relatives"), 303)

    def _render(self, error=None, status=200):
        return render_template("me/relatives.html", relatives=kinship.relatives_of(db(), self.user.id),
                               relations=kinship.RELATIONS, error=error, form=request.form), status
