"""The filters shared by 我的任务 and 团队任务: process, step, region, due state, priority, applicant search — read
from the query string (so every filtered list is a link someone can share) and turned into WHERE clauses."""
from dataclasses import dataclass, fields

from sqlalchemy import func, select

from assistance.core.applicant_search import tasks_of_people
from assistance.core.models import Region
from assistance.core.regions import subtree_filter
from assistance.worklist import sla
from engine import HumanTask, ProcessDefinition, ProcessInstance

from ..converters import MAX_PAGE, int_arg, to_int

# overdue first, then the soonest due, then the highest priority; tasks without a deadline last. NULLS LAST is
# PostgreSQL's own order for ASC, so its queue index serves this sort directly.
URGENCY = (HumanTask.due_dt.asc().nulls_last(), HumanTask.priority.desc(), HumanTask.id)
DUE_CHOICES = [(state.value, label) for state, label in sla.LABELS.items()]


@dataclass
class QueueFilter:
    tab: str = ""
    process: str = ""       # process key
    step: str = ""          # BPMN element id of the user task
    region: str = ""        # id of a region: cases located in its subtree
    due: str = ""           # a DueState value
    priority: str = ""      # at least this priority
    q: str = ""             # applicant's full name or full ID number
    page: int = 1

    @classmethod
    def from_args(cls, args, tabs, default_tab) -> "QueueFilter":
        values = {f.name: (args.get(f.name) or "").strip()[:40] for f in fields(cls) if f.name != "page"}
        if values["tab"] not in tabs:
            values["tab"] = default_tab
        return cls(**values, page=int_arg(args, "page", 1, low=1, high=MAX_PAGE))

    def params(self, **changes) -> dict:
        """The query-string arguments of this list (for links, saved views, paging), empty ones left out."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values.update(changes)
        return {k: v for k, v in values.items() if v not in ("", None) and not (k == "page" and v == 1)}

    @property
    def is_filtered(self) -> bool:
        return any((self.process, self.step, self.region, self.due, self.priority, self.q))

    def where(self, session, now, soon) -> list:
        clauses = []
        if self.process:
            clauses.append(HumanTask.process_key == self.process)
        if self.step:
            clauses.append(HumanTask.element_id == self.step)
        if self.due:
            clauses.append(sla.due_filter(self.due, now, soon))
        if (priority := to_int(self.priority)) is not None:   # a filter that is no number is ignored
            clauses.append(HumanTask.priority >= priority)
        if self.q:
            clauses.append(tasks_of_people(self.q))
        region = session.get(Region, region_id) if (region_id := to_int(self.region)) is not None else None
        if region is not None:
            clauses.append(HumanTask.instance_id.in_(
                select(ProcessInstance.id).where(subtree_filter(ProcessInstance.region_id, region))))
        return clauses


def choices(session, user_region: Region) -> dict:
    """Options of the filter drop-downs: deployed processes and their steps, and the regions below the user's."""
    processes, steps = {}, {}
    latest = select(ProcessDefinition.process_key, func.max(ProcessDefinition.version).label("version")) \
        .group_by(ProcessDefinition.process_key).subquery()
    for key, name, meta in session.execute(
            select(ProcessDefinition.process_key, ProcessDefinition.name, ProcessDefinition.task_meta)
            .join(latest, (latest.c.process_key == ProcessDefinition.process_key)
                  & (latest.c.version == ProcessDefinition.version))):
        processes[key] = name
        for element_id, task in (meta or {}).items():
            steps[element_id] = f"{name} · {task.get('name') or element_id}"
    regions = session.scalars(select(Region).where(subtree_filter(Region.id, user_region), Region.id != user_region.id)
                              .order_by(Region.path)).all()
    return {"processes": sorted(processes.items(), key=lambda kv: kv[1]), "steps": sorted(steps.items(),
            key=lambda kv: kv[1]), "regions": regions, "due": DUE_CHOICES}
