"""Finding tasks by the people of a case: a full name or a full ID number, never a fragment — a partial ID number
would let anyone enumerate households — while lists only ever show the number masked."""
from sqlalchemy import String, cast, select

from assistance.core.idnumbers import is_valid_id_number, parse_id_number
from assistance.core.models import Case, Member
from engine import HumanTask, ProcessInstance


def tasks_of_people(text: str):
    """WHERE clause on HumanTask: tasks of the cases whose household has a member with exactly this name or ID
    number (a household is found by any of its members, e.g. the spouse's ID card at the counter)."""
    text = (text or "").strip()
    match = Member.id_number == parse_id_number(text).number if is_valid_id_number(text) else Member.name == text
    case_keys = select(cast(Case.id, String)).join(Member, Member.household_id == Case.household_id).where(match)
    return HumanTask.instance_id.in_(select(ProcessInstance.id).where(ProcessInstance.business_key.in_(case_keys)))
