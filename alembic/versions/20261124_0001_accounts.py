"""Accounts: users, devices, sign-in sessions and app usage.

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 23:36:13.615389
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import lumiku.db


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('users',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('password_hash', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('role', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('account_type', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('subscription_tier', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('storage_quota_bytes', sa.BigInteger(), nullable=False),
    sa.Column('storage_used_bytes', sa.BigInteger(), nullable=False),
    sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('user_tags', sa.JSON(), nullable=False),
    sa.Column('failed_sign_ins', sa.Integer(), nullable=False),
    sa.Column('failed_sign_ins_since', lumiku.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('locked_until', lumiku.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_users_email'), 'users', ['email'], unique=True)
    op.create_table('app_usages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('app_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('credits_used', sa.Integer(), nullable=False),
    sa.Column('quota_used', sa.Integer(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('created_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_app_usages_app_id'), 'app_usages', ['app_id'], unique=False)
    op.create_index('ix_app_usages_user_created', 'app_usages', ['user_id', 'created_at'], unique=False)
    op.create_table('devices',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('fingerprint', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('device_type', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('browser', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('os', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('first_seen_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id', 'fingerprint')
    )
    op.create_index(op.f('ix_devices_user_id'), 'devices', ['user_id'], unique=False)
    op.create_table('sessions',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.Integer(), nullable=True),
    sa.Column('ip', sqlmodel.sql.sqltypes.AutoString(length=45), nullable=False),
    sa.Column('user_agent', sa.String(length=500), nullable=False),
    sa.Column('created_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', lumiku.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['device_id'], ['devices.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_sessions_user_active', 'sessions', ['user_id', 'revoked_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_sessions_user_active', table_name='sessions')
    op.drop_table('sessions')
    op.drop_index(op.f('ix_devices_user_id'), table_name='devices')
    op.drop_table('devices')
    op.drop_index('ix_app_usages_user_created', table_name='app_usages')
    op.drop_index(op.f('ix_app_usages_app_id'), table_name='app_usages')
    op.drop_table('app_usages')
    op.drop_index(op.f('ix_users_email'), table_name='users')
    op.drop_table('users')
