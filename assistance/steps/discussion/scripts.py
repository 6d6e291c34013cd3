"""Script functions of one_case_one_discussion.bpmn: thin wrappers over assistance.steps.discussion.meeting that take plain ids
and return JSON-safe values for the task data. Who acted is read from the human task just completed, so the forms
never carry user ids."""
import engine
from assistance.core.models import Case
from assistance.steps.discussion import departments
from assistance.steps.discussion import meeting as discussion
from assistance.steps.discussion.models import Discussion
from engine import EngineError, events, scripts

CONVENE, OPINION, DECIDE = "Task_discussion_convene", "Task_discussion_opinion", "Task_discussion_decide"


def _discussion(discussion_id) -> Discussion:
    row = scripts.current_session().get(Discussion, int(discussion_id))
    if row is None:
        raise EngineError("一事一议记录不存在。")
    return row


def _completer(element_id: str, group: str | None = None) -> int | None:
    return engine.completed_by(scripts.current_session(), scripts.current_instance().id, element_id, group)


def discussion_department_options() -> list[dict]:
    """The member units a convener can choose from, as checkbox choices."""
    return departments.options()


def open_discussion(case_id, subject, reason, proposed_amount, department_codes, working_days) -> dict:
    session = scripts.current_session()
    case = session.get(Case, int(case_id))
    if case is None:
        raise EngineError("案件不存在，不能召集一事一议。")
    row = discussion.convene(session, case, instance_id=scripts.current_instance().id, subject=subject,
                             reason=reason, proposed_amount=proposed_amount, department_codes=list(department_codes),
                             working_days=working_days, actor_id=_completer(CONVENE))
    return {"id": row.id, "departments": list(row.departments), "deadline": row.deadline_dt.isoformat()}


def record_discussion_opinion(discussion_id, department, recommendation, opinion, amount=None, measures=None) -> dict:
    row = discussion.record_opinion(scripts.current_session(), _discussion(discussion_id), department,
                                    recommendation=recommendation, opinion=opinion, amount=amount, measures=measures,
                                    actor_id=_completer(OPINION, department))
    return {"department": row.department, "status": str(row.status)}


def mark_discussion_overdue(discussion_id, department) -> dict:
    row = discussion.mark_overdue(scripts.current_session(), _discussion(discussion_id), department)
    return {"department": row.department, "status": str(row.status)}


def discussion_summary(discussion_id) -> dict:
    """For the chair's task: every unit's answer, the participants as paying-department choices, the minutes draft."""
    row = _discussion(discussion_id)
    return {"opinions": discussion.opinion_lines(row), "participant_options": departments.options(row.departments),
            "minutes_draft": discussion.minutes_draft(row)}


def record_discussion_decision(discussion_id, outcome, amount, measures, paying, minutes, reasons=None) -> dict:
    """The collective decision; `discussion.decided` then asks for its 会议纪要 (documents subscribes to it)."""
    session, actor_id = scripts.current_session(), _completer(DECIDE)
    row = discussion.decide(session, _discussion(discussion_id), outcome=outcome, amount=amount, measures=measures,
                            paying_departments=list(paying or ()), minutes=minutes, reasons=reasons,
                            actor_id=actor_id)
    events.emit("discussion.decided", session, discussion=row)
    return {"outcome": str(row.outcome), "amount": row.amount, "measures": row.measures or "",
            "paying_departments": list(row.paying_departments), "reasons": row.reasons or ""}


# --- what the process's script tasks assign: task-data names, so each script is one `locals().update(...)` line ----

def discussion_opened(case_id, subject, reason, proposed_amount, department_codes, working_days) -> dict:
    """发出意见征询: the discussion, its units and deadline, and empty opinion fields for every unit's form."""
    opened = open_discussion(case_id, subject, reason, proposed_amount, department_codes, working_days)
    return {"discussion_id": opened["id"], "discussion_departments": opened["departments"],
            "discussion_deadline": opened["deadline"], "discussion_opinion_amount": None,
            "discussion_opinion_measures": ""}


def discussion_summarised(discussion_id) -> dict:
    """汇总各单位意见: the chair's form, cleared of what the branch that finished last left behind (one unit's
    values, which do not describe the discussion)."""
    summary = discussion_summary(discussion_id)
    return {"discussion_opinions": summary["opinions"], "discussion_paying_choices": summary["participant_options"],
            "discussion_minutes": summary["minutes_draft"], "discussion_department": None,
            "discussion_opinion_recommendation": None, "discussion_opinion_text": None,
            "discussion_opinion_amount": None, "discussion_opinion_measures": None,
            "discussion_decision_amount": None, "discussion_decision_measures": "",
            "discussion_decision_paying": [], "discussion_refusal_reasons": ""}


def discussion_decided(discussion_id, outcome, amount, measures, paying, minutes, reasons=None) -> dict:
    """记录决定并签发纪要: the collective decision as the calling process reads it."""
    decided = record_discussion_decision(discussion_id, outcome, amount, measures, paying, minutes, reasons)
    return {"discussion_outcome": decided["outcome"], "discussion_amount": decided["amount"],
            "discussion_measures": decided["measures"],
            "discussion_paying_departments": decided["paying_departments"], "discussion_reasons": decided["reasons"]}


FUNCTIONS = {"discussion_opened": discussion_opened, "discussion_summarised": discussion_summarised,
             "discussion_decided": discussion_decided,
             "discussion_department_options": discussion_department_options, "open_discussion": open_discussion,
             "record_discussion_opinion": record_discussion_opinion, "mark_discussion_overdue": mark_discussion_overdue,
             "discussion_summary": discussion_summary, "record_discussion_decision": record_discussion_decision}
