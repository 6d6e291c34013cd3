"""Script functions of public_notice.bpmn: thin wrappers over assistance.steps.public_notice.notice that take plain
ids and return JSON-safe dicts for the task data."""
from assistance.core.models import Case
from assistance.steps.public_notice import notice as public_notice
from engine import scripts


def _case(case_id) -> Case:
    return scripts.current_session().get(Case, int(case_id))


def open_public_notice(case_id) -> dict:
    notice = public_notice.open_public_notice(scripts.current_session(), _case(case_id))
    return {"round": notice.round, "days": (notice.closes_dt - notice.opened_dt).days,
            "closes": notice.closes_dt.isoformat()}


def close_public_notice(case_id, outcome) -> dict:
    notice = public_notice.close_public_notice(scripts.current_session(), _case(case_id), outcome)
    return {"round": notice.round, "outcome": notice.outcome}


FUNCTIONS = {"open_public_notice": open_public_notice, "close_public_notice": close_public_notice}
