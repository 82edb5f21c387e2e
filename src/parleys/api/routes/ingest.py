"""``/api/ingest``: fetch web pages or feeds by URL, or take uploaded files, extract and store them
(as ``parleys ingest``).

Writes: they need a bearer token. ``POST /api/ingest`` takes only absolute http(s) URLs (never a
path on the server), at most :data:`MAX_URLS` of at most :data:`MAX_URL_CHARS` characters each;
the fetcher's own limits apply (``max_bytes``, ``fetch_timeout``); the run happens in the request
and answers what was stored and what was rejected, with the reasons.

``POST /api/ingest/files`` takes up to :data:`MAX_FILES` files (multipart, field ``files``) of a
kind the ingest reads (by name: ``.txt``, ``.html``, ``.xml``/``.rss``/``.atom``, ``.json``,
``.jsonl``...; an image, archive or executable type is refused), each at most ``max_bytes``, and
answers 202 with a job at once; ``GET /api/ingest/jobs/{id}`` gives its progress until it is done,
with each rejection and its reason.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated, Any

from fastapi import APIRouter, File, HTTPException, Path, Request, UploadFile
from pydantic import AfterValidator, Field

from parleys.api.models import ERRORS, WRITE_ERRORS, ErrorOut, Model
from parleys.api.security import WriterDep, safe_url
from parleys.errors import QueryError
from parleys.ingest.sources import SUFFIX_KINDS

router = APIRouter(prefix="/api/ingest", tags=["ingest"])

MAX_URLS = 20
MAX_URL_CHARS = 2000
MAX_FILES = 20
FORM_OVERHEAD = 65_536  # bytes of multipart framing an upload may carry beyond its files
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


def _http_url(value: str) -> str:
    url = safe_url(value)
    if url is None:
        raise ValueError("give an absolute http(s) URL")
    return url


Url = Annotated[str, Field(min_length=1, max_length=MAX_URL_CHARS), AfterValidator(_http_url)]


class IngestIn(Model):
    urls: list[Url] = Field(min_length=1, max_length=MAX_URLS, description="web pages or RSS/Atom feeds")


class RejectionOut(Model):
    source: str
    reason: str
    detail: str


class IngestOut(Model):
    writer: str
    stored: list[str]
    unchanged: list[str]
    rejected: list[RejectionOut]


@router.post("", response_model=IngestOut, responses=WRITE_ERRORS)
def ingest_urls(body: IngestIn, request: Request, writer: WriterDep) -> IngestOut:
    settings = request.app.state.settings
    summary = request.app.state.ingest(list(dict.fromkeys(body.urls)), settings=settings)
    return IngestOut(
        writer=writer,
        stored=list(summary.stored),
        unchanged=list(summary.unchanged),
        rejected=[RejectionOut(source=r.source, reason=r.reason, detail=r.detail) for r in summary.rejected],
    )


class JobRejection(Model):
    source: str
    reason: str = Field(description="empty while the run goes on; the reason code once it is done")
    detail: str


class JobOut(Model):
    id: str
    writer: str
    state: str = Field(description="running | done | failed")
    files: list[str] = Field(description="the files as stored on the server (names made safe)")
    done: int = Field(description="inputs finished so far (stored, unchanged or rejected)")
    stored: list[str]
    unchanged: list[str]
    rejected: list[JobRejection]
    error: str | None
    started_at: str
    finished_at: str | None


UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    **WRITE_ERRORS,
    413: {"model": ErrorOut, "description": "a file over max_bytes, or the whole upload over its limit"},
    415: {"model": ErrorOut, "description": "a file of a kind the ingest does not read"},
}


def upload_limit(max_bytes: int) -> int:
    """The body limit of an upload request: one file of ``max_bytes`` and the form around it."""
    return max_bytes + FORM_OVERHEAD


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


@router.post("/files", status_code=202, response_model=JobOut, responses=UPLOAD_ERRORS)
async def ingest_files(
    request: Request,
    writer: WriterDep,
    files: Annotated[
        list[UploadFile], File(description=f"at most {MAX_FILES} files, each at most max_bytes")
    ],
) -> JobOut:
    if not files:
        raise QueryError("give at least one file")
    if len(files) > MAX_FILES:
        raise QueryError(f"at most {MAX_FILES} files at a time")
    settings = request.app.state.settings
    taken = [(f.filename or "upload", await _read_upload(f, settings.max_bytes)) for f in files]
    job = request.app.state.jobs.start(
        taken, writer=writer, ingest=request.app.state.ingest, settings=settings
    )
    return JobOut(**job.to_json())


JobId = Annotated[str, Path(min_length=8, max_length=40, pattern=r"^[A-Za-z0-9_-]+$")]


@router.get("/jobs/{job_id}", response_model=JobOut, responses=ERRORS)
def ingest_job(job_id: JobId, request: Request) -> JobOut:
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, "no such ingest job (finished jobs are kept for a while only)")
    return JobOut(**job.to_json())
