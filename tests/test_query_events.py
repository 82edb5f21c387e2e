"""The query layer over hand-built records: every filter, paging, details, counts, records."""

from __future__ import annotations

from datetime import date

import pytest

from parleys.documents import Rejection
from parleys.errors import NotFoundError, QueryError
from parleys.kb.corpus import article_records, list_rejections, summary
from parleys.kb.detail import get_event
from parleys.kb.events import count_events, list_events
from parleys.kb.filters import EventFilter
from parleys.normalize.countries import country_code as normalize_country
from parleys.store import repository
from sample_records import SAMPLES, save_samples


@pytest.fixture()
def stored(db_session):
    save_samples(db_session)
    return db_session


def _articles_types(session, **criteria) -> list[tuple[str, str]]:
    return [(ev.article, ev.type) for ev in list_events(session, EventFilter(**criteria))]


def test_query_lists_all_events_newest_first_undated_last(stored):
    assert _articles_types(stored) == [
        ("uz-call", "call"),
        ("tr-visit", "visit"),
        ("tr-visit", "agreement"),
        ("kz-ge", "meeting"),
        ("undated", "message"),
    ]


def test_query_event_rows_carry_participants_countries_and_topics(stored):
    (ev,) = list_events(stored, EventFilter(type="meeting"))
    assert ev.date == date(2023, 10, 21)
    assert (ev.city, ev.country, ev.title) == ("Tbilisi", "GEO", "Kazakhstan and Georgia")
    assert ev.countries == ["GEO", "KAZ"]
    assert [(p.name, p.role_class, p.country) for p in ev.participants] == [
        ("Aidar Nurlanov", "ambassador", "KAZ"),
        ("Levan Beridze", "mp", "GEO"),
    ]
    assert ev.topics == ["interparliamentary", "trade_economy"]
    assert ev.to_json()["location"] == {"city": "Tbilisi", "country": "GEO"}


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"country": "GEO"}, [("kz-ge", "meeting")]),
        ({"country": "Türkiye"}, [("tr-visit", "visit"), ("tr-visit", "agreement")]),  # location country
        (
            {"country": "kz"},
            [("tr-visit", "visit"), ("tr-visit", "agreement"), ("kz-ge", "meeting"), ("undated", "message")],
        ),
        ({"country": "KAZ", "partner": "GEO"}, [("kz-ge", "meeting")]),
        ({"partner": "TUR"}, [("tr-visit", "visit")]),  # the agreement's participants are all KAZ
        ({"person": "sahinoglu"}, [("tr-visit", "visit")]),
        ({"person": "ŞAHİN"}, [("tr-visit", "visit")]),
        ({"person": "elodie"}, [("uz-call", "call")]),
        ({"person": "Qoshanov"}, [("tr-visit", "visit"), ("tr-visit", "agreement")]),
        ({"person": "nobody at all"}, []),
        ({"type": "agreement"}, [("tr-visit", "agreement")]),
        ({"topic": "energy"}, [("tr-visit", "visit"), ("tr-visit", "agreement")]),
        ({"topic": "security"}, [("uz-call", "call")]),
        (
            {"since": date(2024, 1, 1)},
            [("uz-call", "call"), ("tr-visit", "visit"), ("tr-visit", "agreement")],
        ),
        (
            {"until": date(2024, 2, 5)},
            [("tr-visit", "visit"), ("tr-visit", "agreement"), ("kz-ge", "meeting")],
        ),
        ({"since": date(2024, 2, 5), "until": date(2024, 2, 5), "type": "visit"}, [("tr-visit", "visit")]),
    ],
)
def test_query_filters_events(stored, criteria, expected):
    assert _articles_types(stored, **criteria) == expected
    assert count_events(stored, EventFilter(**criteria)) == len(expected)


