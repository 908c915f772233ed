"""day end: shifts, cash movements, Z reports, refunds, vendor payouts; sale channels and discount shares

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28
"""

from alembic import op
import sqlalchemy as sa


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('payouts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('payout_no', sa.String(length=24), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=False),
    sa.Column('period_to', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_by', sa.Integer(), nullable=True),
    sa.Column('paid_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('paid_by', sa.Integer(), nullable=True),
    sa.Column('paid_method', sa.String(length=12), nullable=True),
    sa.Column('paid_reference', sa.String(length=80), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=True),
    sa.Column('units', sa.BigInteger(), nullable=False),
    sa.Column('gross', sa.BigInteger(), nullable=False),
    sa.Column('refunds', sa.BigInteger(), nullable=False),
    sa.Column('commission', sa.BigInteger(), nullable=False),
    sa.Column('carried_in', sa.BigInteger(), nullable=False),
    sa.Column('balance', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.CheckConstraint("status IN ('draft', 'approved', 'paid')", name=op.f('ck_payouts_status')),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_payouts_amount')),
    sa.CheckConstraint('period_from <= period_to', name=op.f('ck_payouts_period')),
    sa.ForeignKeyConstraint(['approved_by'], ['users.id'], name=op.f('fk_payouts_approved_by_users')),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_payouts_created_by_users')),
    sa.ForeignKeyConstraint(['paid_by'], ['users.id'], name=op.f('fk_payouts_paid_by_users')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_payouts_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payouts')),
    sa.UniqueConstraint('payout_no', name=op.f('uq_payouts_payout_no'))
    )
    with op.batch_alter_table('payouts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payouts_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('shifts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('terminal', sa.String(length=8), nullable=False),
    sa.Column('cashier_id', sa.Integer(), nullable=False),
    sa.Column('cashier_name', sa.String(length=120), nullable=False),
    sa.Column('opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('opening_float', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('closed_by', sa.Integer(), nullable=True),
    sa.Column('expected_cash', sa.BigInteger(), nullable=True),
    sa.Column('counted_cash', sa.BigInteger(), nullable=True),
    sa.CheckConstraint("status IN ('open', 'closed')", name=op.f('ck_shifts_status')),
    sa.CheckConstraint('opening_float >= 0', name=op.f('ck_shifts_float')),
    sa.ForeignKeyConstraint(['cashier_id'], ['users.id'], name=op.f('fk_shifts_cashier_id_users')),
    sa.ForeignKeyConstraint(['closed_by'], ['users.id'], name=op.f('fk_shifts_closed_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shifts'))
    )
    with op.batch_alter_table('shifts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shifts_terminal'), ['terminal'], unique=False)
        batch_op.create_index('uq_shifts_one_open_per_terminal', ['terminal'], unique=True, sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))

    op.create_table('cash_movements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=4), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.Column('payout_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("kind IN ('in', 'out')", name=op.f('ck_cash_movements_kind')),
    sa.CheckConstraint('amount > 0', name=op.f('ck_cash_movements_amount')),
    sa.ForeignKeyConstraint(['payout_id'], ['payouts.id'], name=op.f('fk_cash_movements_payout_id_payouts')),
    sa.ForeignKeyConstraint(['shift_id'], ['shifts.id'], name=op.f('fk_cash_movements_shift_id_shifts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_cash_movements_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cash_movements'))
    )
    with op.batch_alter_table('cash_movements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cash_movements_payout_id'), ['payout_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cash_movements_shift_id'), ['shift_id'], unique=False)

    op.create_table('z_reports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('z_no', sa.String(length=24), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=False),
    sa.Column('terminal', sa.String(length=8), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('business_date', sa.Date(), nullable=False),
    sa.Column('figures', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['shift_id'], ['shifts.id'], name=op.f('fk_z_reports_shift_id_shifts')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_z_reports')),
    sa.UniqueConstraint('shift_id', name=op.f('uq_z_reports_shift_id')),
    sa.UniqueConstraint('z_no', name=op.f('uq_z_reports_z_no'))
    )
    with op.batch_alter_table('z_reports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_z_reports_business_date'), ['business_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_z_reports_created_at'), ['created_at'], unique=False)

    op.create_table('refunds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('refund_no', sa.String(length=24), nullable=False),
    sa.Column('sale_id', sa.Integer(), nullable=False),
    sa.Column('terminal', sa.String(length=8), nullable=False),
    sa.Column('shift_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('user_name', sa.String(length=120), nullable=False),
    sa.Column('method', sa.String(length=12), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('restock', sa.Boolean(), nullable=False),
    sa.Column('reason', sa.String(length=200), nullable=False),
    sa.CheckConstraint('total >= 0', name=op.f('ck_refunds_total')),
    sa.ForeignKeyConstraint(['sale_id'], ['sales.id'], name=op.f('fk_refunds_sale_id_sales')),
    sa.ForeignKeyConstraint(['shift_id'], ['shifts.id'], name=op.f('fk_refunds_shift_id_shifts')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_refunds_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refunds')),
    sa.UniqueConstraint('refund_no', name=op.f('uq_refunds_refund_no'))
    )
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refunds_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_refunds_sale_id'), ['sale_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_refunds_shift_id'), ['shift_id'], unique=False)

    op.create_table('refund_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('refund_id', sa.Integer(), nullable=False),
    sa.Column('sale_line_id', sa.Integer(), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_refund_lines_amount')),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_refund_lines_quantity')),
    sa.ForeignKeyConstraint(['refund_id'], ['refunds.id'], name=op.f('fk_refund_lines_refund_id_refunds')),
    sa.ForeignKeyConstraint(['sale_line_id'], ['sale_lines.id'], name=op.f('fk_refund_lines_sale_line_id_sale_lines')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_refund_lines_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_refund_lines'))
    )
    with op.batch_alter_table('refund_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_refund_lines_refund_id'), ['refund_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_refund_lines_sale_line_id'), ['sale_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_refund_lines_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('payout_items',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('payout_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('sale_line_id', sa.Integer(), nullable=True),
    sa.Column('refund_line_id', sa.Integer(), nullable=True),
    sa.Column('carried_from_id', sa.Integer(), nullable=True),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('gross', sa.BigInteger(), nullable=False),
    sa.Column('commission', sa.BigInteger(), nullable=False),
    sa.Column('vendor_amount', sa.BigInteger(), nullable=False),
    sa.CheckConstraint("kind IN ('sale', 'refund', 'carry')", name=op.f('ck_payout_items_kind')),
    sa.ForeignKeyConstraint(['carried_from_id'], ['payouts.id'], name=op.f('fk_payout_items_carried_from_id_payouts')),
    sa.ForeignKeyConstraint(['payout_id'], ['payouts.id'], name=op.f('fk_payout_items_payout_id_payouts')),
    sa.ForeignKeyConstraint(['refund_line_id'], ['refund_lines.id'], name=op.f('fk_payout_items_refund_line_id_refund_lines')),
    sa.ForeignKeyConstraint(['sale_line_id'], ['sale_lines.id'], name=op.f('fk_payout_items_sale_line_id_sale_lines')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_payout_items')),
    sa.UniqueConstraint('carried_from_id', name=op.f('uq_payout_items_carried_from_id')),
    sa.UniqueConstraint('refund_line_id', name=op.f('uq_payout_items_refund_line_id')),
    sa.UniqueConstraint('sale_line_id', name=op.f('uq_payout_items_sale_line_id'))
    )
    with op.batch_alter_table('payout_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payout_items_payout_id'), ['payout_id'], unique=False)

    with op.batch_alter_table('sale_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sale_discount_share', sa.BigInteger(), nullable=False, server_default='0'))

    with op.batch_alter_table('sales', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shift_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('channel', sa.String(length=20), nullable=False, server_default='till'))
        batch_op.add_column(sa.Column('external_order_id', sa.String(length=60), nullable=True))
        batch_op.create_index(batch_op.f('ix_sales_shift_id'), ['shift_id'], unique=False)
        batch_op.create_unique_constraint('uq_sales_channel_order', ['channel', 'external_order_id'])
        batch_op.create_foreign_key(batch_op.f('fk_sales_shift_id_shifts'), 'shifts', ['shift_id'], ['id'])

    # imported orders may have been paid by e-wallet or through a marketplace
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_payments_method'), type_='check')
        batch_op.create_check_constraint(
            'method', "method IN ('cash', 'qris', 'card', 'transfer', 'ewallet', 'marketplace')")



def downgrade() -> None:
    with op.batch_alter_table('payments', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_payments_method'), type_='check')
        batch_op.create_check_constraint('method', "method IN ('cash', 'qris', 'card', 'transfer')")

    with op.batch_alter_table('sales', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_sales_shift_id_shifts'), type_='foreignkey')
        batch_op.drop_constraint('uq_sales_channel_order', type_='unique')
        batch_op.drop_index(batch_op.f('ix_sales_shift_id'))
        batch_op.drop_column('external_order_id')
        batch_op.drop_column('channel')
        batch_op.drop_column('shift_id')

    with op.batch_alter_table('sale_lines', schema=None) as batch_op:
        batch_op.drop_column('sale_discount_share')

    with op.batch_alter_table('payout_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payout_items_payout_id'))

    op.drop_table('payout_items')
    with op.batch_alter_table('refund_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refund_lines_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_refund_lines_sale_line_id'))
        batch_op.drop_index(batch_op.f('ix_refund_lines_refund_id'))

    op.drop_table('refund_lines')
    with op.batch_alter_table('refunds', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_refunds_shift_id'))
        batch_op.drop_index(batch_op.f('ix_refunds_sale_id'))
        batch_op.drop_index(batch_op.f('ix_refunds_created_at'))

    op.drop_table('refunds')
    with op.batch_alter_table('z_reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_z_reports_created_at'))
        batch_op.drop_index(batch_op.f('ix_z_reports_business_date'))

    op.drop_table('z_reports')
    with op.batch_alter_table('cash_movements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cash_movements_shift_id'))
        batch_op.drop_index(batch_op.f('ix_cash_movements_payout_id'))

    op.drop_table('cash_movements')
    with op.batch_alter_table('shifts', schema=None) as batch_op:
        batch_op.drop_index('uq_shifts_one_open_per_terminal', sqlite_where=sa.text("status = 'open'"), postgresql_where=sa.text("status = 'open'"))
        batch_op.drop_index(batch_op.f('ix_shifts_terminal'))

    op.drop_table('shifts')
    with op.batch_alter_table('payouts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payouts_vendor_id'))

    op.drop_table('payouts')
