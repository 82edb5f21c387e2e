"""Exports: records, events as JSON Lines, CSV of participants; errors for bad format or path."""

from __future__ import annotations

import csv
import io
import json

import pytest

from parleys.errors import ExportError
from parleys.export import CSV_COLUMNS, export
from parleys.kb.filters import EventFilter
from sample_records import SAMPLES, save_samples


@pytest.fixture()
def stored(db_session):
    save_samples(db_session)
    return db_session


def test_export_records_writes_one_format_record_per_article(stored, tmp_path):
    out = tmp_path / "records.jsonl"
    assert export(stored, fmt="records", out=out) == 4
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == [build()[1].to_json() for build in SAMPLES]
    first = lines[0]
    assert first["id"] == "kz-ge" and first["published"] == "2023-10-21"
    assert first["events"][0]["participants"][0]["name"] == "Aidar Nurlanov"
    assert first["events"][0]["countries"] == ["GEO", "KAZ"]


def test_export_jsonl_writes_one_event_per_line(stored, tmp_path):
    out = tmp_path / "events.jsonl"
    assert export(stored, fmt="jsonl", out=out) == 5
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(e["article"], e["type"], e["date"]) for e in lines] == [
        ("uz-call", "call", "2024-03-10"),
        ("tr-visit", "visit", "2024-02-05"),
        ("tr-visit", "agreement", "2024-02-05"),
        ("kz-ge", "meeting", "2023-10-21"),
        ("undated", "message", None),
    ]
    assert lines[1]["participants"][0]["name"] == "Selim Şahinoğlu"  # not escaped


def test_export_csv_writes_one_row_per_event_participant(stored, tmp_path):
    out = tmp_path / "events.csv"
    assert export(stored, fmt="csv", out=out) == 8
    rows = list(csv.reader(out.open(encoding="utf-8", newline="")))
    assert tuple(rows[0]) == CSV_COLUMNS
    records = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    visit = [r for r in records if r["type"] == "visit"]
    assert [(r["participant_name"], r["participant_role"], r["participant_country"]) for r in visit] == [
        ("Selim Şahinoğlu", "speaker", "TUR"),
        ("Dauren Qoshanov", "speaker", "KAZ"),
    ]
    assert visit[0]["countries"] == "KAZ;TUR" and visit[0]["topics"] == "energy"
    assert visit[0]["city"] == "Ankara" and visit[0]["date"] == "2024-02-05"
    undated = [r for r in records if r["article"] == "undated"]
    assert undated[0]["date"] == "" and undated[0]["participant_name"] == "Aliya Sarsenova"


def test_export_filters_events_and_writes_to_a_stream(stored):
    stream = io.StringIO()
    assert export(stored, fmt="jsonl", out=stream, flt=EventFilter(country="GEO", limit=None)) == 1
    assert json.loads(stream.getvalue())["article"] == "kz-ge"


def test_export_unknown_format_raises(stored, tmp_path):
    with pytest.raises(ExportError, match="unknown export format 'xml'") as info:
        export(stored, fmt="xml", out=tmp_path / "x.xml")
    assert info.value.code == "E040"
    assert not (tmp_path / "x.xml").exists()


def test_export_unwritable_path_raises(stored, tmp_path):
    with pytest.raises(ExportError, match="cannot write"):
        export(stored, fmt="csv", out=tmp_path / "no" / "such" / "dir.csv")
