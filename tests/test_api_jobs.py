"""Every ingest of the API (uploaded files, URLs, feeds) is a job stored in the database: listed and
paged, bounded in number, started only with the token, marked interrupted when the server that ran
it stops, and ending with its counts and its rejections (the store's rejection rows, with reasons)."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from local_http import base_url, clear_proxies, serving
from parleys import service
from parleys.api import create_app
from parleys.api.jobs import SHUT_DOWN, STOPPED
from parleys.documents import IngestSummary, Rejection
from parleys.settings import Settings
from parleys.store import repository
from parleys.store.db import open_session

TOKEN = "jobs-token-of-ana-012345"
WRITE = {"Authorization": f"Bearer {TOKEN}"}
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
PAGES = {
    "/news/article.html": ("text/html; charset=utf-8", FIXTURES / "html" / "article.html"),
    "/news/menu.html": ("text/html", FIXTURES / "html" / "menu-only.html"),
    "/feed": ("application/rss+xml", FIXTURES / "feeds" / "rss.xml"),
}


def _settings(db_url: str, **extra) -> Settings:
    values = {"trusted_hosts": "testserver", "api_tokens": f"Ana Analyst:{TOKEN}", **extra}
    return Settings.load(config_file=None, database_url=db_url, **values)


class Gate:
    """Stands for service.ingest: a run of its own in the store (as the real one), one rejection
    row per input containing 'bad', and it waits at each input until released."""

    def __init__(self) -> None:
        self.release = threading.Event()
        self.release.set()
        self.calls: list[list[str]] = []
        self.entered = threading.Event()

    def __call__(self, inputs, *, settings, progress, source_name=None, run_started=None):
        named = source_name or str
        self.calls.append([named(str(i)) for i in inputs])
        summary = IngestSummary()
        with open_session(settings) as session:
            run = repository.start_run(session, pipeline_version="gate")
            session.commit()
            run_started(run.id)
            self.entered.set()
            for item in inputs:
                source = named(str(item))
                if "bad" in source:
                    rejection = Rejection(source, "fetch_failed", "HTTP 404 Not Found")
                    repository.record_rejection(session, rejection, run_id=run.id)
                    session.commit()
                    summary.rejected.append(rejection)
                    progress("rejected", source)
                else:
                    summary.stored.append(source)
                    progress("stored", source)
                assert self.release.wait(10)
        return summary


def _app(db_url: str, gate: Gate | None = None, **extra):
    app = create_app(_settings(db_url, **extra))
    if gate is not None:
        app.state.ingest = gate
    return app


def _wait(
    client: TestClient, job_id: int, until=("done", "failed", "interrupted"), seconds: float = 60
) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job = client.get(f"/api/ingest/jobs/{job_id}").json()
        if job["status"] in until:
            return job
        time.sleep(0.02)
    raise AssertionError(f"job {job_id} stayed {job['status']}")


def _error(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    return response.json()["error"]["message"]


def _urls(*urls: str) -> dict:
    return {"urls": list(urls)}


def test_api_jobs_url_job_runs_in_the_background_with_counts_and_rejection_reasons(db_url):
    gate = Gate()
    gate.release.clear()
    with TestClient(_app(db_url, gate)) as client:
        started = client.post(
            "/api/ingest", headers=WRITE, json=_urls("https://example.org/a", "https://example.org/bad")
        )
        assert started.status_code == 202, started.text
        job = started.json()
        assert (job["kind"], job["status"], job["writer"], job["inputs"]) == (
            "urls",
            "running",
            "Ana Analyst",
            2,
        )
        assert job["sources"] == ["https://example.org/a", "https://example.org/bad"]
        assert gate.entered.wait(10)
        deadline = time.monotonic() + 10
        while (running := client.get(f"/api/ingest/jobs/{job['id']}").json())["processed"] < 1:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        assert (running["status"], running["stored"], running["rejected"]) == ("running", 1, 0)
        assert running["run_id"] is not None and running["finished_at"] is None
        gate.release.set()
        done = _wait(client, job["id"])
        assert (done["status"], done["processed"], done["stored"], done["unchanged"], done["rejected"]) == (
            "done",
            2,
            1,
            0,
            1,
        )
        assert done["finished_at"] >= done["started_at"] >= done["created_at"]
        # the job's rejections are the store's rejection rows of its run
        stored = client.get("/api/rejections").json()["rejections"]
        assert [(r["id"], r["run_id"]) for r in stored] == [(done["rejections"][0]["id"], done["run_id"])]
        assert done["rejections"] == [
            {
                "id": stored[0]["id"],
                "source": "https://example.org/bad",
                "reason": "fetch_failed",
                "detail": "HTTP 404 Not Found",
            }
        ]
    assert gate.calls == [["https://example.org/a", "https://example.org/bad"]]


def test_api_jobs_survive_a_restart_as_interrupted(db_url):
    """A job running (and one waiting) when the server stops is found interrupted by the next
    server on the same store; the old worker, should it still finish, cannot undo that."""
    gate = Gate()
    gate.release.clear()
    first = TestClient(_app(db_url, gate))  # no lifespan: the process "dies" without shutting down
    running = first.post("/api/ingest", headers=WRITE, json=_urls("https://example.org/one")).json()
    waiting = first.post("/api/ingest", headers=WRITE, json=_urls("https://example.org/two")).json()
    assert (running["status"], waiting["status"]) == ("running", "queued")
    assert gate.entered.wait(10)
    with TestClient(_app(db_url)) as second:
        page = second.get("/api/ingest/jobs").json()
        assert page["total"] == 2
        assert [(j["id"], j["status"], j["error"]) for j in page["jobs"]] == [
            (waiting["id"], "interrupted", STOPPED),
            (running["id"], "interrupted", STOPPED),
        ]
        gate.release.set()  # the old worker ends its run: the job stays interrupted
        _settle(first)
        after = second.get(f"/api/ingest/jobs/{running['id']}").json()
        assert (after["status"], after["error"]) == ("interrupted", STOPPED)
        assert after["finished_at"] is not None
        assert gate.calls == [["https://example.org/one"]]  # the waiting job never started
        # finished jobs stay listed, and the new server takes new jobs
        second.app.state.ingest = gate
        again = second.post("/api/ingest", headers=WRITE, json=_urls("https://example.org/three")).json()
        assert _wait(second, again["id"])["status"] == "done"
        assert second.get("/api/ingest/jobs").json()["total"] == 3


def test_api_jobs_shutdown_marks_the_servers_unfinished_jobs_interrupted(db_url):
    gate = Gate()
    gate.release.clear()
    with TestClient(_app(db_url, gate)) as client:
        job = client.post("/api/ingest", headers=WRITE, json=_urls("https://example.org/one")).json()
        assert gate.entered.wait(10)
    gate.release.set()
    with TestClient(_app(db_url)) as client:
        found = client.get(f"/api/ingest/jobs/{job['id']}").json()
    assert (found["status"], found["error"]) == ("interrupted", SHUT_DOWN)


def test_api_jobs_limits_running_and_waiting_jobs(db_url):
    gate = Gate()
    gate.release.clear()
    with TestClient(_app(db_url, gate, ingest_jobs=1, ingest_queue=1)) as client:
        one = client.post("/api/ingest", headers=WRITE, json=_urls("https://example.org/1"))
        two = client.post(
            "/api/ingest/files", headers=WRITE, files=[("files", ("two.txt", b"text", "text/plain"))]
        )
        assert (one.status_code, two.status_code) == (202, 202)
        assert (one.json()["status"], two.json()["status"]) == ("running", "queued")
        assert two.json()["sources"] == ["two.txt"] and two.json()["started_at"] is None
        for attempt in (
            client.post("/api/ingest", headers=WRITE, json=_urls("https://example.org/3")),
            client.post("/api/ingest/files", headers=WRITE, files=[("files", ("3.txt", b"x", "text/plain"))]),
        ):
            message = _error(attempt, 429, "HTTP429")
            assert "ingest_jobs" in message and attempt.headers["retry-after"] == "30"
        assert client.get("/api/ingest/jobs").json()["total"] == 2  # the refused ones left no job
        gate.release.set()
        first, second = _wait(client, one.json()["id"]), _wait(client, two.json()["id"])
        assert (first["status"], second["status"]) == ("done", "done")
        assert second["started_at"] >= first["finished_at"]  # one at a time, in order
        assert gate.calls == [["https://example.org/1"], ["two.txt"]]
        three = client.post("/api/ingest", headers=WRITE, json=_urls("https://example.org/3"))
        assert three.status_code == 202 and three.json()["status"] == "running"
        assert _wait(client, three.json()["id"])["status"] == "done"


def test_api_jobs_run_side_by_side_up_to_the_setting(db_url):
    gate = Gate()
    gate.release.clear()
    with TestClient(_app(db_url, gate, ingest_jobs=2, ingest_queue=0)) as client:
        one = client.post("/api/ingest", headers=WRITE, json=_urls("https://example.org/1")).json()
        two = client.post("/api/ingest", headers=WRITE, json=_urls("https://example.org/2")).json()
        assert (one["status"], two["status"]) == ("running", "running")
        assert client.app.state.jobs.busy() == (2, 0)
        _error(client.post("/api/ingest", headers=WRITE, json=_urls("https://example.org/3")), 429, "HTTP429")
        running = client.get("/api/ingest/jobs", params={"status": "running"}).json()
        assert [j["id"] for j in running["jobs"]] == [two["id"], one["id"]]
        gate.release.set()
        assert [_wait(client, j["id"])["status"] for j in (one, two)] == ["done", "done"]
        _settle(client)  # both workers end: their places are free again


def _settle(client: TestClient) -> None:
    """The workers give their places back just after the job's last write."""
    deadline = time.monotonic() + 10
    while client.app.state.jobs.busy() != (0, 0):
        assert time.monotonic() < deadline
        time.sleep(0.02)


