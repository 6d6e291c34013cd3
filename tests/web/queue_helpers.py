"""Fixtures of the task-queue tests: a one-step review process of their own (due date and priority from the case
data) and cases started on it directly, so these tests do not move when the real 低保 processes change.
Its fixtures (q_process, q_case, colleague) are offered to every web test by tests/web/conftest.py."""
from datetime import date

import pytest
from sqlalchemy import select

import engine
from assistance.core.households import open_case, register_household
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import Region, User
from tests.engine.bpmn_factory import FORM, HEAD

OPINION = {"opinion": "情况属实"}


def review_process(pid="q_review", lane="乡镇经办人", escalate=False) -> str:
    extra = '<spiffworkflow:property name="escalateOnOverdue" value="true" />' if escalate else ""
    return (HEAD.format(pid=pid) +
            f'<bpmn:process id="{pid}" name="队列测试：审核" isExecutable="true"><bpmn:laneSet id="LS">'
            f'<bpmn:lane id="L1" name="{lane}"><bpmn:flowNodeRef>Task_review</bpmn:flowNodeRef></bpmn:lane>'
            '</bpmn:laneSet><bpmn:startEvent id="Start_1" />'
            '<bpmn:userTask id="Task_review" name="队列审核"><bpmn:extensionElements><spiffworkflow:properties>'
            '<spiffworkflow:property name="formJsonSchemaFilename" value="q_form.json" />'
            '<spiffworkflow:property name="dueInWorkingDays" value="due_wd" />'
            f'<spiffworkflow:property name="priority" value="prio" />{extra}'
            '</spiffworkflow:properties></bpmn:extensionElements></bpmn:userTask><bpmn:endEvent id="End_1" />'
            '<bpmn:sequenceFlow id="F1" sourceRef="Start_1" targetRef="Task_review" />'
            '<bpmn:sequenceFlow id="F2" sourceRef="Task_review" targetRef="End_1" />'
            '</bpmn:process></bpmn:definitions>')


@pytest.fixture
def q_process(app, session_factory):
    with session_factory() as s:
        engine.deploy(s, {"q_review.bpmn": review_process().encode(), "q_form.json": FORM.encode()})
        s.commit()
    return "q_review"


@pytest.fixture
def q_case(q_process, session_factory):
    """q_case(name=…, serial=…, village_code=…, due=3, priority=0, process=…) -> (case_id, task_id)."""
    def make(name="赵敏", serial=123, village_code="152201001001", due=3, priority=0, process=q_process):
        with session_factory() as s:
            village = s.scalar(select(Region).where(Region.code == village_code))
            household = register_household(s, region_id=village.id, address=f"{village.name}{serial}号",
                                           is_urban=True, actor_id=None, members=[{
                                               "name": name, "relation": "本人", "is_applicant": True,
                                               "id_number": id_number(serial, village_code[:6])}])
            case = open_case(s, household=household, programme=process, actor_id=None)
            inst = engine.start(s, process, region_id=village.id, business_key=str(case.id),
                                data={"due_wd": due, "prio": priority},
                                summary={"title": f"{name}家申请", "case_number": case.number})
            task_id = s.scalar(select(engine.HumanTask.id).where(engine.HumanTask.instance_id == inst.id))
            s.commit()
            return case.id, task_id
    return make


@pytest.fixture
def colleague(session_factory, login):
    """A second township caseworker in 都林街道, so delegation has someone to go to."""
    with session_factory() as s:
        model = s.scalars(select(User).where(User.username == "township_caseworker_dulin")).one()
        s.add(User(username="dulin_2", display_name="都林经办人二", role=model.role, region_id=model.region_id,
                   password_hash=model.password_hash))
        s.commit()
    return login("dulin_2")


def id_number(serial, area="152201"):
    return compose_id_number(area, date(1970, 1, 1), serial)


def uid(session_factory, username) -> int:
    with session_factory() as s:
        return s.scalar(select(User.id).where(User.username == username))


def task_row(session_factory, task_id) -> engine.HumanTask:
    with session_factory() as s:
        return s.get(engine.HumanTask, task_id)
