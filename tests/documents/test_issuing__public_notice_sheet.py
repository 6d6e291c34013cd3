"""The 公示 sheet (S2 art. 19) is issued when a round opens, before any decision, with the round's real period from
the public_notice_days parameter — not a hard-coded 7 days printed as start..start+6 while the timer runs to start+7."""
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from assistance.core.models import Decision
from assistance.core.params import set_param
from assistance.steps.public_notice import notice as public_notice
from documents import Document, DocumentRequest

from .factories import make_case, region
from .pdf_tools import pdftotext


@pytest.mark.parametrize("days, period", [
    pytest.param(None, "公示期为7天，自2026年3月2日9时至2026年3月9日9时", id="default 7 days: closes on day 8 at 9:00"),
    pytest.param(5, "公示期为5天，自2026年3月2日9时至2026年3月7日9时", id="county sets 5 days"),
    pytest.param(10, "公示期为10天，自2026年3月2日9时至2026年3月12日9时", id="county sets 10 days"),
])
def test_the_sheet_is_issued_as_the_notice_opens_with_the_period_the_timer_keeps(seeded, signing, run_worker,
                                                                                 tmp_path, days, period):
    if days is not None:
        set_param(seeded, "public_notice_days", days, region_id=region(seeded, "152201").id,
                  effective_from=date(2026, 1, 1), actor_id=None)
    case = make_case(seeded)
    notice = public_notice.open_public_notice(seeded, case)
    seeded.commit()
    assert run_worker() == 1
    (sheet,) = seeded.scalars(select(Document).where(Document.case_id == case.id)).all()
    assert (sheet.kind, sheet.decision_id, sheet.subject) == ("public_notice", None, f"public_notice:{notice.id}")
    assert seeded.scalar(select(func.count()).select_from(Decision).where(Decision.case_id == case.id)) == 0
    assert notice.closes_dt - notice.opened_dt == timedelta(days=days or 7)
    text = pdftotext(sheet.content, tmp_path)
    assert period in text
    assert "王堃" in text and "拟月保障金额" in text
    assert sheet.signer == "都林街道办事处；乌兰浩特市民政局"


def test_a_second_round_gets_its_own_sheet(seeded, signing, run_worker, tmp_path):
    case = make_case(seeded)
    public_notice.open_public_notice(seeded, case)
    public_notice.close_public_notice(seeded, case, "objection")
    public_notice.open_public_notice(seeded, case)
    seeded.commit()
    assert run_worker() == 2
    first, second = seeded.scalars(select(Document).where(Document.case_id == case.id).order_by(Document.id)).all()
    assert first.superseded_by_id is None and first.number != second.number
    assert "第2次公示" in pdftotext(second.content, tmp_path)


def test_a_notice_of_a_programme_without_a_sheet_posts_none(seeded, signing, run_worker):
    case = make_case(seeded, programme="temporary_assistance")   # 临时救助 支出型 uses the shared notice step
    public_notice.open_public_notice(seeded, case)
    seeded.commit()
    assert seeded.scalar(select(func.count()).select_from(DocumentRequest)) == 0
