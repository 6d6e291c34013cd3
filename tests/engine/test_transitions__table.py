"""The transition table (engine/transitions.py) holds: each action is accepted from exactly its declared source
states, leaves the task in one of its targets, and from any other state raises Conflict and changes nothing; the
domain (assistance/core/access.py) never offers an action the table would refuse."""
import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

import engine
from assistance.core import access
from assistance.core.models import RegionLevel, User
from assistance.core.regions import create_region
from engine import TRANSITIONS, HumanTask, TaskState
from engine import transitions as t
from tests.engine.bpmn_factory import bundle
from tests.engine.test_runtime__boundary_and_call import boundary_process

HOLDER, COLLEAGUE, BOSS = 7, 8, 1      # the engine tests' directory routes every task to candidates 7 and 8
STATES = tuple(TaskState)
COLUMNS = ("state", "assignee_id", "owner_id", "delegation", "draft", "escalated_dt", "completed_dt", "version")


def drive(session, clock, state, delegated=False, region_id=1) -> HumanTask:
    """A real task brought to `state` through the engine: held by HOLDER (or, delegated, by COLLEAGUE for HOLDER)
    unless READY; CANCELLED by the interrupting boundary timer. Committed, so a refusal can be compared with it."""
    engine.deploy(session, bundle(boundary_process(True), name="b.bpmn", form=None))
    inst = engine.start(session, "b_proc", region_id=region_id)
    task = session.scalar(select(HumanTask).where(HumanTask.instance_id == inst.id))
    if state != TaskState.READY:
        engine.claim(session, task.id, HOLDER)
        if delegated:
            t.delegate(session, task.id, HOLDER, COLLEAGUE)
    if state == TaskState.IN_PROGRESS:
        t.save_draft(session, task.id, task.assignee_id, {"opinion": "未完"})
    elif state == TaskState.SUSPENDED:
        t.suspend(session, task.id, BOSS, "待核查")
    elif state == TaskState.COMPLETED:
        if delegated:
            t.resolve(session, task.id, COLLEAGUE)
        engine.complete(session, task.id, HOLDER, {})
    elif state == TaskState.CANCELLED:
        session.commit()
        clock.advance(days=3, seconds=1)
        engine.fire_timers(session, inst.id)
    session.commit()
    assert task.state == state
    return task


def act(session, action, task, actor=None):
    """Take `action` with everything it needs, as the person who could were the state right: a pool member claims,
    the holder works, the delegate resolves, the boss manages; the task goes to whoever does not hold it."""
    if actor is None:
        actor = (BOSS if action in ("reassign", "suspend", "resume") else HOLDER if action == "claim"
                 else COLLEAGUE if action == "resolve" else task.assignee_id or HOLDER)
    target = COLLEAGUE if task.assignee_id != COLLEAGUE else HOLDER
    return engine.perform(session, action, task.id, actor, target_user_id=target, reason="原因",
                          values={"opinion": "同意"})


def row(session, task_id) -> tuple:
    session.expire_all()
    task = session.get(HumanTask, task_id)
    return tuple(getattr(task, c) for c in COLUMNS)


def test_every_task_action_is_declared_once_with_its_needs():
    assert sorted(TRANSITIONS) == sorted(["claim", "release", "complete", "save_draft", "reassign", "delegate",
                                          "resolve", "escalate", "suspend", "resume"])
    assert {n for n, tr in TRANSITIONS.items() if tr.needs_reason} == {"escalate", "suspend"}
    assert {n for n, tr in TRANSITIONS.items() if tr.needs_user} == {"delegate", "reassign"}
    assert set(access.ACTIONS) == set(TRANSITIONS)   # the domain says who may, for exactly these


@pytest.mark.parametrize("state", STATES, ids=[s.value for s in STATES])
@pytest.mark.parametrize("action", sorted(TRANSITIONS))
def test_an_action_is_accepted_exactly_from_its_sources(session, clock, action, state):
    transition = TRANSITIONS[action]
    task = drive(session, clock, state, delegated=action == "resolve")
    before = row(session, task.id)
    if state in transition.sources:
        act(session, action, task)
        assert row(session, task.id)[0] in transition.targets
    else:
        with pytest.raises(engine.Conflict):
            act(session, action, task)
        assert row(session, task.id) == before


def test_a_missing_reason_or_person_is_refused_before_the_effect(session, clock):
    task = drive(session, clock, TaskState.RESERVED)
    with pytest.raises(engine.ValidationFailed):
        engine.perform(session, "escalate", task.id, HOLDER, reason=" ")
    with pytest.raises(engine.ValidationFailed):
        engine.perform(session, "reassign", task.id, BOSS)
    assert (task.state, task.assignee_id) == (TaskState.RESERVED, HOLDER)


# --- the domain offers only what the table allows ---------------------------------------------------------------

@pytest.fixture
def people(session):
    """A township and its county: HOLDER and COLLEAGUE in the township's caseworker pool, BOSS the county's
    supervisor, and a caseworker of another township."""
    league = create_region(session, code="152200", name="兴安盟", level=RegionLevel.LEAGUE)
    county = create_region(session, code="152201", name="乌兰浩特市", level=RegionLevel.COUNTY, parent=league)
    township = create_region(session, code="152201001000", name="都林街道", level=RegionLevel.TOWNSHIP, parent=county)
    other = create_region(session, code="152201002000", name="和平街道", level=RegionLevel.TOWNSHIP, parent=county)

    def user(user_id, role, region):
        u = User(id=user_id, username=f"u{user_id}", display_name=f"u{user_id}", role=role, region_id=region.id,
                 password_hash=generate_password_hash("x", "pbkdf2:sha256:1"), is_enabled=True)
        session.add(u)
        return u
    users = [user(HOLDER, "township_caseworker", township), user(COLLEAGUE, "township_caseworker", township),
             user(BOSS, "supervisor", county), user(50, "township_caseworker", other)]
    session.flush()
    return users, township.id


@pytest.mark.parametrize("delegated", [False, True], ids=["held", "delegated"])
@pytest.mark.parametrize("state", STATES, ids=[s.value for s in STATES])
def test_available_actions_are_only_ones_the_table_accepts_now(session, clock, people, state, delegated):
    if delegated and state == TaskState.READY:
        pytest.skip("a task in the pool has no delegation")
    users, region_id = people
    task = drive(session, clock, state, delegated, region_id)
    offered = sorted((u.id, a.name) for u in users for a in access.available_actions(u, task))
    assert all(state in TRANSITIONS[name].sources for _, name in offered), offered
    for user_id, name in offered:   # and the engine takes each one offered, from the one it is offered to
        act(session, name, task, actor=user_id)
        session.rollback()