def test_api_jobs_limit_settings_are_bounded():
    from parleys.errors import SettingsError

    for bad in ({"ingest_jobs": 0}, {"ingest_queue": -1}):
        with pytest.raises(SettingsError):
            Settings.load(config_file=None, **bad)
    assert (Settings.load(config_file=None).ingest_jobs, Settings.load(config_file=None).ingest_queue) == (
        1,
        10,
    )


def test_api_jobs_writes_without_the_token_are_refused(db_url):
    gate = Gate()
    with TestClient(_app(db_url, gate)) as client:
        upload = [("files", ("one.txt", b"text", "text/plain"))]
        for headers in ({}, {"Authorization": "Bearer not-the-token-0000000"}, {"Authorization": TOKEN}):
            _error(
                client.post("/api/ingest", headers=headers, json=_urls("https://example.org/a")),
                401,
                "HTTP401",
            )
            _error(client.post("/api/ingest/files", headers=headers, files=upload), 401, "HTTP401")
        evil = {**WRITE, "Origin": "https://evil.example"}
        _error(client.post("/api/ingest", headers=evil, json=_urls("https://example.org/a")), 403, "HTTP403")
        # the writer is the token's holder: a client field naming one is refused
        _error(
            client.post(
                "/api/ingest", headers=WRITE, json={**_urls("https://example.org/a"), "writer": "Mallory"}
            ),
            400,
            "E060",
        )
        assert client.get("/api/ingest/jobs").json()["total"] == 0
    with TestClient(_app(db_url, gate, api_tokens=None)) as client:
        message = _error(client.post("/api/ingest", json=_urls("https://example.org/a")), 403, "HTTP403")
        assert "read-only" in message
        assert client.get("/api/ingest/jobs").json()["total"] == 0
    assert gate.calls == []


