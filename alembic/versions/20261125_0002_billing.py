"""Billing: credit ledger, holds, plans, subscriptions, quota use, AI models.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 00:08:09.618671
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import lumiku.db


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('ai_models',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('app_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('provider', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('tier', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('credit_cost', sa.Integer(), nullable=False),
    sa.Column('credit_per_second', sa.Float(), nullable=True),
    sa.Column('credit_per_megapixel', sa.Float(), nullable=True),
    sa.Column('quota_cost', sa.Integer(), nullable=False),
    sa.Column('capabilities', sa.JSON(), nullable=False),
    sa.Column('enabled', sa.Boolean(), nullable=False),
    sa.Column('beta', sa.Boolean(), nullable=False),
    sa.Column('display_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_index(op.f('ix_ai_models_app_id'), 'ai_models', ['app_id'], unique=False)
    op.create_table('subscription_plans',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('tier', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=60), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('price_rupiah', sa.Integer(), nullable=False),
    sa.Column('billing_cycle', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('daily_quota', sa.Integer(), nullable=False),
    sa.Column('monthly_quota', sa.Integer(), nullable=False),
    sa.Column('features', sa.JSON(), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('display_order', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('credit_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('balance_after', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('reference_type', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('reference_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('payload_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('created_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('idempotency_key')
    )
    op.create_index('ix_credit_entries_user_id_id', 'credit_entries', ['user_id', 'id'], unique=False)
    op.create_table('holds',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('app_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('model_key', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('captured', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('reference_type', sqlmodel.sql.sqltypes.AutoString(length=30), nullable=False),
    sa.Column('reference_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('payload_hash', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('description', sa.String(length=300), nullable=False),
    sa.Column('daily_period', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('monthly_period', sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
    sa.Column('created_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('settled_at', lumiku.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('idempotency_key')
    )
    op.create_index(op.f('ix_holds_status'), 'holds', ['status'], unique=False)
    op.create_index('ix_holds_status_expires', 'holds', ['status', 'expires_at'], unique=False)
    op.create_table('quota_usages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('period_type', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('used', sa.Integer(), nullable=False),
    sa.Column('by_model', sa.JSON(), nullable=False),
    sa.Column('updated_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'period_type', 'period')
    )
    op.create_table('subscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('started_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('ends_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('cancelled_at', lumiku.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('ended_at', lumiku.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['subscription_plans.id'], ),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_subscriptions_status_ends', 'subscriptions', ['status', 'ends_at'], unique=False)
    op.create_index('uq_subscriptions_current_user', 'subscriptions', ['user_id'], unique=True, postgresql_where=sa.text("status IN ('active', 'cancelled')"), sqlite_where=sa.text("status IN ('active', 'cancelled')"))
    op.create_table('hold_captures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('hold_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('idempotency_key', sqlmodel.sql.sqltypes.AutoString(length=120), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('created_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['hold_id'], ['holds.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('idempotency_key')
    )
    op.create_index(op.f('ix_hold_captures_hold_id'), 'hold_captures', ['hold_id'], unique=False)
    op.add_column('users', sa.Column('credit_balance', sa.Integer(), nullable=False, server_default='0'))


def downgrade() -> None:
    op.drop_column('users', 'credit_balance')
    op.drop_index(op.f('ix_hold_captures_hold_id'), table_name='hold_captures')
    op.drop_table('hold_captures')
    op.drop_index('uq_subscriptions_current_user', table_name='subscriptions', postgresql_where=sa.text("status IN ('active', 'cancelled')"), sqlite_where=sa.text("status IN ('active', 'cancelled')"))
    op.drop_index('ix_subscriptions_status_ends', table_name='subscriptions')
    op.drop_table('subscriptions')
    op.drop_table('quota_usages')
    op.drop_index('ix_holds_status_expires', table_name='holds')
    op.drop_index(op.f('ix_holds_status'), table_name='holds')
    op.drop_table('holds')
    op.drop_index('ix_credit_entries_user_id_id', table_name='credit_entries')
    op.drop_table('credit_entries')
    op.drop_table('subscription_plans')
    op.drop_index(op.f('ix_ai_models_app_id'), table_name='ai_models')
    op.drop_table('ai_models')
