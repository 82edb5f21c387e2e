"""The dashboard pages and the API document: every page renders over the samples, has a JSON twin,
and the OpenAPI document describes every answer and error as the server gives them."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from parleys.api import create_app
from parleys.api.app import STATIC_DIR
from parleys.resolve import resolve_all
from parleys.settings import Settings
from parleys.store.db import open_session
from sample_records import store_samples
from sql_seen import settled_counts, statements_seen


@pytest.fixture()
def client(db_url):
    store_samples(db_url)
    settings = Settings.load(config_file=None, database_url=db_url, trusted_hosts="testserver")
    with open_session(settings) as session:
        resolve_all(session)
        session.commit()
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def _ids(client) -> dict[str, int]:
    events = client.get("/api/events").json()["events"]
    visit = next(e for e in events if e["type"] == "visit")
    return {"visit": visit["id"], "person": visit["participants"][0]["id"], "all": len(events)}


def _pages(client) -> list[str]:
    ids = _ids(client)
    return [
        "/",
        "/events",
        "/events?country=KAZ",
        f"/events/{ids['visit']}",
        f"/persons/{ids['person']}",
        "/countries/KAZ",
        "/countries/KAZ?partner=TUR",
        "/network",
        "/review",
        "/rejections",
        "/ingest",
    ]


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.assets: list[str] = []

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.assets.append(found["src"])
        if tag == "link" and found.get("rel") == "stylesheet":
            self.assets.append(found["href"])


def _assets(html: str) -> list[str]:
    parser = _Assets()
    parser.feed(html)
    return parser.assets


def test_web_pages_render_with_local_assets_only(client):
    for path in _pages(client) + ["/docs", "/redoc"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assets = _assets(response.text)
        assert assets and all(a.startswith("/static/") for a in assets), (path, assets)
        for asset in assets:
            assert client.get(asset).status_code == 200, asset
        assert "<script>" not in response.text and " style=" not in response.text  # CSP: no inline code


def test_web_pages_each_have_a_json_twin(client):
    for path in _pages(client):
        html = client.get(path).text
        twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', html).group(1)
        by_suffix = client.get(twin.replace("&amp;", "&"))
        by_accept = client.get(path, headers={"Accept": "application/json"})
        assert by_suffix.status_code == 200 and by_suffix.headers["content-type"] == "application/json", path
        assert by_suffix.json() == by_accept.json(), path


def test_web_overview_counts_chart_and_latest(client):
    data = client.get("/index.json").json()
    assert data["summary"]["events"] == 5
    assert [m["month"] for m in data["contacts_per_month"]][:2] == ["2023-10", "2023-11"]
    assert sum(m["events"] for m in data["contacts_per_month"]) == 4  # one event is undated
    assert data["top_countries"]["KAZ"] == 4
    html = client.get("/").text
    assert html.count("<rect ") == len(data["contacts_per_month"])
    assert 'href="/countries/KAZ"' in html and "Selim Şahinoğlu" in html


def test_web_overview_tells_settled_once_per_request(client):
    """The overview's readers (contacts per month, latest events) each ask whether the store is
    settled; a GET's session counts it once (four counts in one statement)."""
    with statements_seen(client.app.state.engine) as seen:
        for _ in range(2):
            data = client.get("/index.json").json()
            assert len(data["latest"]) == 5 and sum(m["events"] for m in data["contacts_per_month"]) == 4
    assert settled_counts(seen) == 2  # once per request, not kept from one request to the next
    assert client.app.state.engine.pool.checkedout() == 0  # each request's session closed after it


