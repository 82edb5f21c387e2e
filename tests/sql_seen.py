"""The SQL statements an engine runs while a block of a test runs: to count round trips."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event


@contextmanager
def statements_seen(engine: Any) -> Iterator[list[str]]:
    """The statements run on ``engine`` within the block, in order (the list fills as they run)."""
    seen: list[str] = []

    def note(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", note)


def settled_counts(seen: list[str]) -> int:
    """How many of ``seen`` are :func:`parleys.kb.units.settled`'s statement (four counts)."""
    return sum(1 for s in seen if s.count("count(*)") == 4)
