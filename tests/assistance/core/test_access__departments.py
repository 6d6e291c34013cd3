"""协调机制成员单位: a task with a candidate group (department) is in the pool of that department's members only; a
member unit sees only its own unit's tasks, and a case only while its unit takes part in the case's 一事一议."""
import itertools

import pytest
from sqlalchemy import select

from assistance.core import access
from assistance.core.directory import Directory
from assistance.core.households import open_case, register_household
from assistance.steps.discussion import meeting as discussion
from engine import HumanTask, ProcessDefinition, ProcessInstance, clock


@pytest.fixture
def members(tree, make_user):
    def make(username, department, role="coordination_member", region=None):
        user = make_user(username, role, region or tree["city"])
        user.department = department
        return user
    return {"finance": make("fin", "finance"), "finance2": make("fin2", "finance"), "health": make("hea", "health"),
            "other_county_finance": make("fin_q", "finance", region=tree["qianqi"]),
            "approver": make("appr", None, role="county_approver")}


@pytest.fixture
def case(session, tree, id_number):
    household = register_household(session, region_id=tree["heping"].id, address="x", is_urban=True, members=[
        {"name": "孙大伟", "id_number": id_number(), "relation": "本人", "is_applicant": True}], actor_id=None)
    return open_case(session, household=household, programme="temporary_assistance", actor_id=None)


@pytest.fixture
def department_task(session, tree, case):
    defn = ProcessDefinition(process_key="p", version=1, name="p", content_hash="h", files={}, spec_json="{}",
                             task_meta={}, deployed_dt=clock.now())
    inst = ProcessInstance(definition=defn, state="{}", region_id=tree["heping"].id, business_key=str(case.id),
                           started_dt=clock.now(), updated_dt=clock.now())
    session.add(inst)
    serial = itertools.count()

    def make(group, role="coordination_member"):
        task = HumanTask(instance=inst, task_guid=f"g-{next(serial)}", element_id="T", name="部门意见", role=role,
                         group=group, region_id=tree["city"].id, state="ready", excluded=[], created_dt=clock.now())
        session.add(task)
        session.flush()
        return task
    return make


def test_a_grouped_task_is_in_the_pool_of_its_department_only(session, members, department_task):
    finance, health = department_task("finance"), department_task("health")
    assert set(session.scalars(select(HumanTask).where(access.claimable_by(members["finance"])))) == {finance}
    assert set(session.scalars(select(HumanTask).where(access.claimable_by(members["health"])))) == {health}
    assert session.scalars(select(HumanTask).where(access.claimable_by(members["other_county_finance"]))).all() == []
    assert access.can_claim(members["finance2"], finance) and not access.can_claim(members["finance"], health)
    assert not access.can_claim(members["other_county_finance"], finance)


def test_a_member_unit_sees_only_its_own_units_tasks(members, department_task):
    finance, health = department_task("finance"), department_task("health")
    ungrouped = department_task(None, "county_approver")
    assert access.can_view_task(members["finance"], finance) and not access.can_view_task(members["finance"], health)
    assert not access.can_view_task(members["finance"], ungrouped)
    assert all(access.can_view_task(members["approver"], t) for t in (finance, health, ungrouped))


def test_a_member_unit_sees_a_case_only_while_taking_part_in_its_discussion(session, members, case):
    assert not access.can_view_case(members["finance"], case)
    assert session.scalars(access.visible_cases(members["finance"])).all() == []
    discussion.convene(session, case, instance_id=None, subject="火灾后临时救助", reason="", proposed_amount=None,
                       department_codes=["finance", "civil_affairs"], working_days=3, actor_id=members["approver"].id)
    assert access.can_view_case(members["finance"], case)
    assert session.scalars(access.visible_cases(members["finance"])).all() == [case]
    assert not access.can_view_case(members["health"], case)          # not invited
    assert not access.can_view_case(members["other_county_finance"], case)   # another county's 财政
    assert access.can_view_case(members["approver"], case)


def test_the_directory_routes_a_grouped_task_to_that_departments_members(session, tree, members):
    region_id, candidates = Directory().route(session, "coordination_member", tree["heping"].id, group="finance")
    assert region_id == tree["city"].id
    assert candidates == [members["finance"].id, members["finance2"].id]
    _region, everyone = Directory().route(session, "coordination_member", tree["heping"].id)
    assert set(everyone) == {members["finance"].id, members["finance2"].id, members["health"].id}
