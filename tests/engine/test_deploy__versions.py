from sqlalchemy import func, select

import engine
from engine.models import ProcessDefinition, ProcessInstance
from tests.engine.bpmn_factory import bundle, one_task


def test_identical_content_keeps_its_version(session, clock):
    first = engine.deploy(session, bundle(one_task()))
    again = engine.deploy(session, bundle(one_task()))
    assert (first[0].version, first[0].is_new) == (1, True)
    assert (again[0].version, again[0].is_new) == (1, False)
    assert session.scalar(select(func.count()).select_from(ProcessDefinition)) == 1


def test_changed_content_makes_a_new_version_and_running_instances_stay_pinned(session, clock):
    engine.deploy(session, bundle(one_task(label="审核")))
    old = engine.start(session, "t_proc", region_id=1, business_key="1")
    result = engine.deploy(session, bundle(one_task(label="复核")))
    new = engine.start(session, "t_proc", region_id=1, business_key="2")
    session.commit()
    assert result[0].version == 2
    assert old.definition.version == 1 and new.definition.version == 2
    tasks = {t.instance_id: t.name for t in session.scalars(select(engine.HumanTask))}
    assert tasks == {old.id: "审核", new.id: "复核"}


def test_a_changed_form_alone_is_a_new_version(session, clock):
    engine.deploy(session, bundle(one_task()))
    result = engine.deploy(session, bundle(one_task(), form='{"type": "object"}'))
    assert result[0].version == 2


def test_instance_state_holds_no_spec(session, started):
    row = session.get(ProcessInstance, started.id)
    assert '"spec"' not in row.state and "subprocess_specs" not in row.state
    assert row.definition.spec_json.count('"Task_1"') >= 1


def test_deploy_directory_of_demo_processes_resolves_call_activity_and_forms(session, clock):
    results = {r.process_key: r for r in engine.deploy(session, ["workflows/bpmn"])}
    assert {"demo_application", "demo_notice"} <= set(results)
    demo = session.get(ProcessDefinition, results["demo_application"].definition_id)
    assert {"demo_application.bpmn", "demo_notice.bpmn", "demo_review.json"} <= set(demo.files)
    assert demo.task_meta["Task_review"]["role"] == "township_caseworker"
    assert demo.task_meta["Task_review"]["schema"]["required"] == ["decision", "opinion"]
