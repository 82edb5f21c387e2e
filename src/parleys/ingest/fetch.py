"""HTTP(S) fetching: the only module of parleys that touches the network.

Every failure becomes a ``fetch_failed`` (or ``too_large``) rejection: httpx's exceptions are
translated here and never escape. The body is streamed and cut off at ``settings.max_bytes``.

``settings.fetch_timeout`` caps the whole request (connect, headers and body together): httpx's
own timeouts apply to each phase and each read, so a server that drips one byte at a time would
hold a fetch for ever. The request runs in a daemon thread that gives up at the deadline, and
the caller stops waiting for it at the same deadline.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from email.message import Message
from pathlib import PurePosixPath
from urllib.parse import urlsplit

import httpx

from parleys.documents import Rejection
from parleys.ingest.feeds import looks_like_feed
from parleys.settings import Settings

MAX_REDIRECTS = 5
_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/rdf+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "text/plain": "text",
    "text/markdown": "text",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/jsonlines": "jsonl",
}


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body; ``kind`` is "html", "feed", "text", "json", "jsonl", or None (unsupported)."""

    url: str
    body: bytes
    content_type: str
    charset: str | None
    kind: str | None


def make_client(settings: Settings) -> httpx.Client:
    """A client with the settings' timeout and User-Agent; redirects followed, at most five."""
    return httpx.Client(
        timeout=settings.fetch_timeout,
        headers={"User-Agent": settings.user_agent},
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
    )


def fetch(url: str, *, settings: Settings) -> Fetched | Rejection:
    """GET ``url``; a :class:`Fetched` body or a rejection that says what went wrong, within
    ``settings.fetch_timeout`` seconds in all."""
    deadline = time.monotonic() + settings.fetch_timeout
    outcome: queue.Queue[Fetched | Rejection] = queue.Queue(maxsize=1)
    worker = threading.Thread(
        target=lambda: outcome.put(_fetch(url, settings, deadline)), name="parleys-fetch", daemon=True
    )
    worker.start()
    try:
        return outcome.get(timeout=max(0.0, deadline - time.monotonic()) + 0.05)
    except queue.Empty:
        return _timed_out(url, settings)


def _timed_out(url: str, settings: Settings) -> Rejection:
    return Rejection(
        url,
        "fetch_failed",
        f"timed out after {settings.fetch_timeout:g} s (the whole request: connect, headers, body)",
    )


def _fetch(url: str, settings: Settings, deadline: float) -> Fetched | Rejection:
    try:
        with make_client(settings) as client, client.stream("GET", url) as response:
            if response.status_code >= 400:
                phrase = f" {response.reason_phrase}" if response.reason_phrase else ""
                return Rejection(url, "fetch_failed", f"HTTP {response.status_code}{phrase}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > settings.max_bytes:
                return Rejection(
                    url, "too_large", f"{declared} bytes, over the limit of {settings.max_bytes}"
                )
            body = bytearray()
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > settings.max_bytes:
                    return Rejection(url, "too_large", f"more than {settings.max_bytes} bytes")
                if time.monotonic() > deadline:
                    return _timed_out(url, settings)
            final_url = str(response.url)
            content_type = response.headers.get("content-type", "")
    except httpx.TimeoutException:
        return _timed_out(url, settings)
    except httpx.TooManyRedirects:
        return Rejection(url, "fetch_failed", f"more than {MAX_REDIRECTS} redirects")
    except httpx.ConnectError as exc:
        return Rejection(
            url, "fetch_failed", f"cannot connect: {str(exc) or 'connection refused or host not found'}"
        )
    except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
        return Rejection(url, "fetch_failed", f"{type(exc).__name__}: {exc}")
    mime, charset = _parse_content_type(content_type)
    return Fetched(final_url, bytes(body), mime, charset, _kind(mime, final_url, bytes(body)))


def _parse_content_type(value: str) -> tuple[str, str | None]:
    message = Message()
    message["content-type"] = value or "application/octet-stream"
    return message.get_content_type(), message.get_param("charset") or None  # type: ignore[return-value]


def _kind(mime: str, url: str, body: bytes) -> str | None:
    """Content-type decides; an unlabelled or generic body is sniffed."""
    kind = _KINDS.get(mime)
    if kind is not None and mime not in ("text/plain", "application/xml", "text/xml"):
        return kind
    if looks_like_feed(body):
        return "feed"
    head = body[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    if kind is not None:
        return kind
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    return {".txt": "text", ".html": "html", ".htm": "html", ".xml": "feed", ".rss": "feed"}.get(suffix)
