"""Extraction batches are bounded by characters as well as by count, so that a run of long
articles (or the sections of one very long article) never holds gigabytes of Docs at once."""

from __future__ import annotations

from parleys.documents import Article
from parleys.extract.parallel import MAX_BATCH_CHARS, chunks


def _articles(*lengths: int) -> list[Article]:
    return [Article(id=f"a{i}", source=f"a{i}", text="x" * n) for i, n in enumerate(lengths)]


def _shape(batches: list[list[Article]]) -> list[list[str]]:
    return [[a.id for a in batch] for batch in batches]


def test_extract_batches_short_articles_go_by_count():
    batches = list(chunks(_articles(*[2_000] * 70), 32))
    assert [len(b) for b in batches] == [32, 32, 6]


def test_extract_batches_long_articles_go_by_characters():
    long = MAX_BATCH_CHARS // 2 - 1
    batches = list(chunks(_articles(long, long, long, long, long), 32))
    assert _shape(batches) == [["a0", "a1"], ["a2", "a3"], ["a4"]]
    assert all(sum(len(a.text) for a in b) <= MAX_BATCH_CHARS for b in batches)


def test_extract_batches_an_article_longer_than_the_bound_goes_alone_and_order_is_kept():
    batches = list(chunks(_articles(500, MAX_BATCH_CHARS * 2, 500, 500), 32))
    assert _shape(batches) == [["a0"], ["a1"], ["a2", "a3"]]
