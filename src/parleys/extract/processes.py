"""Extraction of a large input in processes of this machine, without Dask.

:class:`ProcessExtractor` is what a run uses when no Dask ``scheduler`` and no ``workers`` are set.
It reads the first ``parallel_from`` articles of the stream before it decides:

- a shorter stream (one article, a folder of a few) is extracted in this process, as always;
- a longer one is cut into chunks of ``chunk_size`` articles, extracted in ``processes`` spawned
  processes (setting ``processes``; 0 = one per CPU this process may use, at most
  ``MAX_AUTO_PROCESSES``). Each process loads the pipeline once, with its first chunk, and runs
  a :class:`~parleys.extract.parallel.GuardedExtractor` in its main thread, so too long, too slow
  and failing articles come back as rejections, as in this process.

Outcomes come back in input order, whatever process extracted them, and are the same as in one
process (each article is extracted alone; a chunk is cut as ``GuardedExtractor`` cuts its
batches). Memory stays bounded: at most ``CHUNKS_PER_PROCESS`` chunks per process are in flight.
A process that dies (a crash in a model, the out-of-memory killer) costs no run: its chunk is
extracted again one article at a time in a fresh pool, and only an article that kills a process
again is rejected (``extract_failed``).

Spawned rather than forked: a fork of this process would copy the threads of the caller (a
progress display, a server) in whatever state their locks are in. A spawned process imports the
caller's main module again, as ``__mp_main__``: harmless for the ``parleys`` command and for a
script whose work sits under ``if __name__ == "__main__":``, but a script without that guard would
run again in each process. So the command line uses processes unless told otherwise, and a caller
of the Python API only when it sets ``processes`` (``parleys.service`` extracts in the calling
process when the setting is unset).
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from pathlib import Path
from types import TracebackType
from typing import Protocol

from parleys.documents import Article, Rejection
from parleys.extract.parallel import GuardedExtractor, Outcome, chunks, load_version
from parleys.settings import Settings

PARALLEL_FROM = 64  # fewer articles than this are extracted in this process: a spawn costs seconds
MAX_AUTO_PROCESSES = 4  # each process holds a pipeline of about 400 MB
CHUNKS_PER_PROCESS = 2  # in flight per process: none waits for work, the input is read ahead little
CGROUP_CPU_MAX = Path("/sys/fs/cgroup/cpu.max")  # a container's CPU quota, where there is one
CHUNK_SIZE = 16  # articles per task: small enough that the last tasks of a run end close together


class Extracting(Protocol):
    """What extracts in this process: a pipeline, guarded or not."""

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Outcome]: ...


# what a process runs on each chunk: (settings, articles) -> their outcomes, in order
Task = Callable[[Settings, list[Article]], list[Outcome]]
# in an extraction process: the settings and the pipeline loaded for them
_LOADED: tuple[Settings, GuardedExtractor] | None = None


def usable_cpus(cpu_max: Path = CGROUP_CPU_MAX) -> int:
    """The CPUs this process may run on: its affinity where the system says (else all), and no
    more than a container's CPU quota (cgroup v2 ``cpu.max``) allows, rounded up."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # no affinity on macOS and Windows
        cpus = os.cpu_count() or 1
    quota = cgroup_quota(cpu_max)
    return max(1, min(cpus, quota)) if quota is not None else cpus


def cgroup_quota(cpu_max: Path = CGROUP_CPU_MAX) -> int | None:
    """The CPUs a cgroup v2 quota grants ("150000 100000" -> 2), or None without one ("max", or
    no such file: no container limit, or cgroup v1)."""
    try:
        quota, period = cpu_max.read_text(encoding="ascii").split()[:2]
        if quota == "max":
            return None
        return max(1, math.ceil(int(quota) / int(period)))
    except (OSError, ValueError, ZeroDivisionError):
        return None


