"""Demo 临时救助 cases in every branch of temporary_assistance (and one at 一事一议), driven through the real processes
by the demo users, with the four townships' reserve funds topped up — so `make run` shows each step in some queue."""
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select

import engine
from assistance.core import china_time
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import Case, Region
from assistance.programmes.temporary import reserve_fund
from assistance.programmes.temporary.intake import PROGRAMME, start_temporary
from assistance.programmes.temporary.models import TemporaryCase, TemporaryPayment
from demo.dibao_cases import NOTICE_OVER, _user, act
from demo.jurisdiction import member_username

TW, LEAD, CTY, APPR, VIL, CHAIR = ("township_caseworker_dulin", "township_leader_dulin", "county_caseworker_wulanhaote",
                                   "county_approver_wulanhaote", "village_assistant_heping",
                                   "coordination_chair_wulanhaote")
FUNDS = (("152201001000", "20000"), ("152201100000", "10000"), ("152221100000", "10000"), ("152221101000", "8000"))


def _pay_first(amount, recipient, method="cash"):
    return ("Task_pay_first", TW, dict(pay_first_route="pay_first", pay_first_amount=Decimal(amount),
                                       pay_first_method=method, pay_first_recipient=recipient,
                                       pay_first_note="情况紧急，先行发放基本生活费"))


def _paperwork(amount, name, id_number):
    return ("Task_paperwork", TW, dict(paperwork_recipient_name=name, paperwork_recipient_id=id_number,
                                       paperwork_reason="急难情形属实，补齐受助人、事由、金额和签字", recipient_signed=True,
                                       paperwork_amount=Decimal(amount), officer_signed=True, needs_follow_up=False))


FILED = ("Task_county_filing", CTY, dict(filing_confirmed=True, filing_note="材料齐全，予以备案"))
EXPENSE = [("Task_apply", VIL, dict(application_channel="in_person", expense_description="家庭成员患重病，住院自付费用高",
                                    materials=["书面申请书", "居民身份证", "医疗费用票据"], promise_signed=True,
                                    finance_check_authorized=True)),
           ("Task_accept", TW, dict(materials_complete=True)),
           ("Task_survey", TW, dict(investigator_1="李明", investigator_2="王芳", visit_date=china_time.today().isoformat(),
                                    annual_disposable_income=Decimal("36000"), survey_household_size=3,
                                    rigid_expenses=Decimal("52000"), rigid_expense_detail="住院自付医疗费",
                                    signed_by_household=True))]


def _review(amount, stages=1):
    return ("Task_first_review", LEAD, dict(first_review_opinion="agree", first_review_note="情况属实，同意救助",
                                            proposed_amount=Decimal(amount), proposed_stages=stages))


LATE = ("late", None, None)                 # the paperwork deadline passes

# (name, kind, hardship, non-resident, major, days ago it began, steps) — each case stops where its steps end
CASES = [
    ("李春生", "emergency", "fire", False, False, 0, []),
    ("周海燕", "emergency", "illness", False, False, 1, [_pay_first("1500", "周海燕")]),
    ("马成", "emergency", "traffic", False, False, 30, [_pay_first("1200", "马成"), LATE]),
    ("吴国强", "emergency", "fire", False, False, 6, [_pay_first("2000", "吴国强", "bank"), "paperwork", FILED]),
    ("陈立", "emergency", "stranded", True, False, 2, [_pay_first("800", "陈立"), "paperwork"]),
    ("郑秀梅", "expense", "medical", False, False, 2, [*EXPENSE, _review("3000")]),
    ("黄志强", "expense", "medical", False, False, 12, [*EXPENSE, _review("3000"), NOTICE_OVER]),
    ("孙丽娟", "expense", "medical", False, False, 12, [*EXPENSE, _review("6000"), NOTICE_OVER]),
    ("高德福", "expense", "medical", False, True, 12, [*EXPENSE, _review("20000"), NOTICE_OVER,
                                                       ("Task_discussion_convene", APPR, dict(
                                                           discussion_subject="高德福家重病医疗支出救助",
                                                           discussion_departments=["finance", "medical_security",
                                                                                   "civil_affairs"],
                                                           discussion_working_days=3)),
                                                       ("Task_discussion_opinion", "finance", dict(
                                                           discussion_opinion_recommendation="agree",
                                                           discussion_opinion_text="同意按程序给予救助",
                                                           discussion_opinion_amount=Decimal("8000")))]),
    ("何玉珍", "expense", "education", False, False, 12, [*EXPENSE, _review("3000", 3), NOTICE_OVER,
                                                          ("Task_township_approval", LEAD, dict(
                                                              approval_decision="approve", approved_amount=Decimal("3000"),
                                                              approved_stages=3)),
                                                          ("Task_approval_filing", CTY, FILED[2]),
                                                          ("Task_pay_stage", TW, dict(payment_method="bank",
                                                                                      payment_recipient="何玉珍",
                                                                                      payment_confirmed=True))]),
    ("钱进", "expense", "education", False, False, 3, [*EXPENSE[:2], ("Task_survey", TW, {
        **EXPENSE[2][2], "annual_disposable_income": Decimal("180000")})]),   # 60,000 元/人: above the local figure
]


