"""RSS and Atom feeds: entries become articles, broken entries and non-feeds are rejected."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

from parleys.documents import Article, Rejection
from parleys.ingest import read_inputs
from parleys.ingest.feeds import looks_like_feed
from parleys.settings import Settings

FEEDS = Path(__file__).parent / "fixtures" / "ingest" / "feeds"


def _sha12(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:12]


def test_feeds_rss_entries_become_articles_with_link_title_and_date() -> None:
    path = str(FEEDS / "rss.xml")
    first, second = read_inputs([path], settings=Settings())
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.source == f"{path}#1"
    assert first.id == _sha12("https://news.example.org/2024/03/senate-swedish-delegation")
    assert first.title == "Senate Speaker meets Swedish delegation"
    assert first.url == "https://news.example.org/2024/03/senate-swedish-delegation"
    assert first.site == "Parliament News"
    assert first.published == date(2024, 3, 5)  # the date as the feed writes it, not shifted to UTC
    assert first.text == (
        "Speaker of the Senate Aigerim Sadykova met with a delegation of the Swedish Riksdag led by "
        "Henrik Lindqvist.\n\nThe parties discussed interparliamentary cooperation, trade and the exchange "
        "of experience in lawmaking, and agreed to hold the next meeting of the friendship groups in "
        "Stockholm."
    )
    assert second.id == _sha12("https://news.example.org/2024/03/majilis-warsaw")
    assert second.published == date(2024, 3, 12)


def test_feeds_atom_content_is_turned_into_text() -> None:
    [article] = read_inputs([str(FEEDS / "atom.atom")], settings=Settings())
    assert isinstance(article, Article)
    assert article.id == _sha12("urn:example:committee-news:7")
    assert article.url == "https://committee.example.org/news/7"
    assert article.published == date(2024, 4, 2)
    assert article.text.startswith("Chairwoman of the Committee on International Affairs Farida Nasibova")
    assert "<p>" not in article.text and "track()" not in article.text


def test_feeds_broken_entries_are_rejected_alone() -> None:
    path = str(FEEDS / "broken-entries.rss")
    items = list(read_inputs([path], settings=Settings()))
    assert [(i.source, getattr(i, "reason", "article")) for i in items] == [
        (f"{path}#1", "bad_feed"),
        (f"{path}#2", "article"),
        (f"{path}#3", "bad_feed"),
    ]
    assert items[1].title == "Senate ratifies agreement with Nigeria"
    assert items[1].published == date(2024, 4, 10)


def test_feeds_xml_that_is_not_a_feed_is_rejected_others_pass() -> None:
    catalog, rss = str(FEEDS / "catalog.xml"), str(FEEDS / "rss.xml")
    items = list(read_inputs([catalog, rss], settings=Settings()))
    assert isinstance(items[0], Rejection)
    assert (items[0].source, items[0].reason) == (catalog, "bad_feed")
    assert [type(i).__name__ for i in items[1:]] == ["Article", "Article"]


def test_feeds_truncated_feed_yields_no_article() -> None:
    items = list(read_inputs([str(FEEDS / "truncated.xml")], settings=Settings()))
    assert items and all(isinstance(i, Rejection) and i.reason == "bad_feed" for i in items)


def test_feeds_sniffing_recognises_rss_atom_and_rdf() -> None:
    assert looks_like_feed(b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- c -->\n<rss version="2.0">')
    assert looks_like_feed(b'<feed xmlns="http://www.w3.org/2005/Atom">')
    assert looks_like_feed(b"<?xml version='1.0'?><rdf:RDF xmlns:rdf='x'>")
    assert not looks_like_feed(b"<!DOCTYPE html><html><body>rss</body></html>")
    assert not looks_like_feed(b"Speaker met <rss> fans")
