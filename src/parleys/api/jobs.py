"""Ingest runs in the background, with their progress: what ``POST /api/ingest/files`` starts and
``GET /api/ingest/jobs/{id}`` reports while the files are read, extracted and stored.

An upload's files are written to a folder of their own (the names reduced to safe ones), ingested
by a worker thread through the app's ingest function (``service.ingest``) and removed afterwards.
The progress callback of the ingest counts each input as it is stored, found unchanged or
rejected (with the reason), so a page can show the run as it goes. The app keeps the latest
:data:`KEPT` jobs (an :class:`IngestJobs` made by ``create_app``: no global state); ids are random,
so a job is found only by whoever started it or was told its id.
"""

from __future__ import annotations

import re
import secrets
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from parleys.documents import IngestSummary, Rejection

KEPT = 50  # finished jobs are forgotten beyond this many
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME_CHARS = 100

IngestFunction = Callable[..., IngestSummary]


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
class IngestJob:
    """One background ingest: its files and what has happened to them so far."""

    id: str
    writer: str
    files: list[str]
    state: str = "running"  # running | done | failed
    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[dict[str, str]] = field(default_factory=list)
    error: str | None = None
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished_at: datetime | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def to_json(self) -> dict[str, Any]:
        with self.lock:
            return {
                "id": self.id,
                "writer": self.writer,
                "state": self.state,
                "files": list(self.files),
                "done": len(self.stored) + len(self.unchanged) + len(self.rejected),
                "stored": list(self.stored),
                "unchanged": list(self.unchanged),
                "rejected": [dict(r) for r in self.rejected],
                "error": self.error,
                "started_at": self.started_at.isoformat(),
                "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            }


class IngestJobs:
    """The app's background ingests, the latest :data:`KEPT` of them, by id."""

    def __init__(self) -> None:
        self._jobs: OrderedDict[str, IngestJob] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(
        self,
        files: list[tuple[str, bytes]],
        *,
        writer: str,
        ingest: IngestFunction,
        settings: Any,
    ) -> IngestJob:
        """Write ``files`` (name, content) to a folder of their own and ingest them in a thread."""
        folder = Path(tempfile.mkdtemp(prefix="parleys-upload-"))
        taken: set[str] = set()
        paths = []
        for name, content in files:
            path = folder / safe_name(name, taken)
            path.write_bytes(content)
            paths.append(path)
        job = IngestJob(secrets.token_urlsafe(12), writer, [p.name for p in paths])
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEPT:
                oldest = next(iter(self._jobs))
                if self._jobs[oldest].state == "running":
                    break
                self._jobs.pop(oldest)
        thread = threading.Thread(
            target=_run, args=(job, folder, paths, ingest, settings), name=f"ingest-{job.id}", daemon=True
        )
        thread.start()
        return job


def _shown(source: str, folder: Path) -> str:
    """A source as the uploader knows it: the file name, not the server's folder."""
    prefix = f"{folder}/"
    return source[len(prefix) :] if source.startswith(prefix) else source


def _run(job: IngestJob, folder: Path, paths: list[Path], ingest: IngestFunction, settings: Any) -> None:
    def progress(outcome: str, name: str) -> None:
        with job.lock:
            if outcome == "stored":
                job.stored.append(_shown(name, folder))
            elif outcome == "unchanged":
                job.unchanged.append(_shown(name, folder))
            elif outcome == "rejected":  # the reason comes with the summary at the end
                job.rejected.append({"source": _shown(name, folder), "reason": "", "detail": ""})

    def rejected(rejection: Rejection) -> dict[str, str]:
        return {
            "source": _shown(rejection.source, folder),
            "reason": rejection.reason,
            "detail": rejection.detail,
        }

    try:
        # the store records the uploaded file's (safe) name, not this temporary folder
        summary = ingest(paths, settings=settings, progress=progress, source_name=lambda s: _shown(s, folder))
        with job.lock:  # the summary is the record: it has the reasons the progress lacks
            job.stored = [_shown(s, folder) for s in summary.stored]
            job.unchanged = [_shown(s, folder) for s in summary.unchanged]
            job.rejected = [rejected(r) for r in summary.rejected]
            job.state = "done"
    except Exception as exc:  # noqa: BLE001 - any failure of the run is reported on the job
        with job.lock:
            job.state = "failed"
            job.error = f"{type(exc).__name__}: {exc}"
    finally:
        with job.lock:
            job.finished_at = datetime.now(UTC)
        shutil.rmtree(folder, ignore_errors=True)
