"""The server is safe to expose: writes need a token, inputs are bounded, answers carry safe headers,
and article text, titles and links (untrusted) can never run script on our origin."""

from __future__ import annotations

import json
import logging
import time
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from parleys.api import create_app
from parleys.api.security import Tokens, safe_url
from parleys.errors import SettingsError
from parleys.settings import Settings
from sample_records import store_samples

TOKEN = "s3cret-token-of-ana-0123"
OTHER = "s3cret-token-of-bo-45678"
WRITE = {"Authorization": f"Bearer {TOKEN}"}
BIG = 10**30


def _settings(db_url: str, **extra) -> Settings:
    return Settings.load(config_file=None, database_url=db_url, trusted_hosts="testserver", **extra)


@pytest.fixture()
def client(db_url):
    store_samples(db_url)
    app = create_app(_settings(db_url, api_tokens=f"Ana Analyst:{TOKEN},Bo:{OTHER}", max_body_bytes=20_000))
    with TestClient(app) as test_client:
        yield test_client


def _writes(app) -> list[tuple[str, str]]:
    """Every (method, path) of the app that is not a read, with ids filled in."""
    found = []

    def walk(routes) -> None:
        for route in routes:
            if hasattr(route, "original_router"):  # an included router
                walk(route.original_router.routes)
            for method in sorted(getattr(route, "methods", None) or ()):
                if method not in ("GET", "HEAD", "OPTIONS"):
                    found.append((method, route.path.replace("{correction_id}", "1")))

    walk(app.routes)
    return found


def _event_id(client: TestClient) -> int:
    return client.get("/api/events", params={"type": "meeting"}).json()["events"][0]["id"]


def _error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def test_api_security_every_write_without_a_valid_token_is_refused(client):
    writes = _writes(client.app)
    expected = {("POST", "/api/corrections"), ("POST", "/api/corrections/1/revoke"), ("POST", "/api/ingest")}
    assert expected <= set(writes)
    body = {"action": "hide", "event": _event_id(client), "reason": "duplicate"}
    for method, path in writes:
        for headers in (
            {},
            {"Authorization": "Bearer wrong-token-000000000"},
            {"Authorization": TOKEN},
            {"Authorization": "Basic " + TOKEN},
            {"Authorization": "Bearer "},
        ):
            response = client.request(method, path, json=body, headers=headers)
            _error(response, 401, "HTTP401")
            assert response.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/corrections").json()["total"] == 0  # nothing was written


def test_api_security_a_server_without_tokens_is_read_only(db_url):
    store_samples(db_url)
    with TestClient(create_app(_settings(db_url))) as client:
        writes = _writes(client.app)
        assert writes
        for method, path in writes:
            _error(
                client.request(
                    method, path, json={"action": "hide", "event": 1, "reason": "r"}, headers=WRITE
                ),
                403,
                "HTTP403",
            )
        assert client.get("/api/events").status_code == 200


def test_api_security_the_author_is_the_token_holder(client):
    event_id = _event_id(client)
    made = client.post(
        "/api/corrections", json={"action": "hide", "event": event_id, "reason": "dup"}, headers=WRITE
    )
    assert made.status_code == 201, made.text
    assert made.json()["correction"]["author"] == "Ana Analyst"
    forged = client.post(
        "/api/corrections",
        headers=WRITE,
        json={"action": "unhide", "event": event_id, "reason": "r", "author": "Somebody"},
    )
    _error(forged, 400, "E060")
    revoked = client.post(
        f"/api/corrections/{made.json()['correction']['id']}/revoke",
        headers={"Authorization": f"Bearer {OTHER}"},
    )
    assert revoked.status_code == 200 and revoked.json()["correction"]["status"] == "revoked"


def test_api_security_tokens_are_never_logged_or_echoed(client, caplog):
    caplog.set_level(logging.DEBUG)
    wrong = "Bearer not-the-token-but-long-enough"
    response = client.post(
        "/api/corrections",
        json={"action": "hide", "event": 1, "reason": "r"},
        headers={"Authorization": wrong},
    )
    assert response.status_code == 401
    client.post(
        "/api/corrections", json={"action": "hide", "event": _event_id(client), "reason": "r"}, headers=WRITE
    )
    assert TOKEN not in caplog.text and "not-the-token" not in caplog.text
    assert "not-the-token" not in response.text


def test_api_security_token_settings_are_checked(tmp_path):
    with pytest.raises(SettingsError):
        Tokens.from_settings(Settings(api_tokens="ana:short"))
    with pytest.raises(SettingsError):
        Tokens.from_settings(Settings(api_tokens="no-holder-separator-here"))
    path = tmp_path / "tokens"
    path.write_text(f"# analysts\nAna:{TOKEN}\n\nBo : {OTHER}\n", encoding="utf-8")
    tokens = Tokens.from_settings(Settings(api_tokens_file=str(path)))
    assert (tokens.holder(TOKEN), tokens.holder(OTHER), tokens.holder("x" * 20)) == ("Ana", "Bo", None)
    assert not Tokens.from_settings(Settings()).writable


