"""休假代理: record an absence with a substitute (for oneself, or a supervisor for a team member), hand the open
tasks over in one action, cancel. New tasks route to the substitute by themselves (assistance/substitution.py)."""
from datetime import date, datetime, time, timedelta

from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import or_, select

from assistance.core import access, substitution
from assistance.core.china_time import CHINA
from assistance.core.models import User
from assistance.core.substitution import Absence, AbsenceInvalid
from engine import Forbidden

from ..controller import Controller
from ..converters import int_arg
from ..database import db


def _day(text: str, days_after=0) -> datetime | None:
    """A date field as the start of that day in Beijing (an inclusive end date: the start of the next day)."""
    try:
        return datetime.combine(date.fromisoformat(text) + timedelta(days=days_after), time(0), CHINA)
    except ValueError:
        return None


class AbsencesPage(Controller):
    def _load(self):
        user_id = int_arg(request.values, "user_id")
        self.subject = db().get(User, user_id) if user_id else self.user
        if self.subject is None:
            abort(404)

    def _check_access(self):
        if not access.can_manage_absence(self.user, self.subject):
            raise Forbidden("只能为本人或本辖区人员登记休假。")

    def _get(self):
        return self._render()

    def _post(self):
        form = request.form
        try:
            substitute = db().get(User, int_arg(form, "substitute_id", 0))
            substitution.record(db(), user=self.subject, substitute=substitute, start_dt=_day(form.get("start", "")),
                                end_dt=_day(form.get("end", ""), 1), note=form.get("note", ""), actor_id=self.user.id)
        except AbsenceInvalid as exc:
            return self._render(errors=exc.errors, status=422)
        flash("已登记休假。休假期间的新任务将转给代理人；已有任务可点击「移交在办任务」一并转交。", "success")
        return redirect(url_for("me.absences", user_id=self.subject.id), 303)

    def _render(self, errors=None, status=200):
        session = db()
        absences = session.scalars(select(Absence).where(or_(Absence.user_id == self.subject.id,
                                                             Absence.created_by == self.user.id))
                                   .order_by(Absence.start_dt.desc())).all()
        team = session.scalars(access.absence_subjects(self.user)).all() if access.can_supervise(self.user) else []
        substitutes = session.scalars(substitution.eligible_substitutes(session, self.subject)).all()
        return render_template("me/absences.html", subject=self.subject, absences=absences, team=team,
                               substitutes=substitutes, errors=errors or {}, form=request.form), status


class _AbsenceAction(Controller):
    def _load(self, absence_id: int):
        self.absence = db().get(Absence, absence_id) or abort(404)

    def _check_access(self):
        if not access.can_manage_absence(self.user, self.absence.user):
            abort(404)


class HandOver(_AbsenceAction):
    """移交在办任务: every task the absent person holds goes to the substitute, each audited; the page lists them."""

    def _post(self):
        results = substitution.hand_over(db(), self.absence, self.user.id)
        return render_template("queue/results.html", title="移交在办任务结果", results=results,
                               back=url_for("me.absences", user_id=self.absence.user_id))


class CancelAbsence(_AbsenceAction):
    def _post(self):
        substitution.cancel(db(), self.absence, self.user.id)
        flash("已撤销该休假登记。", "success")
        return redirect(url_for("me.absences", user_id=self.absence.user_id), 303)
