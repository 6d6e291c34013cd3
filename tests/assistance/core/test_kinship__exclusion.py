"""近亲属备案 and excluded owners (回避): a staff member with a declared relative in the household can neither claim,
be assigned, nor complete that case's tasks — supervisors and admins included; declaring later excludes at once."""
import pytest
from sqlalchemy import select

import engine
from assistance.core import access, kinship
from assistance.core.households import open_case, register_household
from engine import AuditEvent, Forbidden


@pytest.fixture
def relative_case(session, tree, id_number):
    """A 和平社区 household whose applicant's ID number is returned alongside its case id."""
    number = id_number(serial=301)
    household = register_household(session, region_id=tree["heping"].id, address="和平社区1号", is_urban=True,
                                   actor_id=None, members=[{"name": "刘玥", "relation": "本人", "is_applicant": True,
                                                            "id_number": number}])
    case = open_case(session, household=household, programme="q_review", actor_id=None)
    session.commit()
    return case, number


def test_a_declared_relative_excludes_the_staff_member_from_new_tasks(session, staff, review, relative_case):
    case, number = relative_case
    start = review()
    kinship.declare(session, user_id=staff["dulin_a"].id, id_number=number, name="刘玥", relation="兄弟姐妹",
                    actor_id=staff["dulin_a"].id)
    kinship.declare(session, user_id=staff["admin"].id, id_number=number, name="刘玥", relation="子女",
                    actor_id=staff["admin"].id)
    task = start(business_key=str(case.id))
    assert task.excluded == sorted([staff["dulin_a"].id, staff["admin"].id])
    with pytest.raises(Forbidden):
        engine.claim(session, task.id, staff["dulin_a"].id)
    with pytest.raises(Forbidden):
        engine.transitions.assign(session, task.id, staff["dulin_a"].id, actor_id=staff["boss"].id)
    with pytest.raises(Forbidden, match="回避"):              # an excluded admin may not even reassign it
        access.check_action(staff["admin"], task, "reassign")
    access.check_action(staff["boss"], task, "reassign")    # the supervisor is not related: allowed
    assert not access.can_claim(staff["dulin_a"], task) and access.can_claim(staff["dulin_b"], task)


def test_declaring_later_excludes_from_open_tasks_and_blocks_completion(session, session_factory, staff, review,
                                                                       relative_case):
    case, number = relative_case
    task = review()(business_key=str(case.id))
    engine.claim(session, task.id, staff["dulin_a"].id)
    session.commit()
    kinship.declare(session, user_id=staff["dulin_a"].id, id_number=number.lower(), name="刘玥",
                    relation="父母", actor_id=staff["dulin_a"].id)
    session.commit()
    with pytest.raises(Forbidden, match="回避"):
        engine.complete(session, task.id, staff["dulin_a"].id, {"opinion": "同意"})
    session.rollback()
    with session_factory() as s:
        event = s.scalar(select(AuditEvent).where(AuditEvent.action == "task.exclude"))
        assert (event.task_id, event.after, event.reason) == (task.id, {"excluded": staff["dulin_a"].id}, "近亲属备案")
    engine.release(session, task.id, staff["dulin_a"].id)   # the way out: back to the pool for a colleague
    engine.claim(session, task.id, staff["dulin_b"].id)


def test_declarations_are_checked(session, staff, relative_case):
    _case, number = relative_case
    with pytest.raises(ValueError, match="身份证号"):
        kinship.declare(session, user_id=staff["dulin_a"].id, id_number="1522", name="x", relation="父母",
                        actor_id=None)
    kinship.declare(session, user_id=staff["dulin_a"].id, id_number=number, name="刘玥", relation="父母",
                    actor_id=None)
    with pytest.raises(ValueError, match="已备案"):
        kinship.declare(session, user_id=staff["dulin_a"].id, id_number=number, name="刘玥", relation="父母",
                        actor_id=None)
