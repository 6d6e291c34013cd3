"""The request's database session: one per app context, one transaction per request, removed at teardown."""
from flask import current_app, g
from sqlalchemy.orm import sessionmaker

from engine.db import make_engine


def init_app(app) -> None:
    app.extensions["doudi.db_engine"] = make_engine(app.config["DATABASE_URL"])
    app.extensions["doudi.session_factory"] = sessionmaker(app.extensions["doudi.db_engine"],
                                                           expire_on_commit=False)
    app.teardown_appcontext(_remove)


def session_factory(app=None) -> sessionmaker:
    """For work outside a request (CLI, the worker thread): each unit of work opens its own session."""
    return (app or current_app).extensions["doudi.session_factory"]


def db():
    """The session of the current request; controllers commit it once, at the end (see web/controller.py)."""
    if "db_session" not in g:
        g.db_session = session_factory()()
    return g.db_session


def _remove(_exc=None) -> None:
    session = g.pop("db_session", None)
    if session is not None:
        session.close()   # rolls back whatever was not committed: an error page never half-saves
