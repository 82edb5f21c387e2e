"""Countries across the corpus: codes from names, partners and topics by year, top persons, pairs."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete

from kb_rows import KB, build_world
from parleys.errors import QueryError
from parleys.kb import dossier, people
from parleys.kb.events import list_events
from parleys.kb.filters import EventFilter
from parleys.normalize import countries
from parleys.store.models import EventClusterMemberRow


@pytest.fixture()
def world(db_session):
    return db_session, build_world(db_session)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("KAZ", "KAZ"),
        ("kaz", "KAZ"),
        ("kz", "KAZ"),
        ("Kazakhstan", "KAZ"),
        ("kazakhstan", "KAZ"),
        ("Kazakh", "KAZ"),
        ("uae", "ARE"),
        ("US", "USA"),
        ("Türkiye", "TUR"),
        ("turkey", "TUR"),
        ("Turkish", "TUR"),
        (" United  States ", "USA"),
        ("XKX", "XKX"),
    ],
)
def test_dossier_country_code_from_codes_names_and_demonyms(value, code):
    assert countries.country_code(value) == code


@pytest.mark.parametrize("value", ["Atlantis", "", "ZZZ", "  "])
def test_dossier_country_code_rejects_unknown_countries(value):
    with pytest.raises(QueryError, match="unknown country") as info:
        countries.country_code(value)
    assert info.value.code == "E060"


def test_dossier_country_partners_by_year(world):
    session, _ids = world
    partners = dossier.country_dossier(session, "Kazakhstan", top=0).partners
    # e5 (hidden) would add TUR to 2024
    assert [(y.year, y.events, y.counts) for y in partners] == [
        (2022, 1, {"TUR": 1}),
        (2023, 2, {"GEO": 1, "TUR": 1}),
        (2024, 1, {"UZB": 1}),
        (None, 1, {}),
    ]
    assert [
        (y.year, y.events, y.counts) for y in dossier.country_dossier(session, "TUR", top=0).partners
    ] == [
        (2022, 1, {"KAZ": 1}),
        (2023, 1, {"KAZ": 1}),
    ]
    within = dossier.country_dossier(
        session, "KAZ", since=date(2023, 1, 1), until=date(2023, 12, 31), top=0
    ).partners
    assert [(y.year, y.counts) for y in within] == [(2023, {"GEO": 1, "TUR": 1})]


def test_dossier_country_partners_counts_events_not_participants(db_session):
    kb = KB(db_session)
    a = kb.person("Berik Amanov", "KAZ", "mp")
    b = kb.person("Galym Omarov", "KAZ", "mp")
    c = kb.person("Piotr Zielinski", "POL", "mp")
    d = kb.person("Marek Nowicki", "POL", "mp")
    kb.event("meeting", date(2021, 5, 1), [a, b, c, d])
    kb.event("forum", date(2021, 9, 1), [a, c], city="Geneva", country="CHE")  # the place is no partner
    db_session.commit()
    assert [
        (y.year, y.events, y.counts) for y in dossier.country_dossier(db_session, "KAZ", top=0).partners
    ] == [(2021, 2, {"POL": 2})]


def test_dossier_countries_of_an_event_are_the_stored_ones(db_session):
    kb = KB(db_session)
    a = kb.person("Berik Amanov", "KAZ", "mp")
    c = kb.person("Piotr Zielinski", "POL", "mp")
    # a correction took Poland off this event without removing the person
    kb.event("meeting", date(2021, 5, 1), [a, c], countries=["KAZ"])
    db_session.commit()
    assert [(y.year, y.counts) for y in dossier.country_dossier(db_session, "KAZ", top=0).partners] == [
        (2021, {})
    ]
    assert dossier.country_dossier(db_session, "POL", top=0).partners == []
    assert dossier.pair_timeline(db_session, "KAZ", "POL").contacts == []
    assert list_events(db_session, EventFilter(linked_only=True))[0].countries == ["KAZ"]


def test_dossier_country_topics_by_year(world):
    session, _ids = world
    topics = dossier.country_dossier(session, "KAZ", top=0).topics
    assert [(y.year, y.counts) for y in topics] == [
        (2022, {"energy": 1, "interparliamentary": 1, "trade_economy": 1}),  # both reports of e1
        (2023, {"energy": 1, "interparliamentary": 1}),
        (2024, {"security": 1}),
        (None, {}),
    ]
    assert [(y.year, y.counts) for y in dossier.country_dossier(session, "Georgia", top=0).topics] == [
        (2023, {"interparliamentary": 1})
    ]


def test_dossier_country_dossier_has_top_persons(world):
    session, ids = world
    found = dossier.country_dossier(session, "kz")
    assert (found.country, found.name, found.events) == ("KAZ", "Kazakhstan", 5)
    assert [(p.name, p.events) for p in found.persons] == [
        ("Dauren Qoshanov", 3),
        ("Aidar Nurlanov", 2),
        ("Aliya Sarsenova", 1),
    ]
    assert [p.name for p in dossier.country_dossier(session, "KAZ", top=1).persons] == ["Dauren Qoshanov"]
    assert dossier.country_dossier(session, "KAZ", top=0).persons == []
    narrowed = dossier.country_dossier(session, "KAZ", since=date(2023, 1, 1), until=date(2023, 12, 31))
    assert [(p.name, p.events) for p in narrowed.persons] == [("Aidar Nurlanov", 2), ("Dauren Qoshanov", 1)]
    data = narrowed.to_json()
    assert data["since"] == "2023-01-01" and data["events"] == 2
    assert data["partners_by_year"] == [{"year": 2023, "events": 2, "counts": {"GEO": 1, "TUR": 1}}]
    top = dossier.top_persons(session, "KAZ", top=2)
    assert [p.name for p in top] == ["Dauren Qoshanov", "Aidar Nurlanov"]


def test_dossier_country_without_events_is_empty(world):
    session, _ids = world
    found = dossier.country_dossier(session, "Japan")
    assert (found.country, found.events, found.partners, found.topics, found.persons) == (
        "JPN",
        0,
        [],
        [],
        [],
    )


def test_dossier_pair_timeline_oldest_first(world):
    session, ids = world
    found = dossier.pair_timeline(session, "Kazakhstan", "tr")
    assert (found.a, found.b, found.a_name) == ("KAZ", "TUR", "Kazakhstan")
    assert [(c.id, c.date, c.type) for c in found.contacts] == [
        (ids["e1"], date(2022, 3, 10), "meeting"),
        (ids["e2"], date(2023, 6, 1), "visit"),
    ]  # e5 hidden
    assert found.to_json()["total"] == 2
    assert dossier.pair_timeline(session, "TUR", "KAZ").contacts == found.contacts
    assert [c.id for c in dossier.pair_timeline(session, "KAZ", "TUR", since=date(2023, 1, 1)).contacts] == [
        ids["e2"]
    ]
    assert dossier.pair_timeline(session, "GEO", "TUR").contacts == []


def test_dossier_pair_timeline_pages_in_sql(world):
    """A page of the timeline is a slice of the whole, and the total counts every contact."""
    session, ids = world
    whole = dossier.pair_timeline(session, "KAZ", "TUR")
    first = dossier.pair_timeline(session, "KAZ", "TUR", limit=1)
    second = dossier.pair_timeline(session, "KAZ", "TUR", limit=1, offset=1)
    beyond = dossier.pair_timeline(session, "KAZ", "TUR", limit=1, offset=5)
    assert [c.id for c in first.contacts] == [ids["e1"]]
    assert [c.id for c in second.contacts] == [ids["e2"]]
    assert beyond.contacts == []
    assert {whole.total, first.total, second.total, beyond.total} == {2}
    assert second.to_json()["limit"] == 1 and second.to_json()["offset"] == 1


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ("KAZ", "Kazakhstan", "two different countries"),
        ("KAZ", "Atlantis", "unknown country 'Atlantis'"),
    ],
)
def test_dossier_pair_timeline_rejects_bad_pairs(world, a, b, message):
    session, _ids = world
    with pytest.raises(QueryError, match=message):
        dossier.pair_timeline(session, a, b)


def test_dossier_list_clusters_leaves_hidden_out(world):
    session, ids = world
    assert [c.id for c in list_events(session, EventFilter(linked_only=True))] == [
        ids["e4"],
        ids["e3"],
        ids["e2"],
        ids["e1"],
        ids["e6"],
    ]
    assert [
        c.id
        for c in list_events(
            session, EventFilter(linked_only=True, country="Georgia", country_by="participant")
        )
    ] == [ids["e3"]]


def test_dossier_events_without_reports_left_are_stale(world):
    session, ids = world
    # the Tbilisi article was extracted again: its event rows, and so the cluster's members, are gone
    session.execute(delete(EventClusterMemberRow).where(EventClusterMemberRow.cluster_id == ids["e3"]))
    session.commit()
    assert ids["e3"] not in [c.id for c in list_events(session, EventFilter(linked_only=True))]
    assert dossier.country_dossier(session, "GEO", top=0).partners == []
    found = people.find_persons(session, name="Nurlanov")
    assert [(p.name, p.events) for p in found] == [("Aidar Nurlanov", 1)]
