"""Ingest jobs in the store (table ``ingest_jobs``, migration 0010): what the API and the dashboard
were asked to ingest, their progress and outcome, kept across server restarts.

A job is made ``queued``, becomes ``running`` when a worker takes it, and ends ``done``, ``failed``
(the run raised) or ``interrupted`` (the server stopped first: :func:`interrupt_unfinished`).
Every change after the start is guarded by the status it expects, so a worker of a server that
was declared stopped cannot turn an interrupted job back into a running or finished one. The
job's rejections are the rows of ``rejections`` of its run (``run_id``); its stored articles,
the ``articles`` of that run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from parleys.store.models import ArticleRow, IngestJobRow, RejectionRow

STATUSES = ("queued", "running", "done", "failed", "interrupted")
UNFINISHED = ("queued", "running")
KINDS = ("files", "urls")
COUNTED = ("stored", "unchanged", "rejected")  # the outcomes of service.ingest's progress
MAX_ERROR_CHARS = 2000


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:  # SQLite gives back naive datetimes: they were written in UTC
        value = value.replace(tzinfo=UTC)
    return value.isoformat()


@dataclass(frozen=True, slots=True)
class JobRejection:
    """A rejection of a job's run: its row id in ``rejections``, the input, the reason code."""

    id: int
    source: str
    reason: str
    detail: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "source": self.source, "reason": self.reason, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class Job:
    """A job as the API shows it; ``rejections`` and ``articles`` only when asked for (one job)."""

    id: int
    kind: str
    status: str
    writer: str
    sources: list[str]
    inputs: int
    stored: int
    unchanged: int
    rejected: int
    error: str | None
    run_id: int | None
    created_at: str | None
    started_at: str | None
    finished_at: str | None
    rejections: list[JobRejection] | None = None
    articles: list[str] | None = None

    @property
    def processed(self) -> int:
        return self.stored + self.unchanged + self.rejected

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "writer": self.writer,
            "sources": list(self.sources),
            "inputs": self.inputs,
            "processed": self.processed,
            "stored": self.stored,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "error": self.error,
            "run_id": self.run_id,
            "created_at": self.created_at,
            "started_at": self.started_at,
            "finished_at": self.finished_at,
        }
        if self.rejections is not None:
            out["rejections"] = [r.to_json() for r in self.rejections]
        if self.articles is not None:
            out["articles"] = list(self.articles)
        return out


def _job(row: IngestJobRow, **details: Any) -> Job:
    try:
        sources = [str(s) for s in json.loads(row.sources or "[]")]
    except (ValueError, TypeError):
        sources = []
    return Job(
        id=row.id,
        kind=row.kind,
        status=row.status,
        writer=row.writer,
        sources=sources,
        inputs=row.inputs,
        stored=row.stored,
        unchanged=row.unchanged,
        rejected=row.rejected,
        error=row.error,
        run_id=row.run_id,
        created_at=_iso(row.created_at),
        started_at=_iso(row.started_at),
        finished_at=_iso(row.finished_at),
        **details,
    )


def create_job(session: Session, *, kind: str, writer: str, sources: list[str]) -> int:
    """A new ``queued`` job of ``kind`` (files | urls) asked for by ``writer``; its id (committed)."""
    if kind not in KINDS:
        raise ValueError(f"unknown job kind {kind!r}")
    row = IngestJobRow(
        kind=kind,
        status="queued",
        writer=writer,
        sources=json.dumps(sources, ensure_ascii=False),
        inputs=len(sources),
        stored=0,
        unchanged=0,
        rejected=0,
        created_at=_now(),
    )
    session.add(row)
    session.commit()
    return row.id


def start_job(session: Session, job_id: int) -> bool:
    """Mark a queued job running; ``False`` when it is no longer queued (interrupted meanwhile)."""
    done = session.execute(
        update(IngestJobRow)
        .where(IngestJobRow.id == job_id, IngestJobRow.status == "queued")
        .values(status="running", started_at=_now())
    )
    session.commit()
    return bool(done.rowcount)  # type: ignore[attr-defined]


