"""RSS and Atom feeds through feedparser: each entry becomes an article.

feedparser only ever gets bytes here (never a URL or a path: it would fetch or open them
itself); fetching is :mod:`parleys.ingest.fetch`'s job.
"""

from __future__ import annotations

import hashlib
import io
import re
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

from parleys.documents import RawDocument, Rejection
from parleys.ingest.html import fragment_text, looks_like_html
from parleys.ingest.published import parse_date_string

_FEED_START = re.compile(
    rb"\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--.*?-->\s*|<\?[^>]*\?>\s*|<!DOCTYPE[^>]*>\s*)*<(?:rss|feed|rdf:RDF)[\s>]",
    re.IGNORECASE | re.DOTALL,
)


def looks_like_feed(data: bytes) -> bool:
    """Does the content start like an RSS, RDF or Atom document?"""
    return bool(_FEED_START.match(data[:4096].removeprefix(b"\xef\xbb\xbf")))


def entry_id(key: str) -> str:
    """A stable id for a feed entry or a URL: the first 12 hex digits of its SHA-256."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def parse_feed(data: bytes, *, source: str, stem: str) -> Iterator[RawDocument | Rejection]:
    """The entries of a feed; ``bad_feed`` for an entry without text or a feed that does not parse."""
    import feedparser  # only feeds need it

    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=False)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        if not parsed.get("version"):
            detail = "not an RSS or Atom feed" + (f": {problem}" if problem else "")
        else:
            detail = "the feed has no entries" + (f" ({problem})" if problem else "")
        yield Rejection(source, "bad_feed", detail)
        return
    site = _plain(parsed.feed.get("title"))
    for n, entry in enumerate(parsed.entries, start=1):
        yield entry_to_raw(entry, source=f"{source}#{n}", default_id=f"{stem}-{n}", site=site)


def entry_to_raw(entry: Any, *, source: str, default_id: str, site: str | None) -> RawDocument | Rejection:
    """One feed entry (its content, else its summary) as a raw document, or ``bad_feed``."""
    bodies = [c.get("value", "") for c in entry.get("content", []) if isinstance(c, dict)]
    body = max(bodies, key=len, default="") or entry.get("summary", "") or ""
    text = _plain(body) or ""
    if not text:
        return Rejection(source, "bad_feed", "the entry has no content or summary text")
    link = entry.get("link") or None
    key = entry.get("id") or link
    return RawDocument(
        source=source,
        kind="text",
        content=text,
        doc_id=entry_id(key) if key else default_id,
        url=link,
        title=_plain(entry.get("title")),
        published=_entry_date(entry),
        site=site,
    )


def _plain(value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return None
    return (fragment_text(value) if looks_like_html(value) or "&" in value else value.strip()) or None


def _entry_date(entry: Any) -> date | None:
    """The date as the feed writes it; feedparser's parsed tuples are shifted to UTC."""
    for key in ("published", "updated", "created"):
        if found := parse_date_string(entry.get(key)):
            return found
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return None
