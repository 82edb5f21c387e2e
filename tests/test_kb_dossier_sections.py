"""The dossier's sections come from one grouped statement over the country's events; a section
asked alone (the persons of :func:`top_persons`, a dossier without persons) answers what it answers
in the whole dossier."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from parleys.errors import QueryError
from parleys.kb import dossier
from parleys.resolve import resolve_all
from resolve_samples import E, P, report, store
from sql_seen import statements_seen

D = date(2020, 3, 2)
ORAL = P("Oralbek Testayev", "minister", "KAZ", "Minister of Culture")
ZHAN = P("Zhanar Inventova", "mp", "KAZ", "member of the Senate")
KURT = P("Kurt Fabrikant", "minister", "DEU", "Minister of Economy")
NOLA = P("Nola Madeupson", "ambassador", None, "Ambassador")
FARO = P("Faro Imaginario", "minister", "ITA", "Minister of Foreign Affairs")


@pytest.fixture()
def resolved(db_session):
    store(
        db_session,
        report("s1", D, [ORAL, KURT], [E("meeting", D, [0, 1])], topics=("culture",)),
        report("s2", D + timedelta(days=2), [KURT, ORAL], [E("meeting", D, [0, 1])], topics=("energy",)),
        report("s3", date(2021, 5, 4), [ZHAN, FARO, NOLA], [E("visit", date(2021, 5, 4), [0, 1, 2])]),
        report("s4", date(2021, 9, 9), [ORAL, ZHAN, FARO], [E("call", date(2021, 9, 9), [0, 1, 2])]),
        report("s5", None, [ZHAN, KURT], [E("message", None, [0, 1])], topics=("security",)),
        report("s6", date(2021, 1, 1), [KURT, FARO], [E("meeting", date(2021, 1, 1), [0, 1])]),
    )
    resolve_all(db_session)
    db_session.commit()
    return db_session


def _statements(session, run):  # type: ignore[no-untyped-def]
    with statements_seen(session.get_bind()) as seen:
        out = run()
    return out, seen


@pytest.mark.parametrize(
    ("since", "persons", "partners"),
    [
        (None, [("Zhanar Inventova", 3), ("Oralbek Testayev", 2)], [(2020, 1), (2021, 2), (None, 1)]),
        (date(2021, 1, 1), [("Zhanar Inventova", 2), ("Oralbek Testayev", 1)], [(2021, 2)]),
    ],
)
def test_kb_dossier_sections_asked_alone_match_the_whole(resolved, since, persons, partners):
    found = dossier.country_dossier(resolved, "KAZ", since=since)
    assert [(p.name, p.events) for p in found.persons] == persons
    assert [(y.year, y.events) for y in found.partners] == partners
    assert found.events == sum(n for _y, n in partners)
    alone = dossier.top_persons(resolved, "KAZ", since=since)
    assert alone == found.persons
    without_persons = dossier.country_dossier(resolved, "KAZ", since=since, top=0)
    assert (without_persons.partners, without_persons.topics) == (found.partners, found.topics)


def test_kb_dossier_sections_top_persons_reads_the_persons_section_alone(resolved):
    found, seen = _statements(resolved, lambda: dossier.top_persons(resolved, "KAZ", top=1))
    assert [(p.name, p.events) for p in found] == [("Zhanar Inventova", 3)]
    grouped = [s for s in seen if s.lstrip().upper().startswith("WITH")]
    assert (
        len(grouped) == 1 and "topics" not in grouped[0] and "GROUP BY country_events.year" not in grouped[0]
    )
    assert dossier.top_persons(resolved, "KAZ", top=0) == []
    with pytest.raises(QueryError, match="top must be zero or more"):
        dossier.top_persons(resolved, "KAZ", top=-1)


def test_kb_dossier_sections_values(resolved):
    found = dossier.country_dossier(resolved, "KAZ")
    assert [(y.year, y.events, y.counts) for y in found.partners] == [
        (2020, 1, {"DEU": 1}),
        (2021, 2, {"ITA": 2}),
        (None, 1, {"DEU": 1}),
    ]
    assert [(y.year, y.counts) for y in found.topics] == [
        (2020, {"culture": 1, "energy": 1}),
        (2021, {}),
        (None, {"security": 1}),
    ]
    # the envoy without a country is nobody's person here: no report gives it one
    assert [(p.name, p.events) for p in found.persons] == [("Zhanar Inventova", 3), ("Oralbek Testayev", 2)]


def test_kb_dossier_sections_read_the_country_events_once(resolved):
    found, seen = _statements(resolved, lambda: dossier.country_dossier(resolved, "KAZ"))
    assert found.events == 4
    reading = [s for s in seen if "cluster_countries.country =" in s]
    grouped = [s for s in reading if "cluster_participants.entity_id IN" not in s]
    assert len(grouped) == 1, grouped
    assert grouped[0].lstrip().upper().startswith("WITH")
    # besides: the participations of the one entity without a country, looked up in its reports
    assert len(reading) == 2, reading


def test_kb_dossier_sections_no_persons_asked(resolved):
    found, seen = _statements(resolved, lambda: dossier.country_dossier(resolved, "KAZ", top=0))
    assert found.persons == []
    assert found.events == 4
    assert not any("person_entities.name_folded" in s for s in seen)
