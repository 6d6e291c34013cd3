"""Integers from URLs and forms that the database can hold: a number past a signed 32-bit INTEGER column (every id
and number column here; PostgreSQL refuses more) is not an id of anything, so a route answers 404 and a form or
filter treats it as absent (never an overflow and a 500)."""
import re

from werkzeug.routing import IntegerConverter, ValidationError

BIGINT_MAX = 2 ** 31 - 1   # PostgreSQL INTEGER, the type of every id column
BIGINT_MIN = -2 ** 31
MAX_PAGE = 10 ** 6         # of a paged list: far past any real list, and OFFSET stays small
_DECIMAL = re.compile(r"[+-]?[0-9]{1,10}")   # 10 digits hold every INTEGER; longer text is no id (nor worth int())


class BoundedIntConverter(IntegerConverter):
    """The app's <int:…>: as Werkzeug's, but a value no column can hold does not match the route (404)."""

    def __init__(self, map, fixed_digits=0, min=None, max=None, signed=False):  # noqa: A002 - Werkzeug's names
        super().__init__(map, fixed_digits=fixed_digits, min=min, signed=signed,
                         max=BIGINT_MAX if max is None else max)

    def to_python(self, value: str) -> int:
        if len(value.lstrip("-")) > 10:   # also spares int() a 5,000-digit path (Python refuses those with ValueError)
            raise ValidationError()
        number = super().to_python(value)
        if not BIGINT_MIN <= number <= BIGINT_MAX:   # when the route itself allows any max
            raise ValidationError()
        return number


def to_int(raw, default=None, low: int = BIGINT_MIN, high: int = BIGINT_MAX):
    """A decimal integer from request text within [low, high], else `default`: '²', '1e3', '--1', a number past
    2⁶³ and the empty string are all simply not a number here."""
    if isinstance(raw, int) and not isinstance(raw, bool):   # ids handed over by code, not typed
        number = raw
    elif isinstance(raw, str) and _DECIMAL.fullmatch(raw.strip()):
        number = int(raw)
    else:
        return default
    return number if low <= number <= high else default


def int_arg(values, name: str, default=None, low: int = BIGINT_MIN, high: int = BIGINT_MAX):
    """`to_int` of one request argument or form field (request.args / request.form / request.values)."""
    return to_int(values.get(name), default, low, high)


def register(app) -> None:
    app.url_map.converters["int"] = BoundedIntConverter
