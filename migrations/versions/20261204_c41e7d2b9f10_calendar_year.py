"""calendar_year: years whose State Council holiday schedule an admin imported (chinese-calendar stops at 2026)

Revision ID: c41e7d2b9f10
Revises: a5a58b8230d5
Create Date: 2026-12-04 09:00:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

import engine.db

# revision identifiers, used by Alembic.
revision: str = 'c41e7d2b9f10'
down_revision: Union[str, Sequence[str], None] = 'a5a58b8230d5'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('calendar_year',
    sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('loaded_by', sa.Integer(), nullable=True),
    sa.Column('loaded_dt', engine.db.AwareDateTime(timezone=True), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('year')
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('calendar_year')
