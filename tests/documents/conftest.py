"""Document fixtures: the demo jurisdiction, a signing set-up in a temporary instance folder, decisions, the worker."""
import pytest

import engine
from demo import jurisdiction as demo

from .factories import configure_signing, make_decision


@pytest.fixture(scope="session")
def signing_instance(tmp_path_factory):
    return tmp_path_factory.mktemp("instance")


@pytest.fixture
def signing(signing_instance):
    return configure_signing(signing_instance)


@pytest.fixture
def seeded(session, clock, monkeypatch):
    monkeypatch.setattr(demo, "PASSWORD_HASH_METHOD", "pbkdf2:sha256:1")
    demo.seed_demo(session, password="demo-pass-1")
    session.commit()
    return session


@pytest.fixture
def decision_factory(seeded, signing):
    def make(**kwargs):
        decision = make_decision(seeded, **kwargs)
        seeded.commit()
        return decision
    return make


@pytest.fixture
def run_worker(session_factory):
    """Run every due job the way `flask worker` does; returns how many succeeded."""
    def run():
        total = 0
        while (done := engine.run_due_jobs(session_factory, "test-worker")):
            total += done
        return total
    return run
