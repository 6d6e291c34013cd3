"""Who may act on a 低保 case from its page: record an objection to its public notice, extend its time limit."""
from assistance.core.access import can_view_case
from assistance.core.models import Case

OBJECTION_RECORDERS = ("village_assistant", "township_caseworker", "township_leader", "county_caseworker",
                       "supervisor")
DEADLINE_EXTENDERS = ("county_approver", "supervisor")


def can_record_objection(user, case: Case) -> bool:
    """Anyone on the case's ground may take down an objection to its public notice (公示异议)."""
    return user.role in OBJECTION_RECORDERS and can_view_case(user, case)


def can_extend_deadline(user, case: Case) -> bool:
    """Extension to 45 working days is the deciding office's call: the county approver or a supervisor."""
    return user.role in DEADLINE_EXTENDERS and can_view_case(user, case)
