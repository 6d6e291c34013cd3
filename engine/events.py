"""A tiny publish/subscribe seam so the domain can react to engine happenings without the engine importing it."""
_subscribers: dict[str, list] = {}


def subscribe(name: str, fn) -> None:
    """fn(session, **payload); names: task.ready (task), task.transition (task, action, actor_id, reason,
    previous_assignee), task.overdue (task), instance.completed (instance).
    Subscribing the same function twice is a no-op: every create_app() installs the domain's handlers again."""
    handlers = _subscribers.setdefault(name, [])
    if fn not in handlers:
        handlers.append(fn)


def emit(name: str, session, **payload) -> None:
    for fn in _subscribers.get(name, []):
        fn(session, **payload)
