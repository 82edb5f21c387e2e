"""The plain objects that resolution works on, read from the per-article rows of the store.

Resolution is pure over these: :mod:`parleys.resolve.persons` and :mod:`parleys.resolve.events`
take lists of them and return groups; :mod:`parleys.resolve.rows` reads and writes the rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

Day = date  # for annotations inside a class that has a field named ``date``


@dataclass(slots=True)
class Mention:
    """A person named in one article (one ``persons`` row)."""

    id: int
    article_id: int
    content_hash: str
    published: date | None
    name: str
    role_class: str = "other"
    country: str | None = None
    title: str | None = None
    institution: str | None = None
    country_stated: bool = False  # the office states the country (not guessed from context)

    @property
    def order(self) -> tuple[bool, date, str, str]:
        """Earliest first, by content rather than by row id: undated last, then the content hash."""
        return (self.published is None, self.published or date.max, self.content_hash, self.name)


@dataclass(slots=True)
class Report:
    """An event that one article reports (one ``events`` row), with its participants' entities."""

    id: int
    article_id: int
    content_hash: str
    published: date | None
    position: int
    type: str
    date: date | None
    city: str | None = None
    country: str | None = None
    persons: list[int] = field(default_factory=list)  # person row ids, in participant order
    countries: list[str] = field(default_factory=list)
    entities: list[int] = field(default_factory=list)  # filled from the person links
    duplicate_of: str | None = None  # a key shared by copies of one article (same URL or title+site)

    @property
    def order(self) -> tuple[bool, Day, str, int]:
        return (self.published is None, self.published or Day.max, self.content_hash, self.position)
