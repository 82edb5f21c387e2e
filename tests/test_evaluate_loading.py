"""Reading gold and system records from files and folders, and the errors for bad ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parleys.errors import EvaluationError
from parleys.evaluate import load_records, score_files


def rec(article_id: str, topics: list[str] | None = None) -> dict:
    return {"id": article_id, "events": [], "persons": [], "organizations": [], "topics": topics or []}


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    return path


def test_evaluate_load_jsonl(tmp_path: Path):
    path = write_jsonl(tmp_path / "gold.jsonl", [rec("a1"), rec("a2", ["energy"])])
    records = load_records(path)
    assert list(records) == ["a1", "a2"]
    assert records["a2"]["topics"] == ["energy"]


def test_evaluate_load_json_single_record_and_list(tmp_path: Path):
    single = tmp_path / "one.json"
    single.write_text(json.dumps(rec("a1")), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([rec("a2"), rec("a3")]), encoding="utf-8")
    assert list(load_records(single)) == ["a1"]
    assert list(load_records(many)) == ["a2", "a3"]


def test_evaluate_load_folder_recursively(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a1.json").write_text(json.dumps(rec("a1")), encoding="utf-8")
    write_jsonl(tmp_path / "sub" / "more.jsonl", [rec("a2"), rec("a3")])
    (tmp_path / "notes.txt").write_text("not a record", encoding="utf-8")
    assert sorted(load_records(tmp_path)) == ["a1", "a2", "a3"]


def test_evaluate_load_ids_become_strings(tmp_path: Path):
    path = write_jsonl(tmp_path / "gold.jsonl", [{"id": 7, "topics": []}])
    assert list(load_records(path)) == ["7"]


def test_evaluate_load_missing_path_raises(tmp_path: Path):
    with pytest.raises(EvaluationError, match="no such file or folder") as info:
        load_records(tmp_path / "absent.jsonl")
    assert str(info.value).startswith("[E050]")


def test_evaluate_load_empty_folder_raises(tmp_path: Path):
    with pytest.raises(EvaluationError, match="holds no .json or .jsonl files"):
        load_records(tmp_path)


def test_evaluate_load_bad_json_line_names_the_line(tmp_path: Path):
    path = tmp_path / "sys.jsonl"
    path.write_text(json.dumps(rec("a1")) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"sys\.jsonl, line 2: not valid JSON"):
        load_records(path)


def test_evaluate_load_bad_json_file(tmp_path: Path):
    path = tmp_path / "sys.json"
    path.write_text("[{]", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"sys\.json: not valid JSON"):
        load_records(path)


def test_evaluate_load_record_without_id_raises(tmp_path: Path):
    path = tmp_path / "sys.json"
    path.write_text(json.dumps([rec("a1"), {"topics": []}]), encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"item 2: every record must be a JSON object with an 'id'"):
        load_records(path)


def test_evaluate_load_non_object_line_raises(tmp_path: Path):
    path = tmp_path / "sys.jsonl"
    path.write_text('"just a string"\n', encoding="utf-8")
    with pytest.raises(EvaluationError, match="line 1: every record"):
        load_records(path)


def test_evaluate_load_undecodable_bytes_raises(tmp_path: Path):
    path = tmp_path / "sys.jsonl"
    path.write_bytes(b'{"id": "a1", "topics": ["\xff\xfe"]}\n')
    with pytest.raises(EvaluationError, match="cannot read the file"):
        load_records(path)


def test_evaluate_score_files_pairs_by_id(tmp_path: Path):
    gold = write_jsonl(tmp_path / "gold.jsonl", [rec("a1", ["energy"]), rec("a2", ["health"])])
    system = tmp_path / "system"
    system.mkdir()
    (system / "a2.json").write_text(json.dumps(rec("a2", ["health", "energy"])), encoding="utf-8")
    summary = score_files(gold, system)
    assert (summary.articles_gold, summary.articles_scored) == (2, 1)
    topics = summary.fields["topics"]
    assert (topics.tp, topics.fp, topics.fn) == (1, 1, 1)
