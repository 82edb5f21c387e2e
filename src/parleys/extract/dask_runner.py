"""Extraction on Dask: the one module of parleys that imports Dask (the ``dask`` extra).

:class:`DaskExtractor` has the ``extract_many`` of an extractor. The articles stream in; each
window of them becomes a Dask bag cut into partitions of ``partition_size`` articles, and
``map_partitions`` runs a :class:`~parleys.extract.parallel.GuardedExtractor` on each partition
on a worker (too long, too slow and failing articles come back as rejections, as in process).
Outcomes come back to this process in input order, where one writer stores them
(:mod:`parleys.service`: one transaction per article), so the database never sees a
half-written article and workers need no access to it.

Where it runs (setting ``scheduler``):

- ``processes``, the default when ``workers`` > 1: a ``distributed.LocalCluster`` that parleys
  starts in this process (in-process comms, no port opened, no dashboard) with ``workers``
  workers, closed at the end of the run.
  Chosen over Dask's local multiprocessing scheduler because its workers live for the whole run
  (each loads the model once) and its futures let the workers extract the next window while this
  process stores the last one. The workers are threads of this process that only pass work on:
  each extracts in its own process (below).
- an address (``tcp://host:8786``): a running scheduler, whose workers must have parleys and the
  same spaCy model installed (checked at the start: the same pipeline version).
- ``threads``: Dask's local threaded scheduler, ``workers`` threads of this process, each with
  its own pipeline (one is not shared between threads). The GIL limits the gain, and a time limit
  outside a main thread stops Python code only, not a long regular-expression match: for trying
  things out.
- ``sync``: Dask's synchronous scheduler, in the calling thread (for debugging).

On a cluster (the first two), each Dask worker extracts in one process of its own, started by
the :class:`ExtractionProcess` worker plugin (a one-process pool registered as the worker's
executor ``parleys-extract``, which the extraction tasks are annotated with): there the
pipeline runs in a main thread, so the per-article time limit (``SIGALRM``) holds as in
process, and a crash of that process (a segfault in a model) costs the task, not the worker.
Start remote workers with one thread each and as non-daemonic processes (a daemonic process may
not start one):  ``DASK_DISTRIBUTED__WORKER__DAEMON=False dask worker tcp://host:8786
--nworkers 4 --nthreads 1``; more threads only queue for the worker's one extraction process.

The pipeline is loaded once per extraction process (or local thread), by the first partition it
receives, and kept in a process-level cache keyed by the settings and the thread
(``_PIPELINES``): nothing else lives from task to task both there and under the local
schedulers. :func:`worker_counts` says how many pipelines a process loaded and how many
partitions it extracted.

Memory stays bounded whatever the corpus size: at most two windows of partitions are in flight
(one extracted while the outcomes of the one before are stored), each of two partitions per
worker thread.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from types import ModuleType, TracebackType
from typing import Any

from parleys.documents import Article, Rejection
from parleys.errors import ParleysError, WorkersError
from parleys.extract.parallel import GuardedExtractor, Outcome, load_version
from parleys.settings import LOCAL_SCHEDULERS, Settings

try:  # the worker plugin's base class; without the extra, DaskExtractor() says what to install
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - the dask extra is part of `make install`
    WorkerPlugin = object  # type: ignore[misc,assignment]

INSTALL_HINT = "pip install 'parleys[dask]'"
# how long to wait for a scheduler address to answer, and for a first worker to join it
CONNECT_TIMEOUT_S = 10.0
PARTITIONS_PER_SLOT = 2  # a window holds two partitions per worker thread: none waits for work
WINDOWS_IN_FLIGHT = 2
EXECUTOR = "parleys-extract"  # the worker executor the extraction tasks are annotated with

# per process: (settings, thread id) -> the pipeline that thread extracts with; see the docstring
_PIPELINES: dict[tuple[Settings, int], GuardedExtractor] = {}
_COUNTS: Counter[str] = Counter()
_LOCK = threading.Lock()


def _modules() -> tuple[ModuleType, ModuleType]:
    """``dask`` and ``dask.bag``, or the error that names the extra to install."""
    try:
        import dask
        import dask.bag
    except ImportError as exc:
        raise WorkersError(
            f"extraction on Dask (setting scheduler, or workers > 1) needs the dask extra: {INSTALL_HINT} "
            f"({exc})"
        ) from exc
    return dask, dask.bag


def _distributed() -> ModuleType:
    try:
        import distributed
    except ImportError as exc:
        raise WorkersError(
            f"a Dask cluster (scheduler 'processes' or an address) needs the dask extra: {INSTALL_HINT} "
            f"({exc})"
        ) from exc
    return distributed


# ---------------------------------------------------------------------------------------------
# on the workers


def _pipeline(settings: Settings) -> GuardedExtractor:
    """This thread's pipeline for ``settings``, loaded on first use."""
    key = (settings, threading.get_ident())
    with _LOCK:
        found = _PIPELINES.get(key)
    if found is None:
        from parleys.extract import load_pipeline

        found = GuardedExtractor(load_pipeline(settings), timeout=settings.extract_timeout)
        with _LOCK:
            _PIPELINES[key] = found
            _COUNTS["loads"] += 1
    return found


