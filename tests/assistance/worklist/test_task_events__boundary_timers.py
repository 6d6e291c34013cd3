"""BPMN timer boundary events on a user task, with notifications: a non-interrupting reminder after 2 days
(remind()) and an interrupting escalation after 5 days (notify_supervisors(), then a 主管 task) — each fires once."""
from sqlalchemy import select

import engine
from assistance.worklist.notifications import Notification
from engine import HumanTask, TaskState
from tests.engine.bpmn_factory import HEAD


def reminder_and_escalation() -> str:
    flows = [("F1", "Start_1", "Task_review"), ("F2", "Task_review", "End_1"), ("F3", "Remind_2d", "Script_remind"),
             ("F4", "Script_remind", "End_2"), ("F5", "Late_5d", "Script_escalate"),
             ("F6", "Script_escalate", "Task_oversee"), ("F7", "Task_oversee", "End_3")]
    return (HEAD.format(pid="b") +
            '<bpmn:process id="q_review" name="带催办与督办的审核" isExecutable="true"><bpmn:laneSet id="LS">'
            '<bpmn:lane id="L1" name="乡镇经办人"><bpmn:flowNodeRef>Task_review</bpmn:flowNodeRef></bpmn:lane>'
            '<bpmn:lane id="L2" name="主管"><bpmn:flowNodeRef>Task_oversee</bpmn:flowNodeRef></bpmn:lane>'
            '</bpmn:laneSet><bpmn:startEvent id="Start_1" /><bpmn:userTask id="Task_review" name="乡镇审核" />'
            '<bpmn:boundaryEvent id="Remind_2d" name="催办" attachedToRef="Task_review" cancelActivity="false">'
            '<bpmn:timerEventDefinition id="TD1"><bpmn:timeDuration>P2D</bpmn:timeDuration></bpmn:timerEventDefinition>'
            '</bpmn:boundaryEvent>'
            '<bpmn:scriptTask id="Script_remind" name="发送催办"><bpmn:script>remind("Task_review", "请在期限前办结")'
            '</bpmn:script></bpmn:scriptTask>'
            '<bpmn:boundaryEvent id="Late_5d" name="超期" attachedToRef="Task_review" cancelActivity="true">'
            '<bpmn:timerEventDefinition id="TD2"><bpmn:timeDuration>P5D</bpmn:timeDuration></bpmn:timerEventDefinition>'
            '</bpmn:boundaryEvent>'
            '<bpmn:scriptTask id="Script_escalate" name="通知主管"><bpmn:script>'
            'notify_supervisors("乡镇审核超期，已转主管督办")</bpmn:script></bpmn:scriptTask>'
            '<bpmn:userTask id="Task_oversee" name="超期督办" />'
            '<bpmn:endEvent id="End_1" /><bpmn:endEvent id="End_2" /><bpmn:endEvent id="End_3" />'
            + "".join(f'<bpmn:sequenceFlow id="{i}" sourceRef="{a}" targetRef="{b}" />' for i, a, b in flows) +
            '</bpmn:process></bpmn:definitions>')


def inbox(session_factory):
    with session_factory() as s:
        return sorted((n.kind, n.user_id, n.title) for n in s.scalars(select(Notification)))


def open_tasks(session_factory, inst_id):
    with session_factory() as s:
        return sorted((t.name, t.role) for t in s.scalars(select(HumanTask).where(
            HumanTask.instance_id == inst_id, HumanTask.state.in_((TaskState.READY, TaskState.RESERVED)))))


def test_reminder_keeps_the_task_and_escalation_replaces_it_each_once(session, session_factory, staff, review, clock):
    task = review(bpmn=reminder_and_escalation())()
    engine.claim(session, task.id, staff["dulin_a"].id)
    session.commit()
    reminder = ("task.reminder", staff["dulin_a"].id, "催办：请尽快办理「乡镇审核」")

    clock.advance(days=2, seconds=1)
    engine.run_due_jobs(session_factory, "w")
    assert inbox(session_factory) == [reminder]
    assert open_tasks(session_factory, task.instance_id) == [("乡镇审核", "township_caseworker")]
    clock.advance(days=1)
    engine.run_due_jobs(session_factory, "w")
    assert inbox(session_factory) == [reminder]                  # the reminder fired once

    clock.advance(days=2)                                        # 5 days after the start
    engine.run_due_jobs(session_factory, "w")
    escalation = ("process.escalation", staff["boss"].id, "乡镇审核超期，已转主管督办")
    assert inbox(session_factory) == sorted([reminder, escalation])
    assert open_tasks(session_factory, task.instance_id) == [("超期督办", "supervisor")]
    with session_factory() as s:
        assert s.get(HumanTask, task.id).state == TaskState.CANCELLED
        oversee = s.scalar(select(HumanTask).where(HumanTask.element_id == "Task_oversee"))
        assert oversee.candidates == [staff["boss"].id]           # the county supervisor's pool
    clock.advance(days=7)
    engine.run_due_jobs(session_factory, "w")
    assert inbox(session_factory) == sorted([reminder, escalation])   # and the escalation once


def test_an_unclaimed_task_reminds_the_whole_pool(session, session_factory, staff, review, clock):
    review(bpmn=reminder_and_escalation())()
    clock.advance(days=2, seconds=1)
    engine.run_due_jobs(session_factory, "w")
    assert {user_id for _kind, user_id, _title in inbox(session_factory)} == {staff["dulin_a"].id,
                                                                               staff["dulin_b"].id}
