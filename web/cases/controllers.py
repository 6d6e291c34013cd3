"""The case page and its programme section."""
from flask import abort, render_template
from sqlalchemy import select

from assistance.core import access
from assistance.core.models import Case, User
from assistance.programmes import registry
from engine import HumanTask, ProcessInstance

from ..controller import CaseController
from ..database import db
from .timeline import case_timeline


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
