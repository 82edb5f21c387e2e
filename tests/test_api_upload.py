"""Uploads on the ingest page: token-protected, refused from another site's page, size- and
type-limited, ingested in the background with a progress that ends with every rejection's reason."""

from __future__ import annotations

import threading
import time

import pytest
from fastapi.testclient import TestClient

from parleys.api import create_app
from parleys.api.jobs import safe_name
from parleys.documents import IngestSummary, Rejection
from parleys.settings import Settings
from parleys.store import repository
from parleys.store.db import open_session

TOKEN = "upload-token-of-ana-0123"
WRITE = {"Authorization": f"Bearer {TOKEN}"}
MAX_BYTES = 2_000


class FakeIngest:
    """Stands for service.ingest: records what it was given, starts a run of its own and records
    each rejection in the store (as the real ingest), reports progress, waits when told."""

    def __init__(self) -> None:
        self.calls: list[list[tuple[str, bytes]]] = []
        self.release = threading.Event()
        self.release.set()

    def __call__(self, inputs, *, settings, progress=None, source_name=None, run_started=None):
        self.names = [source_name(str(p)) for p in inputs]
        self.calls.append([(p.name, p.read_bytes()) for p in inputs])
        summary = IngestSummary()
        with open_session(settings) as session:
            run = repository.start_run(session, pipeline_version="fake")
            session.commit()
            run_started(run.id)
            for path in inputs:
                if b"reject me" in path.read_bytes():
                    rejection = Rejection(source_name(str(path)), "no_event", "no contact between officials")
                    repository.record_rejection(session, rejection, run_id=run.id)
                    session.commit()
                    summary.rejected.append(rejection)
                    progress("rejected", str(path))
                else:
                    summary.stored.append(str(path))
                    progress("stored", str(path))
                self.release.wait(10)
        return summary


def _settings(db_url: str, **extra) -> Settings:
    return Settings.load(
        config_file=None,
        database_url=db_url,
        trusted_hosts="testserver",
        api_tokens=f"Ana Analyst:{TOKEN}",
        max_bytes=MAX_BYTES,
        **extra,
    )


@pytest.fixture()
def app_and_ingest(db_url):
    settings = _settings(db_url, max_body_bytes=1_000)
    fake = FakeIngest()
    app = create_app(settings)
    app.state.ingest = fake
    with TestClient(app) as client:
        yield client, fake


