"""The institution and organization facets of the event reader, on resolved clusters and on events
stored since the last resolution alike, in the kb, the API and the search page."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from fastapi.testclient import TestClient

from parleys.api import create_app
from parleys.errors import QueryError
from parleys.kb.events import count_events, list_events, page_events
from parleys.kb.filters import EventFilter
from parleys.kb.overview import organization_counts
from parleys.records import LabelRecord
from parleys.resolve import resolve_all
from parleys.settings import Settings
from parleys.store.db import open_session
from resolve_samples import E, P, report, store

D = date(2023, 5, 4)
ANNA = P("Aigerim Testova", "minister", "KAZ", "Minister", "Ministry of Foreign Affairs")
BORIS = P("Bolat Exampleov", "ambassador", "UZB", "Ambassador", "Embassy of Uzbekistan")
CARL = P("Ciro Inventato", "mp", "ITA", "Deputy", "Camera dei Deputati")
DORA = P("Dora Probekova", "mp", "SVK", "Senator", "Senate of Testland")


def _with_organizations(made, *codes: str):
    article, record = made
    return article, replace(record, organizations=[LabelRecord(c) for c in codes])


def _fill(session) -> None:
    """Two resolved clusters, then one event stored after the resolution."""
    store(
        session,
        _with_organizations(report("r1", D, [ANNA, BORIS], [E("meeting", D, [0, 1])]), "OSCE PA", "UN"),
        _with_organizations(report("r2", D, [CARL], [E("call", date(2023, 6, 1), [0])]), "UN"),
    )
    resolve_all(session)
    session.commit()
    store(
        session, _with_organizations(report("n1", D, [DORA], [E("visit", date(2023, 7, 1), [0])]), "OSCE PA")
    )


@pytest.fixture()
def filled(db_session):
    _fill(db_session)
    return db_session


def _articles(session, **criteria) -> list[str]:
    return [e.article for e in list_events(session, EventFilter(**criteria))]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"institution": "foreign affairs"}, ["r1"]),
        ({"institution": "EMBASSY"}, ["r1"]),  # any case
        ({"institution": "deputati camera"}, ["r2"]),  # every word, any order
        ({"institution": "senate"}, ["n1"]),  # an event stored since the last resolution
        ({"institution": "parliament"}, []),
        ({"organization": "OSCE PA"}, ["n1", "r1"]),
        ({"organization": " UN "}, ["r2", "r1"]),
        ({"organization": "OSCE"}, []),  # a code, not a part of one
        ({"organization": "UN", "institution": "ministry"}, ["r1"]),
    ],
)
def test_kb_facets_filter_both_kinds_of_event(filled, criteria, expected):
    assert _articles(filled, **criteria) == expected
    assert count_events(filled, EventFilter(**criteria)) == len(expected)
    page, total = page_events(filled, EventFilter(limit=1, **criteria))
    assert (total, [e.article for e in page]) == (len(expected), expected[:1])


def test_kb_facets_institution_needs_a_word():
    with pytest.raises(QueryError, match="institution"):
        EventFilter(institution=" -- ")
    assert (
        EventFilter(institution="  Senate   of  Testland ").to_json()["institution"] == "Senate of Testland"
    )
    assert EventFilter(organization="   ").organization is None


def test_kb_facets_organization_counts_most_named_first(filled):
    assert organization_counts(filled) == {"OSCE PA": 2, "UN": 2}
    assert organization_counts(filled, top=1) == {"OSCE PA": 2}


def test_kb_facets_on_the_api_and_the_search_page(db_url):
    settings = Settings.load(config_file=None, database_url=db_url, trusted_hosts="testserver")
    with open_session(settings) as session:
        _fill(session)
    with TestClient(create_app(settings)) as client:
        data = client.get("/api/events", params={"organization": "OSCE PA", "institution": "senate"}).json()
        assert [e["article"] for e in data["events"]] == ["n1"]
        assert (data["total"], data["filter"]["organization"], data["filter"]["institution"]) == (
            1,
            "OSCE PA",
            "senate",
        )
        page = client.get("/events", params={"organization": "UN"}).text
        assert '<option value="UN" selected>UN (2)</option>' in page
        assert '<option value="OSCE PA" >OSCE PA (2)</option>' in page
        assert 'name="institution"' in page
        csv = client.get("/events.csv", params={"institution": "camera"}).text.splitlines()
        assert len(csv) == 2 and "r2" in csv[1]
        assert client.get("/api/events", params={"institution": "x" * 201}).status_code == 400


def test_kb_search_words_are_bound_so_one_statement_serves_every_search(filled):
    """The words are parameters, never SQL text: one cached statement answers every search."""
    from sqlalchemy.dialects import postgresql, sqlite

    from parleys.kb.search import article_matches
    from parleys.store.models import EventRow

    for dialect in (sqlite.dialect(), postgresql.dialect()):
        sql = str(article_matches(EventRow.article_id, 'Testova "x').compile(dialect=dialect))
        assert "Testova" not in sql and '"x' not in sql
    for words, expected in (
        ("testova", ["r1"]),
        ("inventato", ["r2"]),
        ("Testova", ["r1"]),
        ("probekova", ["n1"]),
    ):
        assert _articles(filled, text=words) == expected, words
