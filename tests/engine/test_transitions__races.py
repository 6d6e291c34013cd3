"""Two sessions synchronized before commit (tests/engine/test_runtime__races.race): complete vs reassign and
complete vs escalate, each in both orders — exactly one wins, the other gets a clear refusal, nothing is lost or
doubled. (Claim vs claim: test_runtime__races.test_claim_race_has_one_winner.)"""
import pytest
from sqlalchemy import func, select

import engine
from engine import AuditEvent, HumanTask, ProcessInstance, TaskState
from engine import transitions as t
from tests.engine.test_runtime__races import race

COMPLETE = {"opinion": "同意"}


@pytest.fixture
def held(session, started):
    task = session.scalar(select(HumanTask).where(HumanTask.instance_id == started.id))
    engine.claim(session, task.id, 7)
    session.commit()
    return task


def outcome(results):
    assert sorted(r == "ok" for r in results.values()) == [False, True], results
    loser = next(r for r in results.values() if r != "ok")
    assert isinstance(loser, engine.Conflict) and loser.message   # a clean refusal with a message for the person
    return loser


def actions(session_factory):
    with session_factory() as s:
        return dict(s.execute(select(AuditEvent.action, func.count()).group_by(AuditEvent.action)).all())


def test_complete_first_then_reassign_is_refused(session_factory, held, started):
    outcome(race(session_factory, lambda s: engine.complete(s, held.id, 7, COMPLETE),
                 lambda s: t.assign(s, held.id, 8, actor_id=1)))
    with session_factory() as s:
        task = s.get(HumanTask, held.id)
        assert (task.state, task.completed_by, task.assignee_id) == (TaskState.COMPLETED, 7, 7)
        assert s.get(ProcessInstance, started.id).version == started.version + 1
    assert actions(session_factory).get("task.reassign") is None and actions(session_factory)["task.complete"] == 1


def test_reassign_first_then_the_old_holder_cannot_complete(session_factory, held, started):
    loser = outcome(race(session_factory, lambda s: t.assign(s, held.id, 8, actor_id=1),
                         lambda s: engine.complete(s, held.id, 7, COMPLETE)))
    with session_factory() as s:
        task = s.get(HumanTask, held.id)
        assert (task.state, task.assignee_id) == (TaskState.RESERVED, 8)
        assert s.get(ProcessInstance, started.id).state == started.state     # the workflow did not move
    assert "task.complete" not in actions(session_factory) and actions(session_factory)["task.reassign"] == 1
    assert "刷新" in loser.message or "稍后" in loser.message


def test_complete_first_then_escalate_is_refused(session_factory, held):
    outcome(race(session_factory, lambda s: engine.complete(s, held.id, 7, COMPLETE),
                 lambda s: t.escalate(s, held.id, None, "超过办理期限")))
    with session_factory() as s:
        task = s.get(HumanTask, held.id)
        assert (task.state, task.escalated_dt) == (TaskState.COMPLETED, None)
    assert "task.escalate" not in actions(session_factory)


def test_escalate_first_then_complete_is_refused(session_factory, held, started):
    outcome(race(session_factory, lambda s: t.escalate(s, held.id, 7, "情况复杂，请主管决定"),
                 lambda s: engine.complete(s, held.id, 7, COMPLETE)))
    with session_factory() as s:
        task = s.get(HumanTask, held.id)
        assert (task.state, task.assignee_id, task.escalated_dt is not None) == (TaskState.READY, None, True)
        assert s.get(ProcessInstance, started.id).state == started.state
    assert "task.complete" not in actions(session_factory) and actions(session_factory)["task.escalate"] == 1
