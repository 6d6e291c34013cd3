"""Beijing time for the domain: today's date and the current year, read from the engine's one clock."""
from datetime import date, datetime, timedelta, timezone

from engine import clock

# China has kept UTC+8 without daylight saving since 1991; a fixed offset needs no tz database on the host.
CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")


def now() -> datetime:
    return clock.now().astimezone(CHINA)


def today() -> date:
    return now().date()
