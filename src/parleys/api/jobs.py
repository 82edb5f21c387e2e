"""Ingest jobs: every ingest asked for through the API or the dashboard (uploaded files, URLs of
pages or feeds) runs in the background as a job stored in the database (:mod:`parleys.store.jobs`),
which ``GET /api/ingest/jobs`` lists and ``GET /api/ingest/jobs/{id}`` reports while it goes.

- An upload's files are written to a folder of their own (the names reduced to safe ones) and
  removed when the job ends; URLs are fetched by the ingest itself (``parleys.ingest``'s fetcher,
  with its size and time limits), only because a token holder asked for them.
- At most ``settings.ingest_jobs`` jobs run at once (worker threads of this app, started as jobs
  come); at most ``settings.ingest_queue`` more wait, in the order they came; a job beyond is
  refused (:class:`QueueFull`) before anything is written.
- The progress callback of the ingest counts each input as it is stored, found unchanged or
  rejected; the run's id links the job to its rejections (``rejections.run_id``), so their
  reasons show while the run goes on. The run's summary gives the final counts.
- When the app starts, jobs left queued or running by a server that stopped are marked
  ``interrupted`` (not silently lost); when it shuts down, its own unfinished jobs are. One server
  per store: a second one started on the same store would mark the first one's jobs interrupted.
"""

from __future__ import annotations

import logging
import re
import shutil
import tempfile
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from parleys.documents import IngestSummary
from parleys.errors import ParleysError, StoreError
from parleys.store import jobs as store

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME_CHARS = 100
STOPPED = "the server stopped before the job finished"
SHUT_DOWN = "the server shut down before the job finished"

IngestFunction = Callable[..., IngestSummary]
log = logging.getLogger(__name__)


class QueueFull(Exception):
    """The server runs as many ingest jobs as it may, and as many more wait."""


def safe_name(name: str, taken: set[str]) -> str:
    """A file name to write: the last part of ``name``, reduced to letters, digits and ``._-``,
    never hidden, never one already ``taken`` (a number is added)."""
    base = SAFE_NAME.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).lstrip("._") or "upload"
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = stem[: MAX_NAME_CHARS - len(suffix) - 8] or "upload"
    candidate, n = f"{stem}{dot}{suffix}", 1
    while candidate in taken:
        n += 1
        candidate = f"{stem}-{n}{dot}{suffix}"
    taken.add(candidate)
    return candidate


@dataclass
class _Work:
    """What a worker needs to run one job."""

    job_id: int
    inputs: list[Any]
    ingest: IngestFunction
    settings: Any
    folder: Path | None = None  # an upload's folder, removed when the job ends

    def shown(self, source: str) -> str:
        """A source as the uploader knows it: the file name, not the server's folder."""
        if self.folder is None:
            return source
        prefix = f"{self.folder}/"
        return source[len(prefix) :] if source.startswith(prefix) else source

    def clean(self) -> None:
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)


