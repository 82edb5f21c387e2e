"""``parleys ingest``, ``extract`` and ``demo`` through the CLI runner (real reader and pipeline)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from parleys import service
from parleys.cli import app
from sample_records import write_articles

pytestmark = pytest.mark.model


@pytest.fixture()
def runner(extractor, monkeypatch) -> CliRunner:
    # the pipeline is loaded once per test session, not once per command
    monkeypatch.setattr(service, "_load_extractor", lambda settings: extractor)
    return CliRunner()


def _summary_counts(output: str) -> dict[str, int]:
    counts = {}
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip("│┃ ").split("│")]
        names = ("stored", "unchanged", "rejected", "written")
        if len(cells) == 2 and cells[0] in names and cells[1].isdigit():
            counts[cells[0]] = int(cells[1])
    return counts


def test_cli_ingest_stores_then_reports_unchanged(runner, db_url, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 3)
    first = runner.invoke(app, ["ingest", str(folder), "--db", db_url])
    assert first.exit_code == 0, first.output
    assert _summary_counts(first.stdout) == {"stored": 3, "unchanged": 0, "rejected": 0}
    second = runner.invoke(app, ["ingest", str(folder), "--db", db_url])
    assert second.exit_code == 0, second.output
    assert _summary_counts(second.stdout) == {"stored": 0, "unchanged": 3, "rejected": 0}
    listed = json.loads(runner.invoke(app, ["events", "--db", db_url, "--json", "--limit", "0"]).stdout)
    assert listed["limit"] is None and listed["total"] == len(listed["events"])  # --limit 0: all


def test_cli_ingest_with_a_rejection_exits_1_and_lists_it(runner, db_url, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 2)
    (folder / "empty.txt").write_text("", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db_url], env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    assert _summary_counts(result.stdout) == {"stored": 2, "unchanged": 0, "rejected": 1}
    assert "empty.txt" in result.stdout and "empty" in result.stdout
    rejections = json.loads(runner.invoke(app, ["rejections", "--db", db_url, "--json"]).stdout)
    assert [(r["source"], r["reason"]) for r in rejections["rejections"]] == [
        (str(folder / "empty.txt"), "empty")
    ]


def test_cli_ingest_database_from_environment(runner, db_url, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 1)
    result = runner.invoke(app, ["ingest", str(folder)], env={"PARLEYS_DATABASE_URL": db_url})
    assert result.exit_code == 0, result.output
    from sqlalchemy import func, select

    from parleys.settings import Settings
    from parleys.store.db import open_session
    from parleys.store.models import ArticleRow

    # any engine (--db postgres): the article is in the database the environment names
    with open_session(Settings.load(config_file=None, database_url=db_url), create=False) as session:
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 1


def test_cli_ingest_without_inputs_is_a_usage_error(runner, db_url):
    assert runner.invoke(app, ["ingest", "--db", db_url]).exit_code == 2


def test_cli_ingest_unusable_database_exits_2(runner, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 1)
    result = runner.invoke(app, ["ingest", str(folder), "--db", f"sqlite:///{tmp_path}/no/such/dir.db"])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: [E030]")


def test_cli_extract_writes_records_without_a_database(runner, tmp_path, extractor):
    folder = tmp_path / "in"
    write_articles(folder, 2)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(folder), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert _summary_counts(result.stdout) == {"written": 2, "rejected": 0}
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["article-000", "article-001"]
    assert all(r["pipeline_version"] == extractor.version for r in records)


def test_cli_extract_with_a_rejection_exits_1(runner, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 1)
    (folder / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(folder), "--out", str(out)], env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    assert "binary" in result.stdout
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["article-000"]


def test_cli_demo_prints_counts_and_events_without_serving(runner, db_url, samples_dir):
    if not samples_dir.is_dir():
        pytest.skip("samples/ is not there")
    n = len([p for p in samples_dir.iterdir() if p.is_file()])
    result = runner.invoke(
        app, ["demo", str(samples_dir), "--no-serve", "--db", db_url], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert _summary_counts(result.stdout)["stored"] == n
    assert f"The store holds {n} articles" in result.stdout
    assert "Events" in result.stdout
    assert "Serving" not in result.stdout


def test_cli_demo_serves_after_the_summary(runner, db_url, tmp_path, monkeypatch):
    import uvicorn

    folder = tmp_path / "in"
    write_articles(folder, 2)
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port: calls.append((host, port)))
    result = runner.invoke(app, ["demo", str(folder), "--db", db_url, "--port", "8765"])
    assert result.exit_code == 0, result.output
    assert "The store holds 2 articles" in result.stdout
    assert "Serving on http://127.0.0.1:8765/" in result.stdout
    assert calls == [("127.0.0.1", 8765)]
