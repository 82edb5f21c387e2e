"""Read indexes: each filter of the event reader answered from an index alone.

A country, topic or organization filter looks up the events or articles that have the code; with
an index on the code alone, every hit costs a read of the table row to learn its event (SQLite
keeps only the rowid in the index). These indexes hold the code and the id together, so the
lookup never leaves the index (KAZ listing on the 100k-article bench store: 54 -> 35 ms of SQL).

Revision ID: 0006_read_indexes
Revises: 0005
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0006_read_indexes"
down_revision = "0005"
branch_labels = None
depends_on = None

INDEXES = (
    ("ix_cluster_countries_country_cluster_id", "cluster_countries", ["country", "cluster_id"]),
    ("ix_event_countries_country_event_id", "event_countries", ["country", "event_id"]),
    ("ix_topics_code_article_id", "topics", ["code", "article_id"]),
    ("ix_organizations_code_article_id", "organizations", ["code", "article_id"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns, if_not_exists=True)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table, if_exists=True)
