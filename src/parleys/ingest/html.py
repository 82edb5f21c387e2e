"""HTML: pages (.html/.htm and fetched pages) through trafilatura, and small HTML fragments
(feed entries, JSON bodies) to plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser

from parleys.documents import RawDocument
from parleys.ingest.published import parse_date_string

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header "
    "hr li main nav ol p pre section table tr ul".split()
)
MIN_PARAGRAPH_WORDS = 6
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
MAX_DEPTH = 200  # below libxml2's limit of 256 levels, above any real page


@dataclass(frozen=True, slots=True)
class Page:
    """What trafilatura found in a page: the main text (paragraphs separated by blank lines)."""

    text: str
    title: str | None
    published: date | None
    site: str | None
    url: str | None


def parse_html(markup: str, *, source: str, doc_id: str, url: str | None = None) -> RawDocument:
    """An HTML page as a raw document; the cleaner extracts its text with :func:`extract`."""
    return RawDocument(source=source, kind="html", content=markup, doc_id=doc_id, url=url)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag near its start."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "replace") if match else None


def extract(markup: str, *, url: str | None = None) -> Page | None:
    """Main text and metadata of a page, or None when it has no article text."""
    import trafilatura  # heavy import; only HTML inputs need it

    doc = trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in lines):
        flat = cap_depth(markup)
        if flat is not None:  # lxml stops at 256 levels: the text below them is lost, not absent
            return extract(flat, url=url)
        return None  # menus and link lists only: trafilatura's fallbacks return them as text
    paragraphs = "\n\n".join(lines)
    return Page(
        text=paragraphs,
        title=getattr(doc, "title", None) or None,
        published=parse_date_string(getattr(doc, "date", None)),
        site=getattr(doc, "sitename", None) or getattr(doc, "hostname", None) or None,
        url=getattr(doc, "url", None) or url,
    )


def cap_depth(markup: str, *, limit: int = MAX_DEPTH) -> str | None:
    """The markup with the tags nested deeper than ``limit`` removed (their text kept), or None
    when it is not nested that deep. Linear in the length of the markup."""
    flattener = _Flattener(limit)
    flattener.feed(markup)
    flattener.close()
    return "".join(flattener.out) if flattener.deepest > limit else None


def looks_like_html(text: str) -> bool:
    """Does a text field hold markup rather than plain text?"""
    return bool(re.search(r"<(?:p|br|div|span|a|b|i|em|strong|ul|li|h[1-6]|img|table)\b[^>]*>", text, re.I))


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block elements become paragraphs, scripts are dropped."""
    parser = _TextParser()
    parser.feed(fragment)
    parser.close()
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


class _Flattener(HTMLParser):
    """Re-emits markup, dropping start and end tags nested deeper than ``limit``."""

    def __init__(self, limit: int) -> None:
        super().__init__(convert_charrefs=False)
        self.limit = limit
        self.out: list[str] = []
        self.deepest = 0
        self._stack: list[tuple[str, bool]] = []  # open tags, and whether each was emitted
        self._open: dict[str, int] = {}  # open tags by name, so that a stray end tag costs O(1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or f"<{tag}>"
        if tag in _VOID:
            self.out.append(raw)
            return
        keep = len(self._stack) < self.limit
        self._stack.append((tag, keep))
        self._open[tag] = self._open.get(tag, 0) + 1
        self.deepest = max(self.deepest, len(self._stack))
        if keep:
            self.out.append(raw)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self._open.get(tag):
            return
        while self._stack:  # each open tag is popped once: linear over the whole page
            name, kept = self._stack.pop()
            self._open[name] -= 1
            if kept:
                self.out.append(f"</{name}>")
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")
