"""The dashboard in a real browser: Debian's chromium driven by Playwright, against a server started
here on a temporary SQLite store (the hand-built samples plus samples/ through the real pipeline).

Screenshots of every page go to ``$PARLEYS_SCREENSHOTS`` (default: a temporary folder); the test
prints where. Skips when chromium or Playwright is missing (``scripts/install_system.sh``)."""

from __future__ import annotations

import functools
import os
import socket
import tempfile
import threading
import time
from pathlib import Path

import pytest

from parleys import service
from parleys.api import create_app
from parleys.settings import Settings
from sample_records import store_samples

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TOKEN = "browser-test-token-0123456789"

sync_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium: run scripts/install_system.sh"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("PARLEYS_SCREENSHOTS") or tempfile.mkdtemp(prefix="parleys-shots-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def server(extractor, samples_dir, tmp_path_factory):
    import uvicorn

    db = f"sqlite:///{tmp_path_factory.mktemp('browser')}/store.db"
    store_samples(db)
    port = _free_port()
    settings = Settings.load(config_file=None, database_url=db, port=port, api_tokens=f"Tester:{TOKEN}")
    service.ingest([samples_dir], settings=settings, extractor=extractor)
    app = create_app(settings)
    app.state.ingest = functools.partial(service.ingest, extractor=extractor)  # the loaded pipeline
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert running.started, "the server did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as play:
        launched = play.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    opened.problems = []  # console errors (a CSP violation is one) and uncaught exceptions
    opened.on("console", lambda msg: opened.problems.append(msg.text) if msg.type == "error" else None)
    opened.on("pageerror", lambda exc: opened.problems.append(str(exc)))
    yield opened
    context.close()