def _extract_partition(articles: Iterable[Article], settings: Settings) -> list[Outcome]:
    outcomes = list(_pipeline(settings).extract_many(articles))
    with _LOCK:
        _COUNTS["partitions"] += 1
    return outcomes


def worker_counts() -> dict[str, int]:
    """How many pipelines this process loaded and how many partitions it extracted."""
    with _LOCK:
        return {"loads": _COUNTS["loads"], "partitions": _COUNTS["partitions"]}


def _forget(settings: Settings) -> None:
    """Drop this process's pipelines for ``settings`` (a local run is over: its threads are)."""
    with _LOCK:
        for key in [k for k in _PIPELINES if k[0] == settings]:
            del _PIPELINES[key]


class _RespawningPool(Executor):
    """One extraction process, started again when it died (a crashed process breaks a
    ``ProcessPoolExecutor`` for good)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._pool = self._start()

    @staticmethod
    def _start() -> ProcessPoolExecutor:
        # spawn: a fork of a worker that holds an event loop and its threads is not a clean start
        return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        with self._lock:
            try:
                return self._pool.submit(fn, *args, **kwargs)
            except BrokenProcessPool:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._start()
                return self._pool.submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._pool.shutdown(wait=wait, cancel_futures=cancel_futures)


class ExtractionProcess(WorkerPlugin):
    """A ``distributed`` worker plugin: the worker's executor ``parleys-extract``, one process of
    its own in which the extraction tasks run (see the module docstring).

    A daemonic worker process (what a nanny starts unless ``distributed.worker.daemon`` is false)
    may not start processes: its extraction runs in one thread of the worker instead, where the
    time limit stops Python code only, and :func:`_extraction_mode` says so.
    """

    name = EXECUTOR

    def setup(self, worker: Any) -> None:
        if multiprocessing.current_process().daemon:
            worker.executors[EXECUTOR] = ThreadPoolExecutor(1, thread_name_prefix=EXECUTOR)
        else:
            worker.executors[EXECUTOR] = _RespawningPool()

    def teardown(self, worker: Any) -> None:
        pool = worker.executors.pop(EXECUTOR, None)
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def _extraction_mode(dask_worker: Any) -> str:
    """``process`` or ``thread``: where a Dask worker extracts (``client.run`` passes the worker)."""
    return "thread" if isinstance(dask_worker.executors[EXECUTOR], ThreadPoolExecutor) else "process"


def _extraction_counts(dask_worker: Any) -> dict[str, int]:
    """:func:`worker_counts` of a Dask worker's extraction process (``client.run`` passes the
    worker)."""
    return dask_worker.executors[EXECUTOR].submit(worker_counts).result()  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------------------------
# in the process that stores


class DaskExtractor:
    """Extraction on Dask (see the module docstring); use as a context manager.

    ``partition_size`` articles per task (default ``settings.batch_size``).
    """

    # failures come back as rejections: service._extracted hands over the whole stream
    guarded = True

    def __init__(self, settings: Settings, *, partition_size: int | None = None) -> None:
        self.settings = settings
        self.scheduler = settings.scheduler or "processes"
        self.partition_size = max(1, partition_size or settings.batch_size)
        self.version = load_version(settings)
        self._dask, self._bag = _modules()
        self._cluster: Any = None
        self._client: Any = None
        self._pool: ThreadPoolExecutor | None = None
        self._in_flight: list[Any] = []
        if self.scheduler == "sync":
            self.where, slots = "in this thread (scheduler 'sync')", 1
        elif self.scheduler == "threads":
            self.where, slots = f"in {settings.workers} threads (scheduler 'threads')", settings.workers
            self._pool = ThreadPoolExecutor(settings.workers, thread_name_prefix="parleys-extract")
        elif self.scheduler == "processes":
            self.where, slots = "on the LocalCluster started by parleys", settings.workers
            self._start_cluster(settings.workers)
            self._register()
        else:
            self.where = f"on the Dask scheduler at {self.scheduler}"
            slots = self._connect(self.scheduler)
            self._register()
        self.window = max(1, slots) * PARTITIONS_PER_SLOT * self.partition_size

    def _start_cluster(self, workers: int) -> None:
        distributed = _distributed()
        try:
            # the workers only pass partitions to their extraction processes: threads of this one
            self._cluster = distributed.LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=False,  # and so inproc:// comms: no port is opened
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self._client = distributed.Client(self._cluster, set_as_default=False)
        except (OSError, RuntimeError, TimeoutError) as exc:
            self.close()
            raise WorkersError(f"cannot start a Dask LocalCluster of {workers} workers: {exc}") from exc

    def _connect(self, address: str) -> int:
        """Connect to a running scheduler; the number of worker threads it has."""
        distributed = _distributed()
        try:
            self._client = distributed.Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        except (OSError, ValueError, TypeError, TimeoutError) as exc:
            raise WorkersError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        try:
            self._client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
            versions = self._client.run(load_version, self.settings)
        except (OSError, TimeoutError) as exc:
            self.close()
            raise WorkersError(
                f"no Dask worker joined the scheduler at {address} within {CONNECT_TIMEOUT_S:g} s: {exc}"
            ) from exc
        except Exception as exc:  # what a worker without parleys raises, e.g. ModuleNotFoundError
            self.close()
            raise WorkersError(
                f"the Dask workers of {address} cannot run parleys ({type(exc).__name__}: {exc}): install "
                "parleys and its spaCy model on every worker host"
            ) from exc
        other = {worker: v for worker, v in versions.items() if v != self.version}
        if other:
            self.close()
            listed = ", ".join(f"{worker} has {v}" for worker, v in sorted(other.items()))
            raise WorkersError(
                f"the Dask workers of {address} run another pipeline than this process ({self.version}): "
                f"{listed}; install the same parleys and spaCy model on every host"
            )
        return sum(self._client.nthreads().values())

    def _register(self) -> None:
        try:
            self._client.register_plugin(ExtractionProcess(), name=EXECUTOR)
            modes = self._client.run(_extraction_mode)
        except Exception as exc:  # a worker that cannot unpickle or run the plugin
            self.close()
            raise WorkersError(
                f"the Dask workers {self.where} cannot start an extraction process "
                f"({type(exc).__name__}: {exc})"
            ) from exc
        threaded = sorted(worker for worker, mode in modes.items() if mode == "thread")
        if threaded:
            warnings.warn(
                f"{len(threaded)} Dask worker(s) {self.where} run as daemonic processes and extract in a "
                "thread, where the time limit (extract_timeout) stops Python code only; start them with "
                "DASK_DISTRIBUTED__WORKER__DAEMON=False (or --no-nanny) for a process each",
                stacklevel=2,
            )

    # -- extraction ------------------------------------------------------------------------

    def extract(self, article: Article) -> Outcome:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        """A record or a rejection for each article, in order; reads ``articles`` one window ahead."""
        iterator = iter(articles)
        windows = iter(lambda: list(islice(iterator, self.window)), [])
        if self._client is None:
            for window in windows:
                yield from self._local(window)
            return
        waiting: list[tuple[list[Any], list[list[Article]]]] = []
        for window in windows:
            parts = self._parts(window)
            futures = self._client.compute(self._bag_of(window).to_delayed(optimize_graph=False))
            self._in_flight.extend(futures)
            waiting.append((futures, parts))
            if len(waiting) >= WINDOWS_IN_FLIGHT:
                yield from self._settle(*waiting.pop(0))
        while waiting:
            yield from self._settle(*waiting.pop(0))

    def _parts(self, window: list[Article]) -> list[list[Article]]:
        size = self.partition_size
        return [window[i : i + size] for i in range(0, len(window), size)]

    def _bag_of(self, articles: list[Article]) -> Any:
        bag = self._bag.from_sequence(articles, partition_size=self.partition_size)
        if self._client is None:
            return bag.map_partitions(_extract_partition, self.settings)
        with self._dask.annotate(executor=EXECUTOR):
            return bag.map_partitions(_extract_partition, self.settings)

    def _local(self, window: list[Article]) -> list[Outcome]:
        try:
            return list(self._compute(self._bag_of(window)))
        except ParleysError:
            raise
        except Exception:  # e.g. a task that cannot be serialised: each article alone, below
            return [self._one(article) for article in window]

    def _compute(self, bag: Any) -> Any:
        if self._client is not None:
            return self._client.compute(bag).result()
        if self._pool is not None:
            return bag.compute(scheduler="threads", pool=self._pool)
        return bag.compute(scheduler="sync")

    def _settle(self, futures: list[Any], parts: list[list[Article]]) -> Iterator[Outcome]:
        """The outcomes of one window; a partition whose task failed (its worker died, say) is
        extracted again one article at a time, so that only the article that fails is rejected."""
        for future, part in zip(futures, parts, strict=True):
            try:
                outcomes = future.result()
            except ParleysError:  # e.g. no spaCy model on a worker: the same for every article
                raise
            except BaseException as exc:
                if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
                    raise
                self._check_alive(exc)
                outcomes = [self._one(article) for article in part]
            finally:
                self._in_flight.remove(future)
            yield from outcomes

    def _one(self, article: Article) -> Outcome:
        try:
            (outcome,) = self._compute(self._bag_of([article]))
            return outcome  # type: ignore[no-any-return]
        except ParleysError:
            raise
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
                raise
            self._check_alive(exc)
            return Rejection(article.source, "extract_failed", f"{type(exc).__name__}: {exc}")

    def _check_alive(self, exc: BaseException) -> None:
        if self._client is not None and self._client.status != "running":
            raise WorkersError(f"lost the Dask scheduler {self.where}: {type(exc).__name__}: {exc}") from exc

    # -- life cycle ------------------------------------------------------------------------

    def counts(self) -> dict[str, dict[str, int]]:
        """:func:`worker_counts` of each worker's extraction process (of this process under a
        local scheduler)."""
        if self._client is None:
            return {"local": worker_counts()}
        return self._client.run(_extraction_counts)  # type: ignore[no-any-return]

    def close(self) -> None:
        if self._client is not None:
            if self._in_flight:
                self._client.cancel(self._in_flight)
                self._in_flight.clear()
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None
        if self.scheduler in LOCAL_SCHEDULERS and self.scheduler != "processes":
            _forget(self.settings)

    def __enter__(self) -> DaskExtractor:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
