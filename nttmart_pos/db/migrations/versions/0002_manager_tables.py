"""manager tables: certificates, price history, stock documents, stock takes

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('stock_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('doc_no', sa.String(length=24), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('vendor_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('user_name', sa.String(length=120), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('total_value', sa.BigInteger(), nullable=False),
    sa.CheckConstraint("kind IN ('intake', 'return')", name=op.f('ck_stock_documents_kind')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_stock_documents_user_id_users')),
    sa.ForeignKeyConstraint(['vendor_id'], ['vendors.id'], name=op.f('fk_stock_documents_vendor_id_vendors')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_documents')),
    sa.UniqueConstraint('doc_no', name=op.f('uq_stock_documents_doc_no'))
    )
    with op.batch_alter_table('stock_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_documents_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_documents_vendor_id'), ['vendor_id'], unique=False)

    op.create_table('stock_takes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=24), nullable=False),
    sa.Column('scope', sa.String(length=10), nullable=False),
    sa.Column('scope_value', sa.String(length=60), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('started_by', sa.Integer(), nullable=True),
    sa.Column('posted_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('posted_by', sa.Integer(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.CheckConstraint("scope IN ('all', 'vendor', 'category')", name=op.f('ck_stock_takes_scope')),
    sa.CheckConstraint("status IN ('open', 'posted', 'cancelled')", name=op.f('ck_stock_takes_status')),
    sa.ForeignKeyConstraint(['posted_by'], ['users.id'], name=op.f('fk_stock_takes_posted_by_users')),
    sa.ForeignKeyConstraint(['started_by'], ['users.id'], name=op.f('fk_stock_takes_started_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_takes')),
    sa.UniqueConstraint('number', name=op.f('uq_stock_takes_number'))
    )
    op.create_table('price_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('user_name', sa.String(length=120), nullable=False),
    sa.Column('old_price', sa.BigInteger(), nullable=False),
    sa.Column('new_price', sa.BigInteger(), nullable=False),
    sa.Column('old_harga_setor', sa.BigInteger(), nullable=True),
    sa.Column('new_harga_setor', sa.BigInteger(), nullable=True),
    sa.Column('old_commission_pct', sa.Integer(), nullable=True),
    sa.Column('new_commission_pct', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_price_changes_product_id_products')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_price_changes_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_price_changes'))
    )
    with op.batch_alter_table('price_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_price_changes_product_id'), ['product_id'], unique=False)

    op.create_table('product_certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.CheckConstraint("kind IN ('pirt', 'bpom', 'halal', 'sni')", name=op.f('ck_product_certificates_kind')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_product_certificates_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_product_certificates')),
    sa.UniqueConstraint('product_id', 'kind', name='uq_product_certificates_product_kind')
    )
    with op.batch_alter_table('product_certificates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_product_certificates_product_id'), ['product_id'], unique=False)

    op.create_table('stock_document_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('barcode', sa.String(length=32), nullable=False),
    sa.Column('product_name', sa.String(length=160), nullable=False),
    sa.Column('quantity', sa.BigInteger(), nullable=False),
    sa.Column('unit_value', sa.BigInteger(), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.CheckConstraint('quantity > 0', name=op.f('ck_stock_document_lines_quantity')),
    sa.ForeignKeyConstraint(['document_id'], ['stock_documents.id'], name=op.f('fk_stock_document_lines_document_id_stock_documents')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_stock_document_lines_product_id_products')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_document_lines')),
    sa.UniqueConstraint('document_id', 'line_no', name='uq_stock_document_lines_doc_line')
    )
    with op.batch_alter_table('stock_document_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_document_lines_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_document_lines_expires_on'), ['expires_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_document_lines_product_id'), ['product_id'], unique=False)

    op.create_table('stock_take_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('stock_take_id', sa.Integer(), nullable=False),
    sa.Column('product_id', sa.Integer(), nullable=False),
    sa.Column('counted', sa.BigInteger(), nullable=False),
    sa.Column('expected', sa.BigInteger(), nullable=False),
    sa.Column('first_counted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_counted_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('counted >= 0', name=op.f('ck_stock_take_counts_counted')),
    sa.ForeignKeyConstraint(['product_id'], ['products.id'], name=op.f('fk_stock_take_counts_product_id_products')),
    sa.ForeignKeyConstraint(['stock_take_id'], ['stock_takes.id'], name=op.f('fk_stock_take_counts_stock_take_id_stock_takes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stock_take_counts')),
    sa.UniqueConstraint('stock_take_id', 'product_id', name='uq_stock_take_counts_take_product')
    )
    with op.batch_alter_table('stock_take_counts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_stock_take_counts_product_id'), ['product_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_stock_take_counts_stock_take_id'), ['stock_take_id'], unique=False)

    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.add_column(sa.Column('document_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_stock_movements_document_id'), ['document_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_stock_movements_document_id_stock_documents'), 'stock_documents', ['document_id'], ['id'])



def downgrade() -> None:
    with op.batch_alter_table('stock_movements', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_stock_movements_document_id_stock_documents'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_stock_movements_document_id'))
        batch_op.drop_column('document_id')

    with op.batch_alter_table('stock_take_counts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_take_counts_stock_take_id'))
        batch_op.drop_index(batch_op.f('ix_stock_take_counts_product_id'))

    op.drop_table('stock_take_counts')
    with op.batch_alter_table('stock_document_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_document_lines_product_id'))
        batch_op.drop_index(batch_op.f('ix_stock_document_lines_expires_on'))
        batch_op.drop_index(batch_op.f('ix_stock_document_lines_document_id'))

    op.drop_table('stock_document_lines')
    with op.batch_alter_table('product_certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_product_certificates_product_id'))

    op.drop_table('product_certificates')
    with op.batch_alter_table('price_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_price_changes_product_id'))

    op.drop_table('price_changes')
    op.drop_table('stock_takes')
    with op.batch_alter_table('stock_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_stock_documents_vendor_id'))
        batch_op.drop_index(batch_op.f('ix_stock_documents_created_at'))

    op.drop_table('stock_documents')