def test_query_pages_with_limit_and_offset(stored):
    assert _articles_types(stored, limit=2, offset=1) == [("tr-visit", "visit"), ("tr-visit", "agreement")]
    # 0 means all, as `--limit 0` does (it used to list nothing)
    assert len(_articles_types(stored, limit=0)) == 5
    assert len(_articles_types(stored, limit=None)) == 5
    assert count_events(stored, EventFilter(limit=1)) == 5


@pytest.mark.parametrize(
    "criteria",
    [
        {"type": "party"},
        {"country": "Atlantis"},
        {"country": "XYZ"},
        {"topic": "nonsense"},
        {"limit": -1},
        {"offset": -2},
        {"person": "%"},
        {"country_by": "border"},
        {"since": date(2024, 2, 1), "until": date(2024, 1, 1)},
    ],
)
def test_query_rejects_invalid_filters(criteria):
    with pytest.raises(QueryError) as info:
        EventFilter(**criteria)
    assert info.value.code == "E060"


def test_query_normalizes_countries():
    assert normalize_country("kz") == "KAZ"
    assert normalize_country("Georgia") == "GEO"
    assert normalize_country("xkx") == "XKX"
    assert normalize_country("Russia") == "RUS"  # a name pycountry alone does not know
    assert normalize_country("Kazakh") == "KAZ"  # a demonym


def test_query_get_event_has_evidence_for_each_value(stored):
    (visit,) = list_events(stored, EventFilter(type="visit"))
    detail = get_event(stored, visit.id)
    assert detail.article.external_id == "tr-visit"
    assert detail.evidence["type"].text == "official visit"
    assert detail.evidence["type"].confidence == 0.9
    speaker = detail.participants[0]
    assert (speaker.name, speaker.title, speaker.institution) == (
        "Selim Şahinoğlu",
        "Speaker of the Grand National Assembly",
        "Grand National Assembly",
    )
    assert speaker.evidence["name"].text == "Selim Şahinoğlu"
    assert speaker.evidence["role_class"].confidence == 0.8
    assert [m.text for m in speaker.mentions] == ["Selim Şahinoğlu"]
    assert [(t.code, t.evidence.text) for t in detail.topics] == [("energy", "energy")]
    assert [(o.code, o.evidence.text) for o in detail.organizations] == [("TURKPA", "TURKPA")]
    data = detail.to_json()
    assert data["participants"][1]["evidence"]["name"]["text"] == "Dauren Qoshanov"
    assert data["location"] == {"city": "Ankara", "country": "TUR"}


def test_query_get_event_unknown_id_is_not_found(stored):
    with pytest.raises(NotFoundError) as info:
        get_event(stored, 9999)
    assert info.value.code == "E031"


def test_query_lists_rejections_by_reason(db_session):
    repository.record_rejection(db_session, Rejection("/a.txt", "empty", "no bytes"))
    repository.record_rejection(db_session, Rejection("/b.bin", "binary", "NUL bytes"))
    db_session.commit()
    assert [(r.source, r.reason) for r in list_rejections(db_session)] == [
        ("/a.txt", "empty"),
        ("/b.bin", "binary"),
    ]
    assert [r.source for r in list_rejections(db_session, reason="binary")] == ["/b.bin"]
    assert list_rejections(db_session, reason="too_short") == []
    with pytest.raises(QueryError):
        list_rejections(db_session, reason="whatever")


def test_query_summary_counts(stored):
    repository.record_rejection(stored, Rejection("/a.txt", "empty"))
    stored.commit()
    counts = summary(stored)
    assert (counts.articles, counts.events, counts.persons, counts.rejections) == (4, 5, 7, 1)
    assert counts.events_by_type == {"agreement": 1, "call": 1, "meeting": 1, "message": 1, "visit": 1}
    assert counts.events_by_country["KAZ"] == 4
    assert counts.rejections_by_reason == {"empty": 1}
    assert counts.to_json()["topics"]["energy"] == 1


def test_query_article_records_rebuild_the_stored_records(stored):
    expected = [build()[1].to_json() for build in SAMPLES]
    assert [r.to_json() for r in article_records(stored)] == expected