def test_api_jobs_listing_is_paged_latest_first(db_url):
    gate = Gate()
    with TestClient(_app(db_url, gate, ingest_queue=10)) as client:
        ids = []
        for n in range(5):
            job = client.post("/api/ingest", headers=WRITE, json=_urls(f"https://example.org/{n}")).json()
            ids.append(_wait(client, job["id"])["id"])
        bad = client.post("/api/ingest", headers=WRITE, json=_urls("https://example.org/bad")).json()
        _wait(client, bad["id"])
        newest_first = [bad["id"], *reversed(ids)]
        page = client.get("/api/ingest/jobs", params={"limit": 2}).json()
        assert (page["total"], page["limit"], page["offset"]) == (6, 2, 0)
        assert [j["id"] for j in page["jobs"]] == newest_first[:2]
        assert "rejections" not in page["jobs"][0]  # the list has the counts; one job has its rows
        page = client.get("/api/ingest/jobs", params={"limit": 2, "offset": 4}).json()
        assert [j["id"] for j in page["jobs"]] == newest_first[4:]
        assert client.get("/api/ingest/jobs", params={"offset": 6}).json()["jobs"] == []
        assert client.get("/api/ingest/jobs", params={"limit": "all"}).json()["limit"] == 100
        done = client.get("/api/ingest/jobs", params={"status": "done"}).json()
        assert done["total"] == 6 and {j["rejected"] for j in done["jobs"]} == {0, 1}
        assert client.get("/api/ingest/jobs", params={"status": "running"}).json()["total"] == 0
        for params in (
            {"limit": 101},
            {"limit": "x"},
            {"offset": 10**30},
            {"offset": -1},
            {"status": "lost"},
        ):
            _error(client.get("/api/ingest/jobs", params=params), 400, "E060")
        _error(client.get(f"/api/ingest/jobs/{10**30}"), 400, "E060")
        _error(client.get("/api/ingest/jobs/abcdefghijkl"), 400, "E060")
        _error(client.get("/api/ingest/jobs/999"), 404, "HTTP404")


