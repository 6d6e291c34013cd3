"""Walking the real BPMN of workflows/ with the demo jurisdiction: each step is done by a named demo user, in its
own transaction, exactly as the web layer does it (claim -> complete -> commit)."""
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

import assistance
import assistance.core.directory
import engine
from assistance.core import access
from assistance.core.applications import start_application
from assistance.core.households import register_household
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import Case, Region, User
from demo import jurisdiction as demo
from engine import HumanTask, TaskState

WORKFLOWS = Path(__file__).resolve().parents[2] / "workflows" / "bpmn"


class Walk:
    """One application moving through its process; every helper opens its own session like a request does."""

    def __init__(self, session_factory, case_id):
        self.factory, self.case_id = session_factory, case_id

    def instance(self, session):
        return session.scalar(select(engine.ProcessInstance).where(
            engine.ProcessInstance.business_key == str(self.case_id)).order_by(engine.ProcessInstance.id))

    def open_steps(self) -> list[str]:
        with self.factory() as s:
            return sorted(t.element_id for t in s.scalars(select(HumanTask).where(
                HumanTask.instance_id == self.instance(s).id, HumanTask.state.in_([TaskState.READY,
                                                                                    TaskState.RESERVED]))))

    def task(self, session, element) -> HumanTask:
        task = session.scalar(select(HumanTask).where(HumanTask.instance_id == self.instance(session).id,
                                                      HumanTask.element_id == element,
                                                      HumanTask.state == TaskState.READY))
        assert task is not None, f"{element} is not open; open: {self.open_steps()}"
        return task

    def can_claim(self, element, username) -> bool:
        with self.factory() as s:
            return access.can_claim(user(s, username), self.task(s, element))

    def do(self, element, username, **data):
        """The user claims the open task `element` (it must be in their pool) and completes it with data."""
        with self.factory() as s:
            actor, task = user(s, username), self.task(s, element)
            assert access.can_claim(actor, task), f"{username} may not claim {element}"
            engine.claim(s, task.id, actor.id)
            engine.complete(s, task.id, actor.id, data)
            s.commit()

    def data(self) -> dict:
        with self.factory() as s:
            return engine.instance_data(s, self.instance(s))

    def status(self):
        with self.factory() as s:
            return self.instance(s).status

    def object(self, raised_by="邻居张某", reason="申请人家中新购置轿车一辆"):
        from assistance.steps.public_notice import notice as public_notice
        with self.factory() as s:
            case = s.get(Case, self.case_id)
            actor = user(s, "township_caseworker_dulin")
            public_notice.record_objection(s, case, raised_by, reason, actor.id)
            engine.send_message(s, self.instance(s).id, "公示异议", {"raised_by": raised_by, "reason": reason},
                                actor_id=actor.id, reason=reason)
            s.commit()


def user(session, username) -> User:
    return session.scalar(select(User).where(User.username == username))


@pytest.fixture
def demo_world(session_factory, clock, monkeypatch):
    monkeypatch.setattr(demo, "PASSWORD_HASH_METHOD", "pbkdf2:sha256:1")
    assistance.core.directory.install()
    assistance.register_all()
    with session_factory() as s:
        demo.seed_demo(s, password="x")
        engine.deploy(s, [WORKFLOWS])
        s.commit()
    yield
    engine.directory.install(engine.directory.NoDirectory())


@pytest.fixture
def application(session_factory, demo_world):
    """application(members=[(name, birth_date), …], village='152201001001', is_urban=True) -> Walk."""
    def make(members=(("赵建国", date(1980, 5, 1)), ("钱秀英", date(1982, 7, 9)), ("赵小军", date(2004, 1, 2))),
             village="152201001001", is_urban=True, programme="dibao_application"):
        relations = ["本人", "配偶", "子女", "子女", "父母"]
        with session_factory() as s:
            region = s.scalar(select(Region).where(Region.code == village))
            household = register_household(s, region_id=region.id, address="测试地址1号", is_urban=is_urban, members=[
                {"name": n, "id_number": compose_id_number(village[:6], born, 300 + i), "relation": relations[i],
                 "is_applicant": i == 0} for i, (n, born) in enumerate(members)], actor_id=None)
            case = start_application(s, household, programme, actor_id=user(s, "village_assistant_heping").id)
            s.commit()
            return Walk(session_factory, case.id)
    return make
