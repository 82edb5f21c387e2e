"""``/api/ingest``: fetch web pages or feeds by URL, or take uploaded files; each ingest is a job
(:mod:`parleys.api.jobs`, stored in the database) that extracts and stores them as ``parleys
ingest`` does; and the dashboard's ``/ingest`` page that starts them and follows them.

Writes: they need a bearer token (and no other site's ``Origin``); the job's ``writer`` is the
token's holder. Both answer 202 with the job at once (``running``, or ``queued`` behind
``ingest_jobs`` running ones); a 429 when ``ingest_queue`` more already wait.

- ``POST /api/ingest`` takes only absolute http(s) URLs (never a path on the server), at most
  :data:`MAX_URLS` of at most :data:`MAX_URL_CHARS` characters each; the fetcher's own limits
  apply (``max_bytes``, ``fetch_timeout``). A URL that cannot be fetched is a rejection of the job.
- ``POST /api/ingest/files`` takes up to :data:`MAX_FILES` files (multipart, field ``files``) of a
  kind the ingest reads (by name: ``.txt``, ``.html``, ``.xml``/``.rss``/``.atom``, ``.json``,
  ``.jsonl``...; an image, archive or executable type is refused), each at most ``max_bytes``.
- ``GET /api/ingest/jobs`` lists the jobs, the latest first (``limit``, ``offset``, ``status``);
  ``GET /api/ingest/jobs/{id}`` gives one with its progress, its run's rejections (reason codes
  and details, as they happen) and the articles it stored.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated, Any, Literal

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response
from pydantic import AfterValidator, Field

from parleys.api.deps import MAX_ID, Id, Offset, SessionDep, page_size
from parleys.api.jobs import QueueFull
from parleys.api.models import ERRORS, WRITE_ERRORS, ErrorOut, Model
from parleys.api.security import WriterDep, safe_url
from parleys.errors import QueryError
from parleys.ingest.sources import SUFFIX_KINDS
from parleys.store import jobs as store

# the API under /api/ingest, and the dashboard's /ingest page (kept out of the OpenAPI document)
router = APIRouter(tags=["ingest"])

MAX_URLS = 20
MAX_URL_CHARS = 2000
MAX_FILES = 20
MAX_JOBS_PAGE = 100  # the largest page of jobs
PAGE_JOBS = 20  # jobs the dashboard shows
FORM_OVERHEAD = 65_536  # bytes of multipart framing an upload may carry beyond its files
RETRY_AFTER_S = 30  # what a refused job's answer suggests
# declared types a browser may give a text, page, feed or JSON file; anything else is refused
UPLOAD_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/x-ndjson",
    "application/jsonl",
    "application/xhtml+xml",
    "application/octet-stream",
)
READ_CHUNK = 65_536

Status = Literal["queued", "running", "done", "failed", "interrupted"]  # store.jobs.STATUSES


def _http_url(value: str) -> str:
    url = safe_url(value)
    if url is None:
        raise ValueError("give an absolute http(s) URL")
    return url


Url = Annotated[str, Field(min_length=1, max_length=MAX_URL_CHARS), AfterValidator(_http_url)]


class IngestIn(Model):
    urls: list[Url] = Field(min_length=1, max_length=MAX_URLS, description="web pages or RSS/Atom feeds")


class JobOut(Model):
    id: int
    kind: Literal["files", "urls"]
    status: Status = Field(description="queued | running | done | failed | interrupted (the server stopped)")
    writer: str = Field(description="the holder of the token that started it")
    sources: list[str] = Field(description="the URLs, or the files as stored on the server (names made safe)")
    inputs: int = Field(description="how many URLs or files were given")
    processed: int = Field(
        description="inputs finished so far: stored + unchanged + rejected (a feed counts each item)"
    )
    stored: int
    unchanged: int
    rejected: int
    error: str | None = Field(description="why a failed or interrupted job stopped")
    run_id: int | None = Field(description="the ingest run (its rejections carry this run_id)")
    created_at: str | None
    started_at: str | None
    finished_at: str | None


class JobRejectionOut(Model):
    id: int = Field(description="the rejection's id (as /api/rejections lists it)")
    source: str
    reason: str = Field(description="the reason code (see the README)")
    detail: str


class JobDetailOut(JobOut):
    rejections: list[JobRejectionOut] = Field(description="the run's rejections so far (at most 1000)")
    articles: list[str] = Field(description="ids of the articles the run stored (at most 1000)")


class JobPage(Model):
    total: int
    limit: int
    offset: int
    jobs: list[JobOut]


JOB_ERRORS: dict[int | str, dict[str, Any]] = {
    **WRITE_ERRORS,
    429: {"model": ErrorOut, "description": "ingest_jobs run and ingest_queue wait already"},
}
UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    **JOB_ERRORS,
    413: {"model": ErrorOut, "description": "a file over max_bytes, or the whole upload over its limit"},
    415: {"model": ErrorOut, "description": "a file of a kind the ingest does not read"},
}


def upload_limit(max_bytes: int) -> int:
    """The body limit of an upload request: one file of ``max_bytes`` and the form around it."""
    return max_bytes + FORM_OVERHEAD


def _started(request: Request, job_id: int) -> dict[str, Any]:
    with request.app.state.sessions() as session:
        job = store.get_job(session, job_id)
    assert job is not None  # just written
    return job.to_json()


def _refused(exc: QueueFull) -> HTTPException:
    return HTTPException(429, str(exc), headers={"Retry-After": str(RETRY_AFTER_S)})


@router.post("/api/ingest", status_code=202, response_model=JobDetailOut, responses=JOB_ERRORS)
def ingest_urls(body: IngestIn, request: Request, writer: WriterDep) -> dict[str, Any]:
    state = request.app.state
    try:
        job_id = state.jobs.submit_urls(
            list(dict.fromkeys(body.urls)), writer=writer, ingest=state.ingest, settings=state.settings
        )
    except QueueFull as exc:
        raise _refused(exc) from exc
    return _started(request, job_id)


async def _read_upload(upload: UploadFile, max_bytes: int) -> bytes:
    """The content of one uploaded file, checked for its name, declared type and size."""
    name = upload.filename or ""
    suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
    if suffix not in SUFFIX_KINDS:
        kinds = ", ".join(sorted(SUFFIX_KINDS))
        raise HTTPException(415, f"{name[:100]!r}: not a kind of file the ingest reads (one of {kinds})")
    declared = (upload.content_type or "").split(";")[0].strip().lower()
    if declared and not declared.startswith(UPLOAD_TYPES):
        raise HTTPException(
            415, f"{name[:100]!r}: the type {declared[:100]!r} is not a text, page, feed or JSON"
        )
    content = bytearray()
    while chunk := await upload.read(READ_CHUNK):
        content += chunk
        if len(content) > max_bytes:
            raise HTTPException(413, f"{name[:100]!r} is over the limit of {max_bytes} bytes a file")
    return bytes(content)


@router.post("/api/ingest/files", status_code=202, response_model=JobDetailOut, responses=UPLOAD_ERRORS)
async def ingest_files(
    request: Request,
    writer: WriterDep,
    files: Annotated[
        list[UploadFile], File(description=f"at most {MAX_FILES} files, each at most max_bytes")
    ],
) -> dict[str, Any]:
    if not files:
        raise QueryError("give at least one file")
    if len(files) > MAX_FILES:
        raise QueryError(f"at most {MAX_FILES} files at a time")
    state = request.app.state
    taken = [(f.filename or "upload", await _read_upload(f, state.settings.max_bytes)) for f in files]
    try:
        job_id = state.jobs.submit_files(taken, writer=writer, ingest=state.ingest, settings=state.settings)
    except QueueFull as exc:
        raise _refused(exc) from exc
    return _started(request, job_id)


@router.get("/api/ingest/jobs", response_model=JobPage, responses=ERRORS)
def ingest_jobs(
    session: SessionDep,
    limit: Annotated[
        str, Query(max_length=12, description=f"up to {MAX_JOBS_PAGE}; 0 or all: {MAX_JOBS_PAGE}")
    ] = str(PAGE_JOBS),
    offset: Offset = 0,
    status: Annotated[Status | None, Query(description="only the jobs of this status")] = None,
) -> dict[str, Any]:
    size = page_size(limit, MAX_JOBS_PAGE)
    total, found = store.list_jobs(session, status=status, limit=size, offset=offset)
    return {"total": total, "limit": size, "offset": offset, "jobs": [j.to_json() for j in found]}


@router.get("/api/ingest/jobs/{job_id}", response_model=JobDetailOut, responses=ERRORS)
def ingest_job(job_id: Id, session: SessionDep) -> dict[str, Any]:
    job = store.get_job(session, job_id)
    if job is None:
        raise HTTPException(404, f"no ingest job {job_id}")
    return job.to_json()


# --- the dashboard's page ------------------------------------------------------------------------


@router.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
@router.get("/ingest.json", include_in_schema=False)
def ingest_page(
    request: Request,
    session: SessionDep,
    job: Annotated[
        int | None, Query(ge=1, le=MAX_ID, description="the job to show (default: the latest)")
    ] = None,
) -> Response:
    from parleys.api.routes.pages import _render

    total, found = store.list_jobs(session, limit=PAGE_JOBS)
    chosen = job if job is not None else (found[0].id if found else None)
    shown = store.get_job(session, chosen) if chosen is not None else None
    if job is not None and shown is None:
        raise HTTPException(404, f"no ingest job {job}")
    state = request.app.state
    context = {
        "max_urls": MAX_URLS,
        "max_files": MAX_FILES,
        "suffixes": sorted(SUFFIX_KINDS),
        "max_bytes": state.settings.max_bytes,
        "writable": state.tokens.writable,
        "ingest_jobs": state.settings.ingest_jobs,
        "ingest_queue": state.settings.ingest_queue,
        "total": total,
    }
    return _render(
        request,
        "ingest.html",
        lambda: {
            **context,
            "jobs": [j.to_json() for j in found],
            "job": shown.to_json() if shown is not None else None,
        },
        {**context, "jobs": found, "job": shown},
    )
