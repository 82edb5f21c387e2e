"""JSON and JSON Lines records: one bad line or record is rejected alone."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parleys.documents import Article, Rejection
from parleys.ingest import read_inputs
from parleys.ingest.jsonl import record_to_raw
from parleys.settings import Settings

JSON = Path(__file__).parent / "fixtures" / "ingest" / "json"


def _outcomes(items: list[Article | Rejection]) -> list[tuple[str, str]]:
    return [(i.source, i.reason if isinstance(i, Rejection) else i.id) for i in items]


def test_jsonl_malformed_line_and_textless_record_are_rejected_alone() -> None:
    path = str(JSON / "records.jsonl")
    items = list(read_inputs([path], settings=Settings()))
    assert _outcomes(items) == [
        (f"{path}#1", "mfa-001"),
        (f"{path}#2", "bad_json"),
        (f"{path}#3", "bad_record"),
        (f"{path}#4", "records-4"),
    ]
    first, last = items[0], items[3]
    assert isinstance(first, Article) and isinstance(last, Article)
    assert first.title == "Deputy minister meets Nigerian MPs"
    assert first.url == "https://mfa.example.org/news/1"
    assert first.published == date(2024, 2, 7)
    assert first.text.startswith("Deputy Minister of Foreign Affairs Daniyar Temirov met with a delegation")
    assert last.published == date(2024, 2, 8)  # RFC 822, as written
    assert last.url == "https://mfa.example.org/news/4"
    assert "<p>" not in last.text
    assert last.text.split("\n\n")[1].startswith("The parties agreed to prepare a visit")


def test_jsonl_single_object_takes_the_file_name_as_id() -> None:
    [article] = read_inputs([str(JSON / "record.json")], settings=Settings())
    assert isinstance(article, Article)
    assert (article.id, article.published) == ("record", date(2024, 3, 5))
    assert article.title == "Speaker receives Swedish ambassador"


def test_jsonl_list_gives_positional_ids_and_rejects_non_objects() -> None:
    path = str(JSON / "records.json")
    items = list(read_inputs([path], settings=Settings()))
    assert _outcomes(items) == [(f"{path}#1", "17"), (f"{path}#2", "bad_record"), (f"{path}#3", "records-3")]
    assert items[0].published == date(2024, 1, 15)


def test_jsonl_unparseable_json_file_is_rejected(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"text": "unterminated', encoding="utf-8")
    items = list(read_inputs([str(broken), str(JSON / "record.json")], settings=Settings()))
    assert _outcomes(items) == [(str(broken), "bad_json"), (str(JSON / "record.json"), "record")]


@pytest.mark.parametrize(
    "record",
    [{"text": "   "}, {"body": 42}, {"title": "only"}, ["text"]],
    ids=["blank-text", "number-body", "no-text", "not-an-object"],
)
def test_jsonl_record_without_text_is_bad_record(record: object) -> None:
    rejection = record_to_raw(record, source="f#1", default_id="f-1")
    assert isinstance(rejection, Rejection) and rejection.reason == "bad_record"


def test_jsonl_body_is_used_when_text_is_missing_and_bad_date_is_ignored() -> None:
    raw = record_to_raw(
        {"body": "Some body.", "published": "not a date", "id": 5}, source="f#1", default_id="f-1"
    )
    assert not isinstance(raw, Rejection)
    assert (raw.content, raw.published, raw.doc_id) == ("Some body.", None, "5")
