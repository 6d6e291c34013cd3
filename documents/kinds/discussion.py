"""Facts of the 一事一议会议纪要, from the Discussion row and its opinions (assistance.steps.discussion.models)."""
from assistance.core.models import User
from assistance.programmes.decision_facts import reason_lines
from assistance.steps.discussion import departments
from assistance.steps.discussion.models import RECOMMENDATION_LABELS, Discussion, DiscussionOutcome, OpinionStatus

from ..offices import county_of

OUTCOME_LABELS = {DiscussionOutcome.APPROVE: "同意救助", DiscussionOutcome.REFUSE: "不予救助"}


def discussion_id_of(request) -> int:
    """Minutes requests carry their discussion in the subject, 'discussion:12'."""
    return int(request.subject.split(":", 1)[1])


def minutes_context(session, request) -> dict:
    discussion = session.get(Discussion, discussion_id_of(request))
    county = county_of(discussion.case.region).name
    chair = session.get(User, discussion.decided_by) if discussion.decided_by else None
    opinions = [{"department": departments.office_of(o.department, county),
                 "submitted": o.status == OpinionStatus.SUBMITTED,
                 "status": "已反馈" if o.status == OpinionStatus.SUBMITTED else "逾期未反馈",
                 "recommendation": RECOMMENDATION_LABELS.get(o.recommendation, "") if o.recommendation else "",
                 "amount": o.amount, "opinion": o.opinion or "", "measures": o.measures or ""}
                for o in discussion.opinions]
    return {
        "subject": discussion.subject, "case_number": discussion.case.number, "reason": discussion.reason,
        "proposed_amount": discussion.proposed_amount, "convened_dt": discussion.convened_dt,
        "deadline_dt": discussion.deadline_dt, "opinions": opinions,
        "participants": [o["department"] for o in opinions],
        "outcome": OUTCOME_LABELS.get(discussion.outcome, "尚未决定") if discussion.outcome else "尚未决定",
        "approved": discussion.outcome == DiscussionOutcome.APPROVE, "amount": discussion.amount,
        "measures": discussion.measures or "", "reasons": reason_lines(discussion.reasons),
        "paying": [departments.office_of(c, county) for c in discussion.paying_departments or []],
        "minutes": [line for line in (discussion.minutes or "").splitlines() if line.strip()],
        "chair": chair.display_name if chair else "", "issued_date": discussion.decided_dt or request.requested_dt,
    }