@pytest.mark.parametrize(
    "body",
    [
        {"action": "hide", "event": 1, "reason": "x" * 2001},
        {"action": "set_event", "event": 1, "field": "city", "value": "v" * 501, "reason": "r"},
        {"action": "split", "person": 1, "name": "n" * 201, "reason": "r"},
        {"action": "hide", "event": "k" * 201, "reason": "r"},
        {"action": "hide", "event": 1, "reason": ""},
    ],
)
def test_api_security_text_fields_have_size_limits(client, body):
    _error(client.post("/api/corrections", json=body, headers=WRITE), 400, "E060")
    assert client.get("/api/corrections").json()["total"] == 0


def test_api_security_bodies_over_the_limit_are_refused(client):
    huge = json.dumps({"action": "hide", "event": 1, "reason": "r" * 30_000})
    response = client.post(
        "/api/corrections", content=huge, headers={**WRITE, "Content-Type": "application/json"}
    )
    _error(response, 413, "HTTP413")

    def chunks():  # no Content-Length: counted as it streams in
        for _ in range(30):
            yield b"x" * 1000

    streamed = client.post(
        "/api/corrections", content=chunks(), headers={**WRITE, "Content-Type": "application/json"}
    )
    assert streamed.status_code in (400, 413) and "error" in streamed.json()
    assert client.get("/api/corrections").json()["total"] == 0


@pytest.mark.parametrize(
    "path",
    [
        f"/api/events?offset={BIG}",
        f"/api/events/{BIG}",
        f"/api/events?limit={BIG}",
        f"/api/persons/{BIG}",
        f"/api/persons?offset={BIG}",
        f"/api/network?min_weight={BIG}",
        f"/api/countries/KAZ/dossier?top={BIG}",
        f"/events/{BIG}",
        f"/events?offset={BIG}",
        f"/persons/{BIG}.json",
        "/api/events/-1",
        "/api/events?country=" + "K" * 300,
    ],
)
def test_api_security_out_of_range_values_are_400(client, path):
    response = client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 400, response.text
    if path.startswith("/api"):
        _error(response, 400, "E060")


@pytest.mark.parametrize(
    "body",
    [
        {"action": "hide", "event": BIG, "reason": "r"},
        {"action": "hide", "event": str(BIG), "reason": "r"},
        {"action": "merge", "person": 1, "other": -5, "reason": "r"},
    ],
)
def test_api_security_out_of_range_body_ids_are_400(client, body):
    _error(client.post("/api/corrections", json=body, headers=WRITE), 400, "E060")
    _error(client.post(f"/api/corrections/{BIG}/revoke", headers=WRITE), 400, "E060")


@pytest.mark.parametrize(
    "path", ["/", "/api/events", "/api/persons/1", "/api/countries/KAZ/dossier", "/api/network"]
)
def test_api_security_empty_dates_mean_no_filter(client, path):
    response = client.get(path, params={"since": "", "until": "", "country": "", "limit": ""})
    assert response.status_code in (200, 404), response.text  # person 1 may not be linked yet
    if path == "/api/events":
        assert response.json()["total"] == 5


def test_api_security_unknown_hosts_are_refused(client):
    assert client.get("/api/summary", headers={"Host": "evil.example"}).status_code == 400
    assert client.get("/api/summary").status_code == 200


def test_api_security_default_hosts_are_the_local_ones(db_url):
    with TestClient(
        create_app(Settings.load(config_file=None, database_url=db_url)), base_url="http://127.0.0.1:8000"
    ) as local:
        assert local.get("/api/summary").status_code == 200
        assert local.get("/api/summary", headers={"Host": "attacker.example:8000"}).status_code == 400


@pytest.mark.parametrize("path", ["/", "/api/events", "/static/app.css", "/api/nothing", "/events/9999"])
def test_api_security_headers_on_every_answer(client, path):
    response = client.get(path, headers={"Origin": "https://evil.example"})
    headers = response.headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "*" not in csp
    assert "access-control-allow-origin" not in headers


def test_api_security_no_cors_preflight(client):
    response = client.options(
        "/api/corrections",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert "access-control-allow-origin" not in response.headers
    assert response.status_code >= 400


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org/", True),
        (" HTTPS://example.org/x ", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<b>", False),
        ("//evil.example/x", False),
        ("/relative", False),
        ("http:///nohost", False),
        ('https://example.org/"onmouseover="x', False),
        (None, False),
        ("vbscript:msgbox", False),
    ],
)
def test_api_security_only_http_links_are_kept(url, kept):
    assert (safe_url(url) is not None) is kept


# --- hostile articles, ingested through the real pipeline ---------------------------------------

