from flask import abort, flash, redirect, render_template, request, url_for
from sqlalchemy import select

from assistance.core import access
from assistance.core.applications import start_application
from assistance.core.households import RELATIONS, HouseholdInvalid, register_household
from assistance.core.models import Case, User
from assistance.programmes import registry
from engine import HumanTask, ProcessInstance

from ..controller import CaseController, CaseStarterController, Controller
from ..converters import MAX_PAGE, int_arg
from ..database import db
from .forms import HouseholdForm
from .timeline import case_timeline

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


class CasePage(CaseController):
    """The whole case file on one page: household, episodes, open tasks, and what happened when."""

    def _get(self):
        session = db()
        instances = list(session.scalars(select(ProcessInstance).where(
            ProcessInstance.business_key == str(self.case.id)).order_by(ProcessInstance.started_dt)))
        open_tasks = list(session.scalars(select(HumanTask).where(
            HumanTask.instance_id.in_([i.id for i in instances]),
            HumanTask.state.in_(access.OPEN)).order_by(HumanTask.due_dt)))   # in progress and suspended too
        timeline = case_timeline(session, self.case, instances)
        user_ids = {t.assignee_id for t in open_tasks} | {e.actor_id for e in timeline}
        users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(user_ids - {None})))}
        return render_template("cases/show.html", case=self.case, instances=instances, open_tasks=open_tasks,
                               timeline=timeline, users=users, section=section_of(self.case))


class ProgrammeSection(CaseController):
    """/cases/<id>/<programme key>: the case's programme section (loaded by htmx); 404 for another programme's key."""

    def _load(self, case_id: int, programme: str):
        super()._load(case_id)
        self.programme = section_of(self.case)
        if self.programme is None or self.programme.key != programme:
            abort(404)

    def _get(self):
        section = self.programme.section
        return render_template(section.template, **section.context(db(), self.case, self.user))


def section_of(case: Case) -> registry.Programme | None:
    """The programme whose section the case page shows for this case: its process's, unless it keeps none."""
    programme = registry.for_process(case.programme)
    return programme if programme.section and programme.processes[case.programme].has_section else None
