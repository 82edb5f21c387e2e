"""CLI commands that read the store (events, show, export, rejections) and error handling."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from parleys.cli import app
from parleys.documents import Rejection
from parleys.settings import Settings
from parleys.store import repository
from parleys.store.db import open_session
from sample_records import SAMPLES, store_samples


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def db(db_url) -> str:
    store_samples(db_url)
    with open_session(Settings.load(config_file=None, database_url=db_url)) as session:
        repository.record_rejection(session, Rejection("/in/empty.txt", "empty", "no bytes"))
        repository.record_rejection(session, Rejection("/in/short.txt", "too_short", "42 characters"))
        session.commit()
    return db_url


def _events_json(runner, db, *args) -> list[tuple[str, str]]:
    result = runner.invoke(app, ["events", "--db", db, "--json", *args])
    assert result.exit_code == 0, result.output
    return [(e["article"], e["type"]) for e in json.loads(result.stdout)["events"]]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            [],
            [
                ("uz-call", "call"),
                ("tr-visit", "visit"),
                ("tr-visit", "agreement"),
                ("kz-ge", "meeting"),
                ("undated", "message"),
            ],
        ),
        (["--country", "GEO"], [("kz-ge", "meeting")]),
        (["--country", "Kazakhstan", "--partner", "TUR"], [("tr-visit", "visit")]),
        (["--person", "SAHINOGLU"], [("tr-visit", "visit")]),
        (["--type", "call"], [("uz-call", "call")]),
        (["--topic", "interparliamentary"], [("kz-ge", "meeting")]),
        (["--since", "2024-02-06"], [("uz-call", "call")]),
        (["--until", "2023-12-31"], [("kz-ge", "meeting")]),
        (
            ["--since", "2024-01-01", "--until", "2024-02-28", "--type", "agreement"],
            [("tr-visit", "agreement")],
        ),
        (["--limit", "2"], [("uz-call", "call"), ("tr-visit", "visit")]),
        (["--limit", "1", "--offset", "3"], [("kz-ge", "meeting")]),
    ],
)
def test_cli_events_filters(runner, db, args, expected):
    assert _events_json(runner, db, *args) == expected


def test_cli_events_table_shows_values(runner, db):
    result = runner.invoke(app, ["events", "--db", db, "--country", "GEO"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Aidar Nurlanov (KAZ)" in result.stdout  # compact: roles with --wide
    assert "Tbilisi, GEO" in result.stdout
    assert "1 of 1 events" in result.stdout
    wide = runner.invoke(app, ["events", "--db", db, "--country", "GEO", "--wide"], env={"COLUMNS": "200"})
    assert "Aidar Nurlanov (ambassador, KAZ)" in wide.stdout and "GEO KAZ" in wide.stdout


def test_cli_events_database_from_environment(runner, db):
    result = runner.invoke(app, ["events", "--json", "--type", "visit"], env={"PARLEYS_DATABASE_URL": db})
    assert result.exit_code == 0, result.output
    assert [e["article"] for e in json.loads(result.stdout)["events"]] == ["tr-visit"]


def test_cli_show_prints_values_with_evidence_and_confidence(runner, db):
    listed = runner.invoke(app, ["events", "--db", db, "--json", "--type", "visit"])
    event_id = json.loads(listed.stdout)["events"][0]["id"]
    compact = runner.invoke(app, ["show", str(event_id), "--db", db], env={"COLUMNS": "80"})
    assert compact.exit_code == 0, compact.output
    assert any(
        "type" in line and "visit" in line and "official visit" in line
        for line in compact.stdout.splitlines()
    )
    assert "0.90" not in compact.stdout  # confidences with --wide only
    result = runner.invoke(app, ["show", str(event_id), "--wide", "--db", db], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert any(
        "type" in line and "visit" in line and "official visit" in line and "0.90" in line for line in lines
    )
    assert any("Selim Şahinoğlu" in line and "0.95" in line for line in lines)
    assert any("TURKPA" in line and "0.99" in line for line in lines)
    as_json = json.loads(runner.invoke(app, ["show", str(event_id), "--db", db, "--json"]).stdout)
    assert as_json["evidence"]["type"]["text"] == "official visit"
    assert as_json["participants"][0]["evidence"]["name"]["confidence"] == 0.95


def test_cli_show_unknown_event_is_one_line_error(runner, db):
    result = runner.invoke(app, ["show", "9999", "--db", db])
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: [E031] no event with id 9999"
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["events", "--type", "party"], "E060"),
        (["events", "--country", "Atlantis"], "E060"),
        (["rejections", "--reason", "nonsense"], "E060"),
    ],
)
def test_cli_bad_values_exit_2_with_code(runner, db, args, code):
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: [{code}]")
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_usage_errors_exit_2(runner, db):
    assert runner.invoke(app, ["events", "--since", "yesterday", "--db", db]).exit_code == 2
    assert runner.invoke(app, ["show", "abc", "--db", db]).exit_code == 2
    assert runner.invoke(app, ["no-such-command"]).exit_code == 2
    assert runner.invoke(app, ["export", "--db", db]).exit_code == 2  # --format and --out missing


def test_cli_bad_setting_from_environment_exits_2(runner, db):
    result = runner.invoke(app, ["events", "--db", db], env={"PARLEYS_PORT": "not-a-port"})
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: [E001]")
    assert len(result.stderr.strip().splitlines()) == 1


def test_cli_export_records(runner, db, tmp_path):
    out = tmp_path / "records.jsonl"
    result = runner.invoke(app, ["export", "--format", "records", "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert "wrote 4 lines" in result.stdout
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == [build()[1].to_json() for build in SAMPLES]


def test_cli_export_jsonl(runner, db, tmp_path):
    out = tmp_path / "events.jsonl"
    assert runner.invoke(app, ["export", "-f", "jsonl", "-o", str(out), "--db", db]).exit_code == 0
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(events) == 5
    assert events[0]["participants"][1]["name"] == "Élodie Fournier"
    assert events[0]["countries"] == ["FRA", "UZB"]


def test_cli_export_csv(runner, db, tmp_path):
    out = tmp_path / "events.csv"
    assert runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", db]).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8", newline="")))
    assert len(rows) == 8
    assert [(r["type"], r["participant_name"]) for r in rows if r["article"] == "kz-ge"] == [
        ("meeting", "Aidar Nurlanov"),
        ("meeting", "Levan Beridze"),
    ]


def test_cli_export_unknown_format_exits_2(runner, db, tmp_path):
    result = runner.invoke(app, ["export", "--format", "xml", "--out", str(tmp_path / "x"), "--db", db])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: [E040] unknown export format 'xml'")


def test_cli_rejections_lists_and_filters(runner, db):
    result = runner.invoke(app, ["rejections", "--db", db], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "/in/empty.txt" in result.stdout and "too_short" in result.stdout
    assert "2 rejections" in result.stdout
    data = json.loads(runner.invoke(app, ["rejections", "--db", db, "--reason", "empty", "--json"]).stdout)
    assert data["total"] == 1
    assert [(r["source"], r["reason"], r["detail"]) for r in data["rejections"]] == [
        ("/in/empty.txt", "empty", "no bytes")
    ]


def test_cli_serve_runs_uvicorn_on_the_configured_address(runner, db, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port: calls.append((app, host, port)))
    result = runner.invoke(app, ["serve", "--db", db, "--port", "8123"], env={"PARLEYS_HOST": "0.0.0.0"})
    assert result.exit_code == 0, result.output
    ((served, host, port),) = calls
    assert (host, port) == ("0.0.0.0", 8123)
    assert served.state.settings.database_url == db


def test_cli_help_lists_every_command(runner):
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    listed = {
        line.strip("│ ").split()[0]
        for line in result.stdout.splitlines()
        if line.startswith("│ ") and not line.startswith("│ --") and line.strip("│ ")
    }
    assert {
        "ingest",
        "extract",
        "events",
        "show",
        "export",
        "rejections",
        "evaluate",
        "serve",
        "demo",
    } <= listed
