"""Text files, folders and dispatch by file type."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

from parleys.documents import Article, Rejection
from parleys.errors import REJECTION_REASONS
from parleys.ingest import read_inputs, read_raw
from parleys.ingest.text import parse_text
from parleys.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
TEXT = FIXTURES / "text"


def test_text_header_prefix_is_stripped_and_the_rest_of_the_line_kept() -> None:
    raw = parse_text(" date 2024-05-20 + ↺ − 16 px\n\nBody.", source="s", doc_id="a")
    assert raw.published == date(2024, 5, 20)
    assert raw.content == "+ ↺ − 16 px\n\nBody."
    plain = parse_text("No header here.\n", source="s", doc_id="b")
    assert plain.published is None and plain.content == "No header here.\n"


def test_text_article_gets_id_from_file_name_and_date_from_header() -> None:
    [article] = read_inputs([str(TEXT / "senate-visit.txt")], settings=Settings())
    assert isinstance(article, Article)
    assert article.id == "senate-visit"
    assert article.source == str(TEXT / "senate-visit.txt")
    assert article.published == date(2024, 3, 5)
    assert article.text.startswith("Senate Speaker receives Swedish delegation\n\nSpeaker of the Senate")
    assert "date 2024" not in article.text


def test_text_markdown_is_read_as_text() -> None:
    [article] = read_inputs([str(TEXT / "briefing.md")], settings=Settings())
    assert isinstance(article, Article) and article.id == "briefing"
    assert "Farida Nasibova met with the Ambassador of Portugal" in article.text


def test_text_folder_is_walked_recursively_sorted_skipping_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    shutil.copy(TEXT / "senate-visit.txt", tmp_path / "b" / "z-visit.txt")
    shutil.copy(TEXT / "no-header.txt", tmp_path / "a-talks.txt")
    shutil.copy(TEXT / "briefing.md", tmp_path / ".hidden.txt")
    shutil.copy(TEXT / "briefing.md", tmp_path / ".git" / "inside.txt")
    shutil.copy(TEXT / "briefing.md", tmp_path / "c-briefing.text")
    items = list(read_inputs([str(tmp_path)], settings=Settings()))
    assert [i.id for i in items if isinstance(i, Article)] == ["a-talks", "z-visit", "c-briefing"]
    assert len(items) == 3


def test_text_missing_path_and_unknown_type_are_rejected_others_pass(tmp_path: Path) -> None:
    unknown = tmp_path / "scan.pdfx"
    unknown.write_text("Speaker met the delegation.", encoding="utf-8")
    missing = str(tmp_path / "nowhere.txt")
    good = str(TEXT / "no-header.txt")
    items = list(read_inputs([missing, good, str(unknown), "ftp://example.org/a.txt"], settings=Settings()))
    assert [(i.source, i.reason) for i in items if isinstance(i, Rejection)] == [
        (missing, "not_found"),
        (str(unknown), "unsupported"),
        ("ftp://example.org/a.txt", "unsupported"),
    ]
    assert [i.id for i in items if isinstance(i, Article)] == ["no-header"]
    assert [type(i).__name__ for i in items] == ["Rejection", "Article", "Rejection", "Rejection"]


def test_text_file_with_feed_content_is_sniffed_as_feed(tmp_path: Path) -> None:
    feed = tmp_path / "export.dat"
    shutil.copy(FIXTURES / "feeds" / "rss.xml", feed)
    items = list(read_raw([str(feed)], settings=Settings()))
    assert [i.source for i in items] == [f"{feed}#1", f"{feed}#2"]
    assert all(not isinstance(i, Rejection) for i in items)


def test_text_ingest_uses_only_documented_rejection_reasons() -> None:
    package = Path(__file__).resolve().parents[1] / "src" / "parleys" / "ingest"
    used = set()
    for module in package.glob("*.py"):
        used |= set(re.findall(r'Rejection\(\s*[^,]+,\s*"(\w+)"', module.read_text(encoding="utf-8")))
    assert used and used <= set(REJECTION_REASONS)
    assert {"empty", "binary", "encoding", "too_large", "no_text", "too_short", "bad_json"} <= used
