"""一事一议 (one_case_one_discussion.bpmn) started on its own for a case: the county approver convenes three member
units, each sees and claims only its own opinion task, one misses the deadline (逾期未反馈), the chair decides, the
outputs carry the decision and the minutes are requested as a county-signed document."""
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

import engine
from assistance.core import access
from assistance.core.households import open_case, register_household
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import Region
from assistance.steps.discussion.models import Discussion, DiscussionOpinion, OpinionStatus
from documents import DocumentRequest
from engine import HumanTask, InstanceStatus, TaskState

from .conftest import user

CHAIR, CONVENER = "coordination_chair_wulanhaote", "county_approver_wulanhaote"
OPINION, DECIDE = "Task_discussion_opinion", "Task_discussion_decide"


def member(department):
    return f"coordination_member_{department}_wulanhaote"


@pytest.fixture
def discussion(session_factory, demo_world):
    """start(proposed_amount) -> the process instance id of a discussion on a new case in 和平社区."""
    def start(proposed_amount=Decimal("8000.00")):
        with session_factory() as s:
            village = s.scalar(select(Region).where(Region.code == "152201001001"))
            household = register_household(s, region_id=village.id, address="测试地址9号", is_urban=True, members=[
                {"name": "孙大伟", "id_number": compose_id_number("152201", date(1975, 4, 1), 311), "relation": "本人",
                 "is_applicant": True}], actor_id=None)
            case = open_case(s, household=household, programme="temporary_assistance", actor_id=None)
            inst = engine.start(s, "one_case_one_discussion", region_id=village.id, business_key=str(case.id),
                                data={"case_id": case.id, "region_id": village.id, "proposed_amount": proposed_amount,
                                      "discussion_subject": "孙大伟家火灾后临时救助",
                                      "discussion_reason": "救助金额超过县级审批权限"})
            s.commit()
            return inst.id
    return start


def open_tasks(session, inst_id, element=None):
    stmt = select(HumanTask).where(HumanTask.instance_id == inst_id, HumanTask.state == TaskState.READY)
    if element:
        stmt = stmt.where(HumanTask.element_id == element)
    return list(session.scalars(stmt.order_by(HumanTask.id)))


def do(session_factory, inst_id, element, username, data, group=None):
    """The user claims the open task (of that department) from their pool and completes it, in one transaction."""
    with session_factory() as s:
        actor = user(s, username)
        task = next(t for t in open_tasks(s, inst_id, element) if group is None or t.group == group)
        assert access.can_claim(actor, task), f"{username} may not claim {element}"
        engine.claim(s, task.id, actor.id)
        engine.complete(s, task.id, actor.id, data)
        s.commit()


def convene(session_factory, inst_id, departments):
    do(session_factory, inst_id, "Task_discussion_convene", CONVENER,
       {"discussion_subject": "孙大伟家火灾后临时救助", "discussion_departments": departments,
        "discussion_working_days": 3})


def opinion(recommendation="agree", amount=None, text="情况属实，同意给予救助"):
    data = {"discussion_opinion_recommendation": recommendation, "discussion_opinion_text": text}
    return data if amount is None else {**data, "discussion_opinion_amount": Decimal(amount)}


