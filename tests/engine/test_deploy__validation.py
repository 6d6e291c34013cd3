import pytest
from sqlalchemy import func, select

import engine
from engine.models import ProcessDefinition
from tests.engine.bpmn_factory import bundle, one_task


def refused(session, files) -> str:
    with pytest.raises(engine.DeployError) as info:
        engine.deploy(session, files)
    session.rollback()
    assert session.scalar(select(func.count()).select_from(ProcessDefinition)) == 0
    return "\n".join(info.value.errors)


def test_malformed_xml_is_refused_with_the_line(session, clock):
    message = refused(session, {"bad.bpmn": b"<bpmn:definitions><oops></bpmn:definitions>"})
    assert "bad.bpmn" in message and "XML 格式错误" in message and "第 1 行" in message


def test_entities_are_refused(session, clock):
    xxe = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>'
    assert "实体" in refused(session, {"xxe.bpmn": xxe})


def test_duplicate_ids_are_refused_naming_the_id(session, clock):
    xml = one_task(extra='<bpmn:task id="Task_1" name="重复" />')
    assert "Task_1" in refused(session, bundle(xml)) and "重复" in refused(session, bundle(xml))


def test_lane_that_maps_to_no_role_is_refused(session, clock):
    message = refused(session, bundle(one_task(lane="食堂阿姨")))
    assert "食堂阿姨" in message and "Lane_1" in message and "角色" in message


def test_user_task_outside_any_lane_is_refused(session, clock):
    message = refused(session, bundle(one_task(lane=None)))
    assert "Task_1" in message and "泳道" in message


def test_missing_form_file_is_refused(session, clock):
    message = refused(session, bundle(one_task(form="nowhere.json"), form=None))
    assert "nowhere.json" in message and "Task_1" in message


def test_invalid_form_schema_is_refused(session, clock):
    assert "JSON Schema" in refused(session, bundle(one_task(), form='{"type": 12}'))


def test_timer_expression_neither_python_nor_iso_is_refused(session, clock):
    message = refused(session, bundle(one_task(timer="7 天后")))
    assert "7 天后" in message and "Timer_1" in message and "ISO 8601" in message


def test_bad_condition_is_refused_naming_the_flow(session, clock):
    extra = ('<bpmn:sequenceFlow id="F9" sourceRef="Task_1" targetRef="End_1">'
             '<bpmn:conditionExpression>amount &gt;</bpmn:conditionExpression></bpmn:sequenceFlow>')
    assert "F9" in refused(session, bundle(one_task(extra=extra)))


def test_missing_called_process_is_refused(session, clock):
    extra = ('<bpmn:callActivity id="Call_1" calledElement="ghost_process" />'
             '<bpmn:sequenceFlow id="F8" sourceRef="Start_1" targetRef="Call_1" />')
    assert "ghost_process" in refused(session, bundle(one_task(extra=extra)))


@pytest.mark.parametrize("literal", ["P7D", "PT36H", "P1Y2M", "2026-10-01T09:00:00+08:00"])
def test_bare_iso_literals_are_accepted_as_camunda_writes_them(session, clock, literal):
    assert engine.deploy(session, bundle(one_task(timer=literal)))[0].version == 1


def test_python_timer_expression_is_accepted(session, clock):
    assert engine.deploy(session, bundle(one_task(timer='"P%dD" % 7')))[0].is_new


def test_camunda_form_key_is_read(session, clock):
    xml = one_task(form=None, task_attrs='camunda:formKey="t_form.json"')
    defn = session.get(ProcessDefinition, engine.deploy(session, bundle(xml))[0].definition_id)
    assert defn.task_meta["Task_1"]["form"] == "t_form.json" and defn.task_meta["Task_1"]["schema"]


def test_cli_style_path_that_does_not_exist(session, clock):
    assert "不存在" in refused(session, ["/nonexistent/x.bpmn"])


def test_reserved_element_ids_are_refused(session, clock):
    xml = one_task().replace('"Start_1"', '"Start"')
    assert "保留名" in refused(session, bundle(xml))
