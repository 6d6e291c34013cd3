"""Form data for each step of the 临时救助 process (typed, as engine.forms.coerce gives), and the `temporary` fixture:
a case registered at the place of the emergency through assistance.programmes.temporary.intake.start_temporary, walked by demo users."""
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from assistance.core import china_time
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import Region
from assistance.programmes.temporary import reserve_fund
from assistance.programmes.temporary.intake import start_temporary
from assistance.programmes.temporary.models import TemporaryPayment
from assistance.worklist import task_events
from tests.workflows.conftest import Walk, user

TW, LEAD, CTY, APPR, VIL, SUP = ("township_caseworker_dulin", "township_leader_dulin", "county_caseworker_wulanhaote",
                                 "county_approver_wulanhaote", "village_assistant_heping", "supervisor_wulanhaote")
VILLAGE, TOWNSHIP = "152201001001", "152201001000"     # 和平社区, 都林街道 (urban: standard 830.00 元 in 2026)
STANDARD = Decimal("830.00")


def pay_first(amount="1500", **overrides):
    return {**dict(pay_first_route="pay_first", pay_first_amount=Decimal(amount), pay_first_method="cash",
                   pay_first_recipient="赵建国", pay_first_note="夜间火灾，住房烧毁，先行发放生活费"), **overrides}


PROCEDURE = dict(pay_first_route="full_procedure")


def paperwork(amount="1500", follow_up=None, **overrides):
    data = dict(paperwork_recipient_name="赵建国",
                paperwork_recipient_id=compose_id_number("152201", date(1980, 5, 1), 300),
                paperwork_reason="2026年3月2日凌晨住房失火，家庭财物烧毁", paperwork_amount=Decimal(amount),
                recipient_signed=True, officer_signed=True, needs_follow_up=follow_up is not None)
    if follow_up is not None:
        data.update(follow_up_amount=Decimal(follow_up), follow_up_reason="房屋修缮期间仍需生活救助")
    return {**data, **overrides}


FILED = dict(filing_confirmed=True, filing_note="材料齐全，予以备案")
APPLY = dict(application_channel="in_person", expense_description="子女患白血病，住院自付医疗费 6 万元",
             materials=["书面申请书", "居民身份证", "医疗费用票据"], promise_signed=True, finance_check_authorized=True)
ACCEPT = dict(materials_complete=True)


def survey(income="60000", members=3, rigid="60000"):
    return dict(investigator_1="李明", investigator_2="王芳", visit_date="2026-03-03",
                annual_disposable_income=Decimal(income), survey_household_size=members,
                rigid_expenses=Decimal(rigid), rigid_expense_detail="住院自付医疗费", signed_by_household=True)


def first_review(amount=None, stages=1, opinion="agree", **extra):
    data = dict(first_review_opinion=opinion, first_review_note="情况属实，同意救助" if opinion == "agree" else
                "家庭已获其他救助，困难已缓解", proposed_stages=stages, **extra)
    if amount is not None:
        data["proposed_amount"] = Decimal(amount)
    return data


def approve(amount, stages=1, **extra):
    return dict(approval_decision="approve", approved_amount=Decimal(amount), approved_stages=stages, **extra)


REFUSE = dict(approval_decision="refuse", approval_reasons="经核实，家庭困难已由其他救助解决")


def pay(recipient="赵建国"):
    return dict(payment_method="bank", payment_recipient=recipient, payment_confirmed=True)


NOTICE_DELIVERED = dict(notice_delivered_on="2026-03-10", delivery_method="in_person", notice_recipient="赵建国")


def members(names=(("赵建国", date(1980, 5, 1)), ("钱秀英", date(1982, 7, 9)), ("赵小军", date(2004, 1, 2)))):
    relations = ["本人", "配偶", "子女", "子女"]
    return [{"name": n, "id_number": compose_id_number("152201", born, 300 + i), "relation": relations[i],
             "is_applicant": i == 0} for i, (n, born) in enumerate(names)]


@pytest.fixture
def temporary(session_factory, demo_world, clock):
    """temporary(kind='emergency', hardship='fire', is_non_resident=False, is_major=False, fund='5000') -> Walk:
    a case registered in 和平社区 by the township caseworker; the 都林街道 reserve fund topped up with `fund`."""
    task_events.install()   # notify_supervisors(), overdue and escalation notices, as the app installs them
    funded = []

    def make(kind="emergency", hardship="fire", is_non_resident=False, is_major=False, fund="5000", people=None,
             is_urban=True):
        with session_factory() as s:
            village = s.scalar(select(Region).where(Region.code == VILLAGE))
            if fund and not funded:
                reserve_fund.top_up(s, township_id(s), Decimal(fund), user(s, CTY).id, "乌民发〔2026〕1号 拨付备用金")
                funded.append(fund)
            case = start_temporary(s, actor_id=user(s, TW).id, incident_village_id=village.id, kind=kind,
                                   hardship=hardship, reason="凌晨住房失火，家中财物烧毁", is_urban=is_urban,
                                   incident_dt=china_time.now() - timedelta(hours=3), incident_address="和平社区3号楼",
                                   hukou_place="" if not is_non_resident else "河北省保定市", is_major=is_major,
                                   is_non_resident=is_non_resident, members=people or members())
            s.commit()
            return Walk(session_factory, case.id)
    return make


def township_id(session) -> int:
    return session.scalar(select(Region.id).where(Region.code == TOWNSHIP))


def fund_balance(session_factory) -> Decimal:
    with session_factory() as s:
        return reserve_fund.balance(s, township_id(s))


def payments(session_factory, case_id) -> list[tuple]:
    with session_factory() as s:
        return [(str(p.kind), p.stage_no, p.amount, p.source) for p in s.scalars(
            select(TemporaryPayment).where(TemporaryPayment.case_id == case_id).order_by(TemporaryPayment.id))]


def paid_total(session_factory, case_id) -> Decimal:
    with session_factory() as s:
        return s.scalar(select(func.coalesce(func.sum(TemporaryPayment.amount), 0))
                        .where(TemporaryPayment.case_id == case_id))