class IngestJobs:
    """The app's ingest jobs: a bounded queue in front of at most ``max_running`` worker threads,
    each job a row of ``ingest_jobs`` (made by ``create_app``: no global state)."""

    def __init__(self, sessions: sessionmaker[Session], *, max_running: int, max_queued: int) -> None:
        self._sessions = sessions
        self.max_running = max(1, max_running)
        self.max_queued = max(0, max_queued)
        self._lock = threading.Lock()
        self._queue: deque[_Work] = deque()
        self._running: set[int] = set()  # ids of the jobs this app's workers run now
        self._reserved = 0  # places taken by jobs being written, not yet queued or running
        self._closed = False

    # --- the store ------------------------------------------------------------------------------

    def _write(self, what: str, work: Callable[[Session], Any]) -> Any:
        """``work(session)`` on a session of its own; a failure is logged, never raised (a job's
        bookkeeping must not stop the ingest itself)."""
        try:
            with self._sessions() as session:
                return work(session)
        except SQLAlchemyError:
            log.exception("ingest jobs: could not %s", what)
            return None

    def interrupt_stale(self) -> int:
        """Mark the jobs a stopped server left queued or running ``interrupted``; how many."""
        try:
            with self._sessions() as session:
                return store.interrupt_unfinished(session, STOPPED)
        except SQLAlchemyError as exc:
            raise StoreError(f"the database refused to mark unfinished ingest jobs: {exc}") from exc

    # --- taking jobs ----------------------------------------------------------------------------

    def _reserve(self) -> None:
        with self._lock:
            if self._closed:
                raise QueueFull("the server is shutting down")
            taken = len(self._running) + len(self._queue) + self._reserved
            if taken >= self.max_running + self.max_queued:
                raise QueueFull(
                    f"{len(self._running)} ingest job(s) are running and {len(self._queue)} waiting, "
                    f"the most this server takes (settings ingest_jobs, ingest_queue): try again later"
                )
            self._reserved += 1

    def _unreserve(self) -> None:
        """Give back a place :meth:`_reserve` took for a job that could not be written."""
        with self._lock:
            self._reserved -= 1

    def submit_files(
        self, files: list[tuple[str, bytes]], *, writer: str, ingest: IngestFunction, settings: Any
    ) -> int:
        """Write ``files`` (name, content) to a folder of their own and ingest them as a job; its id.
        :class:`QueueFull` when the server takes no more jobs."""
        self._reserve()
        folder: Path | None = None
        try:
            folder = Path(tempfile.mkdtemp(prefix="parleys-upload-"))
            taken: set[str] = set()
            paths = []
            for name, content in files:
                path = folder / safe_name(name, taken)
                path.write_bytes(content)
                paths.append(path)
            with self._sessions() as session:
                job_id = store.create_job(
                    session, kind="files", writer=writer, sources=[p.name for p in paths]
                )
        except BaseException:
            self._unreserve()
            if folder is not None:
                shutil.rmtree(folder, ignore_errors=True)
            raise
        self._dispatch(_Work(job_id, paths, ingest, settings, folder))
        return job_id

    def submit_urls(self, urls: list[str], *, writer: str, ingest: IngestFunction, settings: Any) -> int:
        """Fetch and ingest ``urls`` (pages or feeds, already checked to be http(s)) as a job; its
        id. :class:`QueueFull` when the server takes no more jobs."""
        self._reserve()
        try:
            with self._sessions() as session:
                job_id = store.create_job(session, kind="urls", writer=writer, sources=list(urls))
        except BaseException:
            self._unreserve()
            raise
        self._dispatch(_Work(job_id, list(urls), ingest, settings))
        return job_id

    def _dispatch(self, work: _Work) -> None:
        """Run ``work`` at once when a worker is free (the job is running when this returns), else
        queue it."""
        with self._lock:
            self._reserved -= 1
            closed = self._closed
            start = not closed and len(self._running) < self.max_running
            if start:
                self._running.add(work.job_id)
            elif not closed:
                self._queue.append(work)
        if closed:  # shut down while it was being written
            work.clean()
            self._write("interrupt a job", lambda s: store.interrupt_unfinished(s, SHUT_DOWN, [work.job_id]))
        if not start:
            return
        first = work if self._start(work) else self._next_after(work)  # else the worker takes the next
        if first is not None:
            thread = threading.Thread(
                target=self._worker, args=(first,), name=f"ingest-job-{first.job_id}", daemon=True
            )
            thread.start()

    def _start(self, work: _Work) -> bool:
        """Mark a job running; ``False`` when it cannot be (interrupted while it waited)."""
        job_id = work.job_id
        return bool(self._write("start a job", lambda s: store.start_job(s, job_id)))

    def _next_after(self, done: _Work) -> _Work | None:
        """The queued job that takes ``done``'s worker (marked running), or ``None`` (the worker ends)."""
        while True:
            done.clean()
            with self._lock:
                self._running.discard(done.job_id)
                if self._closed or not self._queue:
                    return None
                work = self._queue.popleft()
                self._running.add(work.job_id)
            if self._start(work):
                return work
            done = work

    # --- running --------------------------------------------------------------------------------

    def _worker(self, work: _Work | None) -> None:
        while work is not None:
            self._run(work)
            work = self._next_after(work)

    def _run(self, work: _Work) -> None:
        job_id = work.job_id

        def progress(outcome: str, _name: str) -> None:
            if outcome in store.COUNTED:
                self._write("count an input", lambda s: store.count_outcome(s, job_id, outcome))

        def run_started(run_id: int) -> None:
            self._write("link the run", lambda s: store.link_run(s, job_id, run_id))

        try:
            summary = work.ingest(
                work.inputs,
                settings=work.settings,
                progress=progress,
                source_name=work.shown if work.folder is not None else None,
                run_started=run_started,
            )
        except Exception as exc:  # noqa: BLE001 - any failure of the run is reported on the job
            message = str(exc.args[0]) if isinstance(exc, ParleysError) and exc.args else str(exc)
            code = exc.code if isinstance(exc, ParleysError) else type(exc).__name__
            log.warning("ingest job %s failed: %s: %s", job_id, code, message)
            self._write(
                "end a failed job",
                lambda s: store.finish_job(s, job_id, status="failed", error=f"{code}: {message}"),
            )
            return
        counts = (len(summary.stored), len(summary.unchanged), len(summary.rejected))
        self._write("end a job", lambda s: store.finish_job(s, job_id, status="done", counts=counts))

    # --- shutting down --------------------------------------------------------------------------

    def close(self) -> int:
        """Take no more jobs; mark this app's queued and running ones ``interrupted`` (their
        threads die with the process; one that ends first cannot undo it); how many were."""
        with self._lock:
            self._closed = True
            waiting = list(self._queue)
            self._queue.clear()
            ids = [w.job_id for w in waiting] + sorted(self._running)
        for work in waiting:
            work.clean()
        found = self._write("interrupt the jobs", lambda s: store.interrupt_unfinished(s, SHUT_DOWN, ids))
        return int(found or 0)

    def busy(self) -> tuple[int, int]:
        """How many jobs run and wait now."""
        with self._lock:
            return len(self._running), len(self._queue)
