"""The synthetic corpus generator (bench/synth_articles.py) writes the same corpus for the same
seed, in every format it offers, with gold records that the readers and the scorer accept."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def synth_articles():
    spec = importlib.util.spec_from_file_location("bench_synth_articles", BENCH / "synth_articles.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text("utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_bench_synth_articles_same_seed_same_corpus(synth_articles, tmp_path):
    synth_articles.write(12, tmp_path / "a", seed=9, formats=("txt", "html", "jsonl"))
    synth_articles.write(12, tmp_path / "b", seed=9, formats=("txt", "html", "jsonl"))
    synth_articles.write(12, tmp_path / "c", seed=10, formats=("txt", "html", "jsonl"))
    assert _tree(tmp_path / "a") == _tree(tmp_path / "b")
    assert _tree(tmp_path / "a") != _tree(tmp_path / "c")


def test_bench_synth_articles_gold_is_consistent_and_every_article_is_read(synth_articles, tmp_path):
    from parleys.documents import Rejection
    from parleys.ingest import read_inputs
    from parleys.settings import Settings

    synth_articles.write(60, tmp_path, seed=4, formats=("txt", "html", "jsonl"))
    gold = [json.loads(line) for line in (tmp_path / "gold.jsonl").read_text("utf-8").splitlines()]
    assert len(gold) == 60 and len({g["id"] for g in gold}) == 60
    assert {e["type"] for g in gold for e in g["events"]} >= {"meeting", "visit", "call", "message"}
    for record in gold:
        names = {p["name"] for p in record["persons"]}
        for event in record["events"]:
            assert {p["name"] for p in event["participants"]} <= names
            assert event["countries"] == sorted({p["country"] for p in event["participants"]})
            assert event["date"] <= record["published"]
    suffixes = {p.suffix for p in (tmp_path / "articles").iterdir()}
    assert suffixes == {".txt", ".html", ".jsonl"}
    items = list(read_inputs([str(tmp_path / "articles")], settings=Settings.load(config_file=None)))
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert rejected == [] and len(items) == 60
