"""Incremental resolution: its state, the queue of replaced extractions, the names' blocking keys,
and the article indexes that find an article's copies.

Written by hand to match ``parleys.store.models``. The state table starts empty, so the first
resolution after this upgrade is a full rebuild (which fills the keys).

Revision ID: 0007_incremental
Revises: 0006_read_indexes
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_incremental"
down_revision = "0006_read_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resolve_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("persons_seen", sa.Integer(), nullable=False),
        sa.Column("events_seen", sa.Integer(), nullable=False),
        sa.Column("corrections", sa.Text(), nullable=False),
        sa.Column("conflicts", sa.Text(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_resolve_state"),
    )
    op.create_table(
        "resolve_queue",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("value", sa.String(500), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_resolve_queue"),
    )
    op.create_table(
        "resolve_name_keys",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("name_folded", sa.String(500), nullable=False),
        sa.Column("mode", sa.String(1), nullable=False),
        sa.PrimaryKeyConstraint("key", "name_folded", name="pk_resolve_name_keys"),
    )
    op.create_index("ix_resolve_name_keys_name_folded", "resolve_name_keys", ["name_folded"])
    op.create_index("ix_articles_url", "articles", ["url"], postgresql_using="hash")
    op.create_index("ix_articles_site_published", "articles", ["site", "published"])


def downgrade() -> None:
    op.drop_index("ix_articles_site_published", table_name="articles")
    op.drop_index("ix_articles_url", table_name="articles")
    op.drop_index("ix_resolve_name_keys_name_folded", table_name="resolve_name_keys")
    op.drop_table("resolve_name_keys")
    op.drop_table("resolve_queue")
    op.drop_table("resolve_state")