def _open(page, url: str, shots: Path, name: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
    assert page.problems == [], (url, page.problems)


def test_browser_every_page_loads_without_errors(server, page, shots):
    _open(page, server + "/", shots, "overview")
    assert page.locator("svg.chart rect").count() >= 2
    assert page.locator("table.events tbody tr").count() >= 5
    page.click("table.events tbody tr >> nth=0 >> td >> nth=0 >> a")
    page.wait_for_load_state("networkidle")
    assert "/events/" in page.url
    for path, name in [
        ("/events", "events"),
        ("/countries/KAZ?partner=TUR", "country"),
        ("/rejections", "rejections"),
        ("/review", "review"),
    ]:
        _open(page, server + path, shots, name)
    _open(page, server + "/ingest", shots, "ingest")
    _open(page, server + "/network", shots, "network")
    page.wait_for_selector("svg.network circle")
    assert page.locator("svg.network circle").count() >= 4
    assert "nodes" in page.inner_text("#network-status")
    page.screenshot(path=str(shots / "network.png"), full_page=True)
    _open(page, server + "/docs", shots, "docs")
    page.wait_for_selector(".swagger-ui .opblock", timeout=15000)
    assert page.locator(".swagger-ui .opblock").count() >= 10
    page.screenshot(path=str(shots / "docs.png"))


def test_browser_facets_search_and_paging(server, page, shots):
    _open(page, server + "/events", shots, "events-all")
    page.select_option("select[name=type]", "visit")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "type=visit" in page.url and "since=&until=" in page.url  # the browser sends empty fields
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1 and all(t == "visit" for t in rows.locator("td:nth-child(3)").all_inner_texts())
    page.goto(server + "/events")
    page.fill("input[name=person]", "Qoshanov")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Dauren Qoshanov" in page.inner_text("table.events")
    page.screenshot(path=str(shots / "events-person.png"), full_page=True)
    page.goto(server + "/events?limit=2")
    first = page.locator("table.events tbody tr td:nth-child(1)").all_inner_texts()
    page.click("a[rel=next]")
    page.wait_for_load_state("networkidle")
    second = page.locator("table.events tbody tr td:nth-child(1)").all_inner_texts()
    assert len(first) == 2 and len(second) == 2 and not set(first) & set(second)
    assert page.problems == []


def test_browser_event_highlights_and_person(server, page, shots):
    page.goto(server + "/events?type=visit&person=Qoshanov")
    page.click("table.events tbody tr >> nth=0 >> td >> nth=0 >> a")
    page.wait_for_load_state("networkidle")
    marks = page.locator(".article-text mark")
    assert marks.count() >= 5
    visit = page.locator(".article-text mark", has_text="official visit")
    assert visit.get_attribute("title").startswith("event type = visit (confidence 0.90")
    visit.hover()
    page.screenshot(path=str(shots / "event.png"), full_page=True)
    page.click("a.person:has-text('Dauren Qoshanov')")
    page.wait_for_load_state("networkidle")
    assert "/persons/" in page.url and "Offices over time" in page.inner_text("main")
    page.screenshot(path=str(shots / "person.png"), full_page=True)
    assert page.problems == []


def test_browser_correction_needs_the_token_then_applies(server, page, shots):
    import httpx

    event = httpx.get(server + "/api/events", params={"type": "call"}).json()["events"][0]
    page.goto(server + "/review")
    page.select_option("select[name=action]", "set_event")
    page.fill("#correction-form input[name=event]", str(event["id"]))
    page.fill("#correction-form input[name=field]", "type")
    page.fill("#correction-form input[name=value]", "meeting")
    page.fill("#correction-form input[name=reason]", "a meeting, not a call")
    page.click("#correction-form button[type=submit]")
    page.wait_for_function("document.getElementById('review-status').textContent.startsWith('Refused')")
    assert "HTTP401" in page.inner_text("#review-status")
    page.screenshot(path=str(shots / "review-refused.png"), full_page=True)
    assert httpx.get(server + "/api/corrections").json()["total"] == 0
    page.fill("#token", TOKEN)
    page.dispatch_event("#token", "change")
    page.click("#correction-form button[type=submit]")
    page.wait_for_selector("table.corrections td:has-text('a meeting, not a call')")
    assert "Tester" in page.inner_text("table.corrections")
    page.screenshot(path=str(shots / "review.png"), full_page=True)
    page.goto(server + f"/events/{event['id']}")
    assert page.inner_text("h1").startswith(f"Event {event['id']}: meeting")
    page.goto(server + "/review")
    page.click("button.revoke >> nth=0")
    page.wait_for_selector("table.corrections td:has-text('revoked')")
    assert httpx.get(server + f"/api/events/{event['id']}").json()["type"] == "call"
    # page.problems: the refused write logs a 401 in the console, which is the expected answer here


UPLOAD = (
    b" date 2024-03-12 Invented News\n\n"
    b"Chairman of the Mazhilis Yerbol Testbekov met with the Ambassador of Italy to Kazakhstan Marco "
    b"Inventori in Astana on 12 March 2024. The parties discussed trade, energy and interparliamentary "
    b"cooperation between Kazakhstan and Italy.\n"
)


def _status_until(page, starts: tuple[str, ...], seconds: float = 60) -> str:
    """The ingest status once it starts with one of ``starts``, read from here (a predicate run in
    the page would be an eval, which our CSP forbids)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        text = page.inner_text("#ingest-status")
        if text.startswith(starts):
            return text
        time.sleep(0.1)
    raise AssertionError(f"the ingest status stayed {page.inner_text('#ingest-status')!r}")


def test_browser_upload_needs_the_token_then_shows_progress_and_stores(server, page, shots):
    import httpx

    page.goto(server + "/ingest")
    page.set_input_files(
        "input[name=files]", files=[{"name": "upload-visit.txt", "mimeType": "text/plain", "buffer": UPLOAD}]
    )
    page.click("#upload-form button[type=submit]")
    _status_until(page, ("Refused",))
    assert "HTTP401" in page.inner_text("#ingest-status")
    page.fill("#token", TOKEN)
    page.dispatch_event("#token", "change")
    page.click("#upload-form button[type=submit]")
    _status_until(page, ("Done", "The run failed"))
    status = page.inner_text("#ingest-status")
    page.screenshot(path=str(shots / "ingest-upload.png"), full_page=True)
    assert status.startswith("Done: 1 stored"), status
    assert "upload-visit\tstored" in page.inner_text("#ingest-result")  # the article, by its id
    found = httpx.get(server + "/api/events", params={"person": "Testbekov"}).json()
    assert found["total"] >= 1 and found["events"][0]["article"] == "upload-visit"
    # the same file again is unchanged, and a file the ingest rejects shows its reason
    page.set_input_files(
        "input[name=files]",
        files=[
            {"name": "upload-visit.txt", "mimeType": "text/plain", "buffer": UPLOAD},
            {"name": "empty.txt", "mimeType": "text/plain", "buffer": b"   "},
        ],
    )
    page.click("#upload-form button[type=submit]")
    status = _status_until(page, ("Done", "The run failed"))
    assert status == "Done: 0 stored, 1 unchanged, 1 rejected.", status
    shown = page.inner_text("#ingest-result")
    assert "empty.txt\trejected: empty" in shown and "upload-visit" not in shown, shown
    page.screenshot(path=str(shots / "ingest-rejected.png"), full_page=True)
    # the jobs are stored: the page opened again lists them, the latest shown with its rejection
    page.problems.clear()  # the refused upload's 401, expected above
    _open(page, server + "/ingest", shots, "ingest-jobs")
    rows = page.locator("#ingest-jobs tbody tr[data-status=done]")
    assert rows.count() >= 2
    assert "Tester" in rows.nth(0).inner_text() and "empty.txt" in rows.nth(0).inner_text()
    assert page.inner_text("#ingest-status") == "Done: 0 stored, 1 unchanged, 1 rejected."
    assert "empty.txt\trejected: empty" in page.inner_text("#ingest-result")
    rows.nth(1).locator("a").click()  # the first upload's job
    page.wait_for_load_state("networkidle")
    assert page.inner_text("#ingest-status") == "Done: 1 stored, 0 unchanged, 0 rejected."
    assert "upload-visit\tstored" in page.inner_text("#ingest-result")
    assert page.problems == [], page.problems
