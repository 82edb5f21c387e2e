"""The API checks filter values as the CLI does (one normaliser each): E060 for an unknown country,
topic or type at every endpoint; codes in any case; names and demonyms; ``limit=0``/``all``: all."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from parleys.api import create_app
from parleys.settings import Settings
from parleys.store.db import open_session
from sample_records import store_samples


@pytest.fixture()
def client(db_url):
    store_samples(db_url)
    settings = Settings.load(config_file=None, database_url=db_url, trusted_hosts="testserver")
    with open_session(settings) as session:
        from parleys.resolve import resolve_all

        resolve_all(session)
        session.commit()
    with TestClient(create_app(settings)) as test_client:
        yield test_client


@pytest.mark.parametrize(
    "url",
    [
        "/api/events?country=XYZ",
        "/api/events?topic=nonsense",
        "/api/events?type=party",
        "/api/events?country=KAZ&country_by=border",
        "/api/persons?country=XYZ",
        "/api/network?country=XYZ",
        "/api/countries/XYZ/dossier",
        "/api/timeline?a=KAZ&b=XYZ",
        "/api/events?limit=-1",
    ],
)
def test_api_filters_unknown_values_are_e060(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "E060"


def test_api_filters_take_names_demonyms_and_any_case(client):
    data = client.get("/api/events?country=Kazakh&topic=Energy").json()
    assert [e["article"] for e in data["events"]] == ["tr-visit", "tr-visit"]
    assert data["filter"]["country"] == "KAZ" and data["filter"]["topic"] == "energy"
    assert client.get("/api/countries/Georgian/dossier").json()["country"] == "GEO"


def test_api_filters_limit_zero_or_all_is_the_largest_page(client):
    for value in ("0", "all", ""):
        data = client.get(f"/api/events?limit={value}").json()
        assert (data["total"], data["limit"], len(data["events"])) == (5, 1000, 5)
    assert client.get("/api/events?limit=1000").json()["limit"] == 1000
    too_many = client.get("/api/events?limit=1001")
    assert too_many.status_code == 400 and too_many.json()["error"]["code"] == "E060"
    persons = client.get("/api/persons?limit=2&offset=1").json()
    assert (persons["limit"], persons["offset"], len(persons["persons"])) == (2, 1, 2)
