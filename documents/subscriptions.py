"""What documents does when the domain records something: every decision leaves as its signed document, every
一事一议 decision as its minutes — queued in the same transaction. The domain only emits the events."""
from engine import events

from .issuing import issue_discussion_minutes, issue_for_decision


def install() -> None:
    """Subscribe to the domain's events; subscribing again is a no-op (every create_app() calls this)."""
    events.subscribe("decision.recorded", _issue_decision_document)
    events.subscribe("discussion.decided", _issue_discussion_minutes)


def _issue_decision_document(session, decision) -> None:
    issue_for_decision(session, decision, actor_id=decision.decided_by)


def _issue_discussion_minutes(session, discussion) -> None:
    issue_discussion_minutes(session, discussion, actor_id=discussion.decided_by)
