"""Money columns (issue 11 item 9): every Decimal column is an engine.db.Money — NUMERIC(14, 2) — and on SQLite, whose
NUMERIC is binary floating point, it holds whole 分 as INTEGER: typeof() is never 'real', sums are exact."""
import typing
from decimal import Decimal

import pytest
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, func, insert, select, text
from sqlalchemy.exc import StatementError

import web
from engine.db import Base, Money


def test_every_decimal_column_is_a_money_column():
    web.load_models()
    decimal_columns = []
    for mapper in Base.registry.mappers:
        hints = typing.get_type_hints(mapper.class_)
        for attr in mapper.column_attrs:
            if attr.key in hints and _is_decimal(hints[attr.key]):
                decimal_columns.append((mapper.class_.__name__, attr.key, attr.columns[0].type))
    assert len(decimal_columns) >= 12
    assert [(cls, key) for cls, key, kind in decimal_columns if not isinstance(kind, Money)] == []


def _is_decimal(hint) -> bool:
    inner = typing.get_args(hint)[0]                       # Mapped[X] -> X
    return Decimal in (typing.get_args(inner) or (inner,))   # X may be Decimal | None


@pytest.fixture
def ledger():
    engine = create_engine("sqlite://")
    table = Table("ledger", MetaData(), Column("id", Integer, primary_key=True), Column("amount", Money()))
    table.metadata.create_all(engine)
    yield engine, table
    engine.dispose()


def test_on_sqlite_an_amount_is_stored_as_integer_fen_and_read_back_exactly(ledger):
    engine, table = ledger
    amounts = [Decimal("0.10"), Decimal("0.20"), Decimal("999999999999.99"), Decimal("-5.5"), 7]
    with engine.begin() as conn:
        conn.execute(insert(table), [{"amount": a} for a in amounts])
        assert conn.execute(text("SELECT DISTINCT typeof(amount) FROM ledger")).scalars().all() == ["integer"]
        assert conn.execute(select(table.c.amount).order_by(table.c.id)).scalars().all() == [
            Decimal("0.10"), Decimal("0.20"), Decimal("999999999999.99"), Decimal("-5.50"), Decimal("7.00")]
        assert conn.execute(select(func.sum(table.c.amount)).where(table.c.id <= 2)).scalar() == Decimal("0.30")
        assert conn.execute(select(table.c.id).where(table.c.amount > Decimal("0.15"))).scalars().all() == [2, 3, 5]


@pytest.mark.parametrize("value", [0.1, Decimal("1.005"), Decimal("1e20"), Decimal("NaN"), Decimal("Infinity"), "1"])
def test_a_value_the_column_cannot_hold_exactly_is_refused_not_rounded(ledger, value):
    engine, table = ledger
    with engine.begin() as conn, pytest.raises(StatementError, match="money column"):
        conn.execute(insert(table), {"amount": value})


def test_on_postgresql_the_column_is_numeric_14_2():
    from sqlalchemy.dialects import postgresql, sqlite
    assert str(Money().compile(dialect=postgresql.dialect())) == "NUMERIC(14, 2)"
    assert str(Money().compile(dialect=sqlite.dialect())) == "NUMERIC(14, 2)"   # declared so; holds 分
