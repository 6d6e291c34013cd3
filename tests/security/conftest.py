"""Security tests drive the engine with the same test role directory as tests/engine."""
from tests.engine.conftest import engine_events_only, roles  # noqa: F401  (autouse fixtures)
