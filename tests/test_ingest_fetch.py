"""Fetching URLs from a local http.server: pages, feeds, HTTP errors, limits, unreachable hosts."""

from __future__ import annotations

import re
import socket
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from local_http import base_url, clear_proxies, serving
from parleys.documents import Article, Rejection
from parleys.ingest import read_inputs
from parleys.ingest.fetch import Fetched, fetch
from parleys.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
ROUTES: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/news/article.html": (
        200,
        {"Content-Type": "text/html; charset=utf-8"},
        (FIXTURES / "html" / "article.html").read_bytes(),
    ),
    "/news/menu.html": (
        200,
        {"Content-Type": "text/html"},
        (FIXTURES / "html" / "menu-only.html").read_bytes(),
    ),
    "/feed": (200, {"Content-Type": "application/rss+xml"}, (FIXTURES / "feeds" / "rss.xml").read_bytes()),
    "/plain.txt": (
        200,
        {"Content-Type": "text/plain; charset=utf-8"},
        (FIXTURES / "text" / "senate-visit.txt").read_bytes(),
    ),
    "/ru": (
        200,
        {"Content-Type": "text/plain; charset=windows-1251"},
        (FIXTURES / "lang" / "ru.txt").read_text(encoding="utf-8").encode("cp1251"),
    ),
    "/api/records": (
        200,
        {"Content-Type": "application/x-ndjson"},
        (FIXTURES / "json" / "records.jsonl").read_bytes(),
    ),
    "/image.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
    "/missing": (404, {"Content-Type": "text/html"}, b"<h1>Not Found</h1>"),
    "/broken": (500, {"Content-Type": "text/plain"}, b"oops"),
    "/moved": (301, {"Location": "/news/article.html"}, b""),
    "/loop": (302, {"Location": "/loop"}, b""),
    "/big-declared": (200, {"Content-Type": "text/plain"}, b"word " * 1000),
}
STREAMED_BIG = b"word " * 1000  # sent without Content-Length: the limit must hold while streaming


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        try:
            self._respond()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (timeout and size-limit tests)

    def _respond(self) -> None:
        self.server.agents.append(self.headers.get("User-Agent"))  # type: ignore[attr-defined]
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/big-streamed":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(STREAMED_BIG)
            return
        status, headers, body = ROUTES.get(self.path, (200, {"Content-Type": "text/plain"}, b"late"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[ThreadingHTTPServer]:
    with serving(_Handler) as httpd:
        httpd.agents = []  # type: ignore[attr-defined]
        yield httpd


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxies(monkeypatch)


def _url(server: ThreadingHTTPServer, path: str) -> str:
    return base_url(server) + path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_fetch_page_feed_and_404_among_other_inputs(server: ThreadingHTTPServer) -> None:
    page, feed, missing = _url(server, "/news/article.html"), _url(server, "/feed"), _url(server, "/missing")
    local = str(FIXTURES / "text" / "no-header.txt")
    items = list(read_inputs([page, missing, feed, local], settings=Settings()))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Article", "Article", "Article"]
    article, rejection = items[0], items[1]
    assert isinstance(article, Article) and isinstance(rejection, Rejection)
    assert article.source == page
    assert article.title == "Senate hosts Brazilian senators"
    assert article.published == date(2023, 9, 14)
    assert "Lucia Ferreira invited her counterpart" in article.text
    assert (rejection.source, rejection.reason, rejection.detail) == (
        missing,
        "fetch_failed",
        "HTTP 404 Not Found",
    )
    assert [i.source for i in items[2:4]] == [f"{feed}#1", f"{feed}#2"]
    assert items[2].title == "Senate Speaker meets Swedish delegation"
    assert items[4].id == "no-header"


def test_fetch_sends_the_configured_user_agent(server: ThreadingHTTPServer) -> None:
    settings = Settings(user_agent="parleys-test/1.0")
    assert isinstance(fetch(_url(server, "/plain.txt"), settings=settings), Fetched)
    assert server.agents[-1] == "parleys-test/1.0"  # type: ignore[attr-defined]


def test_fetch_content_type_decides_the_kind(server: ThreadingHTTPServer) -> None:
    kinds = {
        path: fetch(_url(server, path), settings=Settings())
        for path in ("/news/article.html", "/feed", "/plain.txt")
    }
    assert {path: got.kind for path, got in kinds.items() if isinstance(got, Fetched)} == {
        "/news/article.html": "html",
        "/feed": "feed",
        "/plain.txt": "text",
    }
    [plain] = read_inputs([_url(server, "/plain.txt")], settings=Settings())
    assert isinstance(plain, Article) and plain.published == date(2024, 3, 5)
    records = list(read_inputs([_url(server, "/api/records")], settings=Settings()))
    assert [getattr(r, "id", getattr(r, "reason", None)) for r in records] == [
        "mfa-001",
        "bad_json",
        "bad_record",
        "records-4",
    ]


def test_fetch_unreachable_port_is_fetch_failed() -> None:
    url = f"http://127.0.0.1:{_free_port()}/news"
    items = list(read_inputs([url, str(FIXTURES / "text" / "senate-visit.txt")], settings=Settings()))
    assert isinstance(items[0], Rejection)
    assert (items[0].source, items[0].reason) == (url, "fetch_failed")
    assert items[0].detail.startswith("cannot connect")
    assert isinstance(items[1], Article)


@pytest.mark.parametrize(
    ("path", "reason", "detail"),
    [
        ("/broken", "fetch_failed", "HTTP 500 Internal Server Error"),
        ("/loop", "fetch_failed", "more than 5 redirects"),
        ("/slow", "fetch_failed", "timed out after 0.5 s (the whole request: connect, headers, body)"),
        ("/big-declared", "too_large", "5000 bytes, over the limit of 2000"),
        ("/big-streamed", "too_large", "more than 2000 bytes"),
        ("/image.png", "unsupported", "unsupported content type 'image/png'"),
        ("/news/menu.html", "no_text", "no article text found in the HTML page"),
        ("/ru", "language", "only 0% of letters are Latin; the text is mostly CYRILLIC script"),
    ],
)
def test_fetch_failures_become_rejections(
    server: ThreadingHTTPServer, path: str, reason: str, detail: str
) -> None:
    settings = Settings(fetch_timeout=0.5, max_bytes=2000)
    url = _url(server, path)
    [rejection] = read_inputs([url], settings=settings)
    assert isinstance(rejection, Rejection)
    assert (rejection.source, rejection.reason, rejection.detail) == (url, reason, detail)


def test_fetch_follows_redirects(server: ThreadingHTTPServer) -> None:
    got = fetch(_url(server, "/moved"), settings=Settings())
    assert isinstance(got, Fetched)
    assert got.url == _url(server, "/news/article.html") and got.kind == "html"


@pytest.mark.parametrize("url", ["http://", "http://[::1"])
def test_fetch_malformed_url_is_fetch_failed_not_an_exception(url: str) -> None:
    rejection = fetch(url, settings=Settings())
    assert isinstance(rejection, Rejection) and rejection.reason == "fetch_failed"


def test_fetch_is_the_only_ingest_module_that_imports_httpx() -> None:
    package = Path(__file__).resolve().parents[1] / "src" / "parleys" / "ingest"
    imports = re.compile(r"^\s*(?:import|from)\s+httpx\b", re.MULTILINE)
    users = sorted(p.name for p in package.glob("*.py") if imports.search(p.read_text(encoding="utf-8")))
    assert users == ["fetch.py"]
