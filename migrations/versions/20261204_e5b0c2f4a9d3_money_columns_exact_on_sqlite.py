"""money columns exact on SQLite: engine.db.Money keeps whole 分 (INTEGER) in the NUMERIC(14, 2) columns there, which
SQLite stored as binary floating point (REAL); PostgreSQL's NUMERIC(14, 2) is exact already and does not change

Revision ID: e5b0c2f4a9d3
Revises: d7e3a1c95b20
Create Date: 2026-12-04 12:00:00.000000

"""
from typing import Sequence, Union

from alembic import op

# revision identifiers, used by Alembic.
revision: str = 'e5b0c2f4a9d3'
down_revision: Union[str, Sequence[str], None] = 'd7e3a1c95b20'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

# table -> its money columns (every Mapped[Decimal] column, an engine.db.Money); the declared type stays
# NUMERIC(14, 2), so no table is rebuilt (a rebuild would drop tables that other rows point at)
MONEY_COLUMNS = {
    "matching_record": ("amount",),
    "decision": ("monthly_amount",),
    "reserve_fund": ("balance",),
    "reserve_fund_entry": ("amount", "balance_after"),
    "temporary_case": ("reference_amount", "approved_amount"),
    "temporary_payment": ("amount",),
    "temporary_measure": ("value",),
    "discussion": ("proposed_amount", "amount"),
    "discussion_opinion": ("amount",),
}


def upgrade() -> None:
    """Upgrade schema."""
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, columns in MONEY_COLUMNS.items():
        for column in columns:   # 元 (REAL) -> 分 (INTEGER), half up as the money rule rounds
            op.execute(f"UPDATE {table} SET {column} = CAST(ROUND({column} * 100) AS INTEGER) "
                       f"WHERE {column} IS NOT NULL")


def downgrade() -> None:
    """Downgrade schema."""
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, columns in MONEY_COLUMNS.items():
        for column in columns:
            op.execute(f"UPDATE {table} SET {column} = {column} / 100.0 WHERE {column} IS NOT NULL")
