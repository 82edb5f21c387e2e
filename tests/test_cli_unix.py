"""The command line's Unix habits and honest output (issue 8): countries, topics and types checked
the same everywhere, paged JSON listings, ``-`` for standard input and output, ``--version``,
``codes``, tables at 80 columns, read commands that refuse a missing database, ``demo``'s default."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parleys import service
from parleys.cli import app
from parleys.documents import IngestSummary
from parleys.normalize.codes import topic_codes
from sample_records import store_samples


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def db(db_url: str, runner: CliRunner) -> str:
    store_samples(db_url)
    assert runner.invoke(app, ["resolve", "--db", db_url]).exit_code == 0
    return db_url


def _ok(runner: CliRunner, *args: str, **kwargs) -> str:
    result = runner.invoke(app, list(args), **kwargs)
    assert result.exit_code == 0, result.output
    return result.stdout


def _articles(runner: CliRunner, db: str, *args: str) -> list[str]:
    listing = json.loads(_ok(runner, "events", "--db", db, "--json", *args))
    return [e["article"] for e in listing["events"]]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--country", "Kazakh"], ["tr-visit", "tr-visit", "kz-ge", "undated"]),  # a demonym
        (["--country", "French"], ["uz-call"]),
        (["--country", "georgia", "--country-by", "place"], ["kz-ge"]),
        (["--country", "TUR", "--country-by", "participant"], ["tr-visit"]),  # not the agreement
        (["--country", "TUR", "--country-by", "either"], ["tr-visit", "tr-visit"]),
        (["--topic", "Energy"], ["tr-visit", "tr-visit"]),  # any case
        (["--topic", "trade economy"], ["kz-ge"]),
        (["--type", "Visit"], ["tr-visit"]),
    ],
)
def test_cli_unix_filters_take_names_demonyms_and_any_case(runner, db, args, expected):
    assert _articles(runner, db, *args) == expected


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--country", "XYZ"], "unknown country 'XYZ'"),  # used to list nothing, exit 0
        (["--topic", "nonsense"], "unknown topic 'nonsense'"),
        (["--type", "party"], "unknown event type 'party'"),
        (["--country-by", "border", "--country", "KAZ"], "unknown country_by 'border'"),
        (["--limit", "many"], "invalid limit 'many'"),
    ],
)
def test_cli_unix_unknown_filter_values_are_e060(runner, db, args, message):
    result = runner.invoke(app, ["events", "--db", db, *args])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: [E060] {message}")


def test_cli_unix_json_listings_carry_total_limit_offset(runner, db):
    page = json.loads(_ok(runner, "events", "--db", db, "--json", "--limit", "2", "--offset", "1"))
    assert (page["total"], page["limit"], page["offset"], len(page["events"])) == (5, 2, 1, 2)
    for everything in ("0", "all"):  # `--limit 0` used to give nothing
        page = json.loads(_ok(runner, "events", "--db", db, "--json", "--limit", everything))
        assert (page["total"], page["limit"], len(page["events"])) == (5, None, 5)
    persons = json.loads(_ok(runner, "persons", "--db", db, "--json", "--limit", "1"))
    assert (persons["total"], persons["limit"], persons["offset"], len(persons["persons"])) == (7, 1, 0, 1)


def test_cli_unix_codes_lists_topics_and_types(runner):
    data = json.loads(_ok(runner, "codes", "--json"))
    assert data["topics"] == list(topic_codes()) and "energy" in data["topics"]
    assert data["event_types"][:2] == ["meeting", "visit"] and "head_of_state" in data["role_classes"]
    assert "event types: meeting, visit" in _ok(runner, "codes")


def test_cli_unix_version_and_help(runner):
    assert _ok(runner, "--version").startswith("parleys ")


def test_cli_unix_export_to_standard_output(runner, db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = _ok(runner, "export", "--format", "jsonl", "--out", "-", "--db", db)
    events = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert len(events) == 5
    assert not (tmp_path / "-").exists()  # it used to write a file named "-"
    table = _ok(runner, "export", "--format", "dyads-csv", "--out", "-", "--db", db)
    rows = list(csv.DictReader(io.StringIO(table.split("wrote ")[0])))
    assert {(r["country_a"], r["country_b"]) for r in rows} == {
        ("GEO", "KAZ"),
        ("KAZ", "TUR"),
        ("FRA", "UZB"),
    }


def test_cli_unix_export_takes_the_filters_of_events_and_cites_sources(runner, db, tmp_path):
    out = tmp_path / "events.csv"
    _ok(runner, "export", "--format", "csv", "--out", str(out), "--country", "Georgia", "--db", db)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["article"] for r in rows} == {"kz-ge"}
    row = rows[0]
    assert (row["url"], row["title"], row["outlet"], row["published"]) == (
        "https://example.org/kz-ge",
        "Kazakhstan and Georgia",
        "example.org",
        "2023-10-21",
    )
    assert (row["evidence"], row["confidence"]) == ("met with", "0.900")
    table = tmp_path / "events-table.csv"
    _ok(runner, "export", "--format", "events-csv", "--out", str(table), "--type", "call", "--db", db)
    (call,) = list(csv.DictReader(table.open(encoding="utf-8")))
    assert (call["type"], call["cameo"], call["plover"], call["plover_mode"]) == (
        "call",
        "041",
        "CONSULT",
        "phone",
    )
    assert (call["evidence"], call["confidence"]) == ("phone call", "0.95")


def test_cli_unix_read_commands_refuse_a_missing_database(runner, tmp_path):
    missing = tmp_path / "typo.db"
    for command in (["events"], ["persons"], ["show", "1"], ["rejections"], ["dossier", "KAZ"]):
        result = runner.invoke(app, [*command, "--db", f"sqlite:///{missing}"])
        assert result.exit_code == 2, command
        assert result.stderr.startswith("Error: [E030] no database at"), result.stderr
    assert not missing.exists()  # it used to create an empty database


@pytest.mark.parametrize(
    "command",
    [
        ["events"],
        ["persons"],
        ["person", "Qoshanov"],
        ["dossier", "KAZ"],
        ["timeline", "KAZ", "TUR"],
        ["show", "2"],
    ],
)
def test_cli_unix_tables_fit_80_columns(runner, db, command):
    out = _ok(runner, *command, "--db", db, env={"COLUMNS": "80"})
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "2024-02-05" in out  # dates are never split


def test_cli_unix_show_is_compact_unless_wide(runner, db):
    compact = _ok(runner, "show", "2", "--db", db, env={"COLUMNS": "200"})
    wide = _ok(runner, "show", "2", "--wide", "--db", db, env={"COLUMNS": "200"})
    assert "title" not in compact and "confidence" not in compact
    assert "Speaker of the Grand National Assembly" in wide and "confidence" in wide


def test_cli_unix_network_to_standard_output(runner, db):
    out = _ok(runner, "network", "--out", "-", "--db", db)
    data = json.loads(out[: out.rindex("}") + 1])
    assert {n["id"] for n in data["nodes"]} >= {"country-KAZ", "country-GEO"}


def test_cli_unix_demo_defaults_to_samples(runner, tmp_path, monkeypatch):
    (tmp_path / "samples").mkdir()
    monkeypatch.chdir(tmp_path)
    seen = []

    def fake_ingest(inputs, **_kwargs):
        seen.extend(inputs)
        return IngestSummary()

    monkeypatch.setattr(service, "ingest", fake_ingest)
    _ok(runner, "demo", "--no-serve", "--db", f"sqlite:///{tmp_path / 'demo.db'}")
    assert seen == [Path("samples")]


@pytest.mark.model
def test_cli_unix_ingest_and_extract_read_standard_input(runner, extractor, db_url, monkeypatch):
    from test_reprocess_corrections import FIRST

    monkeypatch.setattr(service, "_load_extractor", lambda settings: extractor)
    out = _ok(runner, "extract", "-", "--out", "-", input=FIRST)
    (record,) = [json.loads(line) for line in out.splitlines() if line.startswith("{")]
    assert record["id"] == "stdin" and record["events"]
    result = runner.invoke(app, ["ingest", "-", "--db", db_url], input=FIRST)  # used to be not_found
    assert result.exit_code == 0, result.output
    assert _articles(runner, db_url) == ["stdin"]
