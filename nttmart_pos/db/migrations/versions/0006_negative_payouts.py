"""negative payouts: a partial index on the few payouts with a negative balance

Day-end looks for negative balances still to be carried forward on every
refresh; without an index that is a pass over every payout ever made (15,600
after a year with 300 vendors paid weekly).  The index holds only the
negative ones.  No data changes.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from alembic import op
import sqlalchemy as sa


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('payouts', schema=None) as batch_op:
        batch_op.create_index('ix_payouts_negative_balance', ['vendor_id'], unique=False,
                              sqlite_where=sa.text('balance < 0'), postgresql_where=sa.text('balance < 0'))


def downgrade() -> None:
    with op.batch_alter_table('payouts', schema=None) as batch_op:
        batch_op.drop_index('ix_payouts_negative_balance', sqlite_where=sa.text('balance < 0'),
                            postgresql_where=sa.text('balance < 0'))