def _files(*items: tuple[str, bytes, str]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", item) for item in items]


def _wait(client: TestClient, job_id: str) -> dict:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        job = client.get(f"/api/ingest/jobs/{job_id}").json()
        if job["status"] not in ("queued", "running"):
            return job
        time.sleep(0.02)
    raise AssertionError("the job did not finish")


def _refused(response, status: int, code: str) -> str:
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    return response.json()["error"]["message"]


def test_api_upload_stores_files_and_reports_progress_with_reasons(app_and_ingest):
    client, fake = app_and_ingest
    fake.release.clear()  # the ingest waits after each file: the job is seen running
    started = client.post(
        "/api/ingest/files",
        headers=WRITE,
        files=_files(
            ("one.txt", b"2024-01-02\nA met B.", "text/plain"),
            ("../../etc/two.html", b"<p>reject me</p>", "text/html"),
            ("one.txt", b"again", "text/plain"),
        ),
    )
    assert started.status_code == 202, started.text
    job = started.json()
    assert (job["writer"], job["status"], job["kind"], job["inputs"]) == (
        "Ana Analyst",
        "running",
        "files",
        3,
    )
    assert job["sources"] == ["one.txt", "two.html", "one-2.txt"]  # no path escapes, no name twice
    deadline = time.monotonic() + 10
    while client.get(f"/api/ingest/jobs/{job['id']}").json()["processed"] < 1:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    running = client.get(f"/api/ingest/jobs/{job['id']}").json()
    assert (running["status"], running["stored"], running["processed"]) == ("running", 1, 1)
    fake.release.set()
    done = _wait(client, job["id"])
    assert done["status"] == "done" and done["finished_at"]
    assert (done["processed"], done["stored"], done["rejected"]) == (3, 2, 1)
    assert [(r["source"], r["reason"], r["detail"]) for r in done["rejections"]] == [
        ("two.html", "no_event", "no contact between officials")
    ]
    assert fake.calls == [
        [("one.txt", b"2024-01-02\nA met B."), ("two.html", b"<p>reject me</p>"), ("one-2.txt", b"again")]
    ]
    assert fake.names == ["one.txt", "two.html", "one-2.txt"]  # the sources the store is to record


def test_api_upload_without_the_token_is_refused(app_and_ingest):
    client, fake = app_and_ingest
    upload = _files(("one.txt", b"text", "text/plain"))
    for headers in ({}, {"Authorization": "Bearer wrong-token-000000000"}, {"Authorization": TOKEN}):
        _refused(client.post("/api/ingest/files", headers=headers, files=upload), 401, "HTTP401")
    assert fake.calls == []


def test_api_upload_from_another_sites_page_is_refused(app_and_ingest):
    """A form of another site can post multipart, and its page may hold a token: the Origin tells."""
    client, fake = app_and_ingest
    upload = _files(("one.txt", b"text", "text/plain"))
    evil = {**WRITE, "Origin": "https://evil.example"}
    _refused(client.post("/api/ingest/files", headers=evil, files=upload), 403, "HTTP403")
    _refused(
        client.post("/api/corrections", headers=evil, json={"action": "hide", "event": 1, "reason": "r"}),
        403,
        "HTTP403",
    )
    ours = {**WRITE, "Origin": "http://testserver"}
    accepted = client.post("/api/ingest/files", headers=ours, files=upload)
    assert accepted.status_code == 202
    assert _wait(client, accepted.json()["id"])["stored"] == 1
    assert fake.calls == [[("one.txt", b"text")]]  # only the upload from our own page ran


@pytest.mark.parametrize(
    ("name", "content", "kind", "status", "words"),
    [
        ("picture.png", b"\x89PNG....", "image/png", 415, "not a kind of file"),
        ("archive.zip", b"PK\x03\x04", "application/zip", 415, "not a kind of file"),
        ("page.html", b"<p>x</p>", "image/svg+xml", 415, "is not a text"),
        ("no-suffix", b"text", "text/plain", 415, "not a kind of file"),
        ("big.txt", b"x" * (MAX_BYTES + 1), "text/plain", 413, "over the limit"),
    ],
)
def test_api_upload_refuses_wrong_types_and_oversize_files(
    app_and_ingest, name, content, kind, status, words
):
    client, fake = app_and_ingest
    code = f"HTTP{status}"
    message = _refused(
        client.post("/api/ingest/files", headers=WRITE, files=_files((name, content, kind))), status, code
    )
    assert words in message
    assert fake.calls == []


def test_api_upload_refuses_a_body_over_the_upload_limit_and_too_many_files(app_and_ingest):
    client, fake = app_and_ingest
    huge = _files(("huge.txt", b"x" * 200_000, "text/plain"))
    _refused(client.post("/api/ingest/files", headers=WRITE, files=huge), 413, "HTTP413")
    many = _files(*[(f"f{i}.txt", b"x", "text/plain") for i in range(21)])
    assert "at most 20" in _refused(client.post("/api/ingest/files", headers=WRITE, files=many), 400, "E060")
    # an upload may be larger than max_body_bytes (1,000 here): it has its own limit
    fits = _files(("fits.txt", b"y" * 1_500, "text/plain"))
    assert client.post("/api/ingest/files", headers=WRITE, files=fits).status_code == 202
    # every other body keeps max_body_bytes
    _refused(
        client.post("/api/ingest", headers=WRITE, json={"urls": ["https://example.org/" + "a" * 1500]}),
        413,
        "HTTP413",
    )


def test_api_upload_unknown_job_is_404(app_and_ingest):
    client, _fake = app_and_ingest
    _refused(client.get("/api/ingest/jobs/12345"), 404, "HTTP404")
    assert client.get("/api/ingest/jobs/../../etc").status_code == 404
    _refused(client.get("/api/ingest/jobs/a%20b%20c%20d%20e"), 400, "E060")


def test_api_upload_a_failed_run_is_reported(app_and_ingest):
    from parleys.errors import ModelError

    client, _fake = app_and_ingest

    def broken(inputs, *, settings, progress=None, source_name=None, run_started=None):
        raise RuntimeError("the model could not be loaded")

    client.app.state.ingest = broken
    job = client.post("/api/ingest/files", headers=WRITE, files=_files(("a.txt", b"x", "text/plain"))).json()
    done = _wait(client, job["id"])
    assert (done["status"], done["error"]) == ("failed", "RuntimeError: the model could not be loaded")
    assert done["finished_at"] and done["processed"] == 0

    def missing_model(inputs, *, settings, progress=None, source_name=None, run_started=None):
        raise ModelError("spaCy model 'x' is not installed")

    client.app.state.ingest = missing_model
    job = client.post("/api/ingest/files", headers=WRITE, files=_files(("b.txt", b"x", "text/plain"))).json()
    assert _wait(client, job["id"])["error"] == "E020: spaCy model 'x' is not installed"
    # the next job runs: a failure does not take the worker down
    client.app.state.ingest = _fake
    job = client.post("/api/ingest/files", headers=WRITE, files=_files(("c.txt", b"x", "text/plain"))).json()
    assert _wait(client, job["id"])["status"] == "done"


def test_api_upload_safe_names():
    taken: set[str] = set()
    assert safe_name("C:\\Users\\x\\report one.TXT", taken) == "report_one.TXT"
    assert safe_name(".hidden.txt", taken) == "hidden.txt"
    assert safe_name("report one.TXT", taken) == "report_one-2.TXT"
    assert safe_name("", taken) == "upload"
    assert len(safe_name("a" * 500 + ".jsonl", taken)) <= 100


def test_api_upload_page_shows_the_form_and_the_limits(app_and_ingest):
    client, _fake = app_and_ingest
    page = client.get("/ingest").text
    assert 'id="upload-form"' in page and 'type="file"' in page and 'name="files" multiple' in page
    assert ".jsonl" in page and "At most 20 files of at most 2000 bytes" in page
    limits = client.get("/ingest.json").json()
    assert (limits["max_files"], limits["max_bytes"], limits["writable"]) == (20, MAX_BYTES, True)


def test_api_upload_stores_the_files_own_name_as_source(db_url, extractor):
    """Through the real ingest: the stored article's and rejection's source is the uploaded file's
    safe name, never the server's temporary folder."""
    import functools

    from sqlalchemy import select

    from parleys import service
    from parleys.store.db import open_session
    from parleys.store.models import ArticleRow, RejectionRow

    settings = _settings(db_url)
    app = create_app(settings)
    app.state.ingest = functools.partial(service.ingest, extractor=extractor)
    text = (
        "ASTANA, 3 March 2024. Speaker of the Senate Dauren Qoshanov met with the Ambassador of Georgia "
        "Levan Beridze. The parties discussed inter-parliamentary cooperation, trade between the two "
        "countries and the next session of the joint commission, to be held in Tbilisi in the autumn."
    )
    with TestClient(app) as client:
        started = client.post(
            "/api/ingest/files",
            headers=WRITE,
            files=_files(
                ("C:\\Users\\ana\\Senate meeting.txt", text.encode(), "text/plain"),
                ("../empty.txt", b"", "text/plain"),
            ),
        )
        assert started.status_code == 202, started.text
        done = _wait(client, started.json()["id"])
    assert done["status"] == "done", done
    assert done["articles"] == ["Senate_meeting"], done["rejections"]  # the article id: the name's stem
    assert [(r["source"], r["reason"]) for r in done["rejections"]] == [("empty.txt", "empty")]
    assert (done["stored"], done["rejected"], done["sources"]) == (1, 1, ["Senate_meeting.txt", "empty.txt"])
    with open_session(settings, create=False) as session:
        assert session.scalars(select(ArticleRow.source)).all() == ["Senate_meeting.txt"]
        assert session.scalars(select(RejectionRow.source)).all() == ["empty.txt"]
