"""新建案件: registering a household and starting its application."""
from flask import flash, redirect, render_template, request, url_for

from assistance.core import access
from assistance.core.applications import start_application
from assistance.core.households import RELATIONS, HouseholdInvalid, register_household
from assistance.programmes import registry

from ..controller import CaseStarterController
from ..database import db
from .forms import HouseholdForm


class NewCase(CaseStarterController):
    """新建案件: register the household, open its case and start the application process, in one transaction."""

    def _get(self):
        return self._render(HouseholdForm())

    def _post(self):
        form = HouseholdForm.from_request(request.form)
        villages = {str(v.id): v for v in self._villages()}
        if form.programme not in registry.offered_processes():
            form.errors["_form"] = "请选择办理事项。"
            return self._render(form, 422)
        if form.village_id not in villages:
            form.errors["village_id"] = "请选择您辖区内的村（嘎查、社区）"
            return self._render(form, 422)
        village = villages[form.village_id]
        try:
            household = register_household(db(), region_id=village.id, address=form.address,
                                           is_urban=form.is_urban == "1", members=form.members(),
                                           actor_id=self.user.id)
        except HouseholdInvalid as exc:
            form.take_errors(exc.errors)
            return self._render(form, 422)
        case = start_application(db(), household, form.programme, actor_id=self.user.id)
        flash(f"已登记，案件编号 {case.number}。", "success")
        return redirect(url_for("cases.show", case_id=case.id), 303)

    def _villages(self):
        return list(db().scalars(access.startable_villages(self.user)))

    def _render(self, form, status=200):
        return render_template("cases/new.html", form=form, villages=self._villages(), relations=RELATIONS,
                               programmes=registry.offered_processes()), status
