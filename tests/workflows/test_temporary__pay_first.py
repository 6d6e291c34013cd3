"""临时救助 急难型: 先行救助 from the township reserve fund within the ceiling, 补齐手续 on time or late (escalation),
报县级备案, refusals above the ceiling / the non-resident cap / when the fund is short, and 跟进救助."""
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

import engine
from assistance.programmes.temporary.models import TemporaryCase, TemporaryMeasure
from assistance.worklist.notifications import Notification
from engine import AuditEvent, EngineError, HumanTask, InstanceStatus
from engine.workdays import CHINA
from tests.workflows.conftest import user
from tests.workflows.temporary_steps import (
    CTY,
    FILED,
    SUP,
    TW,
    fund_balance,
    paid_total,
    paperwork,
    pay_first,
    payments,  # noqa: F401  (temporary is a fixture)
    temporary,
)


def test_pay_first_within_the_ceiling_then_paperwork_on_time_and_county_filing(temporary, session_factory, clock):
    walk = temporary()
    assert walk.open_steps() == ["Task_pay_first"]
    walk.do("Task_pay_first", TW, **pay_first("1500"))
    assert fund_balance(session_factory) == Decimal("3500.00")
    assert payments(session_factory, walk.case_id) == [("pay_first", None, Decimal("1500.00"), "reserve_fund")]
    assert walk.open_steps() == ["Task_paperwork"]
    with session_factory() as s:
        temp = s.get(TemporaryCase, walk.case_id)
        # paid Monday 2 March; 5 working days later is Monday 9 March, end of the day
        assert temp.paperwork_due_dt == datetime(2026, 3, 9, 23, 59, 59, tzinfo=CHINA)
        task = walk.task(s, "Task_paperwork")
        assert task.due_dt == temp.paperwork_due_dt
    clock.advance(days=1)                                   # the next day
    walk.do("Task_paperwork", TW, **paperwork("1500"))
    assert walk.open_steps() == ["Task_county_filing"]
    walk.do("Task_county_filing", CTY, **FILED)
    assert walk.status() == InstanceStatus.COMPLETED
    with session_factory() as s:
        temp = s.get(TemporaryCase, walk.case_id)
        assert temp.paperwork_done_dt is not None and not temp.is_paperwork_overdue
        assert temp.filed_with_county_dt is not None
        audited = [e.action for e in s.scalars(select(AuditEvent).where(AuditEvent.subject == f"case:{walk.case_id}")
                                               .order_by(AuditEvent.id))]
        assert [a for a in audited if a.startswith("temporary.")] == [
            "temporary.register", "temporary.pay_first", "temporary.paperwork_done", "temporary.filed_with_county"]
        draws = [e.after["amount"] for e in s.scalars(select(AuditEvent).where(
            AuditEvent.action == "reserve_fund.draw"))]
        assert draws == ["1500.00"]
    clock.advance(days=30)
    engine.run_due_jobs(session_factory, "w")
    with session_factory() as s:
        assert s.get(TemporaryCase, walk.case_id).is_paperwork_overdue is False


def inbox(session_factory, username):
    with session_factory() as s:
        return sorted((n.kind, n.title) for n in s.scalars(select(Notification).where(
            Notification.user_id == user(s, username).id)))


def test_paperwork_late_flags_the_case_notifies_supervisors_and_escalates_the_task(temporary, session_factory,
                                                                                    clock):
    walk = temporary()
    walk.do("Task_pay_first", TW, **pay_first("800"))
    with session_factory() as s:
        engine.claim(s, walk.task(s, "Task_paperwork").id, user(s, TW).id)   # taken, then forgotten
        s.commit()
    clock.advance(days=7, hours=14)                          # Monday 9 March 23:00: still within the deadline
    engine.run_due_jobs(session_factory, "w")
    with session_factory() as s:
        assert not s.get(TemporaryCase, walk.case_id).is_paperwork_overdue
    assert inbox(session_factory, SUP) == []
    clock.advance(hours=1, minutes=1)                        # Tuesday 10 March 00:01
    engine.run_due_jobs(session_factory, "w")
    with session_factory() as s:
        assert s.get(TemporaryCase, walk.case_id).is_paperwork_overdue
        task = s.scalar(select(HumanTask).where(HumanTask.element_id == "Task_paperwork"))
        assert task.escalated_dt is not None and task.assignee_id is None      # out of the holder's hands
        supervisor = user(s, SUP)
    kinds = {kind for kind, _title in inbox(session_factory, SUP)}
    assert {"process.escalation", "task.overdue", "task.escalated"} <= kinds
    assert any("逾期未补齐手续" in title for _k, title in inbox(session_factory, SUP))
    assert not walk.can_claim("Task_paperwork", TW)          # escalated: the supervisor decides who finishes it
    clock.advance(days=1)
    engine.run_due_jobs(session_factory, "w")
    assert len([k for k, _t in inbox(session_factory, SUP) if k == "process.escalation"]) == 1   # once
    with session_factory() as s:
        task = walk.task(s, "Task_paperwork")
        engine.transitions.assign(s, task.id, user(s, TW).id, actor_id=supervisor.id, reason="请今日补齐")
        engine.complete(s, task.id, user(s, TW).id, paperwork("800"))
        s.commit()
    assert walk.open_steps() == ["Task_county_filing"]
    walk.do("Task_county_filing", CTY, **FILED)
    assert walk.status() == InstanceStatus.COMPLETED
    with session_factory() as s:
        temp = s.get(TemporaryCase, walk.case_id)
        assert temp.is_paperwork_overdue and temp.paperwork_done_dt > temp.paperwork_due_dt


