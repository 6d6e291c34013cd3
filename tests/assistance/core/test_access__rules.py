"""assistance.core.access: the region-subtree rules, the task pool filter (with 回避 exclusions) and task transitions."""
import itertools

import pytest
from sqlalchemy import select

from assistance.core import access
from assistance.core.models import Case, Household
from engine import Conflict, Forbidden, HumanTask, ProcessDefinition, ProcessInstance, clock


@pytest.fixture
def instance(session, tree):
    defn = ProcessDefinition(process_key="p", version=1, name="p", content_hash="h", files={}, spec_json="{}",
                             task_meta={}, deployed_dt=clock.now())
    inst = ProcessInstance(definition=defn, state="{}", region_id=tree["heping"].id, started_dt=clock.now(),
                           updated_dt=clock.now())
    session.add(inst)
    session.flush()
    return inst


@pytest.fixture
def make_task(session, instance, tree):
    serial = itertools.count()

    def make(role="township_caseworker", region=None, state="ready", assignee_id=None, excluded=()):
        task = HumanTask(instance=instance, task_guid=f"guid-{next(serial)}",
                         element_id="T", name="乡镇审核", role=role, region_id=(region or tree["dulin"]).id,
                         state=state, assignee_id=assignee_id, excluded=list(excluded), created_dt=clock.now())
        session.add(task)
        session.flush()
        return task
    return make


def test_case_visibility_follows_the_region_subtree(session, tree, make_user):
    household = Household(region_id=tree["heping"].id, address="x", created_dt=clock.now())
    session.add(household)
    session.flush()
    case = Case(number="DB-1", programme="p", household_id=household.id, region_id=tree["heping"].id,
                created_dt=clock.now())
    session.add(case)
    session.flush()
    session.refresh(case)
    inside = [make_user("a", "village_assistant", tree["heping"]), make_user("b", "township_caseworker", tree["dulin"]),
              make_user("c", "county_caseworker", tree["city"]), make_user("d", "admin", tree["league"])]
    outside = [make_user("e", "village_assistant", tree["shengli"]),
               make_user("f", "township_caseworker", tree["keerqin"])]
    for user in inside:
        assert access.can_view_case(user, case) and session.scalars(access.visible_cases(user)).all() == [case]
    for user in outside:
        assert not access.can_view_case(user, case) and session.scalars(access.visible_cases(user)).all() == []


def test_starting_cases_needs_the_role_and_a_village_in_the_subtree(tree, make_user):
    assistant = make_user("a", "village_assistant", tree["heping"])
    caseworker = make_user("b", "township_caseworker", tree["dulin"])
    county = make_user("c", "county_caseworker", tree["city"])
    assert access.can_start_case(assistant, tree["heping"]) and not access.can_start_case(assistant, tree["shengli"])
    assert access.can_start_case(caseworker, tree["shengli"]) and not access.can_start_case(caseworker, tree["pingan"])
    assert not access.can_start_case(caseworker, tree["dulin"])        # a household lives in a village
    assert not access.can_start_case(county) and not access.can_start_case(county, tree["heping"])


def test_my_tasks_are_mine_plus_my_pool_minus_exclusions(session, tree, make_user, make_task):
    me = make_user("me", "township_caseworker", tree["dulin"])
    other = make_user("other", "township_caseworker", tree["dulin"])
    pool = make_task()
    excluded = make_task(excluded=[me.id, 99])
    mine = make_task(state="reserved", assignee_id=me.id)
    theirs = make_task(state="reserved", assignee_id=other.id)
    make_task(role="township_leader")                     # another role's pool
    make_task(region=tree["keerqin"])                     # another township's pool
    make_task(state="completed", assignee_id=me.id)       # history
    found = set(session.scalars(access.my_tasks_query(me)))
    assert found == {pool, mine}
    assert set(session.scalars(select(HumanTask).where(access.claimable_by(other)))) == {pool, excluded}
    assert access.can_claim(me, pool) and not access.can_claim(me, excluded) and not access.can_claim(me, theirs)


def test_transitions_refuse_with_403_or_409(session, tree, make_user, make_task):
    me = make_user("me", "township_caseworker", tree["dulin"])
    other = make_user("other", "township_caseworker", tree["dulin"])
    leader = make_user("lead", "township_leader", tree["dulin"])
    pool, theirs = make_task(), make_task(state="reserved", assignee_id=other.id)
    access.check_action(me, pool, "claim")
    with pytest.raises(Forbidden):
        access.check_action(leader, pool, "claim")
    with pytest.raises(Conflict):
        access.check_action(me, theirs, "claim")
    with pytest.raises(Conflict):
        access.check_action(me, theirs, "complete")
    with pytest.raises(Forbidden):
        access.check_action(me, make_task(excluded=[me.id]), "claim")
    assert [t.name for t in access.available_actions(other, theirs)] == [
        "save_draft", "complete", "release", "delegate", "escalate"]
    assert [t.name for t in access.available_actions(me, pool)] == ["claim"]


def test_task_visibility(session, tree, make_user, make_task):
    task = make_task()
    assert access.can_view_task(make_user("c", "county_caseworker", tree["city"]), task)
    assert not access.can_view_task(make_user("f", "township_caseworker", tree["keerqin"]), task)
    stand_in = make_user("g", "township_caseworker", tree["keerqin"])   # e.g. assigned by a supervisor
    assert access.can_view_task(stand_in, make_task(state="reserved", assignee_id=stand_in.id))
