"""Asking for a document, asking again (re-issue) and a batch are each audited: who, what, why."""
from datetime import date

from sqlalchemy import select

from assistance.core.models import User
from documents import DocumentRequest, issue_for_decision, request_roster_batch
from engine import AuditEvent, audit

from .factories import region


def trail(session, action):
    return session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)).all()


def test_request_and_reissue_are_audited(decision_factory, session):
    decision = decision_factory()
    first_clerk, second_clerk = session.scalars(select(User.id).where(User.username.in_(
        ("county_caseworker_wulanhaote", "county_approver_wulanhaote"))).order_by(User.id)).all()
    assert trail(session, "documents.request") == []
    first = issue_for_decision(session, decision, actor_id=first_clerk)
    session.commit()
    again = issue_for_decision(session, decision, actor_id=second_clerk)
    session.commit()
    numbers = session.scalars(select(DocumentRequest.number).where(DocumentRequest.decision_id == decision.id)
                              .order_by(DocumentRequest.id)).all()
    requested, reissued = trail(session, "documents.request"), trail(session, "documents.reissue")
    assert [(e.actor_id, e.after["number"], e.after["for"]) for e in requested] == [
        (first_clerk, numbers[0], f"decision:{decision.id}")]
    assert [(e.actor_id, e.before, e.after["number"]) for e in reissued] == [(second_clerk, {"number": numbers[0]}, numbers[1])]
    assert reissued[0].reason.startswith("重新签发") and numbers[0] in reissued[0].reason
    assert first.id != again.id and audit.check(session) is None


def test_a_batch_is_audited_with_each_of_its_requests(decision_factory, session):
    decision_factory()
    clerk = session.scalar(select(User.id).where(User.username == "county_caseworker_wulanhaote"))
    batch = request_roster_batch(session, region(session, "152201001000"), date(2026, 4, 1), actor_id=clerk)
    session.commit()
    [event] = trail(session, "documents.batch")
    assert (event.actor_id, event.subject, event.after["total"]) == (clerk, f"document_batch:{batch.id}", batch.total)
    assert batch.title in event.reason
    rosters = [e for e in trail(session, "documents.request") if e.after["batch_id"] == batch.id]
    assert len(rosters) == batch.total and {e.actor_id for e in rosters} == {clerk}