def assert_refused(walk, session_factory, data, message):
    with pytest.raises(EngineError) as refused:
        walk.do("Task_pay_first", TW, **data)
    assert message in str(refused.value)
    assert walk.open_steps() == ["Task_pay_first"]             # the task stays open
    assert payments(session_factory, walk.case_id) == []        # nothing paid
    return str(refused.value)


def test_pay_first_above_the_ceiling_is_refused_and_exactly_at_it_is_paid(temporary, session_factory):
    walk = temporary()
    text = assert_refused(walk, session_factory, pay_first("2000.01"), "超过乡镇小金额先行救助上限")
    assert "2,000.00" in text and "按程序审批" in text
    assert fund_balance(session_factory) == Decimal("5000.00")
    walk.do("Task_pay_first", TW, **pay_first("2000.00"))      # the ceiling itself is allowed
    assert payments(session_factory, walk.case_id) == [("pay_first", None, Decimal("2000.00"), "reserve_fund")]
    assert fund_balance(session_factory) == Decimal("3000.00")


def test_pay_first_is_refused_when_the_reserve_fund_is_short(temporary, session_factory):
    walk = temporary(fund="1000")
    text = assert_refused(walk, session_factory, pay_first("1500"), "备用金余额不足")
    assert "1,000.00" in text
    assert fund_balance(session_factory) == Decimal("1000.00")  # balance unchanged, no draw in the ledger
    walk.do("Task_pay_first", TW, **pay_first("1000"))
    assert fund_balance(session_factory) == Decimal("0.00")


def test_non_resident_cap_is_three_times_the_local_standard(temporary, session_factory):
    # rural household: standard 580.00 元, so the non-resident cap 1,740.00 元 is below the 2,000 元 ceiling
    walk = temporary(is_non_resident=True, is_urban=False, hardship="stranded")
    assert_refused(walk, session_factory, pay_first("1740.01"), "1,740.00")
    walk.do("Task_pay_first", TW, **pay_first("1740"))
    assert paid_total(session_factory, walk.case_id) == Decimal("1740.00")


def test_paperwork_amount_must_equal_what_was_paid(temporary, session_factory):
    walk = temporary()
    walk.do("Task_pay_first", TW, **pay_first("1500"))
    with pytest.raises(EngineError, match="与先行救助实际发放的 1,500.00 元不一致"):
        walk.do("Task_paperwork", TW, **paperwork("1600"))
    assert walk.open_steps() == ["Task_paperwork"]
    with session_factory() as s:
        assert s.get(TemporaryCase, walk.case_id).paperwork_done_dt is None


def test_choosing_the_procedure_skips_the_pay_first(temporary, session_factory):
    walk = temporary()
    walk.do("Task_pay_first", TW, **{"pay_first_route": "full_procedure"})
    assert walk.open_steps() == ["Task_first_review"]           # 急难型: no survey, no notice
    assert walk.data()["proposed_amount"] == Decimal("4980.00")  # reference: 830 × 3 (fire) × (1 + 0.5 × 2)
    assert payments(session_factory, walk.case_id) == []


def test_follow_up_after_pay_first_goes_through_the_tiered_approval(temporary, session_factory, clock):
    walk = temporary()
    walk.do("Task_pay_first", TW, **pay_first("1500"))
    walk.do("Task_paperwork", TW, **paperwork("1500", follow_up="2490"))
    walk.do("Task_county_filing", CTY, **FILED)
    assert walk.open_steps() == ["Task_township_approval"]      # 2,490 = 3 × 830: the township's tier
    assert walk.data()["approved_amount"] == Decimal("2490")
    with session_factory() as s:
        measure = s.scalar(select(TemporaryMeasure).where(TemporaryMeasure.case_id == walk.case_id))
        assert (str(measure.kind), measure.value) == ("follow_up", Decimal("2490.00"))


def test_a_non_resident_is_helped_once_a_year_and_the_refusal_names_the_earlier_case(temporary, session_factory):
    from assistance.programmes.temporary.intake import TemporaryRefused
    first = temporary(is_non_resident=True, is_urban=False, hardship="stranded")
    first.do("Task_pay_first", TW, **pay_first("1000"))
    with pytest.raises(TemporaryRefused) as refused:
        temporary(is_non_resident=True, is_urban=False, hardship="illness")   # another reason, same year
    assert refused.value.earlier_case.id == first.case_id and "每年不超过 1 次" in str(refused.value)
    assert paid_total(session_factory, first.case_id) == Decimal("1000.00")
