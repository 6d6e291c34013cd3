from datetime import datetime

import pytest
from sqlalchemy import func, select

import engine
from engine.models import AuditEvent, HumanTask, InstanceStatus, TaskState
from tests.conftest import CST


def open_task(session, inst):
    return session.scalar(select(HumanTask).where(HumanTask.instance_id == inst.id,
                                                  HumanTask.state.in_([TaskState.READY, TaskState.RESERVED])))


def test_start_projects_the_user_task_with_role_region_candidates_and_due_date(session, started):
    task = open_task(session, started)
    assert (task.name, task.role, task.region_id, task.state) == ("审核", "township_caseworker", 1, TaskState.READY)
    assert task.candidates == [7, 8] and task.excluded == [99] and task.form == "t_form.json"
    # started Monday 2026-03-02 09:00: two working days later is Wednesday, due at its end (Beijing time)
    assert task.due_dt == datetime(2026, 3, 4, 23, 59, 59, tzinfo=CST)


def test_claim_then_complete_moves_the_process_and_keeps_history(session, started):
    task = open_task(session, started)
    engine.claim(session, task.id, 7)
    engine.complete(session, task.id, 7, {"opinion": "同意"})
    session.commit()
    assert task.state == TaskState.COMPLETED and task.completed_by == 7
    assert started.status == InstanceStatus.RUNNING and started.next_timer_dt is not None
    assert [t.name for t in engine.completed_steps(session, started.id)] == ["审核"]
    actions = session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-3:] == ["instance.start", "task.claim", "task.complete"]


def test_claim_is_compare_and_set(session, started):
    task = open_task(session, started)
    engine.claim(session, task.id, 7)
    with pytest.raises(engine.Conflict):
        engine.claim(session, task.id, 8)
    session.commit()
    assert session.get(HumanTask, task.id).assignee_id == 7


def test_excluded_user_cannot_claim(session, started):
    with pytest.raises(engine.Forbidden):
        engine.claim(session, open_task(session, started).id, 99)


def test_completing_a_task_not_assigned_to_you_is_refused(session, started):
    task = open_task(session, started)
    with pytest.raises(engine.Conflict):        # unclaimed
        engine.complete(session, task.id, 7, {"opinion": "同意"})
    engine.claim(session, task.id, 7)
    with pytest.raises(engine.Conflict):        # someone else's
        engine.complete(session, task.id, 8, {"opinion": "同意"})


def test_completing_twice_is_refused(session, started):
    task = open_task(session, started)
    engine.claim(session, task.id, 7)
    engine.complete(session, task.id, 7, {"opinion": "同意"})
    session.commit()
    with pytest.raises(engine.Conflict, match="已办结"):
        engine.complete(session, task.id, 7, {"opinion": "同意"})


def test_invalid_form_data_changes_nothing(session, started):
    task = open_task(session, started)
    engine.claim(session, task.id, 7)
    session.commit()
    state, audits = started.state, session.scalar(select(func.count()).select_from(AuditEvent))
    with pytest.raises(engine.ValidationFailed) as info:
        engine.complete(session, task.id, 7, {"opinion": "x"})
    session.rollback()
    assert info.value.errors == {"opinion": "至少 2 个字符"}
    assert session.get(HumanTask, task.id).state == TaskState.RESERVED
    assert session.get(engine.ProcessInstance, started.id).state == state
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == audits


def test_release_returns_the_task_to_the_pool(session, started):
    task = open_task(session, started)
    engine.claim(session, task.id, 7)
    engine.release(session, task.id, 7)
    assert (task.state, task.assignee_id) == (TaskState.READY, None)
    with pytest.raises(engine.Conflict):
        engine.release(session, task.id, 7)


def test_decimal_and_date_task_data_survive_a_save(session, started):
    from datetime import date
    from decimal import Decimal
    task = open_task(session, started)
    engine.claim(session, task.id, 7)
    engine.complete(session, task.id, 7, {"opinion": "同意", "amount": Decimal("812.50"), "on": date(2026, 3, 2)})
    session.commit()
    data = engine.instance_data(session, started)
    assert data["amount"] == Decimal("812.50") and data["on"] == date(2026, 3, 2)


def test_a_failing_script_leaves_the_case_recoverable(session, clock):
    from tests.engine.bpmn_factory import bundle, one_task
    extra = ('<bpmn:scriptTask id="Script_1"><bpmn:script>x = 1 / 0</bpmn:script></bpmn:scriptTask>'
             '<bpmn:sequenceFlow id="F7" sourceRef="Start_1" targetRef="Script_1" />')
    engine.deploy(session, bundle(one_task(extra=extra)))
    with pytest.raises(engine.EngineError, match="流程执行出错"):
        engine.start(session, "t_proc", region_id=1)