def test_api_jobs_page_shows_jobs_progress_and_rejections(db_url):
    gate = Gate()
    with TestClient(_app(db_url, gate)) as client:
        assert "No ingest jobs yet." in client.get("/ingest").text
        ok = client.post("/api/ingest", headers=WRITE, json=_urls("https://example.org/fine")).json()
        _wait(client, ok["id"])
        job = client.post(
            "/api/ingest",
            headers=WRITE,
            json=_urls("https://example.org/a", "https://example.org/bad?a=1&b=2"),
        ).json()
        _wait(client, job["id"])
        page = client.get("/ingest").text
        assert '<script src="/static/ingest.js"></script>' in page
        assert "<script>" not in page and "onclick" not in page  # CSP: no inline script
        assert f'<tr data-job="{job["id"]}" data-status="done">' in page
        assert f'<tr data-job="{ok["id"]}" data-status="done">' in page
        assert (
            'id="ingest-status" class="status" role="status">Done: 1 stored, 0 unchanged, 1 rejected.' in page
        )
        # the latest job is shown with its rejection and reason; the source is escaped
        assert "<td>https://example.org/bad?a=1&amp;b=2</td><td>rejected: fetch_failed</td>" in page
        assert "https://example.org/bad?a=1&b=2" not in page
        older = client.get("/ingest", params={"job": ok["id"]}).text
        assert "Done: 1 stored, 0 unchanged, 0 rejected." in older and "rejected: fetch_failed" not in older
        twin = client.get("/ingest.json").json()
        assert [j["id"] for j in twin["jobs"]] == [job["id"], ok["id"]] and twin["total"] == 2
        assert twin["job"]["rejections"][0]["reason"] == "fetch_failed"
        assert (twin["ingest_jobs"], twin["ingest_queue"], twin["max_files"]) == (1, 10, 20)
        _error(client.get("/ingest.json", params={"job": 999}), 404, "HTTP404")
        script = client.get("/static/ingest.js")
        assert (
            script.status_code == 200
            and "/api/ingest/jobs/" in script.text
            and "innerHTML" not in script.text
        )


