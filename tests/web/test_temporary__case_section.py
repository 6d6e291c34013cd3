"""The 临时救助 section of the case page: what was paid, what is left, the township's fund and the paperwork clock."""
from datetime import datetime
from decimal import Decimal

from assistance.core.china_time import CHINA
from assistance.core.models import Case, Decision, DecisionOutcome
from assistance.programmes.temporary.models import PaymentKind, TemporaryPayment
from tests.web.temporary_helpers import DULIN, temporary_case, top_up


def test_section_shows_the_payment_the_total_the_fund_balance_and_the_paperwork_due_date(login, session_factory):
    top_up(session_factory, DULIN, "5000")
    case_id = temporary_case(session_factory, pay_first="1500", approved="2490")
    page = login("township_caseworker_dulin").get(f"/cases/{case_id}/temporary")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "急难型 · 火灾" in text and "非本地户籍且无本地居住证" in text and "吉林省白城市" in text
    assert "先行救助" in text and "现金" in text and "孙火" in text and "都林街道乡镇经办人" in text
    assert '<th id="temporary-paid">1,500.00 元</th>' in text
    assert "待发 990.00 元" in text and "乡镇审批" in text
    assert '<strong id="temporary-fund-balance">3,500.00 元</strong>' in text
    assert "须于 <strong>2026-03-09 09:00</strong> 前补齐手续" in text and "已逾期" not in text


def test_past_the_due_date_the_paperwork_is_overdue(login, session_factory, clock):
    case_id = temporary_case(session_factory, due_in_days=3)
    clock.advance(days=4)
    text = login("township_caseworker_dulin").get(f"/cases/{case_id}/temporary").get_data(as_text=True)
    assert "已逾期" in text and "尚未发放" in text and "0.00 元" in text


def test_done_paperwork_is_shown_with_its_date_and_never_overdue(login, session_factory, clock):
    case_id = temporary_case(session_factory, due_in_days=3, done=True)
    clock.advance(days=4)
    text = login("township_caseworker_dulin").get(f"/cases/{case_id}/temporary").get_data(as_text=True)
    assert "已于 <strong>2026-03-02 09:00</strong> 补齐手续" in text and "已逾期" not in text


def test_the_case_page_loads_the_section_and_other_cases_have_none(login, session_factory, start_case):
    case_id = temporary_case(session_factory)
    browser = login("township_caseworker_dulin")
    assert f"/cases/{case_id}/temporary" in browser.get(f"/cases/{case_id}").get_data(as_text=True)
    other = start_case()
    assert f"/cases/{other}/temporary" not in browser.get(f"/cases/{other}").get_data(as_text=True)
    assert browser.get(f"/cases/{other}/temporary").status_code == 404


def test_staged_approval_shows_each_stage_paid_or_due(login, session_factory):
    case_id = temporary_case(session_factory, approved="3000")
    at = datetime(2026, 3, 2, 9, tzinfo=CHINA)
    with session_factory() as s:
        case = s.get(Case, case_id)
        s.add(Decision(case_id=case_id, kind="temporary_assistance", outcome=DecisionOutcome.APPROVED,
                       monthly_amount=Decimal("3000"), members=[], office_region_id=case.region.parent_id,
                       decided_dt=at, basis={"tier": "township", "stage_count": 3, "stages": [
                           {"amount": "1000.00", "due_date": "2026-03-02"}, {"amount": "1000.00", "due_date": "2026-04-01"},
                           {"amount": "1000.00", "due_date": "2026-05-01"}]}))
        s.add(TemporaryPayment(case_id=case_id, kind=PaymentKind.STAGE, stage_no=1, amount=Decimal("1000"),
                               method="bank", source="county_fund", recipient="孙火", paid_dt=at))
        s.commit()
    text = login("township_caseworker_dulin").get(f"/cases/{case_id}/temporary").get_data(as_text=True)
    assert "分 3 期发放" in text and "第 1 期 1,000.00 元（已发）" in text
    assert "第 2 期 1,000.00 元（预计 2026-04-01 发放）" in text and "待发 2,000.00 元" in text
