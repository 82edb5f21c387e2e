"""What keeps the server safe to expose: write tokens, body limits, response headers, safe links.

- The API is read-only unless tokens are configured (``api_tokens``, ``api_tokens_file``). Every
  writing route depends on :data:`WriterDep`: an ``Authorization: Bearer <token>`` header whose
  token is compared in constant time with each configured one; the writer is the token's holder
  (the author of a correction), never a field the client sends. Tokens are never logged or echoed.
- A write whose ``Origin`` header names another site is refused (403) before the token is looked
  at: the bearer header already keeps other sites' forms out (a browser sends no credential by
  itself), and this keeps out a page that learned a token too.
- :class:`BodyLimit` refuses a request body over ``max_body_bytes`` (413), by its declared length
  or, without one, as it streams in; a path may have a limit of its own (an upload of files).
- :class:`SecurityHeaders` adds ``X-Content-Type-Options``, a Content-Security-Policy that allows
  only our own assets, ``X-Frame-Options`` and ``Referrer-Policy`` to every answer; no CORS headers
  are ever sent, so other origins cannot read answers.
- :func:`safe_url` keeps a link from an article only when its scheme is http(s).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from parleys.errors import SettingsError
from parleys.settings import Settings

MIN_TOKEN_CHARS = 16
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"content-security-policy", CSP.encode()),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


def _digest(token: str) -> bytes:
    return hashlib.sha256(token.encode("utf-8")).digest()


def _pairs(items: Iterable[str], where: str) -> list[tuple[str, str]]:
    pairs = []
    for raw in items:
        item = raw.strip()
        if not item or item.startswith("#"):
            continue
        holder, sep, token = item.partition(":")
        holder, token = holder.strip(), token.strip()
        if not sep or not holder or not token:
            raise SettingsError(f"{where}: give holder:token, not an entry without both")
        if len(token) < MIN_TOKEN_CHARS:
            raise SettingsError(f"{where}: the token of {holder!r} is under {MIN_TOKEN_CHARS} characters")
        pairs.append((holder, token))
    return pairs


@dataclass(frozen=True, slots=True)
class Tokens:
    """The configured write tokens, kept as SHA-256 digests with their holders."""

    holders: tuple[tuple[bytes, str], ...] = ()

    @classmethod
    def from_settings(cls, settings: Settings) -> Tokens:
        pairs = _pairs((settings.api_tokens or "").split(","), "api_tokens")
        if settings.api_tokens_file:
            path = Path(settings.api_tokens_file)
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise SettingsError(f"cannot read api_tokens_file {path}: {exc}") from exc
            pairs += _pairs(lines, f"api_tokens_file {path}")
        return cls(tuple((_digest(token), holder) for holder, token in pairs))

    @property
    def writable(self) -> bool:
        return bool(self.holders)

    def holder(self, token: str) -> str | None:
        """The holder of ``token``, comparing with every configured token in constant time."""
        given = _digest(token)
        found = None
        for digest, holder in self.holders:
            if hmac.compare_digest(given, digest):
                found = holder
        return found


def same_origin(request: Request) -> bool:
    """The request has no ``Origin`` header, or one naming the host it was sent to."""
    origin = request.headers.get("origin")
    if origin is None:
        return True
    try:
        parts = urlsplit(origin)
    except ValueError:
        return False
    return (
        parts.scheme in ("http", "https") and parts.netloc.lower() == request.headers.get("host", "").lower()
    )


def require_writer(request: Request) -> str:
    """The holder of the request's bearer token; 403 when the server is read-only or the request
    comes from another site's page, 401 without a valid token."""
    tokens: Tokens = request.app.state.tokens
    if not same_origin(request):
        raise HTTPException(403, "a write from another site's page is refused")
    if not tokens.writable:
        raise HTTPException(403, "this server is read-only: no api_tokens are configured")
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    holder = tokens.holder(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
    if holder is None:
        raise HTTPException(
            401,
            "a write needs a valid 'Authorization: Bearer <token>' header",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return holder


WriterDep = Annotated[str, Depends(require_writer)]


def safe_url(url: object) -> str | None:
    """``url`` when it is an absolute http(s) URL with a host, else ``None`` (never a live
    ``javascript:`` or ``data:`` link)."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    if any(ch in text for ch in "\x00\r\n\t<>\"'` "):
        return None
    return text


class BodyTooLarge(Exception):
    """A request body went over the limit while streaming in."""


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with a 413 in the API's error shape."""

    def __init__(self, app: ASGIApp, limit: int, paths: dict[str, int] | None = None) -> None:
        self.app = app
        self.default = limit
        self.paths = dict(paths or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.paths.get(scope.get("path", ""), self.default)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = -1
            if size < 0 or size > limit:
                await _refuse(
                    send,
                    413 if size > limit else 400,
                    f"the request body is over the limit of {limit} bytes"
                    if size > limit
                    else "invalid Content-Length",
                )
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(f"the request body is over the limit of {limit} bytes")
            return message

        await self.app(scope, counted, send)


async def _refuse(send: Send, status: int, message: str) -> None:
    import json

    body = json.dumps({"error": {"code": f"HTTP{status}", "message": message}}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Add :data:`HEADERS` to every response (pages, API, static files, errors)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, with_headers)
