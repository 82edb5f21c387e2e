"""Raw document to article: HTML extraction, publication date, language check, clutter removal,
whitespace normalisation and the length check. Rejections are returned, never raised."""

from __future__ import annotations

import re

from parleys.documents import Article, RawDocument, Rejection
from parleys.ingest import html
from parleys.ingest.clutter import Line, load_rules, remove_clutter
from parleys.ingest.language import not_english
from parleys.ingest.published import find_published, split_header
from parleys.settings import Settings

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_COLUMN_GAP = re.compile(r"\S[ \t\u00a0]{3,}(?=\S)")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))


def clean(raw: RawDocument, *, settings: Settings) -> Article | Rejection:
    """An :class:`Article`, or a rejection: ``no_text``, ``language`` or ``too_short``."""
    text, title, published, url, site = raw.content, raw.title, raw.published, raw.url, raw.site
    if raw.kind == "html":
        page = html.extract(raw.content, url=raw.url)
        if page is None:
            return Rejection(raw.source, "no_text", "no article text found in the HTML page")
        text, title, url = page.text, title or page.title, url or page.url
        published, site = published or page.published, site or page.site
    header_date, text = split_header(text)
    lines = split_lines(text)
    texts = [line.text for line in lines]
    published = published or header_date or find_published(texts)
    if (why := not_english(texts)) is not None:
        return Rejection(raw.source, "language", why)
    body = join_paragraphs(remove_clutter(lines, rules=load_rules()))
    if not body:
        return Rejection(raw.source, "no_text", "nothing but page clutter (menus, widgets, timestamps)")
    if len(body) < settings.min_chars:
        return Rejection(
            raw.source, "too_short", f"{len(body)} characters after cleaning, fewer than {settings.min_chars}"
        )
    return Article(
        id=raw.doc_id, source=raw.source, text=body, title=title, published=published, url=url, site=site
    )


def split_lines(text: str) -> list[Line]:
    """Lines with invisible characters removed, inner whitespace collapsed, indentation stripped."""
    lines = []
    for raw_line in text.translate(_INVISIBLE).replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw_line.strip()
        lines.append(Line(_SPACES.sub(" ", stripped), len(_COLUMN_GAP.findall(stripped))))
    return lines


def join_paragraphs(lines: list[str]) -> str:
    """Join lines, collapsing each run of blank lines into one blank line."""
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
