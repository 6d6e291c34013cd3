"""Boundary timers on user tasks (reminder / escalation) and user tasks inside called processes."""
from sqlalchemy import select

import engine
from engine.models import HumanTask, InstanceStatus, TaskState
from tests.engine.bpmn_factory import HEAD, bundle, one_task


def boundary_process(interrupting: bool) -> str:
    cancel = "true" if interrupting else "false"
    return (HEAD.format(pid="b") +
            '<bpmn:process id="b_proc" isExecutable="true"><bpmn:laneSet id="LS"><bpmn:lane id="L1" name="乡镇经办人">'
            '<bpmn:flowNodeRef>Task_1</bpmn:flowNodeRef><bpmn:flowNodeRef>Task_escalated</bpmn:flowNodeRef>'
            '</bpmn:lane></bpmn:laneSet>'
            '<bpmn:startEvent id="Start_1" /><bpmn:userTask id="Task_1" name="审核" />'
            f'<bpmn:boundaryEvent id="Timer_late" name="超期" attachedToRef="Task_1" cancelActivity="{cancel}">'
            '<bpmn:timerEventDefinition id="TD"><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition>'
            '</bpmn:boundaryEvent><bpmn:userTask id="Task_escalated" name="超期处理" />'
            '<bpmn:endEvent id="End_1" /><bpmn:endEvent id="End_2" />'
            '<bpmn:sequenceFlow id="F1" sourceRef="Start_1" targetRef="Task_1" />'
            '<bpmn:sequenceFlow id="F2" sourceRef="Task_1" targetRef="End_1" />'
            '<bpmn:sequenceFlow id="F3" sourceRef="Timer_late" targetRef="Task_escalated" />'
            '<bpmn:sequenceFlow id="F4" sourceRef="Task_escalated" targetRef="End_2" />'
            '</bpmn:process></bpmn:definitions>')


def open_names(session, inst_id):
    return sorted(t.name for t in session.scalars(select(HumanTask).where(
        HumanTask.instance_id == inst_id, HumanTask.state.in_([TaskState.READY, TaskState.RESERVED]))))


def test_interrupting_boundary_timer_cancels_the_task_and_escalates(session_factory, session, clock):
    engine.deploy(session, bundle(boundary_process(True), name="b.bpmn", form=None))
    inst = engine.start(session, "b_proc", region_id=1)
    session.commit()
    clock.advance(days=3, seconds=1)
    assert engine.run_due_jobs(session_factory, "w") == 1
    with session_factory() as s:
        assert open_names(s, inst.id) == ["超期处理"]
        original = s.scalar(select(HumanTask).where(HumanTask.instance_id == inst.id, HumanTask.name == "审核"))
        assert original.state == TaskState.CANCELLED


def test_non_interrupting_timer_adds_a_task_and_keeps_the_original(session_factory, session, clock):
    engine.deploy(session, bundle(boundary_process(False), name="b.bpmn", form=None))
    inst = engine.start(session, "b_proc", region_id=1)
    session.commit()
    clock.advance(days=4)
    engine.run_due_jobs(session_factory, "w")
    with session_factory() as s:
        assert open_names(s, inst.id) == ["审核", "超期处理"]


def test_user_task_inside_a_called_process_is_projected_with_its_lane(session, clock):
    caller = (HEAD.format(pid="c") + '<bpmn:process id="c_proc" isExecutable="true">'
              '<bpmn:startEvent id="Start_c" /><bpmn:callActivity id="Call_1" calledElement="t_proc" />'
              '<bpmn:endEvent id="End_c" /><bpmn:sequenceFlow id="C1" sourceRef="Start_c" targetRef="Call_1" />'
              '<bpmn:sequenceFlow id="C2" sourceRef="Call_1" targetRef="End_c" /></bpmn:process></bpmn:definitions>')
    files = {**bundle(one_task()), "c.bpmn": caller.encode()}
    engine.deploy(session, files)
    inst = engine.start(session, "c_proc", region_id=1)
    task = session.scalar(select(HumanTask).where(HumanTask.instance_id == inst.id))
    assert (task.name, task.role, task.form) == ("审核", "township_caseworker", "t_form.json")
    engine.claim(session, task.id, 7)
    engine.complete(session, task.id, 7, {"opinion": "同意"})
    assert inst.status == InstanceStatus.COMPLETED
