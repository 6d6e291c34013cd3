"""A tiny publish/subscribe seam so the domain can react to engine happenings without the engine importing it."""
_subscribers: dict[str, list] = {}


def subscribe(name: str, fn) -> None:
    """fn(session, **payload); names: task.ready, instance.completed."""
    _subscribers.setdefault(name, []).append(fn)


def emit(name: str, session, **payload) -> None:
    for fn in _subscribers.get(name, []):
        fn(session, **payload)
