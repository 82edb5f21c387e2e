"""No article holds extraction for long: punctuation runs are cut before the tokenizer, an article
past spaCy's limit is ``too_long``, and one past the time budget is ``timeout`` while the run goes on,
in process and in the worker pool (issue 9, finding 3)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from parleys.documents import Article, Rejection
from parleys.extract.dask_runner import DaskExtractor
from parleys.extract.parallel import GuardedExtractor
from parleys.ingest import read_inputs
from parleys.records import ArticleRecord
from parleys.service import extract_to_file, ingest
from parleys.settings import Settings
from parleys.store.db import open_session
from parleys.store.models import RejectionRow, Run
from sample_records import article_text, write_articles

pytestmark = pytest.mark.model

MARKER = "Bureau of Lingering Affairs"  # an invented body: the fake slow component stalls on it


class _StallsOnMarker:
    """The real extractor, except that an article naming MARKER never finishes (a stand-in for a
    step that is superlinear on some input)."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.nlp = inner.nlp
        self.version = inner.version
        self.batch_size = inner.batch_size

    def extract(self, article: Article) -> ArticleRecord:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
        articles = list(articles)
        if any(MARKER in a.text for a in articles):
            time.sleep(600)
        yield from self.inner.extract_many(articles)


def _timed(extractor, article: Article) -> float:
    started = time.perf_counter()
    extractor.extract(article)
    return time.perf_counter() - started


def test_ingest_hostile_quote_run_takes_the_time_of_a_plain_article(extractor, tmp_path: Path) -> None:
    """Before, 20,000 quote marks inside an article took 40 s in the tokenizer (10,000: 12 s)."""
    plain = tmp_path / "plain.txt"
    plain.write_text(article_text(1) + article_text(2), encoding="utf-8")
    quotes = tmp_path / "quotes.txt"
    quotes.write_text(article_text(1) + '"' * 20_000 + "\n" + article_text(2), encoding="utf-8")
    [plain_article] = read_inputs([str(plain)], settings=Settings())
    [quote_article] = read_inputs([str(quotes)], settings=Settings())
    assert isinstance(plain_article, Article) and isinstance(quote_article, Article)
    _timed(extractor, plain_article)  # warm caches
    base = min(_timed(extractor, plain_article) for _ in range(3))
    hostile = min(_timed(extractor, quote_article) for _ in range(2))
    assert hostile < 5 * base + 0.5
    record = extractor.extract(quote_article)
    assert {p.name for p in record.persons} >= {p.name for p in extractor.extract(plain_article).persons}


def test_ingest_hostile_guard_rejects_past_spacy_limit_without_calling_spacy(extractor) -> None:
    guarded = GuardedExtractor(extractor, timeout=30)
    huge = Article(id="huge", source="huge.txt", text="word " * 250_000)  # 1,250,000 characters
    good = Article(id="good", source="good.txt", text=article_text(3))
    outcomes = list(guarded.extract_many([huge, good]))
    assert isinstance(outcomes[0], Rejection) and outcomes[0].reason == "too_long"
    assert outcomes[0].detail.startswith("1250000 characters, over the pipeline's limit of 1000000")
    assert isinstance(outcomes[1], ArticleRecord) and outcomes[1].id == "good"


def test_ingest_hostile_guard_times_out_the_slow_article_only(extractor) -> None:
    guarded = GuardedExtractor(_StallsOnMarker(extractor), timeout=1.0)
    articles = [
        Article(id="a", source="a.txt", text=article_text(1)),
        Article(id="slow", source="slow.txt", text=article_text(2) + f" The {MARKER} sent a note."),
        Article(id="c", source="c.txt", text=article_text(3)),
    ]
    started = time.monotonic()
    outcomes = list(guarded.extract_many(articles))
    assert time.monotonic() - started < 10
    assert [o.id if isinstance(o, ArticleRecord) else o.reason for o in outcomes] == ["a", "timeout", "c"]
    assert outcomes[1].source == "slow.txt"
    assert "longer than 1 s (setting extract_timeout)" in outcomes[1].detail


def test_ingest_hostile_timeout_is_a_stored_rejection_and_the_run_finishes(
    extractor, db_settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import parleys.extract

    monkeypatch.setattr(parleys.extract, "load_pipeline", lambda settings: _StallsOnMarker(extractor))
    good = write_articles(tmp_path / "in", 2)
    slow = tmp_path / "in" / "slow.txt"
    slow.write_text(article_text(7) + f"\nThe {MARKER} sent a note.\n", encoding="utf-8")
    # 3 s: the good articles must finish well inside it on a loaded machine (1 s failed there once)
    settings = db_settings.model_copy(update={"extract_timeout": 3.0})
    started = time.monotonic()
    summary = ingest([tmp_path / "in"], settings=settings)
    assert time.monotonic() - started < 60
    assert sorted(summary.stored) == sorted(p.stem for p in good)
    assert [(r.source, r.reason) for r in summary.rejected] == [(str(slow), "timeout")]
    with open_session(settings) as session:
        assert [r.reason for r in session.scalars(select(RejectionRow))] == ["timeout"]
        run = session.scalars(select(Run)).one()
        assert run.finished_at is not None and (run.stored, run.rejected) == (2, 1)
    out = tmp_path / "out.jsonl"
    written = extract_to_file([tmp_path / "in"], out, settings=settings)
    assert [r.reason for r in written.rejected] == ["timeout"]
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_ingest_hostile_pool_workers_time_out_an_article_and_go_on(tmp_path: Path) -> None:
    """An article handed straight to the pool (not cut by the ingest): 20,000 quote marks keep
    spaCy's tokenizer busy for about 40 s; the worker (a LocalCluster worker's extraction process)
    gives up at the budget."""
    settings = Settings.load(config_file=None, extract_timeout=2.0, workers=2)
    articles = [
        Article(id="a", source="a.txt", text=article_text(1)),
        Article(
            id="quotes", source="quotes.txt", text=article_text(2) + '"' * 20_000 + " " + article_text(3)
        ),
        Article(id="c", source="c.txt", text=article_text(4)),
    ]
    with DaskExtractor(settings, partition_size=1) as pool:
        list(pool.extract_many([articles[0], articles[2]]))  # warm-up: each worker loads its model
        started = time.monotonic()
        outcomes = list(pool.extract_many(articles))
        elapsed = time.monotonic() - started
    assert [o.id if isinstance(o, ArticleRecord) else o.reason for o in outcomes] == ["a", "timeout", "c"]
    assert elapsed < 30
