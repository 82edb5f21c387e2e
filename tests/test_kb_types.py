"""The JSON of every read type is pinned here, and the API's response model of each type is derived
from the same fields: the model has exactly the type's JSON keys and validates its JSON."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from parleys.api import models
from parleys.kb import types as t
from parleys.kb.network import Edge, Network, Node
from parleys.kb.overview import MonthCount
from parleys.records import Evidence
from parleys.resolve.run import ResolveSummary

EV = Evidence(4, 9, "Testa", 0.91234)
PARTICIPANT = t.Participant(7, "Aigerim Testova", "minister", "KAZ")
EVENT = t.EventSummary(
    id=3,
    article_id=2,
    article="a-2",
    title="A title",
    url="https://example.org/a",
    date=date(2024, 3, 1),
    type="meeting",
    city="Astana",
    country="KAZ",
    countries=["KAZ", "UZB"],
    participants=[PARTICIPANT],
    topics=["trade_economy"],
    reports=2,
    sources=["a-2", "b-9"],
    key="k3",
    corrected=True,
    site="example.org",
    published=date(2024, 3, 2),
    evidence="They met.",
    confidence=0.87654,
)
EVENT_JSON = {
    "id": 3,
    "article_id": 2,
    "article": "a-2",
    "title": "A title",
    "url": "https://example.org/a",
    "site": "example.org",
    "published": "2024-03-02",
    "date": "2024-03-01",
    "type": "meeting",
    "location": {"city": "Astana", "country": "KAZ"},
    "countries": ["KAZ", "UZB"],
    "participants": [{"id": 7, "name": "Aigerim Testova", "role_class": "minister", "country": "KAZ"}],
    "topics": ["trade_economy"],
    "reports": 2,
    "sources": ["a-2", "b-9"],
    "key": "k3",
    "corrected": True,
    "evidence": "They met.",
    "confidence": 0.877,
}
PERSON = t.PersonSummary(
    7,
    "e7",
    "Aigerim Testova",
    "minister",
    "KAZ",
    "Minister",
    "Ministry",
    date(2020, 1, 1),
    None,
    4,
    3,
    1,
    False,
)
PERSON_JSON = {
    "id": 7,
    "key": "e7",
    "name": "Aigerim Testova",
    "role_class": "minister",
    "country": "KAZ",
    "title": "Minister",
    "institution": "Ministry",
    "first_seen": "2020-01-01",
    "last_seen": None,
    "articles": 4,
    "events": 3,
    "offices": 1,
    "corrected": False,
}
OFFICE = t.Office("minister", "Minister", "Ministry", "KAZ", date(2020, 1, 1), date(2021, 1, 1), 2)
OFFICE_JSON = {
    "role_class": "minister",
    "title": "Minister",
    "institution": "Ministry",
    "country": "KAZ",
    "first_seen": "2020-01-01",
    "last_seen": "2021-01-01",
    "reports": 2,
}
ARTICLE = t.ArticleInfo(2, "a-2", None, None, "/x/a-2.txt", None, None, "test")
DETAIL = t.EventDetail(
    id=3,
    article=ARTICLE,
    position=0,
    type="visit",
    date=None,
    city=None,
    country="UZB",
    countries=["KAZ"],
    confidence=None,
    evidence={"type": EV},
    participants=[
        t.ParticipantDetail(
            7, "p0", "Aigerim Testova", "minister", "KAZ", None, None, 0.5, {"name": EV}, [EV]
        )
    ],
    topics=[t.Label("trade_economy", None)],
    organizations=[t.Label("UN", EV)],
    key="k3",
    reports=[{"event_id": 3, "article": "a-2", "key": "k3", "type": "visit", "date": None}],
)
EV_JSON = {"start": 4, "end": 9, "text": "Testa", "confidence": 0.912}
DETAIL_JSON = {
    "id": 3,
    "article": {
        "id": 2,
        "external_id": "a-2",
        "title": None,
        "url": None,
        "source": "/x/a-2.txt",
        "site": None,
        "published": None,
        "pipeline_version": "test",
    },
    "position": 0,
    "type": "visit",
    "date": None,
    "location": {"city": None, "country": "UZB"},
    "countries": ["KAZ"],
    "confidence": None,
    "evidence": {"type": EV_JSON},
    "participants": [
        {
            "id": 7,
            "key": "p0",
            "name": "Aigerim Testova",
            "role_class": "minister",
            "country": "KAZ",
            "title": None,
            "institution": None,
            "confidence": 0.5,
            "evidence": {"name": EV_JSON},
            "mentions": [EV_JSON],
            "entity_key": None,
            "corrected_fields": [],
        }
    ],
    "topics": [{"code": "trade_economy", "evidence": None}],
    "organizations": [{"code": "UN", "evidence": EV_JSON}],
    "key": "k3",
    "reports": [{"event_id": 3, "article": "a-2", "key": "k3", "type": "visit", "date": None}],
    "hidden": False,
    "corrected_fields": [],
    "corrections": [],
}
CASES = [
    (PARTICIPANT, EVENT_JSON["participants"][0]),
    (EVENT, EVENT_JSON),
    (DETAIL, DETAIL_JSON),
    (
        t.RejectionItem(1, None, "x.txt", "empty", "only whitespace", datetime(2024, 1, 2, 3, 4, tzinfo=UTC)),
        {
            "id": 1,
            "run_id": None,
            "source": "x.txt",
            "reason": "empty",
            "detail": "only whitespace",
            "created_at": "2024-01-02T03:04:00+00:00",
        },
    ),
    (
        t.StoreSummary(1, 2, 3, 4, 5, {"visit": 2}, {"KAZ": 2}, {"empty": 4}, {"energy": 1}),
        {
            "articles": 1,
            "events": 2,
            "persons": 3,
            "rejections": 4,
            "runs": 5,
            "events_by_type": {"visit": 2},
            "events_by_country": {"KAZ": 2},
            "rejections_by_reason": {"empty": 4},
            "topics": {"energy": 1},
        },
    ),
    (PERSON, PERSON_JSON),
    (OFFICE, OFFICE_JSON),
    (
        t.PersonDetail(PERSON, [OFFICE], [EVENT], {"2024": 1}, {"meeting": 1}, {"UZB": 1}),
        {
            **PERSON_JSON,
            "office_history": [OFFICE_JSON],
            "events_by_year": {"2024": 1},
            "events_by_type": {"meeting": 1},
            "partners": {"UZB": 1},
            "event_list": [EVENT_JSON],
        },
    ),
    (
        t.CountryDossier(
            "KAZ", "Kazakhstan", date(2024, 1, 1), None, 1, [t.YearCounts(2024, 1, {"UZB": 1})], [], [PERSON]
        ),
        {
            "country": "KAZ",
            "name": "Kazakhstan",
            "since": "2024-01-01",
            "until": None,
            "events": 1,
            "partners_by_year": [{"year": 2024, "events": 1, "counts": {"UZB": 1}}],
            "topics_by_year": [],
            "top_persons": [PERSON_JSON],
        },
    ),
    (
        t.PairTimeline("KAZ", "UZB", "Kazakhstan", "Uzbekistan", [EVENT], 5, 1, 2),
        {
            "a": "KAZ",
            "b": "UZB",
            "a_name": "Kazakhstan",
            "b_name": "Uzbekistan",
            "contacts": [EVENT_JSON],
            "total": 5,
            "limit": 1,
            "offset": 2,
        },
    ),
    (
        Network(
            [Node("person-7", "Aigerim Testova", "person", "KAZ", "minister", 3)], [Edge("a", "b", "met", 2)]
        ),
        {
            "nodes": [
                {
                    "id": "person-7",
                    "label": "Aigerim Testova",
                    "kind": "person",
                    "country": "KAZ",
                    "role_class": "minister",
                    "events": 3,
                }
            ],
            "edges": [{"source": "a", "target": "b", "kind": "met", "weight": 2}],
        },
    ),
    (MonthCount("2024-03", 4), {"month": "2024-03", "events": 4}),
]


@pytest.mark.parametrize(("value", "expected"), CASES, ids=lambda v: type(v).__name__)
def test_kb_types_json_is_pinned(value, expected):
    assert value.to_json() == expected


@pytest.mark.parametrize(("value", "expected"), CASES, ids=lambda v: type(v).__name__)
def test_kb_types_api_model_is_derived_from_the_same_fields(value, expected):
    model = models.derived(type(value))
    assert set(model.model_fields) == set(expected)  # no key missing, none extra
    assert model.model_validate(value.to_json()).model_dump(mode="json", exclude_none=False) == expected


def test_kb_types_event_keys_keep_their_order():
    assert list(EVENT.to_json()) == list(EVENT_JSON)  # the order the pinned JSON above is written in


@pytest.mark.parametrize(("value", "expected"), CASES, ids=lambda v: type(v).__name__)
def test_kb_types_writer_matches_the_field_by_field_shape(value, expected):
    """The writer built once per class writes what the plan read field by field writes, keys in
    the same order (JSON text compared, so the order counts)."""
    assert json.dumps(value.to_json()) == json.dumps(t._shape_fields(value))
    assert value.to_json() == expected


def test_kb_types_writer_keeps_nulls_and_copies_lists():
    event = replace(EVENT, date=None, published=None, confidence=None, city=None, countries=("UZB",))  # type: ignore[arg-type]  # a tuple, as a row may give
    found = event.to_json()
    assert (found["date"], found["published"], found["confidence"]) == (None, None, None)
    assert found["location"] == {"city": None, "country": "KAZ"}
    assert found["countries"] == ["UZB"] and found["topics"] == ["trade_economy"]
    assert found["topics"] is not event.topics  # the JSON may be changed without changing the event
    assert list(found) == list(EVENT_JSON)


def test_kb_types_a_field_of_another_layer_reaches_its_model():
    """The resolution summary is written elsewhere (parleys.resolve): its model follows its fields."""
    summary = ResolveSummary(mentions=3, seconds=0.5)
    assert set(models.ResolutionOut.model_fields) == set(summary.to_json())
    models.ResolutionOut.model_validate(summary.to_json())


def test_kb_types_openapi_names_and_types_every_field():
    from fastapi.openapi.utils import get_openapi

    from parleys.api import app as app_module

    app = app_module.FastAPI()
    for module in (app_module.events, app_module.persons, app_module.countries, app_module.network):
        app.include_router(module.router)
    schemas = get_openapi(title="t", version="1", routes=app.routes)["components"]["schemas"]
    for name in ("EventOut", "EventDetailOut", "PersonDetailOut", "DossierOut", "TimelineOut", "NetworkOut"):
        for key, prop in schemas[name]["properties"].items():
            assert "type" in prop or "$ref" in prop or "anyOf" in prop, (name, key, prop)
    assert schemas["EventOut"]["properties"]["location"] == {"$ref": "#/components/schemas/Location"}
    assert schemas["EventDetailOut"]["properties"]["reports"]["items"] == {
        "$ref": "#/components/schemas/ReportRef"
    }
