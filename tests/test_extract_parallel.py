"""Extraction in worker processes gives the same records, in the same order, as in-process."""

from __future__ import annotations

import pytest

from parleys.extract.parallel import ExtractorPool
from parleys.ingest import read_inputs
from parleys.settings import Settings
from sample_records import write_articles

pytestmark = pytest.mark.model


def test_extract_parallel_pool_matches_in_process_extraction(extractor, tmp_path):
    write_articles(tmp_path, 9)
    settings = Settings.load(config_file=None)
    articles = [a for a in read_inputs([str(tmp_path)], settings=settings)]
    expected = [r.to_json() for r in extractor.extract_many(articles)]
    with ExtractorPool(settings, workers=2, chunk_size=2) as pool:
        assert pool.version == extractor.version
        got = [r.to_json() for r in pool.extract_many(articles)]
    assert [r["id"] for r in got] == [a.id for a in articles]
    assert got == expected


def test_extract_parallel_pool_needs_two_workers():
    with pytest.raises(ValueError, match="two workers"):
        ExtractorPool(Settings.load(config_file=None), workers=1)


def test_extract_parallel_cli_extract_with_two_workers_writes_the_same_records(extractor, tmp_path):
    from typer.testing import CliRunner

    from parleys.cli import app

    write_articles(tmp_path / "in", 5)
    runner = CliRunner()
    one = runner.invoke(app, ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "one.jsonl")])
    two = runner.invoke(
        app, ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "two.jsonl"), "--workers", "2"]
    )
    assert (one.exit_code, two.exit_code) == (0, 0), two.output
    assert (tmp_path / "one.jsonl").read_text() == (tmp_path / "two.jsonl").read_text()
    assert len((tmp_path / "two.jsonl").read_text().splitlines()) == 5