def process_count(settings: Settings) -> int:
    """The processes a large input is extracted in: setting ``processes``, or when 0 (or unset)
    one per usable CPU, at most ``MAX_AUTO_PROCESSES``."""
    if settings.processes:
        return settings.processes
    return max(1, min(usable_cpus(), MAX_AUTO_PROCESSES))


def _extract_chunk(settings: Settings, articles: list[Article]) -> list[Outcome]:
    """Run in an extraction process: the outcomes of ``articles``, with the pipeline of this
    process (loaded on first use)."""
    global _LOADED
    if _LOADED is None or _LOADED[0] != settings:
        _LOADED = (settings, _guarded(settings))
    return list(_LOADED[1].extract_many(articles))


def _guarded(settings: Settings) -> GuardedExtractor:
    from parleys.extract import load_pipeline

    return GuardedExtractor(load_pipeline(settings), timeout=settings.extract_timeout)


class ProcessExtractor:
    """In this process for a short input, in a pool of processes for a long one (see the module
    docstring); use as a context manager, which ends the pool."""

    # failures come back as rejections: service._extracted hands over the whole stream
    guarded = True

    def __init__(
        self,
        settings: Settings,
        *,
        processes: int | None = None,
        parallel_from: int = PARALLEL_FROM,
        chunk_size: int = CHUNK_SIZE,
        load: Callable[[], Extracting] | None = None,
        task: Task | None = None,
    ) -> None:
        self.settings = settings
        self.task = task or _extract_chunk  # run in the processes: importable by a spawned one
        self._load = load or (lambda: _guarded(settings))
        self.processes = processes if processes is not None else process_count(settings)
        self.parallel_from = max(1, parallel_from)
        self.chunk_size = max(1, min(chunk_size, settings.batch_size))
        self.version = load_version(settings)
        self.batch_size = settings.batch_size
        self._here: Extracting | None = None
        self._pool: ProcessPoolExecutor | None = None
        self.pools_started = 0  # how many pools this extractor started (a dead process restarts one)

    def extract(self, article: Article) -> Outcome:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        """A record or a rejection for each article, in order."""
        iterator = iter(articles)
        head = list(islice(iterator, self.parallel_from))
        if self.processes <= 1 or len(head) < self.parallel_from:
            yield from self.here().extract_many(chain(head, iterator))
            return
        pending: deque[tuple[list[Article], Future[list[Outcome]]]] = deque()
        for chunk in chunks(chain(head, iterator), self.chunk_size):
            pending.append((chunk, self._submit(chunk)))
            if len(pending) >= self.processes * CHUNKS_PER_PROCESS:
                yield from self._settle(pending)
        while pending:
            yield from self._settle(pending)

    def here(self) -> Extracting:
        """The pipeline of this process (``load``), loaded on first use."""
        if self._here is None:
            self._here = self._load()
        return self._here

    # -- the pool ----------------------------------------------------------------------------

    def _submit(self, articles: list[Article]) -> Future[list[Outcome]]:
        if self._pool is None:
            # spawn: see the module docstring
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.processes, mp_context=context)
            self.pools_started += 1
        return self._pool.submit(self.task, self.settings, articles)

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _settle(self, pending: deque[tuple[list[Article], Future[list[Outcome]]]]) -> list[Outcome]:
        """The outcomes of the first chunk in flight. When a process died, the pool is broken
        for every chunk in flight: the first is extracted again article by article in a new pool,
        and the others are submitted to it again."""
        chunk, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            self._restart()
        outcomes = [self._alone(article) for article in chunk]
        for i, (waiting, _) in enumerate(pending):
            pending[i] = (waiting, self._submit(waiting))
        return outcomes

    def _alone(self, article: Article) -> Outcome:
        try:
            (outcome,) = self._submit([article]).result()
            return outcome
        except BrokenProcessPool:
            self._restart()
            return Rejection(
                article.source,
                "extract_failed",
                "the extraction process died on this article (a crash in a model, or out of memory)",
            )

    # -- life cycle --------------------------------------------------------------------------

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> ProcessExtractor:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
