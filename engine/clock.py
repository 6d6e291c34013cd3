"""The one clock of the system: engine timers, jobs and deadlines read it, tests move it."""
from datetime import datetime, timedelta, timezone


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


class FrozenClock:
    """A clock that stands still until moved: clock.advance(days=7)."""

    def __init__(self, at: datetime):
        if at.tzinfo is None:
            raise ValueError("FrozenClock needs an aware datetime")
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, **delta) -> datetime:
        self.at += timedelta(**delta)
        return self.at

    def set(self, at: datetime) -> None:
        self.at = at


_clock = SystemClock()


def now() -> datetime:
    return _clock.now()


def use(clock) -> None:
    """Install a clock (FrozenClock in tests, SystemClock in production)."""
    global _clock
    _clock = clock


def current():
    return _clock


class OffsetClock:
    """Real time moved forward by an offset: the demo server's clock, so a person can watch a 7-day timer fire."""

    def __init__(self, offset: timedelta = timedelta(0)):
        self.offset = offset

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset

    def advance(self, **delta) -> datetime:
        self.offset += timedelta(**delta)
        return self.now()
