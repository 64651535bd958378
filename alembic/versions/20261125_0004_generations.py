"""Generations, their items and stored files.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 00:40:36.893347
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import lumiku.db


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('generations',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('app_id', sqlmodel.sql.sqltypes.AutoString(length=50), nullable=False),
    sa.Column('project_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('stage', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('model_key', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('hold_id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('price_per_item', sa.Integer(), nullable=False),
    sa.Column('cost', sa.Integer(), nullable=False),
    sa.Column('error', sa.String(length=500), nullable=False),
    sa.Column('cancel_requested', sa.Boolean(), nullable=False),
    sa.Column('created_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('started_at', lumiku.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('finished_at', lumiku.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_generations_status', 'generations', ['status'], unique=False)
    op.create_index('ix_generations_user_created', 'generations', ['user_id', 'created_at'], unique=False)
    op.create_index(op.f('ix_generations_user_id'), 'generations', ['user_id'], unique=False)
    op.create_table('stored_files',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('media', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('content_type', sqlmodel.sql.sqltypes.AutoString(length=100), nullable=False),
    sa.Column('size_bytes', sa.BigInteger(), nullable=False),
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=300), nullable=False),
    sa.Column('original_name', sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
    sa.Column('duration_seconds', sa.Float(), nullable=True),
    sa.Column('width', sa.Integer(), nullable=True),
    sa.Column('height', sa.Integer(), nullable=True),
    sa.Column('created_at', lumiku.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', lumiku.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key')
    )
    op.create_index('ix_stored_files_expires', 'stored_files', ['expires_at'], unique=False)
    op.create_index(op.f('ix_stored_files_user_id'), 'stored_files', ['user_id'], unique=False)
    op.create_table('generation_items',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('generation_id', sa.String(length=32), nullable=False),
    sa.Column('index', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=12), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('error', sa.String(length=500), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('file_id', sa.String(length=32), nullable=True),
    sa.Column('thumbnail_id', sa.String(length=32), nullable=True),
    sa.Column('job_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('started_at', lumiku.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('finished_at', lumiku.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['file_id'], ['stored_files.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['generation_id'], ['generations.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['thumbnail_id'], ['stored_files.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('generation_id', 'index')
    )
    op.create_index(op.f('ix_generation_items_generation_id'), 'generation_items', ['generation_id'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_generation_items_generation_id'), table_name='generation_items')
    op.drop_table('generation_items')
    op.drop_index(op.f('ix_stored_files_user_id'), table_name='stored_files')
    op.drop_index('ix_stored_files_expires', table_name='stored_files')
    op.drop_table('stored_files')
    op.drop_index(op.f('ix_generations_user_id'), table_name='generations')
    op.drop_index('ix_generations_user_created', table_name='generations')
    op.drop_index('ix_generations_status', table_name='generations')
    op.drop_table('generations')
