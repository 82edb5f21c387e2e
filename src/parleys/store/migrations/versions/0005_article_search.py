"""Full-text search over article titles and text.

SQLite: an FTS5 table ``article_search`` over ``articles`` (external content, diacritics folded),
kept in step by triggers. PostgreSQL: a GIN index on the ``simple`` text-search vector of title
and text, which ``parleys.kb.search`` queries with ``websearch_to_tsquery``.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

SQLITE_UP = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS article_search USING fts5(title, text, content='articles', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER IF NOT EXISTS article_search_ai AFTER INSERT ON articles BEGIN "
    "INSERT INTO article_search(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER IF NOT EXISTS article_search_ad AFTER DELETE ON articles BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); END",
    "CREATE TRIGGER IF NOT EXISTS article_search_au AFTER UPDATE OF title, text ON articles BEGIN "
    "INSERT INTO article_search(article_search, rowid, title, text) "
    "VALUES ('delete', old.id, old.title, old.text); "
    "INSERT INTO article_search(rowid, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO article_search(article_search) VALUES ('rebuild')",
)
SQLITE_DOWN = (
    "DROP TRIGGER IF EXISTS article_search_ai",
    "DROP TRIGGER IF EXISTS article_search_ad",
    "DROP TRIGGER IF EXISTS article_search_au",
    "DROP TABLE IF EXISTS article_search",
)
PG_VECTOR = "to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(text, ''))"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute(f"CREATE INDEX IF NOT EXISTS ix_articles_search ON articles USING gin ({PG_VECTOR})")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for statement in SQLITE_DOWN:
            op.execute(statement)
    elif dialect == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_articles_search")
