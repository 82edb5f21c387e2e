"""SQL helpers every reader shares: id lists in chunks, and LIKE patterns with wildcards escaped."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

# ids per IN (...) list: SQLite allows 999 bound parameters in older builds, 32,766 in newer ones
CHUNK = 900
LIKE_ESCAPE = "\\"

T = TypeVar("T")


def chunks(ids: Sequence[T], size: int = CHUNK) -> Iterator[Sequence[T]]:
    """``ids`` in slices short enough for one ``IN (...)`` list."""
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def escape_like(text: str) -> str:
    """``text`` with the LIKE wildcards ``%`` and ``_`` (and the escape itself) escaped; use with
    ``escape=LIKE_ESCAPE``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def contains(text: str) -> str:
    """A LIKE pattern that matches values containing ``text`` literally."""
    return f"%{escape_like(text)}%"
