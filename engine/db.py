"""The one SQLAlchemy base every package's models share, its column types, and the database connection factory."""
from datetime import date, datetime, timezone
from decimal import Decimal

from sqlalchemy import JSON, Date, DateTime, Numeric, create_engine, event
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator


class AwareDateTime(TypeDecorator):
    """Stores UTC, returns aware UTC datetimes on every backend (SQLite has no time zones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: pass an aware datetime")
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


MONEY_PLACES = 2
MONEY_MAX = Decimal("999999999999.99")   # the largest amount NUMERIC(14, 2) holds
CENT = Decimal(1).scaleb(-MONEY_PLACES)


class _WholeFen(Numeric):
    """NUMERIC(14, 2) as SQLite declares the column, bound and read as it is: an integer number of 分."""

    def bind_processor(self, dialect):
        return None

    def result_processor(self, dialect, coltype):
        return None


class Money(TypeDecorator):
    """元 to the 分, exact on every backend. PostgreSQL: NUMERIC(14, 2), a decimal. SQLite: its NUMERIC is binary
    floating point (REAL: 1e20 came back as 100000000000000000000.0), so the column holds whole 分 instead, an
    INTEGER (745.50 元 is 74550); it stays declared NUMERIC(14, 2) so that no table has to be rebuilt to switch.

    Binding refuses what the column cannot hold exactly (float, NaN/Infinity, more than 2 places, beyond
    NUMERIC(14, 2)) instead of rounding it: amounts are read and rounded in the domain, before they get here.
    """

    impl = Numeric(14, MONEY_PLACES)
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(_WholeFen(14, MONEY_PLACES))
        return dialect.type_descriptor(Numeric(14, MONEY_PLACES, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if isinstance(value, (bool, float)) or not isinstance(value, (int, Decimal)):
            raise TypeError(f"money column: {value!r} ({type(value).__name__}) is not an int or Decimal")
        amount = Decimal(value)
        if not amount.is_finite() or abs(amount) > MONEY_MAX or amount != amount.quantize(CENT):
            raise ValueError(f"money column: {value!r} does not fit NUMERIC(14, 2) exactly")
        return int(amount.scaleb(MONEY_PLACES)) if dialect.name == "sqlite" else amount.quantize(CENT)

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "sqlite":   # 分
            return Decimal(int(value)).scaleb(-MONEY_PLACES)
        return Decimal(value).quantize(CENT)


class Base(DeclarativeBase):
    type_annotation_map = {
        datetime: AwareDateTime(),
        date: Date(),
        Decimal: Money(),
        dict: JSON(),
        list: JSON(),
    }


def make_engine(url: str, **kwargs):
    """Create the SQLAlchemy engine; SQLite gets WAL, foreign keys and a generous busy timeout."""
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": 30, "check_same_thread": False})
    db = create_engine(url, **kwargs)
    if db.dialect.name == "sqlite":
        @event.listens_for(db, "connect")
        def _sqlite_pragmas(dbapi_connection, _record):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()
    return db
