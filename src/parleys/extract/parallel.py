"""The guarded in-process extractor, which every way of running extraction uses.

:class:`GuardedExtractor` wraps an :class:`~parleys.extract.pipeline.Extractor` with the guards
no input may pass: an article longer than the pipeline's ``max_length`` comes out as a
``too_long`` rejection instead of reaching spaCy (the ingest already cuts long texts into
sections, so only articles handed over directly can be that long); an article that takes longer
than ``settings.extract_timeout`` seconds comes out as a ``timeout`` rejection while the run goes
on; and an article on which a component raises comes out as an ``extract_failed`` rejection.

In the main thread of a process the time limit is a real-time interval timer (``SIGALRM``); in
any other thread (a Dask worker runs its tasks in a thread pool) a timer thread raises the same
exception in the extracting thread (``PyThreadState_SetAsyncExc``). Both are seen where the
interpreter runs Python code, which spaCy's components and tokenizer reach often.

Extraction in parallel (processes, threads, other machines) is Dask's work: see
:mod:`parleys.extract.dask_runner`, whose workers each run a guarded extractor.
"""

from __future__ import annotations

import ctypes
import importlib.metadata
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from types import FrameType

from parleys.documents import Article, Rejection
from parleys.extract.pipeline import Extractor, pipeline_version, resolve_model_name
from parleys.records import ArticleRecord
from parleys.settings import Settings

Outcome = ArticleRecord | Rejection


class _OutOfTime(BaseException):
    """Raised by the interval timer; a BaseException so that no ``except Exception`` in a
    component swallows it."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_OutOfTime` in this thread after ``seconds`` (no limit when ``seconds`` <= 0)."""
    if seconds <= 0:
        yield
    elif threading.current_thread() is threading.main_thread():
        with _alarm(seconds):
            yield
    else:
        with _thread_alarm(seconds):
            yield


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    # None clears an exception set earlier and not yet raised
    raised = ctypes.py_object(exc) if exc is not None else None
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), raised)


@contextmanager
def _thread_alarm(seconds: float) -> Iterator[None]:
    """The time limit outside the main thread, where no signal handler can run: a timer thread
    raises :class:`_OutOfTime` in this one, unless the block is over by then (the lock orders the
    two, so the exception never lands after the block)."""
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"done": False, "fired": False}

    def expire() -> None:
        with lock:
            if not state["done"]:
                state["fired"] = True
                _raise_in(target, _OutOfTime)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        with lock:
            state["done"] = True
        timer.cancel()
        if state["fired"]:
            # set but not yet raised (the block ended at the same moment): the block's result stands
            _raise_in(target, None)


class GuardedExtractor:
    """An extractor whose ``extract_many`` yields a record, or a ``too_long``, ``timeout`` or
    ``extract_failed`` rejection, for each article in order; it never raises for one article.

    A batch runs under one limit of ``timeout`` seconds (a batch of news articles takes a few);
    when it runs out, or a component raises, the batch is extracted again one article at a time,
    each under its own limit, so that only the article that is too slow or that fails is rejected.
    """

    # service._extracted hands a guarded extractor the whole stream (failures come back as
    # rejections, so no batch of the caller's needs retrying)
    guarded = True

    def __init__(self, extractor: Extractor, *, timeout: float) -> None:
        self.extractor = extractor
        self.timeout = timeout
        self.version = extractor.version
        self.batch_size = extractor.batch_size

    def extract(self, article: Article) -> Outcome:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        for batch in chunks(articles, self.batch_size):
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
        except (_OutOfTime, Exception):  # any failure of a component: retried one by one below
            for i in todo:
                outcomes[i] = self._alone(batch[i])
        else:
            for i, record in zip(todo, records, strict=True):
                outcomes[i] = record
        return [outcome for outcome in outcomes if outcome is not None]

    def _alone(self, article: Article) -> Outcome:
        try:
            with time_limit(self.timeout):
                return next(iter(self.extractor.extract_many([article])))
        except _OutOfTime:
            return Rejection(
                article.source,
                "timeout",
                f"extraction took longer than {self.timeout:g} s (setting extract_timeout), "
                f"{len(article.text)} characters",
            )
        except Exception as exc:  # one bad article must not stop the run
            return Rejection(article.source, "extract_failed", f"{type(exc).__name__}: {exc}")


# spaCy holds every Doc of a batch at once, at a peak of about 2.5 kB per character: a batch of 32
# articles of 100,000 characters (sections of long ones) would take 8 GB, so batches are bounded
# by characters as well as by count
MAX_BATCH_CHARS = 200_000


def chunks(
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


def load_version(settings: Settings) -> str:
    """The pipeline version a pipeline loaded with ``settings`` reports, without loading it."""
    name = resolve_model_name(settings.model)
    try:
        model_version = importlib.metadata.version(name.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        model_version = "?"
    return pipeline_version(name, model_version)
