"""Public ids survive ``reprocess`` and ``resolve``: ``show 92`` still shows event 92, and a person's
id still names the person (issue 8: reprocessing renumbered event 92 as 312)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parleys import service
from parleys.cli import app
from test_reprocess_corrections import FIRST, SECOND, THIRD, ChangedPipeline

pytestmark = pytest.mark.model


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _ids(runner: CliRunner, db: str) -> tuple[dict[tuple[str, ...], int], dict[str, int]]:
    listed = json.loads(_run(runner, "events", "--db", db, "--json", "--limit", "all"))["events"]
    events = {tuple(e["sources"]): e["id"] for e in listed}
    persons = json.loads(_run(runner, "persons", "--db", db, "--json", "--limit", "0"))["persons"]
    return events, {p["name"]: p["id"] for p in persons}


def test_store_stable_ids_survive_reprocess_and_resolve(extractor, db_url, tmp_path: Path, monkeypatch):
    runner = CliRunner()
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in (("first", FIRST), ("second", SECOND)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(service, "_load_extractor", lambda settings: extractor)
    _run(runner, "ingest", str(folder), "--db", db_url)
    (folder / "third.txt").write_text(THIRD, encoding="utf-8")
    _run(runner, "ingest", str(folder), "--db", db_url)  # later rows get higher ids
    events, persons = _ids(runner, db_url)
    assert len(events) == 2 and "Darkhan Temirbolatov" in persons
    shown = json.loads(_run(runner, "show", str(events[("third",)]), "--db", db_url, "--json"))

    monkeypatch.setattr(service, "_load_extractor", lambda settings: ChangedPipeline(extractor))
    _run(runner, "reprocess", "--db", db_url)
    assert _ids(runner, db_url) == (events, persons)
    again = json.loads(_run(runner, "show", str(events[("third",)]), "--db", db_url, "--json"))
    assert again["key"] == shown["key"] and again["article"]["external_id"] == "third"
    _run(runner, "resolve", "--db", db_url)
    assert _ids(runner, db_url) == (events, persons)
