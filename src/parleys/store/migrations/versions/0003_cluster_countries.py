"""Countries and participant order of event clusters; which fields corrections set.

Written by hand to match ``parleys.store.models``.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cluster_countries",
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(3), nullable=False),
        sa.PrimaryKeyConstraint("cluster_id", "country", name="pk_cluster_countries"),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["event_clusters.id"],
            name="fk_cluster_countries_cluster_id_event_clusters",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_cluster_countries_country", "cluster_countries", ["country"])
    # batch mode: SQLite cannot add a NOT NULL column in place
    with op.batch_alter_table("cluster_participants") as batch:
        batch.add_column(sa.Column("position", sa.Integer(), nullable=False, server_default="0"))
    for table in ("person_entities", "event_clusters"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("corrected_fields", sa.Text(), nullable=True))


def downgrade() -> None:
    for table in ("person_entities", "event_clusters"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("corrected_fields")
    with op.batch_alter_table("cluster_participants") as batch:
        batch.drop_column("position")
    op.drop_index("ix_cluster_countries_country", table_name="cluster_countries")
    op.drop_table("cluster_countries")
