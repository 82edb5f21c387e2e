"""The shared seeds and dev articles: all become articles, with the right publication dates."""

from __future__ import annotations

import json
import re
import time
from datetime import date
from pathlib import Path

from parleys.documents import Article, Rejection
from parleys.ingest import read_inputs
from parleys.settings import Settings

HEADER = re.compile(r"\A date (\d{4}-\d{2}-\d{2}) ")
MIN_AGREEMENT = 0.95


def _header_date(path: Path) -> date | None:
    match = HEADER.match(path.read_text(encoding="utf-8"))
    return date.fromisoformat(match.group(1)) if match else None


def _ingest(folder: Path) -> dict[str, Article]:
    items = list(read_inputs([str(folder)], settings=Settings()))
    rejected = [i for i in items if isinstance(i, Rejection)]
    assert rejected == []
    return {i.id: i for i in items if isinstance(i, Article)}


def test_corpus_seeds_and_dev_articles_all_pass_with_header_dates(shared_dir: Path) -> None:
    for folder in (shared_dir / "seeds", shared_dir / "corpus" / "dev"):
        files = sorted(folder.glob("*.txt"))
        articles = _ingest(folder)
        assert sorted(articles) == [f.stem for f in files]
        for file in files:
            article = articles[file.stem]
            assert len(article.text) >= Settings().min_chars
            assert not article.text.lstrip().startswith("date ")
            header = _header_date(file)
            if header is not None:
                assert article.published == header, file.name


def test_corpus_dev_published_dates_agree_with_gold(shared_dir: Path) -> None:
    gold = {}
    for line in (shared_dir / "eval" / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            gold[record["id"]] = record.get("published")
    articles = _ingest(shared_dir / "corpus" / "dev")
    assert set(articles) == set(gold)
    found = {key: (a.published.isoformat() if a.published else None) for key, a in articles.items()}
    agree = sum(found[key] == gold[key] for key in gold)
    misses = sorted((key, found[key], gold[key]) for key in gold if found[key] != gold[key])
    print(f"published agreement with gold: {agree}/{len(gold)}; misses: {misses}")
    assert agree / len(gold) >= MIN_AGREEMENT, misses


def test_corpus_dev_ingest_is_fast(shared_dir: Path) -> None:
    folder = shared_dir / "corpus" / "dev"
    first = sorted(folder.glob("*.txt"))[0]
    list(read_inputs([str(first)], settings=Settings()))  # load the rule files once
    start = time.perf_counter()
    items = list(read_inputs([str(folder)], settings=Settings()))
    elapsed = time.perf_counter() - start
    assert len(items) == 100
    assert elapsed < 1.0, f"ingesting 100 dev articles took {elapsed:.2f} s"
