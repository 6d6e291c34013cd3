"""Two sessions acting on one instance: exactly one wins, the other gets a clean refusal."""
import threading

import pytest
from sqlalchemy import select

import engine
from engine.models import HumanTask, ProcessInstance, TaskState


def _task(session, inst_id):
    return session.scalar(select(HumanTask).where(HumanTask.instance_id == inst_id))


def race(session_factory, action_a, action_b):
    """Run A up to its commit, start B, let A commit: B either waits on the lock or loses the version check."""
    results = {}
    a_flushed, go = threading.Event(), threading.Event()

    def run(name, action, pause):
        with session_factory() as s:
            try:
                action(s)
                if pause:
                    a_flushed.set()
                    go.wait(10)
                s.commit()
                results[name] = "ok"
            except engine.EngineError as exc:
                s.rollback()
                results[name] = exc
            finally:
                a_flushed.set()

    a = threading.Thread(target=run, args=("a", action_a, True))
    a.start()
    a_flushed.wait(10)
    b = threading.Thread(target=run, args=("b", action_b, False))
    b.start()
    b.join(0.5)     # B is now blocked on A (row lock / SQLite writer lock) or already refused
    go.set()
    a.join(20)
    b.join(20)
    return results


def test_two_sessions_completing_the_same_task(session_factory, session, started):
    task = _task(session, started.id)
    engine.claim(session, task.id, 7)
    session.commit()
    results = race(session_factory,
                   lambda s: engine.complete(s, task.id, 7, {"opinion": "甲意见"}),
                   lambda s: engine.complete(s, task.id, 7, {"opinion": "乙意见"}))
    assert sorted(r == "ok" for r in results.values()) == [False, True]
    loser = next(r for r in results.values() if r != "ok")
    assert isinstance(loser, engine.Conflict)
    with session_factory() as s:
        assert s.get(HumanTask, task.id).state == TaskState.COMPLETED
        assert s.get(ProcessInstance, started.id).version == started.version + 1


def test_claim_race_has_one_winner(session_factory, session, started):
    task_id = _task(session, started.id).id
    results = race(session_factory, lambda s: engine.claim(s, task_id, 7), lambda s: engine.claim(s, task_id, 8))
    assert sorted(r == "ok" for r in results.values()) == [False, True]
    with session_factory() as s:
        assert s.get(HumanTask, task_id).assignee_id in (7, 8)


def test_stale_instance_version_is_refused(session_factory, session, started):
    """Optimistic lock: a save based on an old read of the instance loses."""
    task = _task(session, started.id)
    engine.claim(session, task.id, 7)
    session.commit()
    with session_factory() as stale:
        old = stale.get(ProcessInstance, started.id)      # read version N
        engine.complete(session, task.id, 7, {"opinion": "同意"})
        session.commit()                                  # version N+1 committed elsewhere
        old.summary = {"title": "stale write"}
        with pytest.raises(engine.Conflict):
            engine.runtime.flush(stale)
