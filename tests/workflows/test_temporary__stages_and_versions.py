"""临时救助: one approval paid in stages (一次审批、分阶段救助) over moved time, and the approval-tier DMN table edited
by an analyst (township ceiling 4× -> 2×) and redeployed: new cases follow it, a running case keeps its version."""
import shutil
from decimal import Decimal
from types import SimpleNamespace

from sqlalchemy import select

import engine
from assistance.core.models import Decision
from assistance.programmes.temporary.document_facts import temporary_context
from engine import InstanceStatus, ProcessDefinition
from tests.workflows.conftest import WORKFLOWS
from tests.workflows.temporary_steps import (
    CTY,
    FILED,
    LEAD,
    PROCEDURE,
    TW,
    approve,
    first_review,
    paid_total,
    pay,
    payments,  # noqa: F401
    temporary,
)


def test_three_stages_thirty_days_apart_add_up_to_the_approved_total(temporary, session_factory, clock):
    walk = temporary()
    walk.do("Task_pay_first", TW, **PROCEDURE)
    walk.do("Task_first_review", LEAD, **first_review("3000.01", stages=3))
    walk.do("Task_township_approval", LEAD, **approve("3000.01", stages=3))
    walk.do("Task_approval_filing", CTY, **FILED)
    assert walk.data()["payment_plan"] == {"stages": 3, "amounts": ["1000.00", "1000.00", "1000.01"]}
    with session_factory() as s:   # the planned stages, as the decision document lists them
        decision = s.scalar(select(Decision).where(Decision.case_id == walk.case_id))
        assert decision.basis["stages"] == [{"amount": "1000.00", "due_date": "2026-03-02"},
                                            {"amount": "1000.00", "due_date": "2026-04-01"},
                                            {"amount": "1000.01", "due_date": "2026-05-01"}]
        facts = temporary_context(s, SimpleNamespace(decision_id=decision.id))   # what the 决定书 prints
        assert [(line["no"], line["amount"]) for line in facts["stages"]] == [
            (1, Decimal("1000.00")), (2, Decimal("1000.00")), (3, Decimal("1000.01"))]
        assert facts["amount"] == Decimal("3000.01") and facts["tier"] == "乡镇（街道）审批"
    walk.do("Task_pay_stage", TW, **pay())
    assert walk.open_steps() == []                             # waiting for the next stage
    clock.advance(days=29, hours=23)
    engine.run_due_jobs(session_factory, "w")
    assert walk.open_steps() == []
    clock.advance(hours=2)
    engine.run_due_jobs(session_factory, "w")
    assert walk.open_steps() == ["Task_pay_stage"] and walk.data()["stage_no"] == 2
    walk.do("Task_pay_stage", TW, **pay())
    clock.advance(days=30, seconds=1)
    engine.run_due_jobs(session_factory, "w")
    assert walk.data()["stage_amount"] == "1000.01"
    walk.do("Task_pay_stage", TW, **pay())
    assert walk.status() == InstanceStatus.COMPLETED
    assert payments(session_factory, walk.case_id) == [("stage", 1, Decimal("1000.00"), "county_fund"),
                                                       ("stage", 2, Decimal("1000.00"), "county_fund"),
                                                       ("stage", 3, Decimal("1000.01"), "county_fund")]
    assert paid_total(session_factory, walk.case_id) == Decimal("3000.01")


def test_an_edited_tier_table_applies_to_new_cases_while_a_running_case_keeps_its_version(
        temporary, session_factory, tmp_path):
    before = temporary()                                       # started on version 1
    copy = tmp_path / "workflows"
    shutil.copytree(WORKFLOWS.parent, copy)
    table = copy / "dmn" / "temporary_approval_tier.dmn"
    text = table.read_text(encoding="utf-8")
    assert text.count("&lt;= 4<") == 1
    table.write_text(text.replace("&lt;= 4<", "&lt;= 2<"), encoding="utf-8")
    with session_factory() as s:
        results = {r.process_key: r for r in engine.deploy(s, [copy / "bpmn"])}
        s.commit()
    assert (results["temporary_assistance"].version, results["temporary_assistance"].is_new) == (2, True)
    assert results["dibao_application"].is_new is False        # untouched processes keep their version
    after = temporary(hardship="traffic")                      # another reason: not a repeat within the year
    with session_factory() as s:
        versions = [s.get(ProcessDefinition, w.instance(s).definition_id).version for w in (before, after)]
    assert versions == [1, 2]
    for walk in (before, after):
        walk.do("Task_pay_first", TW, **PROCEDURE)
        walk.do("Task_first_review", LEAD, **first_review("2490"))   # 3 × 830
    assert before.open_steps() == ["Task_township_approval"]   # the old table: up to 4× is the township's
    assert after.open_steps() == ["Task_county_approval"]      # the new one: above 2× goes to the county
