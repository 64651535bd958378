"""Payments: credit packages and Duitku orders.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 00:24:41.091601
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import lumiku.db


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('credit_packages',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('credits', sa.Integer(), nullable=False),
    sa.Column('price_rupiah', sa.Integer(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('display_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('payments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('merchant_order_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('item_type', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('item_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('item_name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('credits', sa.Integer(), nullable=False),
    sa.Column('amount_rupiah', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('checkout_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('reference', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('payment_url', sa.String(length=500), nullable=False),
    sa.Column('payment_method', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('result_code', sqlmodel.sql.sqltypes.AutoString(length=4), nullable=False),
    sa.Column('failure_reason', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('gateway_data', sa.JSON(), nullable=False),
    sa.Column('created_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('paid_at', lumiku.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('updated_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('checked_at', lumiku.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('checkout_key'),
    sa.UniqueConstraint('merchant_order_id')
    )
    op.create_index('ix_payments_status_created', 'payments', ['status', 'created_at'], unique=False)
    op.create_index('ix_payments_user_created', 'payments', ['user_id', 'created_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_payments_user_created', table_name='payments')
    op.drop_index('ix_payments_status_created', table_name='payments')
    op.drop_table('payments')
    op.drop_table('credit_packages')
