"""急难登记: intake where the emergency happened (the case-page section is assistance.programmes.temporary.case_page)."""
from flask import flash, redirect, render_template, request, url_for

from assistance.core import access
from assistance.core.households import RELATIONS, HouseholdInvalid
from assistance.programmes.temporary import access as temporary_access
from assistance.programmes.temporary.intake import TemporaryRefused, start_temporary
from assistance.programmes.temporary.models import HARDSHIP_LABELS, KIND_LABELS, TemporaryKind
from engine import EngineError, Forbidden

from ..controller import Controller
from ..database import db
from .forms import TemporaryForm


class NewTemporary(Controller):
    """急难登记: anyone on duty registers the emergency in the village where it happened, then pays first."""

    def _check_access(self):
        if not temporary_access.can_start_temporary(self.user):
            raise Forbidden("只有村协理员、乡镇经办人和乡镇审核人可以登记临时救助。")

    def _get(self):
        return self._render(TemporaryForm.blank())

    def _post(self):
        form = TemporaryForm.from_request(request.form)
        villages = {str(v.id): v for v in self._villages()}
        incident_dt = form.incident_at()
        if form.village_id not in villages:
            form.errors["village_id"] = "请选择您辖区内急难发生地所在的村（嘎查、社区）"
        if form.errors:
            return self._render(form, 422)
        try:
            case = start_temporary(
                db(), actor_id=self.user.id, incident_village_id=villages[form.village_id].id, kind=form.kind,
                hardship=form.hardship, reason=form.reason, incident_dt=incident_dt,
                incident_address=form.address, hukou_place=form.hukou_place, is_non_resident=form.is_non_resident,
                is_major=form.is_major, is_urban=form.is_urban == "1", members=form.members())
        except HouseholdInvalid as exc:
            db().rollback()
            form.take_errors(exc.errors)
            return self._render(form, 422)
        except TemporaryRefused as exc:
            db().rollback()
            form.errors["_form"] = exc.message
            return self._render(form, 422, earlier_case=exc.earlier_case)
        except EngineError as exc:
            db().rollback()
            form.errors["_form"] = exc.message
            return self._render(form, 422)
        next_step = "请立即办理先行救助" if form.kind == TemporaryKind.EMERGENCY else "请按程序调查审核"
        flash(f"已登记，案件编号 {case.number}，{next_step}。", "success")
        return redirect(url_for("cases.show", case_id=case.id), 303)

    def _villages(self):
        return list(db().scalars(access.startable_villages(self.user)))

    def _render(self, form, status=200, earlier_case=None):
        return render_template("temporary/new.html", form=form, villages=self._villages(), relations=RELATIONS,
                               kinds=KIND_LABELS, hardships=HARDSHIP_LABELS, earlier_case=earlier_case), status
