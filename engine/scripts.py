"""The whitelisted functions BPMN script tasks and expressions may call, registered by the domain at start-up."""
from contextlib import contextmanager
from contextvars import ContextVar

_functions: dict = {}
_session: ContextVar = ContextVar("engine_script_session", default=None)


def register(name: str, fn) -> None:
    _functions[name] = fn


def registered() -> dict:
    return dict(_functions)


def current_session():
    """The session of the action running the script (script functions need it for lookups)."""
    session = _session.get()
    if session is None:
        raise RuntimeError("script functions run only inside an engine action")
    return session


@contextmanager
def session_scope(session):
    token = _session.set(session)
    try:
        yield
    finally:
        _session.reset(token)
