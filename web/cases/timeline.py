"""A case's history for people: audit events and completed steps, in order, with who, when and what was decided."""
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import or_, select

import engine
from assistance.core.idnumbers import mask_id, parse_id_number
from assistance.worklist.comments import Attachment
from engine import AuditEvent, HumanTask, forms

ACTIONS = {
    "household.register": "登记家庭", "case.open": "立案", "instance.start": "启动流程",
    "task.claim": "认领", "task.release": "退回任务池", "task.complete": "办结",
    "timer.fire": "定时器到期", "instance.complete": "流程结束",
    # task queue events (web/tasks, engine/transitions.py, engine/deadlines.py)
    "task.reassign": "改派", "task.handover": "休假移交", "task.substitute": "转代理人", "task.delegate": "委托",
    "task.resolve": "交回委托人", "task.escalate": "升级至主管", "task.suspend": "挂起", "task.resume": "恢复",
    "task.overdue": "超过办理期限", "task.exclude": "回避", "comment.add": "备注",
}


@dataclass
class Entry:
    at_dt: datetime
    actor_id: int | None
    label: str
    details: list[tuple[str, str]] = field(default_factory=list)   # (字段, 值) of a submitted form
    files: list = field(default_factory=list)                        # attachments of a comment: (id, name)


def case_timeline(session, case, instances) -> list[Entry]:
    ids = [i.id for i in instances]
    events = list(session.scalars(select(AuditEvent).where(or_(
        AuditEvent.subject.in_([f"case:{case.id}", f"household:{case.household_id}"]),
        AuditEvent.instance_id.in_(ids))).order_by(AuditEvent.id)))
    tasks = {t.id: t for t in session.scalars(select(HumanTask).where(HumanTask.instance_id.in_(ids)))}
    submitted = {e.task_id: (e.after or {}).get("data") or {} for e in events if e.action == "task.complete"}
    by_instance = {i.id: i for i in instances}
    files = comment_files(session, events)
    entries = [_event_entry(e, tasks, by_instance, files) for e in events
               if e.action in ACTIONS and e.action != "task.complete"]
    for instance_id in ids:
        meta = by_instance[instance_id].definition.task_meta
        steps = engine.completed_steps(session, instance_id)   # a step carries its name and its form's answers
        schemas = {s.id: (meta.get(s.element_id) or {}).get("schema") or {} for s in steps}
        # choices drawn from the case (x-options-from): their titles are in the step's own data
        drawn = engine.tasks_data(session, [s for s in steps if "x-options-from" in str(schemas[s.id])])
        for step in steps:
            schema = forms.resolve(schemas[step.id], drawn[step.id]) if step.id in drawn else schemas[step.id]
            entries.append(Entry(step.completed_dt, step.completed_by, f"办结「{step.name}」",
                                 _details(schema, submitted.get(step.id, {}))))
    # the same instant keeps the order things were recorded in (sort is stable)
    return sorted(entries, key=lambda e: e.at_dt)


def _event_entry(event: AuditEvent, tasks: dict, instances: dict, files: dict) -> Entry:
    label = ACTIONS[event.action]
    if event.task_id in tasks:
        label += f"「{tasks[event.task_id].name}」"
    elif event.action == "instance.start" and event.instance_id in instances:
        definition = instances[event.instance_id].definition
        label += f"「{definition.name}」（第 {definition.version} 版）"
    return Entry(event.at_dt, event.actor_id, label, event_details(event),
                 files.get((event.after or {}).get("comment"), []))


def event_details(event: AuditEvent) -> list[tuple[str, str]]:
    """What a person needs beside the label: a comment's text, the reason given for a transition."""
    if event.action == "comment.add":
        body = (event.after or {}).get("body")
        return [("内容", body)] if body else []
    return [("原因", event.reason)] if event.reason else []


def comment_files(session, events) -> dict[int, list[tuple[int, str]]]:
    """comment id -> [(attachment id, file name)] for the comment events among `events`."""
    ids = [(e.after or {}).get("comment") for e in events if e.action == "comment.add"]
    files: dict[int, list] = {}
    for comment_id, attachment_id, name in session.execute(
            select(Attachment.comment_id, Attachment.id, Attachment.filename)
            .where(Attachment.comment_id.in_([i for i in ids if i])).order_by(Attachment.id)):
        files.setdefault(comment_id, []).append((attachment_id, name))
    return files


def _details(schema: dict, data: dict) -> list[tuple[str, str]]:
    """Form answers with the form's Chinese labels; a choice shows its title, not its code."""
    out = []
    for name, prop in (schema.get("properties") or {}).items():
        if name not in data or data[name] in (None, "", []):
            continue
        choices = prop.get("oneOf") or (prop.get("items") or {}).get("oneOf") or []
        titles = {str(c.get("const")): c.get("title") for c in choices if "const" in c}
        value = data[name]
        if isinstance(value, bool):
            text = "是" if value else "否"
        elif isinstance(value, list):
            text = "、".join(titles.get(str(v), str(v)) for v in value)
        else:
            text = titles.get(str(value)) or _mask_if_id(str(value))
        out.append((prop.get("title") or name, text))
    return out


def _mask_if_id(text: str) -> str:
    """A resident ID number typed into a form (受助人身份证号) is shown masked, as everywhere else on the page."""
    if len(text.strip()) != 18:
        return text
    try:
        return mask_id(parse_id_number(text).number)
    except ValueError:
        return text
