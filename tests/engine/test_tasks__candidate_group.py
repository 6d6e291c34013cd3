"""candidateGroup: a user task's property, an expression on its data, narrows the pool to one group of the role
(e.g. the department of one branch of a multi-instance). The engine only evaluates it, stores it on the task and
hands it to the directory; who belongs to the group is the domain's business."""
import pytest
from sqlalchemy import select

import engine
from engine import directory
from engine.models import HumanTask
from tests.engine.bpmn_factory import bundle, one_task


def grouped_task(expression="department") -> str:
    prop = f'<spiffworkflow:property name="candidateGroup" value="{expression}" />'
    return one_task().replace("</spiffworkflow:properties>", prop + "</spiffworkflow:properties>", 1)


class GroupDirectory:
    """Records the group each task was routed with; group members are users 20 and 21."""

    def __init__(self):
        self.calls = []

    def role_for_lane(self, name):
        return "township_caseworker"

    def route(self, session, role, region_id, group=None):
        self.calls.append((role, region_id, group))
        return region_id, [20, 21] if group else [7]

    def excluded_users(self, session, instance, element_id):
        return []


@pytest.fixture
def groups():
    previous, recorder = directory.get(), GroupDirectory()
    directory.install(recorder)
    yield recorder
    directory.install(previous)


def test_the_group_is_evaluated_on_the_task_data_stored_and_passed_to_the_directory(session, clock, groups):
    engine.deploy(session, bundle(grouped_task()))
    inst = engine.start(session, "t_proc", region_id=5, data={"department": "finance"})
    task = session.scalar(select(HumanTask).where(HumanTask.instance_id == inst.id))
    assert (task.group, task.candidates, task.region_id) == ("finance", [20, 21], 5)
    assert groups.calls == [("township_caseworker", 5, "finance")]
    definition = inst.definition
    assert definition.task_meta["Task_1"]["candidate_group"] == "department"


def test_an_empty_group_means_the_whole_pool(session, clock, groups):
    engine.deploy(session, bundle(grouped_task("department or None")))
    inst = engine.start(session, "t_proc", region_id=5, data={"department": ""})
    task = session.scalar(select(HumanTask).where(HumanTask.instance_id == inst.id))
    assert (task.group, task.candidates) == (None, [7])


def test_an_ungrouped_task_is_routed_to_the_whole_pool(session, clock):
    """A task without candidateGroup has no group and the directory's pool as candidates."""
    engine.deploy(session, bundle(one_task()))
    inst = engine.start(session, "t_proc", region_id=1)
    task = session.scalar(select(HumanTask).where(HumanTask.instance_id == inst.id))
    assert task.group is None and task.candidates == [7, 8]


def test_the_default_directory_accepts_a_group(session, clock):
    previous = directory.get()
    directory.install(directory.NoDirectory())
    try:
        engine.deploy(session, bundle(grouped_task()))
        inst = engine.start(session, "t_proc", region_id=3, data={"department": "health"})
        task = session.scalar(select(HumanTask).where(HumanTask.instance_id == inst.id))
        assert (task.group, task.region_id, task.candidates) == ("health", 3, [])
    finally:
        directory.install(previous)


def test_a_candidate_group_that_is_not_python_is_refused_at_deploy(session, clock):
    with pytest.raises(engine.DeployError) as info:
        engine.deploy(session, bundle(grouped_task("department +")))
    message = "\n".join(info.value.errors)
    assert "candidateGroup" in message and "Task_1" in message
