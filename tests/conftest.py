"""Shared fixtures: a real database (SQLite file, or PostgreSQL when TEST_DATABASE_URL is set) and a frozen clock."""
import os
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy.orm import sessionmaker

import assistance
import documents
import web
from assistance.programmes import registry
from engine import audit as engine_audit
from engine import clock as engine_clock
from engine.db import Base, make_engine

CST = timezone(timedelta(hours=8))
# Apps made by the tests anchor the audit chain of the test database in a file of their own, emptied with the tables
# (the instance/ folder's anchors belong to the developer's database).
ANCHORS = Path(tempfile.mkdtemp(prefix="doudi-test-")) / "audit_anchors.log"
_app_defaults = web.settings.defaults
web.settings.defaults = lambda instance_path: {**_app_defaults(instance_path), "AUDIT_ANCHOR_LOG": str(ANCHORS)}

# the app's wiring, as create_app() does it: every table, the domain connected to the engine, documents subscribed
web.load_models()
assistance.register_all()
documents.install()
# the processes tests deploy for themselves (tests/web/queue_helpers.py) open cases too: a programme of their own
registry.register(registry.Programme(key="test", label="测试", case_prefix="AJ", processes={
    key: registry.Process("队列测试：审核", is_offered=False, has_section=False) for key in ("q_review", "q_other")}))


@pytest.fixture(scope="session")
def db_url(tmp_path_factory):
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def db_engine(db_url):
    db = make_engine(db_url)
    Base.metadata.drop_all(db)
    Base.metadata.create_all(db)
    yield db
    db.dispose()


@pytest.fixture
def session_factory(db_engine):
    factory = sessionmaker(db_engine, expire_on_commit=False)
    yield factory
    with db_engine.begin() as conn:   # leave every table empty for the next test
        engine_audit.lift_append_only(conn)   # the audit tables refuse DELETE: drop their triggers for the cleaning
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())
        engine_audit.install_append_only(conn)
    ANCHORS.unlink(missing_ok=True)


@pytest.fixture
def session(session_factory):
    with session_factory() as s:
        yield s


@pytest.fixture
def clock():
    """A frozen clock on a working Monday morning in Beijing time; tests move it with clock.advance(days=…)."""
    frozen = engine_clock.FrozenClock(datetime(2026, 3, 2, 9, 0, tzinfo=CST))
    engine_clock.use(frozen)
    yield frozen
    engine_clock.use(engine_clock.SystemClock())
