"""Messages into a waiting instance (an objection during a notice) and separation of duties between steps."""
import pytest
from sqlalchemy import select

import engine
from engine.models import HumanTask, InstanceStatus, TaskState
from tests.engine.bpmn_factory import HEAD

NOTICE = (HEAD.format(pid="n") +
          '<bpmn:message id="Msg_obj" name="公示异议" />'
          '<bpmn:process id="n_proc" isExecutable="true"><bpmn:laneSet id="LS"><bpmn:lane id="L1" name="乡镇经办人">'
          '<bpmn:flowNodeRef>Task_handle</bpmn:flowNodeRef></bpmn:lane></bpmn:laneSet>'
          '<bpmn:startEvent id="Start_n" /><bpmn:eventBasedGateway id="Gw" />'
          '<bpmn:intermediateCatchEvent id="Timer_n"><bpmn:timerEventDefinition id="TD">'
          '<bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>'
          '<bpmn:intermediateCatchEvent id="Catch_obj"><bpmn:messageEventDefinition id="MD" messageRef="Msg_obj">'
          '<bpmn:extensionElements><spiffworkflow:messageVariable>objection</spiffworkflow:messageVariable>'
          '</bpmn:extensionElements></bpmn:messageEventDefinition></bpmn:intermediateCatchEvent>'
          '<bpmn:userTask id="Task_handle" name="处理异议" /><bpmn:endEvent id="End_quiet" /><bpmn:endEvent id="End_obj" />'
          '<bpmn:sequenceFlow id="F1" sourceRef="Start_n" targetRef="Gw" />'
          '<bpmn:sequenceFlow id="F2" sourceRef="Gw" targetRef="Timer_n" />'
          '<bpmn:sequenceFlow id="F3" sourceRef="Gw" targetRef="Catch_obj" />'
          '<bpmn:sequenceFlow id="F4" sourceRef="Timer_n" targetRef="End_quiet" />'
          '<bpmn:sequenceFlow id="F5" sourceRef="Catch_obj" targetRef="Task_handle" />'
          '<bpmn:sequenceFlow id="F6" sourceRef="Task_handle" targetRef="End_obj" />'
          '</bpmn:process></bpmn:definitions>')


def test_a_message_interrupts_the_wait_and_its_payload_reaches_the_task(session, clock):
    engine.deploy(session, {"n.bpmn": NOTICE.encode()})
    inst = engine.start(session, "n_proc", region_id=1)
    assert engine.messages_awaited(session, inst) == ["公示异议"]
    engine.send_message(session, inst.id, "公示异议", {"by": "邻居张某", "why": "家中有车"}, actor_id=3, reason="电话反映")
    session.commit()
    task = session.scalar(select(HumanTask).where(HumanTask.instance_id == inst.id))
    assert task.name == "处理异议" and inst.next_timer_dt is None        # the notice timer is gone
    assert engine.task_data(session, task)["objection"] == {"by": "邻居张某", "why": "家中有车"}
    with pytest.raises(engine.Conflict):                                   # nobody waits for it any more
        engine.send_message(session, inst.id, "公示异议", {}, actor_id=3)


def test_without_objection_the_notice_just_ends(session_factory, session, clock):
    engine.deploy(session, {"n.bpmn": NOTICE.encode()})
    inst = engine.start(session, "n_proc", region_id=1)
    session.commit()
    clock.advance(days=7, seconds=1)
    engine.run_due_jobs(session_factory, "w")
    with session_factory() as s:
        assert s.get(engine.ProcessInstance, inst.id).status == InstanceStatus.COMPLETED


TWO_STEPS = (HEAD.format(pid="d") +
             '<bpmn:process id="d_proc" isExecutable="true"><bpmn:laneSet id="LS"><bpmn:lane id="L1" name="乡镇经办人">'
             '<bpmn:flowNodeRef>Task_survey</bpmn:flowNodeRef><bpmn:flowNodeRef>Task_confirm</bpmn:flowNodeRef>'
             '</bpmn:lane></bpmn:laneSet><bpmn:startEvent id="Start_d" />'
             '<bpmn:userTask id="Task_survey" name="入户调查" />'
             '<bpmn:userTask id="Task_confirm" name="审核确认"><bpmn:extensionElements><spiffworkflow:properties>'
             '<spiffworkflow:property name="excludeCompletersOf" value="{ref}" />'
             '</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="End_d" />'
             '<bpmn:sequenceFlow id="F1" sourceRef="Start_d" targetRef="Task_survey" />'
             '<bpmn:sequenceFlow id="F2" sourceRef="Task_survey" targetRef="Task_confirm" />'
             '<bpmn:sequenceFlow id="F3" sourceRef="Task_confirm" targetRef="End_d" />'
             '</bpmn:process></bpmn:definitions>')


def test_whoever_did_the_survey_cannot_confirm(session, clock):
    engine.deploy(session, {"d.bpmn": TWO_STEPS.format(ref="Task_survey").encode()})
    inst = engine.start(session, "d_proc", region_id=1)
    survey = session.scalar(select(HumanTask).where(HumanTask.instance_id == inst.id))
    engine.claim(session, survey.id, 7)
    engine.complete(session, survey.id, 7, {})
    confirm = session.scalar(select(HumanTask).where(HumanTask.instance_id == inst.id,
                                                     HumanTask.state == TaskState.READY))
    assert 7 in confirm.excluded and 99 in confirm.excluded
    with pytest.raises(engine.Forbidden):
        engine.claim(session, confirm.id, 7)
    engine.claim(session, confirm.id, 8)
    engine.complete(session, confirm.id, 8, {})
    assert inst.status == InstanceStatus.COMPLETED


def test_exclusion_naming_an_unknown_step_is_refused_at_deploy(session, clock):
    with pytest.raises(engine.DeployError, match="Task_ghost"):
        engine.deploy(session, {"d.bpmn": TWO_STEPS.format(ref="Task_ghost").encode()})