def link_run(session: Session, job_id: int, run_id: int) -> None:
    """Record the ingest run of a running job (its rejections and articles are the run's)."""
    session.execute(
        update(IngestJobRow)
        .where(IngestJobRow.id == job_id, IngestJobRow.status == "running")
        .values(run_id=run_id)
    )
    session.commit()


def count_outcome(session: Session, job_id: int, outcome: str) -> None:
    """One more input of a running job ``stored``, ``unchanged`` or ``rejected`` (others ignored)."""
    if outcome not in COUNTED:
        return
    column = getattr(IngestJobRow, outcome)
    session.execute(
        update(IngestJobRow)
        .where(IngestJobRow.id == job_id, IngestJobRow.status == "running")
        .values({outcome: column + 1})
    )
    session.commit()


def finish_job(
    session: Session,
    job_id: int,
    *,
    status: str,
    counts: tuple[int, int, int] | None = None,
    error: str | None = None,
) -> bool:
    """End a running job ``done`` or ``failed``, with the run's final (stored, unchanged, rejected)
    counts when known; ``False`` when it was not running any more (interrupted meanwhile)."""
    if status not in ("done", "failed"):
        raise ValueError(f"a job ends done or failed, not {status!r}")
    values: dict[str, Any] = {"status": status, "finished_at": _now()}
    if counts is not None:
        values.update(zip(COUNTED, counts, strict=True))
    if error is not None:
        values["error"] = error[:MAX_ERROR_CHARS]
    done = session.execute(
        update(IngestJobRow).where(IngestJobRow.id == job_id, IngestJobRow.status == "running").values(values)
    )
    session.commit()
    return bool(done.rowcount)  # type: ignore[attr-defined]


def interrupt_unfinished(session: Session, reason: str, ids: list[int] | None = None) -> int:
    """Mark queued and running jobs (all, or those of ``ids``) ``interrupted`` with ``reason``;
    how many were."""
    stmt = update(IngestJobRow).where(IngestJobRow.status.in_(UNFINISHED))
    if ids is not None:
        if not ids:
            return 0
        stmt = stmt.where(IngestJobRow.id.in_(ids))
    done = session.execute(
        stmt.values(status="interrupted", finished_at=_now(), error=reason[:MAX_ERROR_CHARS])
    )
    session.commit()
    return int(done.rowcount)  # type: ignore[attr-defined]


def list_jobs(
    session: Session, *, status: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[int, list[Job]]:
    """The number of jobs (of ``status``) and one page of them, the latest first."""
    where = [] if status is None else [IngestJobRow.status == status]
    total = int(session.scalar(select(func.count()).select_from(IngestJobRow).where(*where)) or 0)
    rows = session.scalars(
        select(IngestJobRow).where(*where).order_by(IngestJobRow.id.desc()).limit(limit).offset(offset)
    )
    return total, [_job(row) for row in rows]


def get_job(session: Session, job_id: int, *, limit: int = 1000) -> Job | None:
    """One job with its run's rejections and stored articles (the first ``limit`` of each)."""
    row = session.get(IngestJobRow, job_id, populate_existing=True)
    if row is None:
        return None
    rejections: list[JobRejection] = []
    articles: list[str] = []
    if row.run_id is not None:
        rejections = [
            JobRejection(r.id, r.source, r.reason, r.detail or "")
            for r in session.scalars(
                select(RejectionRow)
                .where(RejectionRow.run_id == row.run_id)
                .order_by(RejectionRow.id)
                .limit(limit)
            )
        ]
        articles = list(
            session.scalars(
                select(ArticleRow.external_id)
                .where(ArticleRow.run_id == row.run_id)
                .order_by(ArticleRow.id)
                .limit(limit)
            )
        )
    return _job(row, rejections=rejections, articles=articles)
