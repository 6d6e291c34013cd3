"""A scratch PostgreSQL database for a benchmark, created on the server named by BENCH_DATABASE_URL (or
TEST_DATABASE_URL) and dropped afterwards; None when no PostgreSQL server is configured."""
import os
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import make_url

from engine.db import make_engine


def postgres_base() -> str | None:
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("TEST_DATABASE_URL")
    return base if base and base.startswith("postgresql") else None


@contextmanager
def scratch_postgres(prefix: str):
    """Yields an engine on a new database '<prefix>_<pid>' of the configured server, dropped on exit."""
    url = make_url(postgres_base())
    scratch = f"{prefix}_{os.getpid()}"
    admin = make_engine(url.set(database="postgres").render_as_string(hide_password=False),
                        isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{scratch}"'))
    db = make_engine(url.set(database=scratch).render_as_string(hide_password=False))
    try:
        yield db
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))
        admin.dispose()
