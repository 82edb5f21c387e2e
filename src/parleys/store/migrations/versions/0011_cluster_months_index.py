"""The visible clusters by date from an index alone: a partial index on ``event_clusters (date)``
of the clusters that are not hidden.

The overview counts the visible events per month and an unfiltered listing counts the visible
ones; with the date index alone every entry costs a read of the cluster row to learn whether it is
hidden, so the database read the whole table instead (about 60 ms of CPU on the 100k-article bench
store). The partial index holds the visible clusters alone, so the count by date never leaves it
(about 14 ms). Partial, not ``(hidden, date)``: an index led by ``hidden`` offers every query that
asks for visible clusters an equality to start from, and SQLite then walked all visible clusters
instead of the few of a country or a person (a dossier went from 0.5 to 9 s).

Revision ID: 0011_cluster_months
Revises: 0010_ingest_jobs
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011_cluster_months"
down_revision = "0010_ingest_jobs"
branch_labels = None
depends_on = None

VISIBLE = sa.text("hidden = 0")


def upgrade() -> None:
    op.create_index(
        "ix_event_clusters_visible_date",
        "event_clusters",
        ["date"],
        sqlite_where=VISIBLE,
        postgresql_where=VISIBLE,
        if_not_exists=True,
    )


def downgrade() -> None:
    op.drop_index("ix_event_clusters_visible_date", table_name="event_clusters", if_exists=True)
