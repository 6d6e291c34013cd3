"""Bulk reassign vs complete, two sessions synchronized before commit (tests/engine/test_runtime__races.race), in
both orders: the contested task is either completed by its holder or reassigned, never both; every other task of
the bulk is reassigned or refused with a message; nothing is lost or doubled."""
import pytest
from sqlalchemy import func, select

import engine
from assistance.core import access
from assistance.core.models import User
from engine import AuditEvent, HumanTask
from tests.engine.test_runtime__races import race
from tests.web.queue_helpers import OPINION, uid
from web.queue import bulk

SUPERVISOR, HOLDER = "supervisor_wulanhaote", "township_caseworker_dulin"


@pytest.fixture
def three_held(q_case, login):
    tasks = [q_case(name=f"户{i}", serial=101 + 2 * i)[1] for i in range(3)]
    holder = login(HOLDER)
    for task in tasks:
        assert holder.post(f"/tasks/{task}/claim").status_code == 303
    return tasks


def bulk_reassign(task_ids, out):
    def act(s):
        boss, target = (s.scalar(select(User).where(User.username == name)) for name in (SUPERVISOR, "dulin_2"))

        def reassign(task):
            access.check_receiver(boss, target, task, "reassign")
            engine.transitions.assign(s, task.id, target.id, actor_id=boss.id, reason="均衡工作量")
        out.extend(bulk.run(s, boss, task_ids, "reassign", reassign))
    return act


def complete(task_id, user_id):
    return lambda s: engine.complete(s, task_id, user_id, OPINION)


def final(session_factory, tasks):
    with session_factory() as s:
        rows = [s.get(HumanTask, t) for t in tasks]
        counts = dict(s.execute(select(AuditEvent.action, func.count()).where(AuditEvent.task_id.in_(tasks))
                                .group_by(AuditEvent.action)).all())
        return [(r.state, r.assignee_id) for r in rows], counts


def test_bulk_reassign_first_then_completing_one_of_its_tasks_is_refused(three_held, session_factory, colleague):
    holder, target, results = uid(session_factory, HOLDER), uid(session_factory, "dulin_2"), []
    outcome = race(session_factory, bulk_reassign(three_held, results), complete(three_held[1], holder))
    assert outcome["a"] == "ok" and isinstance(outcome["b"], engine.Conflict)
    assert [r.ok for r in results] == [True, True, True]
    states, counts = final(session_factory, three_held)
    assert states == [("reserved", target)] * 3
    assert counts.get("task.complete") is None and counts["task.reassign"] == 3


def test_complete_first_then_the_bulk_refuses_that_task(three_held, session_factory, colleague):
    holder, target, results = uid(session_factory, HOLDER), uid(session_factory, "dulin_2"), []
    outcome = race(session_factory, complete(three_held[1], holder), bulk_reassign(three_held, results))
    assert outcome == {"a": "ok", "b": "ok"}          # the bulk itself goes through, task by task
    by_task = {r.task_id: r for r in results}
    assert not by_task[three_held[1]].ok and by_task[three_held[1]].message
    states, counts = final(session_factory, three_held)
    assert states[1] == ("completed", holder)
    for task_id, state in zip(three_held, states):     # the others: reassigned, or refused and left as they were
        if task_id != three_held[1]:
            assert state == (("reserved", target) if by_task[task_id].ok else ("reserved", holder))
            assert by_task[task_id].ok or "稍后" in by_task[task_id].message or "刷新" in by_task[task_id].message
    assert counts["task.complete"] == 1 and counts.get("task.reassign", 0) == sum(r.ok for r in results)
