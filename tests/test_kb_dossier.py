"""The country dossier counted in SQL gives what reading the country's events one by one gives:
partners and topics by year, and top persons whose country is the one the event list shows (an
entity without a country takes its earliest report's, unless an analyst set it)."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from parleys.kb import dossier
from parleys.kb.events import list_events
from parleys.kb.filters import EventFilter
from parleys.resolve import resolve_all
from parleys.store.models import PersonEntityRow
from resolve_samples import E, P, report, store

D = date(2021, 6, 1)
ASEL = P("Asel Primerova", "minister", "KAZ", "Minister of Energy")
BAUR = P("Bauyrzhan Sampleuly", "mp", "KAZ", "member of the Mazhilis")
CHEN = P("Cheslav Fictivny", "mp", "POL", "member of the Sejm")
DINA = P("Dina Exemplova", "ambassador", "KAZ", "Ambassador")
EMIN = P("Emin Uydurma", "minister", "TUR", "Minister of Trade")


@pytest.fixture()
def resolved(db_session):
    store(
        db_session,
        report("a1", D, [ASEL, CHEN], [E("meeting", D, [0, 1])], topics=("energy",)),
        report(
            "a2", D + timedelta(days=1), [CHEN, ASEL], [E("meeting", D, [0, 1])], topics=("trade_economy",)
        ),
        report(
            "a3", D + timedelta(days=40), [BAUR, EMIN, DINA], [E("visit", D + timedelta(days=40), [0, 1, 2])]
        ),
        report("a4", date(2022, 2, 1), [ASEL, DINA, EMIN], [E("call", date(2022, 2, 1), [0, 1, 2])]),
        report("a5", None, [DINA], [E("message", None, [0])], topics=("security",)),
    )
    resolve_all(db_session)
    db_session.commit()
    return db_session


def _entity(session, name: str) -> PersonEntityRow:
    return session.scalars(select(PersonEntityRow).where(PersonEntityRow.name == name)).one()


def _read_one_by_one(session, code: str) -> Counter[int]:
    flt = EventFilter(country=code, country_by="participant", linked_only=True, limit=None)
    return Counter(
        p.person_id for ev in list_events(session, flt) for p in ev.participants if p.country == code
    )


def test_kb_dossier_counts_match_the_event_list(resolved):
    found = dossier.country_dossier(resolved, "KAZ")
    assert found.events == 4
    assert [(y.year, y.events, y.counts) for y in found.partners] == [
        (2021, 2, {"POL": 1, "TUR": 1}),
        (2022, 1, {"TUR": 1}),
        (None, 1, {}),
    ]
    assert [(y.year, y.counts) for y in found.topics] == [
        (2021, {"energy": 1, "trade_economy": 1}),  # one event, two reports with a topic each
        (2022, {}),
        (None, {"security": 1}),
    ]
    assert [(p.name, p.events) for p in found.persons] == [
        ("Dina Exemplova", 3),
        ("Asel Primerova", 2),
        ("Bauyrzhan Sampleuly", 1),
    ]
    assert Counter({p.id: p.events for p in found.persons}) == _read_one_by_one(resolved, "KAZ")


def test_kb_dossier_entity_without_country_takes_its_reports_unless_corrected(resolved):
    asel, dina = _entity(resolved, "Asel Primerova"), _entity(resolved, "Dina Exemplova")
    asel.country = None  # no country on the entity: the event list shows what her reports said
    dina.country = None
    dina.corrected = 1
    dina.corrected_fields = json.dumps(["country"])  # an analyst said: no country
    resolved.commit()
    persons = dossier.top_persons(resolved, "KAZ")
    assert [p.name for p in persons] == ["Asel Primerova", "Bauyrzhan Sampleuly"]
    assert Counter({p.id for p in persons}) == Counter(set(_read_one_by_one(resolved, "KAZ")))
    assert dossier.top_persons(resolved, "KAZ", top=1)[0].name == "Asel Primerova"
    assert dossier.top_persons(resolved, "KAZ", since=date(2022, 1, 1))[0].name == "Asel Primerova"
