"""The Alembic revisions build exactly the schema the models declare: a model change without a migration fails here.

Always on a fresh SQLite file; also on a scratch PostgreSQL database when TEST_DATABASE_URL is set (CI).
"""
import os
from pathlib import Path
from pprint import pformat

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.engine import make_url

import assistance.core.models  # noqa: F401
import engine.models  # noqa: F401
import web  # noqa: F401  (every table the app uses, as migrations/env.py sees them)
from engine.db import Base, make_engine

ROOT = Path(__file__).resolve().parents[1]
FIX = 'generate one with `make migration m="what changed"`'


def alembic_config(url: str) -> Config:
    cfg = Config(str(ROOT / "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))   # ConfigParser interpolates '%'
    cfg.attributes["skip_logging_config"] = True
    return cfg


@pytest.fixture
def sqlite_url(tmp_path):
    return f"sqlite:///{tmp_path / 'migrations.sqlite3'}"


@pytest.fixture
def postgres_url():
    """A scratch database next to TEST_DATABASE_URL's (that one holds the suite's create_all tables)."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        pytest.skip("TEST_DATABASE_URL not set: migrations checked on SQLite only")
    url = make_url(base)
    scratch = f"{url.database}_migrations"
    admin = make_engine(url.set(database="postgres").render_as_string(hide_password=False),
                        isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch}"'))
        conn.execute(text(f'CREATE DATABASE "{scratch}"'))
    yield url.set(database=scratch).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_upgrade_head_matches_models(backend, request):
    url = request.getfixturevalue(f"{backend}_url")
    heads = ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads()
    assert heads, f"migrations/versions has no Alembic revision yet: {FIX}"
    assert len(heads) == 1, f"several Alembic heads {heads}: merge them with `alembic merge heads`"

    command.upgrade(alembic_config(url), "head")

    db = make_engine(url)
    try:
        with db.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
    finally:
        db.dispose()
    assert not diff, f"the models differ from the migrations; {FIX}:\n{pformat(diff)}"
