"""Places: one canonical city with coordinates, however the article spells it."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from kb_rows import KB
from parleys.export import export
from parleys.normalize.places import canonical_city, place


@pytest.mark.parametrize("written", ["Astana", "Nur-Sultan", "Nur-sultan", "Nur Sultan", "NUR-SULTAN"])
def test_normalize_places_astana_under_every_spelling(written):
    found = place(written)
    assert (found.city, found.country) == ("Astana", "KAZ")
    assert found.latitude == pytest.approx(51.18, abs=0.05) and found.longitude == pytest.approx(
        71.45, abs=0.05
    )


@pytest.mark.parametrize("written", ["St. Petersburg", "St Petersburg", "Saint Petersburg"])
def test_normalize_places_saint_petersburg(written):
    assert canonical_city(written) == "Saint Petersburg"
    assert place(written).latitude == pytest.approx(59.94, abs=0.05)


def test_normalize_places_unknown_city_keeps_its_spelling():
    assert place("  Port  Ellery ") == place("Port Ellery")
    assert (place("Port Ellery").city, place("Port Ellery").latitude) == ("Port Ellery", None)
    assert place(None) is None and place(" ") is None


def test_normalize_places_exports_one_city_with_coordinates(db_session, tmp_path):
    kb = KB(db_session)
    a = kb.person("Arman Zholdasbek", "KAZ", "speaker")
    b = kb.person("Ivan Sorokin", "RUS", "speaker")
    kb.event("meeting", date(2019, 5, 2), [a, b], city="Nur-sultan", country="KAZ")
    kb.event("meeting", date(2023, 5, 2), [a, b], city="Astana", country="KAZ")
    kb.event("forum", date(2024, 6, 1), [a, b], city="St. Petersburg", country="RUS")
    db_session.commit()
    out = tmp_path / "events.csv"
    assert export(db_session, fmt="events-csv", out=out) == 3
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["city"] for r in rows] == ["Saint Petersburg", "Astana", "Astana"]
    assert rows[1]["latitude"] == rows[2]["latitude"] != ""
    assert rows[0]["plover_mode"] == "multilateral" and rows[0]["cameo"] == "044"


def test_normalize_places_listings_show_the_canonical_city(db_session):
    from parleys.kb.events import list_events
    from parleys.kb.filters import EventFilter

    kb = KB(db_session)
    a = kb.person("Arman Zholdasbek", "KAZ", "speaker")
    kb.event("meeting", date(2019, 5, 2), [a], city="Nur Sultan", country="KAZ")
    kb.event("meeting", date(2023, 5, 2), [a], city="Astana", country="KAZ")
    db_session.commit()
    assert [e.city for e in list_events(db_session, EventFilter())] == ["Astana", "Astana"]


def _gazetteer_places(text: str) -> list[tuple[str, str, str]]:
    import spacy

    from parleys.extract.gazetteer import Gazetteer
    from parleys.extract.lexicon_source import gazetteer_entries

    nlp = spacy.blank("en")
    doc = nlp.make_doc(text)
    found = Gazetteer(nlp.vocab, gazetteer_entries(None), nlp.make_doc).find(doc)
    return [(doc[p.start : p.end].text, p.kind, p.country) for p in found]


def test_normalize_places_a_lower_case_word_is_no_country():
    # "island" (Ísland), "chad", "turkey" written in lower case are common words, not countries
    got = _gazetteer_places("the island nation exports turkey to Chad and Iceland")
    assert [(t, c) for t, k, c in got if k == "country"] == [("Chad", "TCD"), ("Iceland", "ISL")]


@pytest.mark.parametrize("written", ["St Kitts and Nevis", "Saint Kitts and Nevis", "St. Kitts & Nevis"])
def test_normalize_places_saint_and_ampersand_spellings_of_a_country(written):
    assert _gazetteer_places(f"Ministers of {written} met.") == [(written, "country", "KNA")]


def test_normalize_places_a_country_word_inside_an_international_bodys_name_is_no_country():
    got = _gazetteer_places(
        "the Secretary General of the Organization of American States met American envoys"
    )
    assert [(t, k, c) for t, k, c in got if c] == [("American", "demonym", "USA")]
    assert ("Organization of American States", "region", "") in got
