"""The API over hand-built records: JSON endpoints, one error shape, HTML pages with JSON twins."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from parleys.api import create_app
from parleys.documents import Rejection
from parleys.settings import Settings
from parleys.store import repository
from parleys.store.db import open_session
from sample_records import store_samples


@pytest.fixture()
def client(db_url):
    store_samples(db_url)
    settings = Settings.load(config_file=None, database_url=db_url, trusted_hosts="testserver")
    with open_session(settings) as session:
        repository.record_rejection(session, Rejection("/in/empty.txt", "empty", "no bytes"))
        repository.record_rejection(session, Rejection("/in/blob.bin", "binary", "NUL bytes"))
        session.commit()
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_api_events_lists_events_with_total(client):
    data = client.get("/api/events").json()
    assert data["total"] == 5 and data["limit"] == 100 and data["offset"] == 0
    assert [(e["article"], e["type"]) for e in data["events"]] == [
        ("uz-call", "call"),
        ("tr-visit", "visit"),
        ("tr-visit", "agreement"),
        ("kz-ge", "meeting"),
        ("undated", "message"),
    ]
    meeting = data["events"][3]
    assert meeting["participants"][0] == {
        "id": meeting["participants"][0]["id"],
        "name": "Aidar Nurlanov",
        "role_class": "ambassador",
        "country": "KAZ",
    }
    assert meeting["countries"] == ["GEO", "KAZ"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"country": "GEO"}, [("kz-ge", "meeting")]),
        ({"country": "KAZ", "partner": "TUR"}, [("tr-visit", "visit")]),
        ({"person": "şahinoğlu"}, [("tr-visit", "visit")]),
        ({"type": "call"}, [("uz-call", "call")]),
        ({"topic": "energy"}, [("tr-visit", "visit"), ("tr-visit", "agreement")]),
        ({"since": "2024-02-06"}, [("uz-call", "call")]),
        ({"until": "2023-12-31"}, [("kz-ge", "meeting")]),
        ({"limit": "1", "offset": "1"}, [("tr-visit", "visit")]),
        (
            {"country": "", "type": ""},
            [
                ("uz-call", "call"),
                ("tr-visit", "visit"),
                ("tr-visit", "agreement"),
                ("kz-ge", "meeting"),
                ("undated", "message"),
            ],
        ),
    ],
)
def test_api_events_filters(client, params, expected):
    data = client.get("/api/events", params=params).json()
    assert [(e["article"], e["type"]) for e in data["events"]] == expected


def test_api_event_detail_has_evidence(client):
    event_id = client.get("/api/events", params={"type": "meeting"}).json()["events"][0]["id"]
    data = client.get(f"/api/events/{event_id}").json()
    assert data["id"] == event_id
    assert data["article"]["external_id"] == "kz-ge"
    assert data["evidence"]["type"] == {"start": 60, "end": 68, "text": "met with", "confidence": 0.9}
    assert data["participants"][1]["name"] == "Levan Beridze"
    assert data["participants"][1]["evidence"]["name"]["text"] == "Levan Beridze"
    assert [t["code"] for t in data["topics"]] == ["interparliamentary", "trade_economy"]


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/events/9999", 404, "E031"),
        ("/api/events?type=party", 400, "E060"),
        ("/api/events?country=Atlantis", 400, "E060"),
        ("/api/events?since=yesterday", 400, "E060"),
        ("/api/events?limit=-1", 400, "E060"),
        ("/api/events/abc", 400, "E060"),
        ("/api/rejections?reason=nonsense", 400, "E060"),
        ("/api/nothing-here", 404, "HTTP404"),
    ],
)
def test_api_errors_share_one_shape(client, path, status, code):
    response = client.get(path)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]


def test_api_rejections_and_summary(client):
    data = client.get("/api/rejections").json()
    assert data["total"] == 2
    assert [(r["source"], r["reason"], r["detail"]) for r in data["rejections"]] == [
        ("/in/empty.txt", "empty", "no bytes"),
        ("/in/blob.bin", "binary", "NUL bytes"),
    ]
    assert [r["source"] for r in client.get("/api/rejections?reason=binary").json()["rejections"]] == [
        "/in/blob.bin"
    ]
    summary = client.get("/api/summary").json()
    assert (summary["articles"], summary["events"], summary["persons"], summary["rejections"]) == (4, 5, 7, 2)
    assert summary["rejections_by_reason"] == {"binary": 1, "empty": 1}


def test_api_events_page_lists_events_and_links_its_json_twin(client):
    response = client.get("/events", params={"country": "TUR"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert "Selim Şahinoğlu" in html and "Dauren Qoshanov" in html
    assert "Aidar Nurlanov" not in html  # filtered out
    twin = re.search(r'<link rel="alternate" type="application/json" href="([^"]+)"', html).group(1)
    assert twin == "/events.json?country=TUR"
    assert [e["article"] for e in client.get(twin).json()["events"]] == ["tr-visit", "tr-visit"]
    assert "http://" not in html.replace('href="https://example.org', "")  # no CDN or remote assets
    assert "<script" not in html  # the events page needs no script


def test_api_event_page_shows_evidence_and_links_its_json_twin(client):
    event_id = client.get("/api/events", params={"type": "visit"}).json()["events"][0]["id"]
    html = client.get(f"/events/{event_id}").text
    assert "official visit" in html and "Speaker of the Grand National Assembly" in html and "0.90" in html
    assert f'href="/events/{event_id}.json"' in html


def test_api_pages_render_errors_as_html(client):
    response = client.get("/events/9999")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "E031" in response.text


def test_api_create_app_keeps_no_state_between_apps(tmp_path):
    first = create_app(
        Settings.load(config_file=None, database_url=f"sqlite:///{tmp_path}/a.db", trusted_hosts="testserver")
    )
    second = create_app(
        Settings.load(config_file=None, database_url=f"sqlite:///{tmp_path}/b.db", trusted_hosts="testserver")
    )
    store_samples(f"sqlite:///{tmp_path}/a.db")
    with TestClient(first) as a, TestClient(second) as b:
        assert a.get("/api/summary").json()["articles"] == 4
        assert b.get("/api/summary").json()["articles"] == 0