def test_api_jobs_openapi_documents_the_job_routes(db_url):
    with TestClient(_app(db_url)) as client:
        schema = client.get("/openapi.json").json()
    paths = schema["paths"]
    assert {"/api/ingest", "/api/ingest/files", "/api/ingest/jobs", "/api/ingest/jobs/{job_id}"} <= set(paths)
    assert "/ingest" not in paths
    post = paths["/api/ingest"]["post"]["responses"]
    assert {"202", "400", "401", "403", "429"} <= set(post) and "422" not in post
    detail = schema["components"]["schemas"]["JobDetailOut"]["properties"]
    assert {"status", "writer", "inputs", "stored", "unchanged", "rejected", "rejections"} <= set(detail)


def test_api_jobs_migration_adds_and_removes_the_table(db_settings):
    from alembic import command
    from sqlalchemy import inspect

    from parleys.store.db import alembic_config, make_engine, upgrade

    engine = make_engine(db_settings)
    upgrade(engine)
    assert "ingest_jobs" in inspect(engine).get_table_names()
    with engine.begin() as connection:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "0008_name_keys")
    assert "ingest_jobs" not in inspect(engine).get_table_names()
    upgrade(engine)
    assert {"ix_ingest_jobs_status", "ix_ingest_jobs_run_id"} <= {
        i["name"] for i in inspect(engine).get_indexes("ingest_jobs")
    }
    engine.dispose()


# --- through the real ingest, from a local HTTP server (never the internet) ------------------------


class _Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path not in PAGES:
            self.send_response(404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "9")
            self.end_headers()
            self.wfile.write(b"not found")
            return
        kind, path = PAGES[self.path]
        body = path.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def pages() -> Iterator[str]:
    with serving(_Pages) as httpd:
        yield base_url(httpd)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxies(monkeypatch)


@pytest.fixture()
def real(db_url, extractor) -> Iterator[TestClient]:
    app = _app(db_url)
    app.state.ingest = functools.partial(service.ingest, extractor=extractor)
    with TestClient(app) as client:
        yield client


def test_api_jobs_url_and_feed_from_a_local_server_end_done_with_counts(real, pages):
    started = real.post(
        "/api/ingest", headers=WRITE, json=_urls(f"{pages}/news/article.html", f"{pages}/feed")
    )
    assert started.status_code == 202, started.text
    done = _wait(real, started.json()["id"])
    assert done["status"] == "done", done
    # the page and the feed's two items are stored; the feed counts each item
    assert (done["inputs"], done["processed"], done["stored"], done["unchanged"], done["rejected"]) == (
        2,
        3,
        3,
        0,
        0,
    )
    assert len(done["articles"]) == 3 and done["rejections"] == []
    events = real.get("/api/events", params={"limit": 0}).json()
    assert {e["article"] for e in events["events"]} <= set(done["articles"])
    # the same URLs again: nothing new, every input unchanged
    again = _wait(
        real, real.post("/api/ingest", headers=WRITE, json=_urls(f"{pages}/news/article.html")).json()["id"]
    )
    assert (again["status"], again["stored"], again["unchanged"], again["articles"]) == ("done", 0, 1, [])


def test_api_jobs_bad_urls_end_with_their_rejections_recorded(real, pages):
    missing, menu = f"{pages}/missing", f"{pages}/news/menu.html"
    started = real.post("/api/ingest", headers=WRITE, json=_urls(missing, menu))
    done = _wait(real, started.json()["id"])
    assert (done["status"], done["stored"], done["rejected"]) == ("done", 0, 2), done
    assert [(r["source"], r["reason"], r["detail"]) for r in done["rejections"]] == [
        (missing, "fetch_failed", "HTTP 404 Not Found"),
        (menu, "no_text", done["rejections"][1]["detail"]),
    ]
    rows = real.get("/api/rejections").json()["rejections"]
    assert [(row["id"], row["source"], row["reason"], row["run_id"]) for row in rows] == [
        (r["id"], r["source"], r["reason"], done["run_id"]) for r in done["rejections"]
    ]
    page = real.get("/ingest").text
    assert "rejected: fetch_failed" in page and "HTTP 404 Not Found" in page and "rejected: no_text" in page
