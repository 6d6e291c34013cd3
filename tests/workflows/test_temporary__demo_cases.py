"""make run's demo data: 临时救助 cases in every branch (pay first, paperwork due and overdue, county filing, a
non-resident, 支出型 in notice and at each approval tier, 一事一议 with opinions pending, stages, refusal)."""
from decimal import Decimal

from sqlalchemy import select

import engine
from assistance.core.models import Case, Decision, DecisionOutcome, Region
from assistance.programmes.temporary import reserve_fund
from assistance.programmes.temporary.models import TemporaryCase, TemporaryPayment
from assistance.steps.discussion.models import Discussion
from assistance.worklist import task_events
from demo import temporary_cases as demo_temporary
from engine import HumanTask, events
from tests.workflows.conftest import Walk
from web.cases.timeline import case_timeline

EXPECTED = {   # person -> the steps open for that case
    "李春生": ["Task_pay_first"], "周海燕": ["Task_paperwork"], "马成": ["Task_paperwork"], "吴国强": [],
    "陈立": ["Task_county_filing"], "郑秀梅": [], "黄志强": ["Task_township_approval"],
    "孙丽娟": ["Task_county_approval"], "高德福": ["Task_discussion_opinion", "Task_discussion_opinion"],
    "何玉珍": [], "钱进": ["Task_refusal_notice"],
}


def test_demo_cases_stand_in_every_branch_and_seeding_twice_adds_nothing(session_factory, demo_world, clock,
                                                                          monkeypatch):
    monkeypatch.setattr(events, "_subscribers", {name: list(fns) for name, fns in events._subscribers.items()})
    task_events.install()   # notify_supervisors() on the overdue path, as create_app() installs it
    with session_factory() as s:
        assert demo_temporary.seed_demo_temporary(s) == len(EXPECTED)
        s.commit()
        assert demo_temporary.seed_demo_temporary(s) == 0
        cases = {c.household.applicant.name: c.id for c in s.scalars(select(Case).where(
            Case.programme == "temporary_assistance"))}
        temp = {t.case_id: t for t in s.scalars(select(TemporaryCase))}
        paid = {}
        for p in s.scalars(select(TemporaryPayment)):
            paid[p.case_id] = paid.get(p.case_id, Decimal("0")) + p.amount
        dulin = s.scalar(select(Region).where(Region.code == "152201001000"))
        balance = reserve_fund.balance(s, dulin.id)
        outcomes = {d.case_id: d.outcome for d in s.scalars(select(Decision))}
        discussion = s.scalar(select(Discussion))
        overdue_task = s.scalar(select(HumanTask).where(HumanTask.instance_id == Walk(session_factory, cases["马成"])
                                                        .instance(s).id, HumanTask.element_id == "Task_paperwork"))
    assert {name: Walk(session_factory, cid).open_steps() for name, cid in cases.items()} == EXPECTED
    assert balance == Decimal("20000.00") - Decimal("1500") - Decimal("1200") - Decimal("2000") - Decimal("800")
    assert paid[cases["何玉珍"]] == Decimal("1000.00")                      # stage 1 of 3
    assert temp[cases["马成"]].is_paperwork_overdue and overdue_task.due_dt < engine.clock.now()
    assert temp[cases["吴国强"]].filed_with_county_dt is not None
    assert temp[cases["陈立"]].is_non_resident
    assert discussion.case_id == cases["高德福"]
    with session_factory() as s:   # the case pages' timelines: choices by their names, ID numbers masked
        details = {name: dict(d for e in _timeline(s, cases[name]) for d in e.details) for name in ("高德福", "吴国强")}
    assert details["高德福"]["参加会商的成员单位（至少两个）"] == "财政、医保、民政"
    assert details["吴国强"]["受助人身份证号"].startswith("1522") and "*" in details["吴国强"]["受助人身份证号"]
    assert outcomes[cases["钱进"]] == DecisionOutcome.REFUSED and outcomes[cases["何玉珍"]] == DecisionOutcome.APPROVED


def _timeline(session, case_id):
    case = session.get(Case, case_id)
    instances = list(session.scalars(select(engine.ProcessInstance).where(
        engine.ProcessInstance.business_key == str(case_id))))
    return case_timeline(session, case, instances)
