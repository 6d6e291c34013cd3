"""Alembic environment. The schema is engine.db.Base.metadata, on which engine, assistance, documents and web declare
their tables; web.load_models() imports every module that declares one.

URL, in order: the `sqlalchemy.url` option set by a caller (tests), env DATABASE_URL, then the embedded default
SQLite file instance/doudi.sqlite3 (the same place the web app uses). A caller may also hand over an open
connection as config.attributes["connection"].
"""
import os
from logging.config import fileConfig
from pathlib import Path

from alembic import context
from sqlalchemy.engine import make_url

import web
from engine.db import Base, make_engine

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = f"sqlite:///{ROOT / 'instance' / 'doudi.sqlite3'}"

config = context.config
# Programmatic callers (tests) skip this: fileConfig would reset the logging of the process that runs them.
if config.config_file_name and not config.attributes.get("skip_logging_config"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

web.load_models()   # the domain's, the documents' and web's own; the engine's are declared when engine is imported
target_metadata = Base.metadata


def database_url() -> str:
    url = config.get_main_option("sqlalchemy.url") or os.environ.get("DATABASE_URL") or DEFAULT_URL
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)   # a fresh checkout has no instance/
    return url


def render_item(type_, obj, autogen_context):
    """Custom column types (e.g. engine.db.AwareDateTime) render as module.Class: make the revision import them."""
    module = type(obj).__module__
    if type_ == "type" and not module.startswith("sqlalchemy"):
        autogen_context.imports.add(f"import {module}")
    return False   # default rendering


def configure(**kwargs):
    context.configure(
        target_metadata=target_metadata,
        render_item=render_item,
        compare_type=True,
        **kwargs,
    )


def run_offline() -> None:
    url = database_url()
    configure(url=url, literal_binds=True, dialect_opts={"paramstyle": "named"},
              render_as_batch=make_url(url).get_backend_name() == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    db = make_engine(database_url())
    try:
        with db.connect() as connection:
            _run(connection)
    finally:
        db.dispose()


def _run(connection) -> None:
    # SQLite cannot ALTER most things: batch mode rebuilds the table instead.
    configure(connection=connection, render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