def test_three_departments_one_misses_its_deadline_then_the_chair_decides(session_factory, discussion, clock):
    inst_id = discussion()
    with session_factory() as s:   # the deadline field starts from the policy parameter
        convene_task = open_tasks(s, inst_id, "Task_discussion_convene")[0]
        assert engine.task_data(s, convene_task)["discussion_working_days"] == 3
        with pytest.raises(engine.ValidationFailed):   # a discussion needs at least two units
            engine.claim(s, convene_task.id, user(s, CONVENER).id)
            engine.complete(s, convene_task.id, user(s, CONVENER).id,
                            {"discussion_subject": "孙大伟家火灾后临时救助", "discussion_departments": ["finance"],
                             "discussion_working_days": 3})
    convene(session_factory, inst_id, ["finance", "civil_affairs", "disabled_federation"])

    with session_factory() as s:
        tasks = open_tasks(s, inst_id, OPINION)
        assert sorted(t.group for t in tasks) == ["civil_affairs", "disabled_federation", "finance"]
        county = s.scalar(select(Region).where(Region.name == "乌兰浩特市"))
        assert {t.region_id for t in tasks} == {county.id} and all(t.role == "coordination_member" for t in tasks)
        for department in ("finance", "civil_affairs", "disabled_federation"):
            me = user(s, member(department))
            mine = s.scalars(select(HumanTask).where(access.claimable_by(me))).all()
            assert [t.group for t in mine] == [department]
            assert [t.candidates for t in mine] == [[me.id]]
            for task in tasks:
                assert access.can_claim(me, task) == (task.group == department)
                assert access.can_view_task(me, task) == (task.group == department)
        outsider = user(s, member("health"))   # not invited: no task, no case
        assert s.scalars(select(HumanTask).where(access.claimable_by(outsider))).all() == []
        case = s.get(Discussion, s.scalar(select(Discussion.id))).case
        assert not access.can_view_case(outsider, case) and access.can_view_case(user(s, member("finance")), case)
        assert s.scalars(access.visible_cases(outsider)).all() == []
        assert [c.id for c in s.scalars(access.visible_cases(user(s, member("finance"))))] == [case.id]
        assert not any(access.can_claim(user(s, CHAIR), t) for t in tasks)

    do(session_factory, inst_id, OPINION, member("finance"), opinion(amount="5000"), group="finance")
    do(session_factory, inst_id, OPINION, member("civil_affairs"), opinion("partly", "3000", "建议先行救助3000元"),
       group="civil_affairs")
    with session_factory() as s:
        assert open_tasks(s, inst_id, DECIDE) == []   # 残联 still has time
        deadline = s.scalar(select(Discussion)).deadline_dt
    assert deadline.isoformat() == "2026-03-05T15:59:59+00:00"   # 3 working days: Thursday 23:59:59 Beijing time

    clock.advance(days=4)
    engine.run_due_jobs(session_factory, "w")

    with session_factory() as s:
        row = s.scalar(select(Discussion))
        status = {o.department: o.status for o in row.opinions}
        assert status == {"finance": OpinionStatus.SUBMITTED, "civil_affairs": OpinionStatus.SUBMITTED,
                          "disabled_federation": OpinionStatus.OVERDUE}
        finance = next(o for o in row.opinions if o.department == "finance")
        assert finance.amount == Decimal("5000.00") and finance.submitted_by == user(s, member("finance")).id
        late = s.scalar(select(HumanTask).where(HumanTask.group == "disabled_federation"))
        assert late.state == TaskState.CANCELLED
        decide = open_tasks(s, inst_id, DECIDE)[0]
        assert decide.role == "coordination_chair" and access.can_claim(user(s, CHAIR), decide)
        data = engine.task_data(s, decide)
        assert "残联：逾期未反馈。" in data["discussion_minutes"] and "财政：同意" in data["discussion_minutes"]
        assert [c["const"] for c in data["discussion_paying_choices"]] == ["civil_affairs", "finance",
                                                                           "disabled_federation"]

    decision = {"discussion_decision": "approve", "discussion_decision_amount": Decimal("6000"),
                "discussion_decision_paying": ["finance", "civil_affairs"],
                "discussion_decision_measures": "财政局拨付4000元，民政局临时救助2000元，住建部门协助修缮住房",
                "discussion_minutes": "经会商，同意给予孙大伟家一次性救助6000元。"}
    with session_factory() as s:   # paying departments come from the participants only
        task, chair = open_tasks(s, inst_id, DECIDE)[0], user(s, CHAIR)
        engine.claim(s, task.id, chair.id)
        with pytest.raises(engine.ValidationFailed):
            engine.complete(s, task.id, chair.id, {**decision, "discussion_decision_paying": ["health"]})
        s.commit()
    with session_factory() as s:
        task = s.scalar(select(HumanTask).where(HumanTask.instance_id == inst_id, HumanTask.element_id == DECIDE))
        assert task.state == TaskState.RESERVED   # the refused submission left it open and held
        engine.complete(s, task.id, user(s, CHAIR).id, decision)
        s.commit()

    with session_factory() as s:
        inst = s.get(engine.ProcessInstance, inst_id)
        assert inst.status == InstanceStatus.COMPLETED
        out = engine.instance_data(s, inst)
        row = s.scalar(select(Discussion))
        assert out["discussion_id"] == row.id and out["discussion_outcome"] == "approve"
        assert out["discussion_amount"] == Decimal("6000.00")
        assert out["discussion_paying_departments"] == ["civil_affairs", "finance"]
        assert out["discussion_measures"].startswith("财政局拨付4000元")
        assert (row.outcome, row.amount, row.decided_by) == ("approve", Decimal("6000.00"), user(s, CHAIR).id)
        assert row.convened_by == user(s, CONVENER).id
        request = s.scalar(select(DocumentRequest).where(DocumentRequest.kind == "discussion_minutes"))
        assert request.subject == f"discussion:{row.id}" and request.case_id == row.case_id
        assert request.office_region_id == s.scalar(select(Region.id).where(Region.name == "乌兰浩特市"))


