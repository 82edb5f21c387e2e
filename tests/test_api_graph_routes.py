"""The cross-corpus API: persons, country dossier, pair timeline, network; one error shape."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from kb_rows import build_world
from parleys.api import create_app
from parleys.settings import Settings
from parleys.store.db import open_session


@pytest.fixture()
def world(db_url):
    settings = Settings.load(config_file=None, database_url=db_url, trusted_hosts="testserver")
    with open_session(settings) as session:
        ids = build_world(session)
    with TestClient(create_app(settings)) as client:
        yield client, ids


def test_api_graph_persons_search(world):
    client, ids = world
    data = client.get("/api/persons").json()
    assert data["total"] == 6 and data["limit"] == 100
    assert [p["name"] for p in data["persons"]][:2] == ["Dauren Qoshanov", "Aidar Nurlanov"]
    data = client.get("/api/persons", params={"country": "Kazakhstan", "limit": 1}).json()
    assert data["total"] == 3 and [p["id"] for p in data["persons"]] == [ids["Dauren"]]
    assert data["filter"] == {"name": None, "country": "Kazakhstan", "role": None}
    found = client.get("/api/persons", params={"name": "sahinoglu", "role": ""}).json()["persons"]
    assert [(p["name"], p["events"], p["country"]) for p in found] == [("Selim Şahinoğlu", 2, "TUR")]


def test_api_graph_person_detail(world):
    client, ids = world
    data = client.get(f"/api/persons/{ids['Dauren']}").json()
    assert data["name"] == "Dauren Qoshanov" and data["events"] == 3
    assert [(o["role_class"], o["first_seen"]) for o in data["office_history"]] == [
        ("mp", "2019-04-02"),
        ("speaker", "2022-03-10"),
    ]
    assert [e["id"] for e in data["event_list"]] == [ids["e4"], ids["e2"], ids["e1"]]
    assert data["partners"] == {"TUR": 2, "UZB": 1}
    narrowed = client.get(f"/api/persons/{ids['Dauren']}", params={"until": "2022-12-31"}).json()
    assert [e["id"] for e in narrowed["event_list"]] == [ids["e1"]]


def test_api_graph_country_dossier(world):
    client, _ids = world
    data = client.get("/api/countries/kaz/dossier").json()
    assert (data["country"], data["name"], data["events"]) == ("KAZ", "Kazakhstan", 5)
    assert data["partners_by_year"][1] == {"year": 2023, "events": 2, "counts": {"GEO": 1, "TUR": 1}}
    assert data["topics_by_year"][-1] == {"year": None, "events": 1, "counts": {}}
    assert [p["name"] for p in data["top_persons"]] == [
        "Dauren Qoshanov",
        "Aidar Nurlanov",
        "Aliya Sarsenova",
    ]
    data = client.get("/api/countries/Georgia/dossier", params={"since": "2024-01-01", "top": 0}).json()
    assert (data["events"], data["top_persons"], data["since"]) == (0, [], "2024-01-01")


def test_api_graph_timeline(world):
    client, ids = world
    data = client.get("/api/timeline", params={"a": "Türkiye", "b": "KAZ"}).json()
    assert (data["a"], data["b"], data["total"]) == ("TUR", "KAZ", 2)
    assert [(c["id"], c["date"]) for c in data["contacts"]] == [
        (ids["e1"], "2022-03-10"),
        (ids["e2"], "2023-06-01"),
    ]
    page = client.get("/api/timeline", params={"a": "KAZ", "b": "TUR", "limit": 1, "offset": 1}).json()
    assert (page["total"], page["limit"], page["offset"]) == (2, 1, 1)
    assert [c["id"] for c in page["contacts"]] == [ids["e2"]]
    assert client.get("/api/timeline", params={"a": "KAZ", "b": "TUR", "limit": 5000}).status_code == 400


def test_api_graph_network_in_three_formats(world):
    client, ids = world
    data = client.get("/api/network").json()
    assert len(data["nodes"]) == 10 and len(data["edges"]) == 14
    pair = {(e["source"], e["target"]): e for e in data["edges"]}
    assert pair[(f"person-{ids['Dauren']}", f"person-{ids['Selim']}")]["weight"] == 2
    response = client.get("/api/network", params={"format": "graphml", "min_weight": 2})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/graphml+xml")
    root = ET.fromstring(response.content)
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    assert len(root.findall(f"{ns}graph/{ns}node")) == 4 and len(root.findall(f"{ns}graph/{ns}edge")) == 4
    response = client.get("/api/network", params={"format": "GEXF", "country": "GEO"})
    assert response.headers["content-type"].startswith("application/gexf+xml")
    gexf = ET.fromstring(response.content)
    assert len(list(gexf.iter("{http://www.gexf.net/1.2draft}node"))) == 4


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/persons/999", 404, "E031"),
        ("/api/persons/abc", 400, "E060"),
        ("/api/persons?role=king", 400, "E060"),
        ("/api/persons?country=Atlantis", 400, "E060"),
        ("/api/persons?limit=-1", 400, "E060"),
        ("/api/countries/Atlantis/dossier", 400, "E060"),
        ("/api/countries/KAZ/dossier?since=2024-01-02&until=2024-01-01", 400, "E060"),
        ("/api/timeline?a=KAZ", 400, "E060"),
        ("/api/timeline?a=KAZ&b=kz", 400, "E060"),
        ("/api/network?format=dot", 400, "E060"),
        ("/api/network?min_weight=0", 400, "E060"),
    ],
)
def test_api_graph_errors_share_one_shape(world, path, status, code):
    client, _ids = world
    response = client.get(path)
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]


def test_api_graph_every_read_answer_validates_against_its_documented_model(world):
    """Read answers are sent as the kb writes them (not validated per request): each must still be
    exactly what its response model in the OpenAPI document says."""
    from parleys.api import models

    client, ids = world
    event = client.get("/api/events").json()["events"][0]["id"]
    for path, model in (
        ("/api/events?limit=3", models.EventPage),
        (f"/api/events/{event}", models.EventDetailOut),
        ("/api/persons", models.PersonPage),
        (f"/api/persons/{ids['Dauren']}", models.PersonDetailOut),
        ("/api/countries/KAZ/dossier", models.DossierOut),
        ("/api/timeline?a=KAZ&b=TUR", models.TimelineOut),
        ("/api/summary", models.SummaryOut),
        ("/api/rejections", models.RejectionPage),
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.json()
        assert model.model_validate(body).model_dump(mode="json") == body, path
