"""HTML pages through trafilatura, and HTML fragments to text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from parleys.documents import Article, RawDocument, Rejection
from parleys.ingest import clean, read_inputs
from parleys.ingest.html import fragment_text
from parleys.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGE = FIXTURES / "html" / "article.html"
MENU = FIXTURES / "html" / "menu-only.html"


def test_html_page_gives_main_text_and_metadata() -> None:
    [article] = read_inputs([str(PAGE)], settings=Settings())
    assert isinstance(article, Article)
    assert article.id == "article"
    assert article.title == "Senate hosts Brazilian senators"
    assert article.site == "Parliament News"
    assert article.url == "https://news.example.org/2023/09/senate-hosts-brazilian-senators"
    assert article.published == date(2023, 9, 14)
    paragraphs = article.text.split("\n\n")
    assert paragraphs[1].startswith("Speaker of the Senate Aigerim Sadykova met with a delegation")
    assert paragraphs[-1] == (
        "At the end of the meeting, the two speakers signed a memorandum on cooperation between the "
        "offices of the two chambers."
    )
    for clutter in ("Home", "Politics", "All rights reserved"):
        assert clutter not in article.text


def test_html_page_without_article_text_is_rejected_others_pass() -> None:
    items = list(read_inputs([str(MENU), str(PAGE)], settings=Settings()))
    assert isinstance(items[0], Rejection)
    assert (items[0].source, items[0].reason) == (str(MENU), "no_text")
    assert isinstance(items[1], Article) and items[1].id == "article"


def test_html_raw_document_is_extracted_by_clean() -> None:
    raw = RawDocument(source="mem", kind="html", content=PAGE.read_text(encoding="utf-8"), doc_id="x")
    article = clean(raw, settings=Settings())
    assert isinstance(article, Article)
    assert "Lucia Ferreira invited her counterpart" in article.text


def test_html_fragment_becomes_paragraphs_without_scripts() -> None:
    fragment = (
        "<p>First &amp; foremost.</p><script>var x = 1;</script><p>Second<br>line</p>"
        "<ul><li>One</li><li>Two</li></ul>"
    )
    assert fragment_text(fragment) == "First & foremost.\n\nSecond\nline\n\nOne\n\nTwo"
