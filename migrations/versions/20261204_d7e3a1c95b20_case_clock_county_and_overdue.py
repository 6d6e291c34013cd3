"""case_progress: the county's receipt of the township file and its deadline (S2 art. 20), the overall limit's
overdue mark (S2 art. 22) and the extension's ground (S6 §4(1))

Revision ID: d7e3a1c95b20
Revises: c41e7d2b9f10
Create Date: 2026-12-04 11:00:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

import engine.db

# revision identifiers, used by Alembic.
revision: str = 'd7e3a1c95b20'
down_revision: Union[str, Sequence[str], None] = 'c41e7d2b9f10'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('case_progress', schema=None) as batch_op:
        batch_op.add_column(sa.Column('extension_trigger', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('county_received_dt', engine.db.AwareDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('county_deadline_dt', engine.db.AwareDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('overdue_dt', engine.db.AwareDateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('case_progress', schema=None) as batch_op:
        batch_op.drop_column('overdue_dt')
        batch_op.drop_column('county_deadline_dt')
        batch_op.drop_column('county_received_dt')
        batch_op.drop_column('extension_trigger')