def seed_demo_temporary(session) -> int:
    """Idempotent: nothing once any 临时救助 case exists, or before temporary_assistance is deployed."""
    if session.scalar(select(Case.id).where(Case.programme == PROGRAMME).limit(1)) is not None:
        return 0
    if session.scalar(select(engine.ProcessDefinition.id).where(
            engine.ProcessDefinition.process_key == PROGRAMME).limit(1)) is None:
        return 0
    county = _user(session, CTY).id
    real = engine.clock.current()
    # the county allocates before the first case pays from the fund: the ledger reads top-up, then draws
    engine.clock.use(engine.clock.FrozenClock(real.now() - timedelta(days=max(c[5] for c in CASES), hours=2)))
    try:
        for code, amount in FUNDS:
            township = session.scalar(select(Region).where(Region.code == code))
            reserve_fund.top_up(session, township.id, Decimal(amount), county, "演示：县级民政部门拨付临时救助备用金")
    finally:
        engine.clock.use(real)
    villages = [session.scalar(select(Region).where(Region.code == c)) for c in ("152201001001", "152201001002")]
    # oldest first, so that the reserve fund's entries are made in the order they happened
    for i, (name, kind, hardship, non_resident, major, days_ago, steps) in sorted(enumerate(CASES),
                                                                                   key=lambda c: -c[1][5]):
        engine.clock.use(engine.clock.FrozenClock(real.now() - timedelta(days=days_ago, hours=1)))
        try:
            area = "130602" if non_resident else "152201"
            id_number = compose_id_number(area, date(1970 + i, 4, 2 + i), 701 + 2 * i)
            case = start_temporary(
                session, actor_id=_user(session, TW).id, incident_village_id=villages[i % 2].id, kind=kind,
                hardship=hardship, reason=f"{name}家{'夜间突发' if kind == 'emergency' else '近期'}困难，基本生活陷入困境",
                incident_dt=engine.clock.now() - timedelta(hours=2), incident_address=f"{villages[i % 2].name}{i + 3}号",
                hukou_place="河北省保定市" if non_resident else "", is_non_resident=non_resident, is_major=major,
                is_urban=True, members=[{"name": name, "relation": "本人", "is_applicant": True, "id_number": id_number}])
            for step in steps:
                _act(session, case, step, name, id_number)
        finally:
            engine.clock.use(real)
    session.flush()
    return len(CASES)


def _act(session, case, step, name, id_number):
    if step == LATE:   # just past the deadline, whatever holidays lie between
        instance = session.scalar(select(engine.ProcessInstance).where(
            engine.ProcessInstance.business_key == str(case.id)))
        engine.clock.current().set(session.get(TemporaryCase, case.id).paperwork_due_dt + timedelta(hours=1))
        engine.fire_timers(session, instance.id)
        return
    if step == "paperwork":
        step = _paperwork(sum((p.amount for p in _payments(session, case)), Decimal("0")), name, id_number)
    element, username, data = step
    if element == "Task_discussion_opinion":   # the member unit of the department named in place of a user
        act(session, case, element, member_username(username, "wulanhaote"), data, group=username)
    else:
        act(session, case, element, username, data)


def _payments(session, case):
    return session.scalars(select(TemporaryPayment).where(TemporaryPayment.case_id == case.id))
