"""Task transitions (engine/transitions.py): draft, assign, delegate/resolve, escalate, suspend/resume — their source
states, the 回避 rule for the new holder, reasons, audit records and the task.transition event."""
import pytest
from sqlalchemy import select

import engine
from engine import AuditEvent, Delegation, HumanTask, TaskState, events
from engine import transitions as t


@pytest.fixture
def task(session, started):
    return session.scalar(select(HumanTask).where(HumanTask.instance_id == started.id))


@pytest.fixture
def heard(monkeypatch):
    """The task.transition events emitted, as (action, actor, assignee, previous assignee, reason)."""
    got = []
    events.subscribe("task.transition", lambda session, task, action, actor_id, reason, previous_assignee:
                     got.append((action, actor_id, task.assignee_id, previous_assignee, reason)))
    return got


def audit_trail(session, task_id):
    session.commit()   # audit events are chained and written at commit
    return [(e.action, e.before, e.after, e.reason) for e in session.scalars(
        select(AuditEvent).where(AuditEvent.task_id == task_id).order_by(AuditEvent.id))]


def test_a_draft_puts_the_task_in_progress_and_survives_until_completion(session, task):
    engine.claim(session, task.id, 7)
    with pytest.raises(engine.Conflict):
        t.save_draft(session, task.id, 8, {"opinion": "别人"})
    t.save_draft(session, task.id, 7, {"opinion": "未"})        # not validated: a draft may be unfinished
    assert (task.state, task.draft) == (TaskState.IN_PROGRESS, {"opinion": "未"})
    engine.complete(session, task.id, 7, {"opinion": "同意"})
    assert task.state == TaskState.COMPLETED


def test_assign_takes_the_task_from_pool_or_holder_and_refuses_an_excluded_person(session, task, heard):
    with pytest.raises(engine.Forbidden, match="回避"):
        t.assign(session, task.id, 99, actor_id=1)
    t.assign(session, task.id, 7, actor_id=1, reason="熟悉该户情况")
    assert (task.state, task.assignee_id, task.claimed_dt is not None) == (TaskState.RESERVED, 7, True)
    t.assign(session, task.id, 8, actor_id=1)
    with pytest.raises(engine.Conflict, match="已在该人员名下"):
        t.assign(session, task.id, 8, actor_id=1)
    assert heard == [("task.reassign", 1, 7, None, "熟悉该户情况"), ("task.reassign", 1, 8, 7, None)]
    assert audit_trail(session, task.id)[-1] == ("task.reassign", {"assignee": 7, "state": "reserved"},
                                                 {"assignee": 8, "state": "reserved"}, None)


def test_delegate_and_resolve_bring_the_task_back_to_its_owner_to_complete(session, task):
    engine.claim(session, task.id, 7)
    for bad, error in ((7, engine.Conflict), (99, engine.Forbidden)):
        with pytest.raises(error):
            t.delegate(session, task.id, 7, bad)
    t.delegate(session, task.id, 7, 8, "请协助核对收入")
    assert (task.assignee_id, task.owner_id, task.delegation) == (8, 7, Delegation.PENDING)
    for refused in (lambda: engine.complete(session, task.id, 8, {"opinion": "同意"}),
                    lambda: engine.release(session, task.id, 8),
                    lambda: t.delegate(session, task.id, 8, 7)):
        with pytest.raises(engine.Conflict):
            refused()
    t.save_draft(session, task.id, 8, {"opinion": "收入已核"})   # the delegate works on the form
    t.resolve(session, task.id, 8)
    assert (task.assignee_id, task.owner_id, task.delegation) == (7, None, Delegation.RESOLVED)
    assert task.draft == {"opinion": "收入已核"}
    engine.complete(session, task.id, 7, {"opinion": "同意"})
    assert task.state == TaskState.COMPLETED


def test_escalate_needs_a_reason_and_leaves_holder_and_pool(session, task, heard):
    engine.claim(session, task.id, 7)
    with pytest.raises(engine.ValidationFailed):
        t.escalate(session, task.id, 7, "  ")
    t.escalate(session, task.id, 7, "申请人反映情况复杂，需主管决定")
    assert (task.state, task.assignee_id, task.escalated_dt is not None) == (TaskState.READY, None, True)
    with pytest.raises(engine.Conflict, match="已升级"):
        t.escalate(session, task.id, 7, "再次")
    t.assign(session, task.id, 8, actor_id=1, reason="主管改派")   # answering the escalation ends it
    assert (task.assignee_id, task.escalated_dt) == (8, None)
    assert [h[0] for h in heard] == ["task.escalate", "task.reassign"]


def test_suspend_stops_all_work_and_resume_restores_where_it_was(session, task):
    engine.claim(session, task.id, 7)
    t.save_draft(session, task.id, 7, {"opinion": "草稿"})
    with pytest.raises(engine.ValidationFailed):
        t.suspend(session, task.id, 1, "")
    t.suspend(session, task.id, 1, "户籍迁移核实中")
    assert task.state == TaskState.SUSPENDED
    for refused in (lambda: engine.complete(session, task.id, 7, {"opinion": "同意"}),
                    lambda: engine.release(session, task.id, 7), lambda: t.escalate(session, task.id, 7, "x"),
                    lambda: t.suspend(session, task.id, 1, "again")):
        with pytest.raises(engine.Conflict):
            refused()
    t.resume(session, task.id, 1)
    assert (task.state, task.assignee_id) == (TaskState.IN_PROGRESS, 7)
    with pytest.raises(engine.Conflict):
        t.resume(session, task.id, 1)
    assert [a[0] for a in audit_trail(session, task.id)] == ["task.claim", "task.draft", "task.suspend",
                                                             "task.resume"]


def test_a_transition_based_on_an_old_read_loses(session_factory, session, task):
    with session_factory() as stale:
        old = stale.get(HumanTask, task.id)                 # read version N
        engine.claim(session, task.id, 7)
        session.commit()                                    # N+1 committed elsewhere
        with pytest.raises(engine.Conflict, match="刚被他人处理"):
            t.assign(stale, old.id, 8, actor_id=1)
    assert session.get(HumanTask, task.id).assignee_id == 7
