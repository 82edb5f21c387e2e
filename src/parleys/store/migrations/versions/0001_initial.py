"""The initial schema: runs, articles, rejections and what is extracted from articles.

Written by hand to match ``parleys.store.models``; constraint names follow its naming
convention so that later migrations can address them on SQLite and PostgreSQL alike.

Revision ID: 0001
Revises:
Create Date: 2024-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def _pk(table: str, *columns: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint(*columns, name=f"pk_{table}")


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=f"fk_{table}_{column}_{target}", ondelete=ondelete
    )


def _index(table: str, column: str) -> None:
    op.create_index(f"ix_{table}_{column}", table, [column])


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("finished_at", TZ, nullable=True),
        sa.Column("pipeline_version", sa.String(200), nullable=False),
        sa.Column("stored", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        _pk("runs", "id"),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(500), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("site", sa.String(500), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("pipeline_version", sa.String(200), nullable=False),
        sa.Column("ingested_at", TZ, nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        _pk("articles", "id"),
        _fk("articles", "run_id", "runs", "SET NULL"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
    )
    _index("articles", "external_id")
    _index("articles", "source")
    op.create_table(
        "rejections",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("reason", sa.String(50), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        _pk("rejections", "id"),
        _fk("rejections", "run_id", "runs", "SET NULL"),
    )
    _index("rejections", "run_id")
    _index("rejections", "reason")
    op.create_table(
        "persons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(50), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(500), nullable=False),
        sa.Column("name_folded", sa.String(500), nullable=False),
        sa.Column("role_class", sa.String(50), nullable=False),
        sa.Column("country", sa.String(3), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("institution", sa.Text(), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        _pk("persons", "id"),
        _fk("persons", "article_id", "articles", "CASCADE"),
        sa.UniqueConstraint("article_id", "key", name="uq_persons_article_id_key"),
    )
    _index("persons", "article_id")
    _index("persons", "name_folded")
    _index("persons", "country")
    op.create_table(
        "events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(50), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("city", sa.String(200), nullable=True),
        sa.Column("country", sa.String(3), nullable=True),
        sa.Column("confidence", sa.Float(), nullable=True),
        _pk("events", "id"),
        _fk("events", "article_id", "articles", "CASCADE"),
    )
    _index("events", "article_id")
    _index("events", "type")
    _index("events", "date")
    _index("events", "country")
    op.create_table(
        "participants",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        _pk("participants", "event_id", "person_id"),
        _fk("participants", "event_id", "events", "CASCADE"),
        _fk("participants", "person_id", "persons", "CASCADE"),
    )
    _index("participants", "person_id")
    op.create_table(
        "event_countries",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("country", sa.String(3), nullable=False),
        _pk("event_countries", "event_id", "country"),
        _fk("event_countries", "event_id", "events", "CASCADE"),
    )
    _index("event_countries", "country")
    for table, width in (("organizations", 200), ("topics", 100)):
        op.create_table(
            table,
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("article_id", sa.Integer(), nullable=False),
            sa.Column("position", sa.Integer(), nullable=False),
            sa.Column("code", sa.String(width), nullable=False),
            _pk(table, "id"),
            _fk(table, "article_id", "articles", "CASCADE"),
            sa.UniqueConstraint("article_id", "code", name=f"uq_{table}_article_id_code"),
        )
        _index(table, "article_id")
        _index(table, "code")
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("subject_kind", sa.String(20), nullable=False),
        sa.Column("subject_id", sa.Integer(), nullable=False),
        sa.Column("field", sa.String(50), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        _pk("evidence", "id"),
        _fk("evidence", "article_id", "articles", "CASCADE"),
    )
    _index("evidence", "article_id")
    op.create_index("ix_evidence_subject", "evidence", ["subject_kind", "subject_id"])


def downgrade() -> None:
    for table in (
        "evidence",
        "topics",
        "organizations",
        "event_countries",
        "participants",
        "events",
        "persons",
        "rejections",
        "articles",
        "runs",
    ):
        op.drop_table(table)
