"""audit you can trust: audit_event.scheme (1 = plain SHA-256 rows written before, 2 = HMAC-SHA256 keyed outside
the database), audit_anchor (signed chain heads), and triggers refusing UPDATE/DELETE on both audit tables

Existing rows keep verifying under the old rule (scheme 1, the server default); every new row is keyed, and the first
keyed row's HMAC covers the last old hash, so the old rows cannot be rewritten unnoticed either.

Revision ID: b8c4e2a7d915
Revises: f3a8d61c2e47
Create Date: 2026-12-04 17:30:00.000000

"""
from typing import Sequence, Union

import sqlalchemy as sa
from alembic import op

import engine.db

# revision identifiers, used by Alembic.
revision: str = 'b8c4e2a7d915'
down_revision: Union[str, Sequence[str], None] = 'f3a8d61c2e47'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None

TABLES = ("audit_event", "audit_anchor")
# a frozen copy of engine.audit.trigger_ddl at this revision
PG_FUNCTION = ("CREATE OR REPLACE FUNCTION doudi_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
               "RAISE EXCEPTION USING MESSAGE = TG_TABLE_NAME || ' is append-only'; END $$")


def _triggers(dialect: str, table: str) -> list[str]:
    if dialect == "postgresql":
        return [PG_FUNCTION,
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION doudi_append_only()",
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                "FOR EACH STATEMENT EXECUTE FUNCTION doudi_append_only()"]
    if dialect == "sqlite":
        return [f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END" for verb in ("UPDATE", "DELETE")]
    return []


def _drop_triggers(dialect: str, table: str) -> list[str]:
    if dialect == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {table}_{name} ON {table}" for name in ("append_only", "no_truncate")]
    if dialect == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {table}_no_{verb}" for verb in ("update", "delete")]
    return []


def upgrade() -> None:
    """Upgrade schema."""
    op.add_column('audit_event', sa.Column('scheme', sa.SmallInteger(), server_default=sa.text('1'), nullable=False))
    op.create_table('audit_anchor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('event_hash', sa.String(length=64), nullable=False),
    sa.Column('at_dt', engine.db.AwareDateTime(timezone=True), nullable=False),
    sa.Column('mac', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    dialect = op.get_bind().dialect.name
    for table in TABLES:
        for statement in _triggers(dialect, table):
            op.execute(statement)


def downgrade() -> None:
    """Downgrade schema."""
    dialect = op.get_bind().dialect.name
    for table in TABLES:
        for statement in _drop_triggers(dialect, table):
            op.execute(statement)
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS doudi_append_only()")
    op.drop_table('audit_anchor')
    with op.batch_alter_table('audit_event') as batch:
        batch.drop_column('scheme')
