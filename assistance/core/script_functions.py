"""The shared functions BPMN script tasks and expressions may call (parameters, working days, today); each step's and
programme's own are in its folder. All are registered at start-up by assistance.register_all()."""
from datetime import date, datetime

from assistance.core import china_time
from assistance.core.idnumbers import mask_id
from assistance.core.params import get_param
from engine import scripts, workdays


def param(key: str, region_id: int | None = None, on: str | None = None):
    """param('public_notice_days', region_id): the policy parameter for the case region, today or on an ISO date."""
    return get_param(scripts.current_session(), key, region_id, as_date(on) if on else None)


def add_working_days(start: str, n: int) -> str:
    """add_working_days('2026-03-02', 10) -> '2026-03-16': n working days (holidays and 调休 observed) after start."""
    return workdays.add_working_days(scripts.current_session(), as_date(start), int(n)).isoformat()


def today() -> str:
    """Today's date in Beijing as an ISO string (the engine clock, so tests can move it)."""
    return china_time.today().isoformat()


def as_date(value) -> date:
    """A date from task data: a date, an ISO date, or an ISO date-time (its Beijing date)."""
    if isinstance(value, datetime):
        return value.astimezone(china_time.CHINA).date()
    if isinstance(value, date):
        return value
    text = str(value)
    if "T" not in text:
        return date.fromisoformat(text)
    moment = datetime.fromisoformat(text)
    return moment.date() if moment.tzinfo is None else moment.astimezone(china_time.CHINA).date()


FUNCTIONS = {"param": param, "add_working_days": add_working_days, "today": today, "mask_id": mask_id}
