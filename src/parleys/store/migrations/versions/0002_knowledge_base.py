"""The linked knowledge base: person entities and their offices, event clusters, corrections.

Written by hand to match ``parleys.store.models``.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=f"pk_{table}")


def _fk(table: str, column: str, target: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete="CASCADE"
    )


def _index(table: str, column: str) -> None:
    op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "person_entities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("name_folded", sa.String(500), nullable=False),
        sa.Column("role_class", sa.String(50), nullable=False),
        sa.Column("country", sa.String(3), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("institution", sa.Text(), nullable=True),
        sa.Column("first_seen", sa.Date(), nullable=True),
        sa.Column("last_seen", sa.Date(), nullable=True),
        sa.Column("articles", sa.Integer(), nullable=False),
        sa.Column("corrected", sa.Integer(), nullable=False),
        _pk("person_entities", "id"),
        sa.UniqueConstraint("key", name="uq_person_entities_key"),
    )
    _index("person_entities", "name_folded")
    _index("person_entities", "country")
    op.create_table(
        "person_links",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(50), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        _pk("person_links", "person_id"),
        _fk("person_links", "person_id", "persons"),
        _fk("person_links", "entity_id", "person_entities"),
    )
    _index("person_links", "entity_id")
    op.create_table(
        "offices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        sa.Column("role_class", sa.String(50), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("institution", sa.Text(), nullable=True),
        sa.Column("country", sa.String(3), nullable=True),
        sa.Column("first_seen", sa.Date(), nullable=True),
        sa.Column("last_seen", sa.Date(), nullable=True),
        sa.Column("reports", sa.Integer(), nullable=False),
        _pk("offices", "id"),
        _fk("offices", "entity_id", "person_entities"),
    )
    _index("offices", "entity_id")
    op.create_table(
        "event_clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("type", sa.String(50), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("city", sa.String(200), nullable=True),
        sa.Column("country", sa.String(3), nullable=True),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("hidden", sa.Integer(), nullable=False),
        sa.Column("corrected", sa.Integer(), nullable=False),
        _pk("event_clusters", "id"),
        sa.UniqueConstraint("key", name="uq_event_clusters_key"),
    )
    for column in ("type", "date", "country"):
        _index("event_clusters", column)
    op.create_table(
        "event_cluster_members",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        _pk("event_cluster_members", "event_id"),
        _fk("event_cluster_members", "event_id", "events"),
        _fk("event_cluster_members", "cluster_id", "event_clusters"),
    )
    _index("event_cluster_members", "cluster_id")
    op.create_table(
        "cluster_participants",
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.Integer(), nullable=False),
        _pk("cluster_participants", "cluster_id", "entity_id"),
        _fk("cluster_participants", "cluster_id", "event_clusters"),
        _fk("cluster_participants", "entity_id", "person_entities"),
    )
    _index("cluster_participants", "entity_id")
    op.create_table(
        "corrections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("target_kind", sa.String(20), nullable=False),
        sa.Column("target_key", sa.String(200), nullable=False),
        sa.Column("action", sa.String(30), nullable=False),
        sa.Column("field", sa.String(50), nullable=True),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("other_key", sa.String(200), nullable=True),
        sa.Column("author", sa.String(200), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("revoked_at", TZ, nullable=True),
        _pk("corrections", "id"),
    )
    _index("corrections", "target_kind")
    _index("corrections", "target_key")


def downgrade() -> None:
    for table in (
        "corrections",
        "cluster_participants",
        "event_cluster_members",
        "event_clusters",
        "offices",
        "person_links",
        "person_entities",
    ):
        op.drop_table(table)
