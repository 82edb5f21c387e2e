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
process: an article's record does not depend on the other articles of its spaCy batch (chunks of
16 here, batches of ``batch_size`` there; the records of seeds, dev and train are byte for byte
the same, and the tests compare them). The time limit of a chunk is that of a batch in one
process. Memory stays bounded: at most ``CHUNKS_PER_PROCESS`` chunks per process are in flight.
A process that dies (a crash in a model, the out-of-memory killer) costs no run: the chunk it
held is extracted again one article at a time in a fresh pool, and only an article that kills a
process again is rejected (``extract_failed``). Where no process can start (no shared memory for
the pool's semaphores, say), the run goes on in this process, with a warning in the log. When
processes die on ``DEATHS_IN_A_ROW`` articles in a row, the fault is not an article's, and the
run stops with ``WorkersError``; so it does when a process cannot load the pipeline. A process
ends by itself when the one that started it is gone (killed, say), rather than hold a pipeline
as an orphan.

Spawned rather than forked: a fork of this process would copy the threads of the caller (a
progress display, a server) in whatever state their locks are in. A spawned process imports the
caller's main module again, as ``__mp_main__``: harmless for the ``parleys`` command and for a
script whose work sits under ``if __name__ == "__main__":``, but a script without that guard would
run again in each process. So the command line uses processes unless told otherwise, and a caller
of the Python API only when ``processes`` is set (``parleys.service`` extracts in the calling
process when the setting is unset): a script that sets it, or that runs where the environment
(``PARLEYS_PROCESSES``) or ``parleys.toml`` sets it, keeps its work under that guard.
"""

from __future__ import annotations

import logging
import math
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from pathlib import Path
from types import TracebackType
from typing import Protocol

from parleys.documents import Article, Rejection
from parleys.errors import ParleysError, WorkersError
from parleys.extract.parallel import GuardedExtractor, Outcome, chunks, load_version
from parleys.settings import Settings

PARALLEL_FROM = 64  # fewer articles than this are extracted in this process: a spawn costs seconds
MAX_AUTO_PROCESSES = 4  # each process holds a pipeline of about 300 MB
CHUNKS_PER_PROCESS = 2  # in flight per process: none waits for work, the input is read ahead little
CGROUP_ROOT = Path("/sys/fs/cgroup")  # cgroup v2: each cgroup's CPU quota in its cpu.max
CGROUP_OF_SELF = Path("/proc/self/cgroup")  # which cgroup this process is in
DEATHS_IN_A_ROW = 3  # articles in a row on which a process died: the run stops (WorkersError)
PARENT_CHECK_S = 1.0  # how often an extraction process looks whether its parent is still there
CHUNK_SIZE = 16  # articles per task: small enough that the last tasks of a run end close together


class Extracting(Protocol):
    """What extracts in this process: a pipeline, guarded or not."""

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Outcome]: ...


# what starting a pool raises where processes cannot start (no /dev/shm for its semaphores, no
# _multiprocessing, a process limit reached)
CANNOT_START = (OSError, ImportError, NotImplementedError)
log = logging.getLogger(__name__)

# what a process runs on each chunk: (settings, articles) -> their outcomes, in order
Task = Callable[[Settings, list[Article]], list[Outcome]]
# in an extraction process: the settings and the pipeline loaded for them
_LOADED: tuple[Settings, GuardedExtractor] | None = None


def usable_cpus(cgroups: Path = CGROUP_ROOT, membership: Path = CGROUP_OF_SELF) -> int:
    """The CPUs this process may run on: its affinity where the system says (else all), and no
    more than the CPU quota of its cgroup and of the cgroups above it allows (cgroup v2
    ``cpu.max``, rounded up: a container's limit, a systemd slice's)."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # no affinity on macOS and Windows
        cpus = os.cpu_count() or 1
    quota = cgroup_quota(cgroups, membership)
    return max(1, min(cpus, quota)) if quota is not None else cpus


def cgroup_quota(cgroups: Path = CGROUP_ROOT, membership: Path = CGROUP_OF_SELF) -> int | None:
    """The fewest CPUs a cgroup v2 quota grants this process ("150000 100000" -> 2) along the path
    from its own cgroup (``/proc/self/cgroup``: ``0::/path``; inside a container's own namespace
    the root) up to the root, or None without any ("max", no such file, or cgroup v1)."""
    own = "/"
    try:
        for line in membership.read_text(encoding="utf-8").splitlines():
            if line.startswith("0::"):
                own = line[3:].strip() or "/"
    except OSError:
        pass
    parts = [p for p in own.split("/") if p and p not in (".", "..")]
    quotas = [q for i in range(len(parts) + 1) if (q := _quota(cgroups.joinpath(*parts[:i], "cpu.max")))]
    return min(quotas) if quotas else None


def _quota(cpu_max: Path) -> int | None:
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
        try:
            _LOADED = (settings, _guarded(settings))
        except ParleysError:  # no model, a bad lexicon file: said as this process would say it
            raise
        except Exception as exc:  # as one that pickles whatever the original's arguments were
            raise WorkersError(
                f"an extraction process could not load the pipeline: {type(exc).__name__}: {exc}"
            ) from None
    return list(_LOADED[1].extract_many(articles))


def _watch_parent(parent: int) -> None:
    """Initializer of an extraction process: end it when the process that started it is gone
    (killed, say), instead of leaving an orphan that holds a pipeline. A thread looks once a
    second (a signal on the parent's death would come when the thread that started the process
    ends, which in a threaded caller is not the end of the pool)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(0)

    threading.Thread(target=watch, name="parleys-parent-watch", daemon=True).start()


def _guarded(settings: Settings) -> GuardedExtractor:
    from parleys.extract import load_pipeline

    return GuardedExtractor(load_pipeline(settings), timeout=settings.extract_timeout)


def _came_back(future: Future[list[Outcome]]) -> bool:
    """Whether a chunk's outcomes came back before its pool broke."""
    return future.done() and not future.cancelled() and future.exception() is None


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
        self._here: Extracting | None = None
        self._pool: ProcessPoolExecutor | None = None
        self.pools_started = 0  # how many pools this extractor started (a dead process restarts one)
        self._deaths = 0  # articles in a row on which an extraction process died

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
        chunked = chunks(chain(head, iterator), self.chunk_size)
        first = next(chunked)
        try:
            pending.append((first, self._submit(first)))
        except CANNOT_START as exc:  # no process can start here: the run goes on in this one
            log.warning(
                "cannot start extraction processes (%s: %s); extracting in this process",
                type(exc).__name__,
                exc,
            )
            self._restart()
            yield from self.here().extract_many(chain(first, (a for chunk in chunked for a in chunk)))
            return
        for chunk in chunked:
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
        if self._pool is not None:
            try:
                return self._pool.submit(self.task, self.settings, articles)
            except BrokenProcessPool:  # a process died since the last result was read
                self._restart()
        # spawn: see the module docstring
        context = multiprocessing.get_context("spawn")
        self._pool = ProcessPoolExecutor(
            self.processes, mp_context=context, initializer=_watch_parent, initargs=(os.getpid(),)
        )
        self.pools_started += 1
        return self._pool.submit(self.task, self.settings, articles)

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def _settle(self, pending: deque[tuple[list[Article], Future[list[Outcome]]]]) -> list[Outcome]:
        """The outcomes of the first chunk in flight. When a process died, the pool is broken
        for every chunk in flight that had not come back: the first is extracted again article
        by article in a new pool, and the others are submitted to it again."""
        chunk, future = pending.popleft()
        try:
            outcomes = future.result()
        except (BrokenProcessPool, CancelledError):
            self._restart()
        else:
            if len(outcomes) != len(chunk):  # would shift every later outcome onto another article
                raise WorkersError(
                    f"an extraction process gave {len(outcomes)} outcomes for {len(chunk)} articles"
                )
            self._deaths = 0
            return outcomes
        alone = [self._alone(article) for article in chunk]
        for i, (waiting, other) in enumerate(pending):
            if not _came_back(other):
                pending[i] = (waiting, self._submit(waiting))
        return alone

    def _alone(self, article: Article) -> Outcome:
        try:
            (outcome,) = self._submit([article]).result()
        except (BrokenProcessPool, CancelledError):
            self._restart()
            self._deaths += 1
            if self._deaths >= DEATHS_IN_A_ROW:
                raise WorkersError(
                    f"extraction processes died on {self._deaths} articles in a row, the last "
                    f"{article.source}: a fault of every article (memory, the machine) rather than "
                    "of one; run with --processes 1 to see it"
                ) from None
            return Rejection(
                article.source,
                "extract_failed",
                "the extraction process died on this article (a crash in a model, or out of memory)",
            )
        self._deaths = 0
        return outcome  # type: ignore[no-any-return]

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
