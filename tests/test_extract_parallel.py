"""The guarded extractor every way of running extraction uses: its time limit in any thread, and
a component failure rejected for its article alone; ``--workers 2`` (on Dask) writes the same
records as one process."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator

import pytest

from parleys.documents import Article, Rejection
from parleys.extract.parallel import GuardedExtractor, _OutOfTime, time_limit
from parleys.records import ArticleRecord
from sample_records import article_text, write_articles


def _in_thread(work) -> object:
    """What ``work()`` returned or raised, run in a thread that is not the main one."""
    found: list[object] = []

    def run() -> None:
        try:
            found.append(work())
        except BaseException as exc:  # what the test asserts on
            found.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    return found[0]


def test_extract_parallel_time_limit_stops_python_code_outside_the_main_thread() -> None:
    def spin() -> float:
        started = time.monotonic()
        with time_limit(0.5):
            while time.monotonic() - started < 20:
                sum(range(1000))
        return time.monotonic() - started

    started = time.monotonic()
    assert isinstance(_in_thread(spin), _OutOfTime)
    assert 0.4 < time.monotonic() - started < 5


def test_extract_parallel_time_limit_never_fires_after_a_block_that_ended_in_time() -> None:
    def quick() -> str:
        with time_limit(0.3):
            total = sum(range(1000))
        deadline = time.monotonic() + 1.0  # well past the limit, in Python code
        while time.monotonic() < deadline:
            total += 1
        return "done"

    assert _in_thread(quick) == "done"


def test_extract_parallel_time_limit_none_when_zero() -> None:
    def slow() -> str:
        with time_limit(0):
            time.sleep(0.2)
        return "done"

    assert _in_thread(slow) == "done"


class _FailsOn:
    """The real extractor, except that a batch holding ``marker`` raises (a component bug)."""

    def __init__(self, inner, marker: str) -> None:
        self.inner, self.marker = inner, marker
        self.nlp, self.version, self.batch_size = inner.nlp, inner.version, inner.batch_size

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
        articles = list(articles)
        if any(self.marker in a.text for a in articles):
            raise RuntimeError("component crashed")
        yield from self.inner.extract_many(articles)


@pytest.mark.model
def test_extract_parallel_guard_rejects_only_the_article_a_component_fails_on(extractor) -> None:
    marker = "Office of Broken Parsers"  # an invented body
    articles = [
        Article(id="a", source="a.txt", text=article_text(1)),
        Article(id="bad", source="bad.txt", text=article_text(2) + f" The {marker} wrote."),
        Article(id="c", source="c.txt", text=article_text(3)),
    ]
    outcomes = list(GuardedExtractor(_FailsOn(extractor, marker), timeout=30).extract_many(articles))
    assert [o.id if isinstance(o, ArticleRecord) else (o.source, o.reason) for o in outcomes] == [
        "a",
        ("bad.txt", "extract_failed"),
        "c",
    ]
    assert isinstance(outcomes[1], Rejection) and outcomes[1].detail == "RuntimeError: component crashed"
    expected = [r.to_json() for r in extractor.extract_many([articles[0], articles[2]])]
    assert [outcomes[0].to_json(), outcomes[2].to_json()] == expected


@pytest.mark.model
def test_extract_parallel_cli_extract_with_two_workers_writes_the_same_records(extractor, tmp_path):
    from typer.testing import CliRunner

    from parleys.cli import app

    write_articles(tmp_path / "in", 5)
    runner = CliRunner()
    one = runner.invoke(app, ["extract", str(tmp_path / "in"), "--out", str(tmp_path / "one.jsonl")])
    two = runner.invoke(
        app,
        [
            "extract",
            str(tmp_path / "in"),
            "--out",
            str(tmp_path / "two.jsonl"),
            "--workers",
            "2",
            "--batch-size",
            "2",
        ],
    )
    assert (one.exit_code, two.exit_code) == (0, 0), two.output
    assert (tmp_path / "one.jsonl").read_text() == (tmp_path / "two.jsonl").read_text()
    assert len((tmp_path / "two.jsonl").read_text().splitlines()) == 5
