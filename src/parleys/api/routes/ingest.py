"""``/api/ingest``: fetch web pages or feeds by URL, extract and store them (as ``parleys ingest``).

A write: it needs a bearer token. Only absolute http(s) URLs are taken (never a path on the
server), at most :data:`MAX_URLS` of at most :data:`MAX_URL_CHARS` characters each; the fetcher's
own limits apply (``max_bytes``, ``fetch_timeout``). The run happens in the request (a worker
thread) and answers what was stored and what was rejected, with the reasons.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from pydantic import AfterValidator, Field

from parleys.api.models import WRITE_ERRORS, Model
from parleys.api.security import WriterDep, safe_url

router = APIRouter(prefix="/api/ingest", tags=["ingest"])

MAX_URLS = 20
MAX_URL_CHARS = 2000


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
