"""Extraction drivers: the guarded in-process extractor, and worker processes.

:class:`GuardedExtractor` wraps an :class:`~parleys.extract.pipeline.Extractor` with the two
guards no input may pass: an article longer than the pipeline's ``max_length`` comes out as a
``too_long`` rejection instead of reaching spaCy (the ingest already cuts long texts into
sections, so only articles handed over directly can be that long), and an article that takes
longer than ``settings.extract_timeout`` seconds comes out as a ``timeout`` rejection while the
run goes on. The time limit is a real-time interval timer (``SIGALRM``), so it holds in the main
thread of a process: the CLI, and each worker of the pool; elsewhere it is not set.

``ExtractorPool`` has the same ``extract_many``, so callers (``parleys.service``,
``bench/extract.py``) take either; each worker runs a guarded extractor. Outcomes (records, or
rejections in their place) come back in input order. Worker processes are started with
``spawn``: a fork of a process that already holds a loaded model and its threads is not a clean
start.
"""

from __future__ import annotations

import importlib.metadata
import multiprocessing
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType

from parleys.documents import Article, Rejection
from parleys.extract.pipeline import Extractor, load_pipeline, pipeline_version, resolve_model_name
from parleys.records import ArticleRecord
from parleys.settings import Settings

Outcome = ArticleRecord | Rejection


class _OutOfTime(BaseException):
    """Raised by the interval timer; a BaseException so that no ``except Exception`` in a
    component swallows it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_OutOfTime` in this thread after ``seconds`` (no limit when ``seconds`` <= 0
    or outside the main thread, where signals cannot be handled)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class GuardedExtractor:
    """An extractor whose ``extract_many`` yields a record, or a ``too_long`` or ``timeout``
    rejection, for each article in order.

    A batch runs under one limit of ``timeout`` seconds (a batch of news articles takes a few);
    when it runs out, the batch is extracted again one article at a time, each under its own
    limit, so that only the article that is too slow is rejected.
    """

    def __init__(self, extractor: Extractor, *, timeout: float) -> None:
        self.extractor = extractor
        self.timeout = timeout
        self.version = extractor.version
        self.batch_size = extractor.batch_size

    def extract(self, article: Article) -> Outcome:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        for batch in _chunks(articles, self.batch_size):
            yield from self._batch(batch)

    def _batch(self, batch: list[Article]) -> list[Outcome]:
        limit = self.extractor.nlp.max_length
        outcomes: list[Outcome | None] = [None] * len(batch)
        todo = []
        for i, article in enumerate(batch):
            if len(article.text) > limit:
                outcomes[i] = Rejection(
                    article.source,
                    "too_long",
                    f"{len(article.text)} characters, over the pipeline's limit of {limit} per document "
                    "(the ingest cuts longer texts into sections)",
                )
            else:
                todo.append(i)
        try:
            with time_limit(self.timeout):
                records = list(self.extractor.extract_many([batch[i] for i in todo]))
        except _OutOfTime:
            for i in todo:
                outcomes[i] = self._alone(batch[i])
        else:
            for i, record in zip(todo, records, strict=True):
                outcomes[i] = record
        return [outcome for outcome in outcomes if outcome is not None]

    def _alone(self, article: Article) -> Outcome:
        try:
            with time_limit(self.timeout):
                return self.extractor.extract(article)
        except _OutOfTime:
            return Rejection(
                article.source,
                "timeout",
                f"extraction took longer than {self.timeout:g} s (setting extract_timeout), "
                f"{len(article.text)} characters",
            )


# A pool worker has no other place to keep what its initializer loaded: this is set once in each
# worker process by _init_worker and never in the parent.
_WORKER: GuardedExtractor | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = GuardedExtractor(load_pipeline(settings), timeout=settings.extract_timeout)


def _extract_chunk(chunk: list[Article]) -> list[Outcome]:
    assert _WORKER is not None, "the pool initializer did not run"
    return list(_WORKER.extract_many(chunk))


# spaCy holds every Doc of a batch at once, at a peak of about 2.5 kB per character: a batch of 32
# articles of 100,000 characters (sections of long ones) would take 8 GB, so batches are bounded
# by characters as well as by count
MAX_BATCH_CHARS = 200_000


def _chunks(
    articles: Iterable[Article], size: int, *, max_chars: int = MAX_BATCH_CHARS
) -> Iterator[list[Article]]:
    """Consecutive batches of at most ``size`` articles and, unless one article alone is longer,
    at most ``max_chars`` characters."""
    chunk: list[Article] = []
    chars = 0
    for article in articles:
        if chunk and (len(chunk) >= size or chars + len(article.text) > max_chars):
            yield chunk
            chunk, chars = [], 0
        chunk.append(article)
        chars += len(article.text)
    if chunk:
        yield chunk


class ExtractorPool:
    """``workers`` processes, each with its own pipeline; use as a context manager."""

    def __init__(self, settings: Settings, *, workers: int, chunk_size: int = 8) -> None:
        if workers < 2:
            raise ValueError("ExtractorPool needs at least two workers; use load_pipeline() for one")
        self.workers = workers
        self.chunk_size = chunk_size
        self.version = load_version(settings)
        context = multiprocessing.get_context("spawn")
        self._pool = context.Pool(workers, initializer=_init_worker, initargs=(settings,))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        for records in self._pool.imap(_extract_chunk, _chunks(articles, self.chunk_size)):
            yield from records

    def close(self) -> None:
        self._pool.close()
        self._pool.join()

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self._pool.terminate()
            self._pool.join()


def load_version(settings: Settings) -> str:
    """The pipeline version the workers will report, without loading a model in the parent."""
    name = resolve_model_name(settings.model)
    try:
        model_version = importlib.metadata.version(name.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        model_version = "?"
    return pipeline_version(name, model_version)
