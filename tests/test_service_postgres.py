"""The whole path on a real PostgreSQL server: ingest, resolve, a correction, queries, exports."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from parleys.cli import app
from parleys.service import ingest
from parleys.settings import Settings
from sample_records import write_articles

pytestmark = pytest.mark.model


def test_service_postgres_ingest_resolve_correct_and_query(extractor, postgres_url, tmp_path):
    settings = Settings.load(config_file=None, database_url=postgres_url)
    write_articles(tmp_path / "in", 4)
    (tmp_path / "in" / "empty.txt").write_text("", encoding="utf-8")
    summary = ingest([tmp_path / "in"], settings=settings, extractor=extractor)
    assert len(summary.stored) == 4 and [r.reason for r in summary.rejected] == ["empty"]
    again = ingest([tmp_path / "in"], settings=settings, extractor=extractor)
    assert again.stored == [] and len(again.unchanged) == 4

    runner = CliRunner()
    listed = runner.invoke(app, ["events", "--db", postgres_url, "--json"])
    assert listed.exit_code == 0, listed.output
    import json

    events = json.loads(listed.output)["events"]
    assert len(events) == 4
    first = events[0]
    fix = runner.invoke(
        app,
        [
            "corrections",
            "set-event",
            str(first["id"]),
            "--type",
            "visit",
            "--reason",
            "checked the source",
            "--author",
            "tester",
            "--db",
            postgres_url,
        ],
    )
    assert fix.exit_code == 0, fix.output
    shown = runner.invoke(app, ["show", str(first["id"]), "--db", postgres_url, "--json"])
    assert shown.exit_code == 0, shown.output
    assert json.loads(shown.output)["type"] == "visit"
    out = tmp_path / "events.csv"
    exported = runner.invoke(app, ["export", "--format", "csv", "--out", str(out), "--db", postgres_url])
    assert exported.exit_code == 0, exported.output
    assert "visit" in out.read_text(encoding="utf-8")
