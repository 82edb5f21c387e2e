"""The typed objects of the ingest stage.

A reader turns an input (file, folder, feed, URL) into :class:`RawDocument` objects; the
cleaner turns each one into an :class:`Article` or a :class:`Rejection`. Rejections are data:
they carry a reason code (see ``parleys.errors.REJECTION_REASONS``) and are stored and counted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One input item before cleaning.

    ``source`` names where it came from: a path, a URL, or ``path#N`` for the N-th item of a
    JSON Lines file or feed. ``content`` is the decoded text (plain text or HTML markup, by ``kind``).
    """

    source: str
    kind: str  # "text" | "html"
    content: str
    doc_id: str
    url: str | None = None
    title: str | None = None
    published: date | None = None
    site: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article, ready for extraction."""

    id: str
    source: str
    text: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    site: str | None = None

    @property
    def content_hash(self) -> str:
        """Identity of the article's content: re-ingesting the same text stores nothing new."""
        return hashlib.sha256(" ".join(self.text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not become an article, with its reason code and a human detail."""

    source: str
    reason: str
    detail: str = ""


@dataclass(slots=True)
class IngestSummary:
    """Counts of one ingest run."""

    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.rejected
