"""``fetch_timeout`` caps the whole request: a server on 127.0.0.1 that drips its body one byte at
a time, or its headers, cannot hold a fetch past the deadline (issue 9, finding 4)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from local_http import base_url, clear_proxies, serving
from parleys.documents import Article, Rejection
from parleys.ingest import read_inputs
from parleys.settings import Settings
from sample_records import article_text, write_articles

BODY = article_text(2).encode("utf-8")


class _Drip(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        try:
            if self.path == "/drip-headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for n in range(100):
                    self.wfile.write(f"X-Slow-{n}: y\r\n".encode())
                    self.wfile.flush()
                    time.sleep(0.2)
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(BODY)))
            self.end_headers()
            if self.path == "/fast":
                self.wfile.write(BODY)
                return
            for i in range(len(BODY)):  # one byte every 0.2 s: each read is quick, the whole is not
                self.wfile.write(BODY[i : i + 1])
                self.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture()
def drip_server() -> Iterator[str]:
    with serving(_Drip) as httpd:
        yield base_url(httpd)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxies(monkeypatch)


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_ingest_hostile_fetch_deadline_covers_the_whole_request(
    drip_server: str, path: str, tmp_path: Path
) -> None:
    good = write_articles(tmp_path / "good", 1)
    url = drip_server + path
    settings = Settings(fetch_timeout=1.0)
    started = time.monotonic()
    items = list(read_inputs([url, drip_server + "/fast", str(good[0])], settings=settings))
    elapsed = time.monotonic() - started
    assert isinstance(items[0], Rejection)
    assert (items[0].source, items[0].reason) == (url, "fetch_failed")
    assert items[0].detail == "timed out after 1 s (the whole request: connect, headers, body)"
    assert [type(i) for i in items[1:]] == [Article, Article]  # the rest of the run goes on
    # the drip would take 0.2 s x the body's length (over a minute); the fetch stops at its deadline
    assert elapsed < 1.0 + 3.0