def test_the_chair_may_refuse_with_reasons(session_factory, discussion, clock):
    inst_id = discussion(proposed_amount=None)
    convene(session_factory, inst_id, ["finance", "hrss"])
    do(session_factory, inst_id, OPINION, member("finance"), opinion("disagree", text="家庭有稳定收入来源"),
       group="finance")
    do(session_factory, inst_id, OPINION, member("hrss"), opinion("disagree", text="可通过就业援助解决"),
       group="hrss")
    refuse = {"discussion_decision": "refuse", "discussion_minutes": "经会商，两个成员单位均不同意给予临时救助。"}
    with session_factory() as s:
        task, chair = open_tasks(s, inst_id, DECIDE)[0], user(s, CHAIR)
        engine.claim(s, task.id, chair.id)
        with pytest.raises(engine.ValidationFailed):   # refusing needs its reasons
            engine.complete(s, task.id, chair.id, refuse)
        s.commit()
    with session_factory() as s:
        task = s.scalar(select(HumanTask).where(HumanTask.instance_id == inst_id, HumanTask.element_id == DECIDE))
        engine.complete(s, task.id, user(s, CHAIR).id,
                        {**refuse, "discussion_refusal_reasons": "家庭有稳定收入；可通过就业援助解决困难"})
        s.commit()
    with session_factory() as s:
        out = engine.instance_data(s, s.get(engine.ProcessInstance, inst_id))
        assert (out["discussion_outcome"], out["discussion_amount"], out["discussion_paying_departments"]) == \
            ("refuse", None, [])
        assert out["discussion_reasons"] == "家庭有稳定收入；可通过就业援助解决困难"
        row = s.scalar(select(Discussion))
        assert row.reasons and row.amount is None and row.proposed_amount is None
        assert {o.status for o in s.scalars(select(DiscussionOpinion))} == {OpinionStatus.SUBMITTED}
        assert s.scalar(select(DocumentRequest.kind)) == "discussion_minutes"


CALLER = """<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs_caller" targetNamespace="http://t">
<bpmn:process id="discussion_caller" isExecutable="true">
<bpmn:startEvent id="Start_caller" /><bpmn:callActivity id="Call_discussion" calledElement="one_case_one_discussion" />
<bpmn:scriptTask id="Script_after" name="使用结论"><bpmn:script>
approved_total = discussion_amount if discussion_outcome == "approve" else None</bpmn:script></bpmn:scriptTask>
<bpmn:endEvent id="End_caller" />
<bpmn:sequenceFlow id="C1" sourceRef="Start_caller" targetRef="Call_discussion" />
<bpmn:sequenceFlow id="C2" sourceRef="Call_discussion" targetRef="Script_after" />
<bpmn:sequenceFlow id="C3" sourceRef="Script_after" targetRef="End_caller" />
</bpmn:process></bpmn:definitions>"""


def test_as_a_call_activity_the_caller_reads_the_outputs(session_factory, discussion, clock):
    from .conftest import WORKFLOWS
    files = {"caller.bpmn": CALLER.encode(),
             "one_case_one_discussion.bpmn": (WORKFLOWS / "one_case_one_discussion.bpmn").read_bytes()}
    files.update({p.name: p.read_bytes() for p in (WORKFLOWS.parent / "forms").glob("discussion_*.json")})
    with session_factory() as s:
        engine.deploy(s, files)
        village = s.scalar(select(Region).where(Region.code == "152201001001"))
        s.commit()
    seed_id = discussion()   # a case of its own; its standalone discussion is left open
    with session_factory() as s:
        case_id = int(s.get(engine.ProcessInstance, seed_id).business_key)
        inst = engine.start(s, "discussion_caller", region_id=village.id, business_key=str(case_id),
                            data={"case_id": case_id, "region_id": village.id, "proposed_amount": Decimal("9000"),
                                  "discussion_subject": "重大疾病支出型救助", "discussion_reason": "金额较大"})
        s.commit()
    convene(session_factory, inst.id, ["medical_security", "health"])
    for department in ("medical_security", "health"):
        do(session_factory, inst.id, OPINION, member(department), opinion(amount="4000"), group=department)
    do(session_factory, inst.id, DECIDE, CHAIR,
       {"discussion_decision": "approve", "discussion_decision_amount": Decimal("8000"),
        "discussion_decision_paying": ["medical_security"], "discussion_minutes": "经会商，同意救助8000元。"})
    with session_factory() as s:
        caller = s.get(engine.ProcessInstance, inst.id)
        data = engine.instance_data(s, caller)
        assert caller.status == InstanceStatus.COMPLETED
        assert data["approved_total"] == Decimal("8000.00") and data["discussion_paying_departments"] == \
            ["medical_security"]
        # only discussion_* names come back to the caller; one branch's values are cleared, not left behind
        assert {k for k in data if not k.startswith("discussion_")} == {
            "case_id", "region_id", "proposed_amount", "approved_total"}
        assert data["discussion_department"] is None and data["discussion_opinion_text"] is None
