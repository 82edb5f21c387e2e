"""The institution and organization filters of `parleys events` and `parleys export`: the same
EventFilter (and so the same checks and normalisation) as /api/events."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from parleys.cli import app
from sample_records import store_samples


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def db(db_url) -> str:
    store_samples(db_url)
    return db_url


def _events(runner, db, *args) -> dict:
    result = runner.invoke(app, ["events", "--db", db, "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # a participant of the visit is of the Grand National Assembly; the Senate's speaker is in both
        (["--institution", "grand national ASSEMBLY"], [("tr-visit", "visit")]),
        (["--institution", "senate"], [("tr-visit", "visit"), ("tr-visit", "agreement")]),
        (["--institution", "Senate", "--type", "agreement"], [("tr-visit", "agreement")]),
        (["--institution", "Parliament of Nowhere"], []),
        # the article of both Ankara events names TURKPA
        (["--organization", "TURKPA"], [("tr-visit", "visit"), ("tr-visit", "agreement")]),
        (["--organization", "TURKPA", "--country", "GEO"], []),
        (["--organization", "OSCE PA"], []),
    ],
)
def test_cli_facets_events_filter(runner, db, args, expected):
    found = _events(runner, db, *args)
    assert [(e["article"], e["type"]) for e in found["events"]] == expected
    assert found["total"] == len(expected)


def test_cli_facets_values_normalised_as_the_api_does(runner, db):
    found = _events(runner, db, "--institution", "  Grand   National ", "--organization", " TURKPA  ")
    assert found["filter"]["institution"] == "Grand National"
    assert found["filter"]["organization"] == "TURKPA"
    assert [e["article"] for e in found["events"]] == ["tr-visit"]
    blank = _events(runner, db, "--institution", "  ", "--organization", "")
    assert blank["filter"]["institution"] is None
    assert blank["filter"]["organization"] is None
    assert blank["total"] == 5


def test_cli_facets_institution_without_letters_is_e060(runner, db):
    result = runner.invoke(app, ["events", "--db", db, "--institution", "--- ..."])
    assert result.exit_code == 2
    assert "E060" in result.output
    assert "institution" in result.output


def test_cli_facets_export_takes_the_same_filters(runner, db, tmp_path):
    out = tmp_path / "events.jsonl"
    result = runner.invoke(
        app, ["export", "--db", db, "--format", "jsonl", "--out", str(out), "--institution", "assembly"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["article"], r["type"]) for r in rows] == [("tr-visit", "visit")]
    result = runner.invoke(
        app, ["export", "--db", db, "--format", "jsonl", "--out", str(out), "--organization", "TURKPA"]
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["type"] for r in rows) == ["agreement", "visit"]
    assert {r["article"] for r in rows} == {"tr-visit"}
