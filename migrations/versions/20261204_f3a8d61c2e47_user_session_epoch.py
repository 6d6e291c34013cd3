"""app_user.session_epoch: bumped at logout so a copied session cookie is refused afterwards

Revision ID: f3a8d61c2e47
Revises: e5b0c2f4a9d3
Create Date: 2026-12-04 17:10:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = 'f3a8d61c2e47'
down_revision: Union[str, Sequence[str], None] = 'e5b0c2f4a9d3'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('app_user') as batch_op:
        batch_op.add_column(sa.Column('session_epoch', sa.Integer(), server_default='0', nullable=False))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('app_user') as batch_op:
        batch_op.drop_column('session_epoch')