PAYLOAD_TEXT = (
    "Deputy Minister of Foreign Affairs Daniyar Temirov met with a delegation of the House of "
    "Representatives of Nigeria led by Chidi Okafor, Chairman of the Committee on Foreign Affairs. "
    "<script>alert('text')</script> The sides discussed cooperation in agriculture, education and "
    "energy <img src=x onerror=alert('img')>, and the opening of direct flights between the two capitals."
)
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>News</title><link>https://news.example.org/</link>
<description>n</description>
<item><title>Senate Speaker meets &lt;script&gt;alert('rss')&lt;/script&gt; delegation</title>
<link>javascript:alert('rsslink')</link><guid>rss-hostile-1</guid>
<pubDate>Tue, 05 Mar 2024 10:00:00 +0000</pubDate>
<description>Speaker of the Senate Aigerim Sadykova met with a delegation of the Swedish Riksdag led by
Henrik Lindqvist &lt;svg onload=alert('svg')&gt;. The parties discussed interparliamentary cooperation,
trade and the exchange of experience in lawmaking, and agreed to hold the next meeting of the
friendship groups in Stockholm.</description></item></channel></rss>
"""


class _Live(HTMLParser):
    """Everything in a page that would run or navigate to script."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}>")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.found.append(f"<{tag} {name}={value}>")
        if tag == "script" and not (dict(attrs).get("src") or "").startswith("/static/"):
            self.found.append("<script> without our src")
        if tag in ("iframe", "object", "embed", "base"):
            self.found.append(f"<{tag}>")


def _live(html: str) -> list[str]:
    parser = _Live()
    parser.feed(html)
    return parser.found


def test_api_security_hostile_articles_are_inert_on_every_page(extractor, db_url, tmp_path):
    from parleys import service

    folder = tmp_path / "in"
    folder.mkdir()
    record = {
        "id": "hostile-1",
        "url": "javascript:alert('url')",
        "published": "2024-02-07",
        "title": "<script>alert('title')</script><img src=x onerror=alert('t')>",
        "text": PAYLOAD_TEXT,
    }
    (folder / "records.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / "feed.rss").write_text(RSS, encoding="utf-8")
    settings = _settings(db_url)
    service.ingest([folder], settings=settings, extractor=extractor)
    with TestClient(create_app(settings)) as client:
        events = client.get("/api/events").json()["events"]
        assert len(events) >= 2 and {e["article"] for e in events} >= {"hostile-1"}
        assert any(e["url"] == "javascript:alert('url')" for e in events)  # the data keeps it
        pages = ["/", "/?person=Temirov", *[f"/events/{e['id']}" for e in events]]
        pages += [f"/persons/{p['id']}" for e in events for p in e["participants"] if p.get("id")]
        for path in pages:
            response = client.get(path)
            if response.status_code == 404 and path.startswith("/persons/"):
                continue  # the person page arrives with the dashboard
            assert response.status_code == 200, path
            assert _live(response.text) == [], path
            for raw in ("<script>alert", "<img src=x", "<svg onload"):
                assert raw not in response.text, (path, raw)
        assert "&lt;script&gt;alert" in client.get("/").text  # shown, as text


def test_api_security_ingest_takes_only_http_urls_and_names_the_writer(client):
    calls = []

    def fake_ingest(inputs, *, settings, progress=None, source_name=None, run_started=None):
        from parleys.documents import IngestSummary, Rejection

        calls.append(list(inputs))
        return IngestSummary(stored=[inputs[0]], rejected=[Rejection(inputs[-1], "fetch_failed", "HTTP 404")])

    client.app.state.ingest = fake_ingest
    for urls in (
        ["file:///etc/passwd"],
        ["/etc/passwd"],
        ["javascript:alert(1)"],
        [],
        [f"https://example.org/{i}" for i in range(21)],
        ["https://example.org/" + "a" * 2000],
    ):
        _error(client.post("/api/ingest", json={"urls": urls}, headers=WRITE), 400, "E060")
    _error(client.post("/api/ingest", json={"urls": ["https://example.org/a"]}), 401, "HTTP401")
    assert calls == []
    done = client.post(
        "/api/ingest",
        headers=WRITE,
        json={"urls": ["https://example.org/a", "https://example.org/a", "http://example.org/feed"]},
    )
    assert done.status_code == 202, done.text  # a job (tests/test_api_jobs.py follows one through)
    job = done.json()
    assert (job["writer"], job["sources"]) == (
        "Ana Analyst",
        ["https://example.org/a", "http://example.org/feed"],
    )
    for _ in range(500):
        job = client.get(f"/api/ingest/jobs/{job['id']}").json()
        if job["status"] == "done":
            break
        time.sleep(0.02)
    assert calls == [["https://example.org/a", "http://example.org/feed"]]
    assert (job["status"], job["stored"], job["rejected"]) == ("done", 1, 1)
