"""The names' blocking keys in a WITHOUT ROWID table on SQLite.

``resolve_name_keys`` holds about 27 rows per distinct name (the deletion keys of a surname make
most of them). As an ordinary SQLite table it is three B-trees (the rowid table, the primary key,
the name index); clustered on its primary key it is two, and a full rebuild writes a third less.
The rows are copied across, so the incremental state stays valid. PostgreSQL has no such
distinction: nothing changes there.

Revision ID: 0008_name_keys
Revises: 0007_incremental
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008_name_keys"
down_revision = "0007_incremental"
branch_labels = None
depends_on = None


def _rebuild(*, with_rowid: bool) -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.create_table(
        "resolve_name_keys_new",
        sa.Column("key", sa.String(200), nullable=False),
        sa.Column("name_folded", sa.String(500), nullable=False),
        sa.Column("mode", sa.String(1), nullable=False),
        sa.PrimaryKeyConstraint("key", "name_folded", name="pk_resolve_name_keys"),
        sqlite_with_rowid=with_rowid,
    )
    op.execute(
        "INSERT INTO resolve_name_keys_new (key, name_folded, mode) "
        "SELECT key, name_folded, mode FROM resolve_name_keys ORDER BY key, name_folded"
    )
    op.drop_index("ix_resolve_name_keys_name_folded", table_name="resolve_name_keys")
    op.drop_table("resolve_name_keys")
    op.rename_table("resolve_name_keys_new", "resolve_name_keys")
    op.create_index("ix_resolve_name_keys_name_folded", "resolve_name_keys", ["name_folded"])


def upgrade() -> None:
    _rebuild(with_rowid=False)


def downgrade() -> None:
    _rebuild(with_rowid=True)
