"""Plain-text articles (.txt, .md, .text), with or without a `` date YYYY-MM-DD`` first line."""

from __future__ import annotations

from parleys.documents import RawDocument
from parleys.ingest.published import split_header


def parse_text(content: str, *, source: str, doc_id: str, url: str | None = None) -> RawDocument:
    """One article. A leading `` date YYYY-MM-DD `` prefix becomes ``published``; the text that
    follows it on the same line is kept."""
    published, text = split_header(content)
    return RawDocument(source=source, kind="text", content=text, doc_id=doc_id, url=url, published=published)
