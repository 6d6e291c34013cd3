import pytest

import engine
from engine import audit, directory, events
from tests.engine.bpmn_factory import bundle, one_task


class RoleDirectory:
    """Lanes name roles; every task goes to user 7 and 8 as candidates."""
    ROLES = {"乡镇经办人": "township_caseworker", "township_caseworker": "township_caseworker",
             "村协理员": "village_assistant", "乡镇审核人": "township_leader", "县级经办人": "county_caseworker",
             "县级审批人": "county_approver", "协调机制召集人": "coordination_chair",
             "协调机制成员单位": "coordination_member"}

    def role_for_lane(self, name):
        return self.ROLES.get(name)

    def route(self, session, role, region_id, group=None):
        return region_id, [7, 8]

    def excluded_users(self, session, instance, element_id):
        return [99]


@pytest.fixture(autouse=True)
def engine_events_only(monkeypatch):
    """The engine knows nothing of the domain: its tests run without the handlers create_app() subscribes."""
    monkeypatch.setattr(events, "_subscribers", {name: [fn for fn in fns if fn.__module__.startswith("engine.")]
                                                 for name, fns in events._subscribers.items()})


@pytest.fixture(autouse=True)
def roles():
    previous = directory.get()
    directory.install(RoleDirectory())
    yield
    directory.install(previous)


@pytest.fixture
def deployed(session, clock):
    """A one-task process with a 1-day timer after the task, deployed and committed."""
    engine.deploy(session, bundle(one_task(timer="P1D")))
    session.commit()
    return "t_proc"


@pytest.fixture
def started(session, deployed):
    inst = engine.start(session, deployed, region_id=1, business_key="42", actor_id=1, data={"region_id": 1})
    session.commit()
    return inst


@pytest.fixture
def audit_key(tmp_path):
    """A known audit key and an anchor file of this test's own; the process's configuration is restored after."""
    saved = audit._key, audit._anchor_log
    audit.configure("test-audit-key", tmp_path / "audit_anchors.log")
    yield tmp_path / "audit_anchors.log"
    audit._key, audit._anchor_log = saved
