"""The whitelisted functions BPMN script tasks and expressions may call, registered by the domain at start-up."""
from contextlib import contextmanager
from contextvars import ContextVar

_functions: dict = {}
_session: ContextVar = ContextVar("engine_script_session", default=None)
_instance: ContextVar = ContextVar("engine_script_instance", default=None)


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


def current_instance():
    """The process instance whose script is running (its id, region, business key, completed steps)."""
    instance = _instance.get()
    if instance is None:
        raise RuntimeError("script functions run only inside an engine action")
    return instance


@contextmanager
def session_scope(session, instance=None):
    tokens = _session.set(session), _instance.set(instance)
    try:
        yield
    finally:
        _session.reset(tokens[0])
        _instance.reset(tokens[1])
