"""Factories for the domain tests: a small jurisdiction tree, staff users, valid ID numbers."""
from datetime import date

import pytest
from sqlalchemy import select
from werkzeug.security import generate_password_hash

import engine
from assistance.core import directory
from assistance.core.idnumbers import compose_id_number
from assistance.core.models import RegionLevel, User
from assistance.core.regions import create_region
from assistance.worklist import task_events
from engine import HumanTask, TaskState, events
from tests.engine.bpmn_factory import FORM
from tests.web.queue_helpers import review_process


@pytest.fixture
def tree(session):
    """兴安盟 > 乌兰浩特市 > 都林街道 > 和平社区 / 胜利社区, and 兴安盟 > 科右前旗 > 科尔沁镇 > 平安村."""
    league = create_region(session, code="152200", name="兴安盟", level=RegionLevel.LEAGUE)
    city = create_region(session, code="152201", name="乌兰浩特市", level=RegionLevel.COUNTY, parent=league)
    dulin = create_region(session, code="152201001000", name="都林街道", level=RegionLevel.TOWNSHIP, parent=city)
    heping = create_region(session, code="152201001001", name="和平社区", level=RegionLevel.VILLAGE, parent=dulin)
    shengli = create_region(session, code="152201001002", name="胜利社区", level=RegionLevel.VILLAGE, parent=dulin)
    qianqi = create_region(session, code="152221", name="科尔沁右翼前旗", level=RegionLevel.COUNTY, parent=league)
    keerqin = create_region(session, code="152221100000", name="科尔沁镇", level=RegionLevel.TOWNSHIP, parent=qianqi)
    pingan = create_region(session, code="152221100201", name="平安村", level=RegionLevel.VILLAGE, parent=keerqin)
    return dict(league=league, city=city, dulin=dulin, heping=heping, shengli=shengli, qianqi=qianqi,
                keerqin=keerqin, pingan=pingan)


@pytest.fixture
def make_user(session):
    def make(username, role, region, *, is_enabled=True):
        user = User(username=username, display_name=username, role=role, region_id=region.id,
                    password_hash=generate_password_hash("x", "pbkdf2:sha256:1"), is_enabled=is_enabled)
        session.add(user)
        session.flush()
        return user
    return make


@pytest.fixture
def id_number():
    """id_number(born=date(1980, 1, 1), serial=101, area='152201') -> a checksum-correct number."""
    def make(born=date(1980, 1, 1), serial=101, area="152201"):
        return compose_id_number(area, born, serial)
    return make


# --- task queues: the domain's reactions to task events, a small staff, a review process ----------------------

@pytest.fixture
def domain_events(monkeypatch):
    """Install what create_app() installs for tasks (directory, notifications, substitution), undone afterwards."""
    monkeypatch.setattr(events, "_subscribers", {name: list(fns) for name, fns in events._subscribers.items()})
    previous = engine.directory.get()
    directory.install()
    task_events.install()
    yield
    engine.directory.install(previous)


@pytest.fixture
def staff(session, tree, make_user):
    """都林街道: two township caseworkers; 科尔沁镇: one; supervisors of 乌兰浩特市 and 兴安盟; an admin."""
    return dict(
        dulin_a=make_user("dulin_a", "township_caseworker", tree["dulin"]),
        dulin_b=make_user("dulin_b", "township_caseworker", tree["dulin"]),
        keerqin=make_user("keerqin_a", "township_caseworker", tree["keerqin"]),
        boss=make_user("boss_city", "supervisor", tree["city"]),
        league_boss=make_user("boss_league", "supervisor", tree["league"]),
        admin=make_user("admin", "admin", tree["league"]),
    )


@pytest.fixture
def review(session, clock, tree, domain_events):
    """review(escalate=False, bpmn=None) deploys a one-step review in the 乡镇经办人 lane and returns
    start(due=2, priority=0, business_key=None), which starts an instance in 和平社区, commits, and returns its
    open task."""
    def deploy(escalate=False, bpmn=None):
        engine.deploy(session, {"q_review.bpmn": (bpmn or review_process(escalate=escalate)).encode(),
                                "q_form.json": FORM.encode()})
        session.commit()

        def start(due=2, priority=0, business_key=None):
            inst = engine.start(session, "q_review", region_id=tree["heping"].id, business_key=business_key,
                                data={"due_wd": due, "prio": priority})
            session.commit()
            return open_task(session, inst.id)
        return start
    return deploy


def open_task(session, instance_id):
    """The instance's open human task (ready, claimed, in progress or suspended), if any."""
    return session.scalar(select(HumanTask).where(HumanTask.instance_id == instance_id, HumanTask.state.in_(
        (TaskState.READY, TaskState.RESERVED, TaskState.IN_PROGRESS, TaskState.SUSPENDED))))
