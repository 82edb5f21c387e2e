"""Persons across the corpus: search, lookup by id or name, office history, events, counts."""

from __future__ import annotations

from datetime import date

import pytest

from kb_rows import KB, build_world
from parleys.errors import NotFoundError, QueryError
from parleys.kb import people
from parleys.store import repository


@pytest.fixture()
def world(db_session):
    return db_session, build_world(db_session)


def _names(found) -> list[str]:
    return [p.name for p in found]


def test_people_find_persons_ranks_by_visible_events(world):
    session, _ids = world
    found = people.find_persons(session)
    # Dauren: e1 e2 e4 (e5 is hidden); Aidar and Selim: 2 each, by name; then 1 each, by name
    assert [(p.name, p.events) for p in found] == [
        ("Dauren Qoshanov", 3),
        ("Aidar Nurlanov", 2),
        ("Selim Şahinoğlu", 2),
        ("Aliya Sarsenova", 1),
        ("Levan Beridze", 1),
        ("Timur Rashidov", 1),
    ]
    assert found[0].offices == 2 and found[0].title == "Chairman of the Senate"
    assert people.count_persons(session) == 6
    assert _names(people.find_persons(session, limit=2)) == ["Dauren Qoshanov", "Aidar Nurlanov"]


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"name": "SAHINOGLU"}, ["Selim Şahinoğlu"]),
        ({"name": "şahinoğlu selim"}, ["Selim Şahinoğlu"]),  # any word order
        ({"name": "  qoshanov, dauren "}, ["Dauren Qoshanov"]),  # punctuation ignored
        (
            {"name": "a"},
            [
                "Dauren Qoshanov",
                "Aidar Nurlanov",
                "Selim Şahinoğlu",
                "Aliya Sarsenova",
                "Levan Beridze",
                "Timur Rashidov",
            ],
        ),
        ({"name": "nur"}, ["Aidar Nurlanov"]),
        ({"country": "KAZ"}, ["Dauren Qoshanov", "Aidar Nurlanov", "Aliya Sarsenova"]),
        ({"country": "Kazakhstan", "name": "aidar"}, ["Aidar Nurlanov"]),
        ({"role": "speaker"}, ["Dauren Qoshanov", "Selim Şahinoğlu"]),
        ({"role": "MP"}, ["Dauren Qoshanov", "Levan Beridze"]),  # Dauren was an MP before (office history)
        ({"role": "minister"}, []),
        ({"name": "nobody"}, []),
    ],
)
def test_people_find_persons_filters(world, criteria, expected):
    session, _ids = world
    assert _names(people.find_persons(session, **criteria)) == expected
    assert people.count_persons(session, **criteria) == len(expected)


def test_people_find_persons_matches_either_fold_of_stored_names(db_session):
    kb = KB(db_session)
    kb.person("Kamala Ərəbova", "AZE", "mp", name_folded=repository.fold("Kamala Ərəbova"))  # "... erebova"
    kb.person("Ülvi Ərəbov", "AZE", "mp")  # keys.fold_name: "ulvi arabov"
    db_session.commit()
    assert _names(people.find_persons(db_session, name="Ərəbova")) == ["Kamala Ərəbova"]
    assert _names(people.find_persons(db_session, name="ərəbov")) == ["Kamala Ərəbova", "Ülvi Ərəbov"]


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ({"role": "king"}, "unknown role class 'king'"),
        ({"country": "Atlantis"}, "unknown country 'Atlantis'"),
        ({"name": "--"}, "has no letters or digits"),
        ({"limit": -1}, "limit must be zero \\(all\\) or more"),
    ],
)
def test_people_find_persons_rejects_bad_filters(world, criteria, message):
    session, _ids = world
    with pytest.raises(QueryError, match=message) as info:
        people.find_persons(session, **criteria)
    assert info.value.code == "E060"


def test_people_resolve_person_by_id_or_name(world):
    session, ids = world
    assert people.resolve_person(session, str(ids["Levan"])) == ids["Levan"]
    assert people.resolve_person(session, "beridze") == ids["Levan"]
    assert people.resolve_person(session, "Selim Sahinoglu") == ids["Selim"]
    with pytest.raises(NotFoundError, match="no person with id 999"):
        people.resolve_person(session, "999")
    with pytest.raises(NotFoundError, match="no person matches 'Nobody'"):
        people.resolve_person(session, "Nobody")


