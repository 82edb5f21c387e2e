"""Extraction in worker processes: the pipeline is loaded once per worker, articles go in chunks.

``ExtractorPool`` has the same ``extract_many`` as :class:`~parleys.extract.pipeline.Extractor`,
so callers (``parleys.service``, ``bench/extract.py``) take either. Records come back in input
order. Worker processes are started with ``spawn``: a fork of a process that already holds a
loaded model and its threads is not a clean start.
"""

from __future__ import annotations

import importlib.metadata
import multiprocessing
from collections.abc import Iterable, Iterator
from itertools import islice
from types import TracebackType

from parleys.documents import Article
from parleys.extract.pipeline import Extractor, load_pipeline, pipeline_version, resolve_model_name
from parleys.records import ArticleRecord
from parleys.settings import Settings

# A pool worker has no other place to keep what its initializer loaded: this is set once in each
# worker process by _init_worker and never in the parent.
_WORKER: Extractor | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER
    _WORKER = load_pipeline(settings)


def _extract_chunk(chunk: list[Article]) -> list[ArticleRecord]:
    assert _WORKER is not None, "the pool initializer did not run"
    return list(_WORKER.extract_many(chunk))


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(articles)
    while chunk := list(islice(it, size)):
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

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
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
