"""Numbers per office and year, re-issue supersedes, rows are immutable, rosters and batches with progress."""
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import select

from assistance.core.models import DecisionOutcome
from assistance.steps.public_notice import notice as public_notice
from documents import (
    Document,
    DocumentRequest,
    RequestStatus,
    issue_for_decision,
    request_month_decisions_batch,
    request_roster_batch,
)
from documents.kinds.roster import roster_rows

from .factories import region
from .pdf_tools import pdftotext

CST = timezone(timedelta(hours=8))


def _documents(session, **where):
    stmt = select(Document).order_by(Document.id)
    for key, value in where.items():
        stmt = stmt.where(getattr(Document, key) == value)
    return list(session.scalars(stmt))


def test_numbers_run_per_office_and_the_township_numbers_its_public_notice(decision_factory, session, run_worker):
    first, second = decision_factory(), decision_factory(serial_base=10)
    other_county = decision_factory(village_code="152221100201", office_code="152221", serial_base=20)
    for decision in (first, second, other_county):
        issue_for_decision(session, decision)
    public_notice.open_public_notice(session, first.case)   # the 公示 round's sheet is issued as it opens
    session.commit()
    assert run_worker() == 4
    numbers = [d.number for d in _documents(session)]
    assert numbers == ["乌民救〔2026〕1号", "乌民救〔2026〕2号", "科民救〔2026〕1号", "都林救〔2026〕1号"]
    notice = _documents(session, kind="public_notice")[0]
    assert notice.signer == "都林街道办事处；乌兰浩特市民政局"


def test_reissue_makes_a_new_number_and_supersedes_the_old_document(decision_factory, session, run_worker):
    decision = decision_factory()
    issue_for_decision(session, decision)
    session.commit()
    run_worker()
    issue_for_decision(session, decision)
    session.commit()
    run_worker()
    session.expire_all()
    old, new = _documents(session, decision_id=decision.id)
    assert (old.number, new.number) == ("乌民救〔2026〕1号", "乌民救〔2026〕2号")
    assert old.superseded_by_id == new.id and new.superseded_by_id is None
    assert old.token != new.token and old.sha256 != new.sha256


def test_a_late_finishing_older_request_is_born_superseded(decision_factory, session, session_factory):
    from documents.generation import generate
    from engine import Job
    decision = decision_factory()
    older = issue_for_decision(session, decision)
    newer = issue_for_decision(session, decision)
    session.commit()
    with session_factory() as s:
        generate(s, s.get(Job, newer.id))
        generate(s, s.get(Job, older.id))
        s.commit()
    first, second = _documents(session, decision_id=decision.id)   # the newer request's document came first
    assert first.number.endswith("2号") and first.superseded_by_id is None
    assert second.number.endswith("1号") and second.superseded_by_id == first.id


def test_issued_documents_are_immutable(decision_factory, session, run_worker):
    issue_for_decision(session, decision_factory())
    session.commit()
    run_worker()
    document = _documents(session)[0]
    document.title = "改过的标题"
    with pytest.raises(ValueError, match="已签发，内容不可更改"):
        session.flush()
    session.rollback()


def test_roster_lists_each_open_cases_latest_approval_in_effect(decision_factory, session):
    approved = decision_factory(amount="500.00")
    decision_factory(outcome=DecisionOutcome.REFUSED, serial_base=10, reasons="收入超标")
    later = decision_factory(serial_base=20, amount="600.00", decided=datetime(2026, 5, 3, 10, tzinfo=CST))
    village = approved.case.region
    rows = roster_rows(session, village.id, date(2026, 4, 1))
    assert [(r["name"], r["household_size"], str(r["amount"])) for r in rows] == [("王堃", 3, "500.00")]
    assert len(roster_rows(session, village.id, date(2026, 6, 1))) == 2
    assert later.effective_month == date(2026, 6, 1)


def test_roster_batch_for_a_township_shows_progress_and_masks_ids(decision_factory, session, run_worker, tmp_path):
    decision = decision_factory()
    batch = request_roster_batch(session, region(session, "152201001000"), date(2026, 4, 1), actor_id=None)
    session.commit()
    requests = session.scalars(select(DocumentRequest).where(DocumentRequest.batch_id == batch.id)).all()
    assert batch.total == 2 == len(requests) and {r.status for r in requests} == {RequestStatus.PENDING}
    assert run_worker() == 2
    rosters = _documents(session, kind="village_roster")
    text = pdftotext(rosters[0].content, tmp_path)
    assert "和平社区2026年4月最低生活保障对象予以公布" in text and "王堃" in text
    assert "1522**********" in text and decision.members[0]["id_number"] not in text
    assert "合计1户" in text and "1234.50" in text


def test_month_batch_issues_only_decisions_without_documents(decision_factory, session, run_worker):
    done = decision_factory()
    issue_for_decision(session, done)
    waiting = decision_factory(serial_base=10)
    decision_factory(serial_base=20, decided=datetime(2026, 4, 2, 10, tzinfo=CST))   # another month
    batch = request_month_decisions_batch(session, region(session, "152201"), date(2026, 3, 1), actor_id=None)
    session.commit()
    assert batch.total == 1
    run_worker()
    assert [d.decision_id for d in _documents(session)] == [done.id, waiting.id]