def test_people_resolve_person_lists_candidates_when_ambiguous(world):
    session, ids = world
    assert people.resolve_person(session, "aidar") == ids["Aidar"]
    junior = KB(session).person("Aidar Nurlanov Jr", "KAZ", "mp").id
    session.commit()
    # the exact name wins over a longer one that contains it
    assert people.resolve_person(session, "Aidar Nurlanov") == ids["Aidar"]
    with pytest.raises(QueryError) as info:
        people.resolve_person(session, "nurlanov")
    assert str(info.value) == (
        f"[E060] 2 persons match 'nurlanov': {ids['Aidar']} Aidar Nurlanov (KAZ); "
        f"{junior} Aidar Nurlanov Jr (KAZ); give an id"
    )


def test_people_office_history_in_order_first_seen(world):
    session, ids = world
    history = people.office_history(session, ids["Dauren"])
    assert [(o.role_class, o.institution, o.first_seen, o.last_seen, o.reports) for o in history] == [
        ("mp", "Mazhilis", date(2019, 4, 2), date(2021, 12, 1), 2),
        ("speaker", "Senate", date(2022, 3, 10), date(2024, 2, 5), 4),
    ]
    assert history[0].to_json()["first_seen"] == "2019-04-02" and history[0].country == "KAZ"
    assert people.office_history(session, ids["Levan"]) == []
    with pytest.raises(NotFoundError):
        people.office_history(session, 999)


def test_people_person_events_newest_first_without_hidden(world):
    session, ids = world
    found = people.person_events(session, ids["Dauren"])
    assert [e.id for e in found] == [ids["e4"], ids["e2"], ids["e1"]]  # e5 is hidden
    e1 = found[2]
    assert (e1.type, e1.date, e1.city, e1.country, e1.reports) == (
        "meeting",
        date(2022, 3, 10),
        "Astana",
        "KAZ",
        2,
    )
    assert e1.countries == ["KAZ", "TUR"]
    assert [p.name for p in e1.participants] == ["Dauren Qoshanov", "Selim Şahinoğlu"]
    assert e1.topics == ["interparliamentary", "trade_economy", "energy"]
    assert len(e1.sources) == 2
    assert found[0].corrected is True and found[0].to_json()["location"] == {"city": None, "country": None}


def test_people_person_events_within_dates(world):
    session, ids = world
    assert [e.id for e in people.person_events(session, ids["Dauren"], since=date(2023, 1, 1))] == [
        ids["e4"],
        ids["e2"],
    ]
    assert [e.id for e in people.person_events(session, ids["Dauren"], until=date(2023, 6, 1))] == [
        ids["e2"],
        ids["e1"],
    ]
    assert people.person_events(session, ids["Aliya"], since=date(2000, 1, 1)) == []  # undated left out
    with pytest.raises(QueryError, match="the date range is empty"):
        people.person_events(session, ids["Dauren"], since=date(2024, 1, 1), until=date(2023, 1, 1))
    with pytest.raises(NotFoundError):
        people.person_events(session, 999)


def test_people_get_person_counts_events(world):
    session, ids = world
    detail = people.get_person(session, ids["Dauren"])
    assert detail.person.events == 3 and detail.person.offices == 2
    assert detail.events_by_year == {"2022": 1, "2023": 1, "2024": 1}
    assert detail.events_by_type == {"call": 1, "meeting": 1, "visit": 1}
    assert detail.partners == {"TUR": 2, "UZB": 1}  # own country left out
    data = detail.to_json()
    assert data["name"] == "Dauren Qoshanov" and len(data["office_history"]) == 2
    assert [e["id"] for e in data["event_list"]] == [ids["e4"], ids["e2"], ids["e1"]]
    aliya = people.get_person(session, ids["Aliya"])
    assert aliya.events_by_year == {"undated": 1} and aliya.person.corrected is True
    narrowed = people.get_person(session, ids["Dauren"], since=date(2024, 1, 1))
    assert narrowed.person.events == 1 and narrowed.partners == {"UZB": 1}
    # the page reads the entity's columns: the same person as the search finds
    assert [detail.person, aliya.person] == people.person_summaries(session, [ids["Dauren"]]) + [
        p for p in people.find_persons(session) if p.id == ids["Aliya"]
    ]
    with pytest.raises(NotFoundError, match="no person with id 999"):
        people.get_person(session, 999)
