"""The 公示 sheet through the real 低保 process (S2 art. 19): requested the moment the first review's notice opens, with
the period its timer keeps and the amount the first review proposes — while no decision exists yet."""
from decimal import Decimal

from sqlalchemy import func, select

from assistance.core.models import Decision
from assistance.programmes.dibao import document_facts
from assistance.steps.public_notice.models import PublicNotice
from documents import DocumentRequest
from tests.workflows.steps import FIRST_AGREE, MATCH_OK
from tests.workflows.test_dibao__approval import LEAD, through_first_review
from tests.workflows.test_dibao__refusals import to_matching


def test_the_notice_sheet_is_requested_when_the_notice_opens_with_the_timers_period(application, session_factory,
                                                                                      clock):
    walk = application()
    through_first_review(walk, clock)
    with session_factory() as s:
        notice = s.scalar(select(PublicNotice).where(PublicNotice.case_id == walk.case_id))
        (request,) = s.scalars(select(DocumentRequest).where(DocumentRequest.case_id == walk.case_id)).all()
        assert (request.kind, request.decision_id, request.subject) == ("public_notice", None,
                                                                       f"public_notice:{notice.id}")
        assert s.scalar(select(func.count()).select_from(Decision).where(Decision.case_id == walk.case_id)) == 0
        assert walk.instance(s).next_timer_dt == notice.closes_dt       # the sheet's end is the timer's
        facts = document_facts.notice_context(s, request)
    assert (facts["notice_days"], facts["notice_from"], facts["notice_to"]) == (7, "2026年3月2日9时", "2026年3月9日9时")
    assert facts["amount"] == Decimal("1490.00") and facts["applicant"]["name"] == "赵建国"


def test_no_sheet_before_the_first_review_agrees(application, session_factory, clock):
    walk = application()
    to_matching(walk)
    walk.do("Task_matching", "county_caseworker_wulanhaote", **MATCH_OK)
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(DocumentRequest)) == 0
    walk.do("Task_first_review", LEAD, **FIRST_AGREE)
    with session_factory() as s:
        assert s.scalar(select(DocumentRequest.kind)) == "public_notice"
