"""Dependent territories with an ISO 3166-1 code of their own (NCL, PYF, GRL, HKG, PRI, COK ...) are
places of that code, read whole: "French Polynesia" is no French evidence, "American Samoa" no
Samoan one, and the metropolitan country keeps its own names. Invented texts and names."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from parleys.documents import Article
from parleys.extract.gazetteer import Gazetteer
from parleys.extract.lexicon_source import gazetteer_entries


def _found(text: str) -> list[tuple[str, str, str]]:
    nlp = spacy.blank("en")
    doc = nlp.make_doc(text)
    places = Gazetteer(nlp.vocab, gazetteer_entries(None), nlp.make_doc).find(doc)
    return [(doc[p.start : p.end].text, p.kind, p.country) for p in places]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "A delegation from French Polynesia arrived in Paris.",
            [("French Polynesia", "country", "PYF"), ("Paris", "city", "FRA")],
            id="french-polynesia-is-not-french",
        ),
        pytest.param(
            "Officials of American Samoa and Samoa met.",
            [("American Samoa", "country", "ASM"), ("Samoa", "country", "WSM")],
            id="american-samoa-is-not-samoa",
        ),
        pytest.param(
            "The Congress of New Caledonia hosted a New Zealand delegation in Nouméa.",
            [
                ("Congress of New Caledonia", "institution", "NCL"),
                ("New Zealand", "country", "NZL"),
                ("Nouméa", "city", "NCL"),
            ],
            id="new-caledonia-institution-and-capital",
        ),
        pytest.param(
            "The Cook Islands and Niue signed with Denmark and Greenland.",
            [
                ("Cook Islands", "country", "COK"),
                ("Niue", "country", "NIU"),
                ("Denmark", "country", "DNK"),
                ("Greenland", "country", "GRL"),
            ],
            id="associated-states-and-autonomous-territories",
        ),
        pytest.param(
            "The Puerto Rican senator flew from San Juan to Hong Kong.",
            [
                ("Puerto Rican", "demonym", "PRI"),
                ("San Juan", "city", "PRI"),
                ("Hong Kong", "country", "HKG"),
            ],
            id="demonym-city-and-city-territory",
        ),
    ],
)
def test_gazetteer_territories_are_their_own_code(text, expected):
    assert _found(text) == expected


def test_gazetteer_territories_legislature_speaker_gets_the_territory(extractor):
    text = (
        "WELLINGTON, 4 March 2024 - The Speaker of the Congress of New Caledonia, Ulrika Trandemont, "
        "held talks with the Speaker of the New Zealand Parliament, Corvin Ashgrove, on Monday.\n\n"
        "Ms Trandemont and Mr Ashgrove discussed regional cooperation in the Pacific."
    )
    rec = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 3, 5)))
    countries = {p.name: p.country for p in rec.persons}
    assert countries == {"Ulrika Trandemont": "NCL", "Corvin Ashgrove": "NZL"}
    assert rec.events[0].countries == ["NCL", "NZL"]
