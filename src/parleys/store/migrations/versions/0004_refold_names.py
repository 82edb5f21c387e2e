"""Stored person names folded again with the one name fold (``parleys.normalize.names``).

``name_folded`` of persons and person entities was made by an older fold that left ø, ł and ß
and wrote ə as "e"; a search folds with the new one, so the stored values are folded again.
Anchor keys are not touched: they keep the fold they were made with (``parleys.keys``).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BATCH = 5_000


def _refold(table: str) -> None:
    from parleys.store.repository import fold

    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, name, name_folded FROM {table}")).all()
    changed = [{"i": i, "f": fold(name)} for i, name, folded in rows if fold(name) != folded]
    for start in range(0, len(changed), BATCH):
        update = sa.text(f"UPDATE {table} SET name_folded = :f WHERE id = :i")
        bind.execute(update, changed[start : start + BATCH])


def upgrade() -> None:
    _refold("persons")
    _refold("person_entities")


def downgrade() -> None:
    pass  # the old fold is gone; the new values serve searches as well