def test_web_events_filter_paging_and_empty_fields(client):
    empty = {"country": "", "since": "", "until": "", "type": ""}
    html = client.get("/events", params={**empty, "limit": "2"}).text
    assert "1–2 of 5 events" in html
    nxt = re.search(r'<a rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    second = client.get(nxt).text
    assert "3–4 of 5 events" in second and 'rel="prev"' in second
    assert "1–1 of 1 events" in client.get("/events", params={"type": "call"}).text


def test_web_events_csv_is_the_whole_filtered_view_without_formulas(client, db_url):
    with open_session(Settings.load(config_file=None, database_url=db_url)) as session:
        from parleys.store.models import ArticleRow

        row = session.query(ArticleRow).filter_by(external_id="kz-ge").one()
        row.title = '=HYPERLINK("http://evil.example")'
        session.commit()
    response = client.get("/events.csv", params={"country": "KAZ", "limit": "1"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 4  # every matching event, not one page
    cells = [c for r in rows for c in r.values() if c]
    assert not any(c.startswith(("=", "+", "@")) for c in cells)
    assert any(c.startswith("'=HYPERLINK") for c in cells)


def test_web_event_page_highlights_every_evidence(client):
    ids = _ids(client)
    html = client.get(f"/events/{ids['visit']}").text
    marks = re.findall(r'<mark title="([^"]+)" data-field="[^"]+">([^<]+)</mark>', html)
    by_text = {text: title for title, text in marks}
    assert "official visit" in by_text and by_text["official visit"].startswith("event type = visit")
    assert "confidence 0.90" in by_text["official visit"]
    assert "energy" in by_text and "topic = energy" in by_text["energy"]
    assert "TURKPA" in by_text
    assert by_text["Selim Şahinoğlu"].startswith("Selim Şahinoğlu: name")
    text = client.get(f"/events/{ids['visit']}.json").json()["text"]
    assert "".join(s["text"] for s in text).startswith("ANKARA. Speaker of the Grand National Assembly")


def test_web_person_and_country_pages(client):
    ids = _ids(client)
    person = client.get(f"/persons/{ids['person']}.json").json()
    assert person["name"] in client.get(f"/persons/{ids['person']}").text
    html = client.get("/countries/Kazakhstan", params={"partner": "TUR"}).text
    assert "Kazakhstan" in html and "Timeline with a partner" in html
    assert client.get("/countries/KAZ.json", params={"partner": "TUR"}).json()["timeline"]["total"] == 1
    assert client.get("/countries/Atlantis").status_code == 400
    assert client.get("/countries/Atlantis.json").json()["error"]["code"] == "E060"


def test_web_openapi_describes_every_answer_and_real_errors(client):
    doc = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in doc["components"]["schemas"]
    operations = [(path, method, op) for path, item in doc["paths"].items() for method, op in item.items()]
    assert len(operations) >= 10
    for path, method, op in operations:
        answers = op["responses"]
        assert "422" not in answers, (path, method)
        error = answers["400"]["content"]["application/json"]["schema"]
        assert error == {"$ref": "#/components/schemas/ErrorOut"}
        ok = answers.get("200") or answers.get("201") or answers.get("202")
        schema = ok["content"]["application/json"]["schema"]
        assert "$ref" in schema, (path, method, schema)
        if method == "post":
            assert {"401", "403"} <= set(answers), path
    assert set(doc["components"]["schemas"]["CorrectionIn"]["properties"]) >= {"action", "reason"}
    assert "author" not in doc["components"]["schemas"]["CorrectionIn"]["properties"]


def test_web_docs_assets_are_shipped_with_their_licenses():
    vendor = STATIC_DIR / "vendor"
    for name in (
        "swagger-ui/swagger-ui-bundle.js",
        "swagger-ui/swagger-ui.css",
        "swagger-ui/LICENSE",
        "redoc/redoc.standalone.js",
        "redoc/LICENSE",
        "NOTICE",
    ):
        assert (vendor / name).is_file(), name
    notice = (vendor / "NOTICE").read_text(encoding="utf-8")
    assert "Apache License 2.0" in notice and "MIT License" in notice


@pytest.mark.parametrize(
    ("q", "articles"),
    [
        ("energy", ["tr-visit", "tr-visit"]),
        ("ENERGY agreement", ["tr-visit", "tr-visit"]),
        ("sahinoglu", ["tr-visit", "tr-visit"]),  # diacritics folded
        ("Georgia", ["kz-ge"]),  # in the title
        ("phone security", ["uz-call"]),
        ("energy phone", []),  # every word must occur
        ('" OR 1=1 -- NEAR(', []),  # no query syntax gets through
    ],
)
def test_web_search_full_text_with_facets(client, q, articles):
    if q == "sahinoglu" and client.app.state.engine.dialect.name == "postgresql":
        articles = []  # PostgreSQL's 'simple' configuration keeps diacritics (no unaccent extension)
        assert client.get("/api/events", params={"q": "Şahinoğlu"}).json()["total"] == 2
    data = client.get("/api/events", params={"q": q}).json()
    assert [e["article"] for e in data["events"]] == articles
    assert data["filter"]["text"] == " ".join(q.split())


def test_web_search_combines_with_facets_and_rejects_empty_words(client):
    assert client.get("/api/events", params={"q": "energy", "type": "agreement"}).json()["total"] == 1
    assert client.get("/api/events", params={"q": ""}).json()["total"] == 5  # empty: no search
    assert client.get("/api/events", params={"q": "!!!"}).json()["error"]["code"] == "E060"
    html = client.get("/events", params={"q": "energy"}).text
    assert "1–2 of 2 events" in html and 'value="energy"' in html


def test_web_overview_map_shades_contacts_of_the_chosen_country(client):
    data = client.get("/index.json", params={"country": "Kazakhstan"}).json()["map"]
    assert data == {"country": "KAZ", "contacts": {"GEO": 1, "TUR": 1}}
    html = client.get("/", params={"country": "KAZ"}).text
    assert len(re.findall(r"<path d=", html)) > 150  # the shipped world map
    assert re.search(r'class="chosen"><title>KAZ', html) and re.search(r'class="s5"><title>TUR', html)
    assert re.search(r'class="s0"><title>BRA', html)  # no contact
    assert client.get("/", params={"country": "Atlantis"}).status_code == 400
