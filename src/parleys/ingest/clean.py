"""Raw document to article: HTML extraction, publication date, language check, clutter removal,
whitespace normalisation and the length check. Rejections are returned, never raised.

Two guards keep extraction time linear in the length of any text a scraper produces:

- a run of more than ``MAX_PUNCT_RUN`` punctuation marks or symbols with no letter, digit or
  space between them ("!!!!...", twenty thousand quote marks) is cut to its first three
  characters: spaCy's tokenizer strips such a run one suffix at a time, each a search over the
  whole run, which is quadratic in its length (8,000 quote marks take 16 s);
- an article longer than ``SECTION_CHARS`` is extracted in sections (:func:`sections`) cut at
  paragraph breaks, each an article of its own: spaCy refuses documents over 1,000,000
  characters, and its parser and entity recogniser need about 1 GB per 100,000.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import replace

from parleys.documents import Article, RawDocument, Rejection
from parleys.ingest import html
from parleys.ingest.clutter import Line, load_rules, remove_clutter
from parleys.ingest.language import not_english
from parleys.ingest.published import find_published, split_header
from parleys.settings import Settings

_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_COLUMN_GAP = re.compile(r"\S[ \t\u00a0]{3,}(?=\S)")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
MAX_PUNCT_RUN = 32
KEEP_OF_RUN = 3
_PUNCT_RUN = re.compile(rf"[^\w\s]{{{MAX_PUNCT_RUN + 1},}}")
SECTION_CHARS = 100_000
log = logging.getLogger(__name__)


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
    text, runs = cut_punctuation_runs(text)
    if runs:
        log.info(
            "%s: %d runs of more than %d punctuation marks cut to %d",
            raw.source,
            runs,
            MAX_PUNCT_RUN,
            KEEP_OF_RUN,
        )
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


def cut_punctuation_runs(text: str) -> tuple[str, int]:
    """``text`` with each run of more than ``MAX_PUNCT_RUN`` punctuation marks cut to its first
    ``KEEP_OF_RUN``, and the number of runs cut."""
    return _PUNCT_RUN.subn(lambda m: m.group()[:KEEP_OF_RUN], text)


def sections(article: Article, *, limit: int = SECTION_CHARS) -> Iterator[Article]:
    """The article itself, or, when its text is longer than ``limit``, its sections: each at most
    ``limit`` characters, cut at the last paragraph break before the limit (else a line break, a
    sentence end, a space; a hard cut only inside one unbroken run), with ids ``<id>-part<n>``
    and sources ``<source>#part<n>``."""
    if len(article.text) <= limit:
        yield article
        return
    text, start, n = article.text, 0, 0
    while start < len(text):
        end = len(text) if len(text) - start <= limit else _cut(text, start, start + limit)
        part = text[start:end].strip()
        start = end
        if part:
            n += 1
            yield replace(article, id=f"{article.id}-part{n}", source=f"{article.source}#part{n}", text=part)


def _cut(text: str, start: int, stop: int) -> int:
    """Where to end a section that starts at ``start`` and may not pass ``stop``."""
    floor = start + (stop - start) // 2  # a section is at least half the limit
    for mark in ("\n\n", "\n", ". ", " "):
        at = text.rfind(mark, floor, stop)
        if at > start:
            return at + len(mark)
    return stop
