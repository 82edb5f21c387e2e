"""Full-text search over article titles and text, in the database's own engine: SQLite FTS5
(``article_search``, migration 0005) or PostgreSQL text search (``simple`` configuration).

:func:`article_matches` is a SQL condition on an article id column that compiles for either
dialect, so the event reader can filter by text like any other criterion. The user's words are
never passed as query syntax: each word is a quoted term, and all must occur.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Boolean
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql import expression
from sqlalchemy.sql.visitors import InternalTraversal

from parleys.errors import QueryError

MAX_TERMS = 12
WORD = re.compile(r"\w+", re.UNICODE)


def search_terms(text: str) -> list[str]:
    """The words of a search (letters and digits), at most :data:`MAX_TERMS`."""
    words = WORD.findall(text or "")
    if not words:
        raise QueryError(f"the search {text!r} has no letters or digits to search for")
    return words[:MAX_TERMS]


class article_matches(expression.ColumnElement[bool]):  # noqa: N801 - reads as a SQL function
    """``article_id`` is an article whose title or text contains every word of ``text``.

    The words travel as bound parameters (one query text per dialect), so a statement holding
    the condition is compiled once and cached like any other, whatever is searched for (a search
    that compiled its union of units again each time spent more there than in the database)."""

    type = Boolean()
    inherit_cache = True
    _traverse_internals = [
        ("article_id", InternalTraversal.dp_clauseelement),
        ("fts_query", InternalTraversal.dp_clauseelement),
        ("words", InternalTraversal.dp_clauseelement),
    ]
    # already a condition: without this, a WHERE on SQLite reads ``... IN (...) = 1``, which no
    # index can answer (a scan of every event and cluster per search)
    _is_implicitly_boolean = True

    def __init__(self, article_id: Any, text: str, *, name: str | None = None) -> None:
        """With ``name``, the parameters are ``{name}_fts`` and ``{name}_words`` (the values
        :func:`search_params` gives), so a statement may be run again with another search's."""
        self.article_id = article_id
        values = search_params(text, name or "")
        self.terms = search_terms(text)
        self.fts_query: expression.BindParameter[str] = expression.bindparam(
            f"{name}_fts" if name else None, values[f"{name or ''}_fts"], unique=name is None
        )
        self.words: expression.BindParameter[str] = expression.bindparam(
            f"{name}_words" if name else None, values[f"{name or ''}_words"], unique=name is None
        )


def search_params(text: str, name: str) -> dict[str, str]:
    """The values of :class:`article_matches`' parameters named ``name``: SQLite FTS5 reads each
    word as a quoted term (no query syntax gets through), PostgreSQL the words."""
    terms = search_terms(text)
    return {
        f"{name}_fts": " ".join('"' + t.replace('"', '""') + '"' for t in terms),
        f"{name}_words": " ".join(terms),
    }


@compiles(article_matches)
def _sqlite(element: article_matches, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.article_id, **kw)
    bound = compiler.process(element.fts_query, **kw)
    return f"{column} IN (SELECT rowid FROM article_search WHERE article_search MATCH {bound})"


@compiles(article_matches, "postgresql")
def _postgresql(element: article_matches, compiler: Any, **kw: Any) -> str:
    column = compiler.process(element.article_id, **kw)
    bound = compiler.process(element.words, **kw)
    return (
        f"{column} IN (SELECT id FROM articles WHERE to_tsvector('simple', coalesce(title, '') || ' ' || "
        f"coalesce(text, '')) @@ plainto_tsquery('simple', {bound}))"
    )
