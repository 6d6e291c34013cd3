"""What documents does when the domain records something: every decision leaves as its signed document, every
一事一议 decision as its minutes, every 公示 round of a programme that has a notice sheet as that sheet — queued in
the same transaction. The domain only emits the events."""
from assistance.programmes import registry
from engine import events

from .issuing import issue_discussion_minutes, issue_for_decision, issue_public_notice

NOTICE_KIND = "public_notice"


def install() -> None:
    """Subscribe to the domain's events; subscribing again is a no-op (every create_app() calls this)."""
    events.subscribe("decision.recorded", _issue_decision_document)
    events.subscribe("discussion.decided", _issue_discussion_minutes)
    events.subscribe("notice.opened", _issue_notice_sheet)


def _issue_decision_document(session, decision) -> None:
    issue_for_decision(session, decision, actor_id=decision.decided_by)


def _issue_discussion_minutes(session, discussion) -> None:
    issue_discussion_minutes(session, discussion, actor_id=discussion.decided_by)


def _issue_notice_sheet(session, case, notice) -> None:
    # The shared 公示 step serves programmes without a sheet of their own (临时救助 支出型): those post none.
    if any(kind.code == NOTICE_KIND for kind in registry.for_process(case.programme).document_kinds):
        issue_public_notice(session, notice)
