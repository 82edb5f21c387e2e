"""A province or state whose name holds another country's name or demonym ("British Columbia",
"New Mexico") is a place of its own country, read whole; common abbreviations of country names
("PNG") are countries. Invented texts."""

from __future__ import annotations

import pytest
import spacy

from parleys.extract.gazetteer import Gazetteer, GazetteerEntries, foreign_named_divisions
from parleys.extract.lexicon_source import gazetteer_entries


def _found(text: str, entries: GazetteerEntries | None = None) -> list[tuple[str, str, str]]:
    nlp = spacy.blank("en")
    doc = nlp.make_doc(text)
    places = Gazetteer(nlp.vocab, entries or gazetteer_entries(None), nlp.make_doc).find(doc)
    return [(doc[p.start : p.end].text, p.kind, p.country) for p in places]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The Speaker of British Columbia met the British envoy.",
            [("British Columbia", "division", "CAN"), ("British", "demonym", "GBR")],
            id="british-columbia",
        ),
        pytest.param(
            "A senator from New Mexico visited Mexico.",
            [("New Mexico", "division", "USA"), ("Mexico", "country", "MEX")],
            id="new-mexico",
        ),
        pytest.param(
            "The Governor of New Ireland met PNG ministers.",
            [("New Ireland", "division", "PNG"), ("PNG", "country", "PNG")],
            id="new-ireland-and-png",
        ),
    ],
)
def test_gazetteer_divisions_named_after_another_country(text, expected):
    assert _found(text) == expected


def test_gazetteer_divisions_only_where_the_word_inside_is_another_countrys():
    entries = GazetteerEntries(
        countries={"Australia": ("AUS", "Australia"), "Mexico": ("MEX", "Mexico")},
        demonyms={"British": ("GBR", "United Kingdom")},
        cities={},
        institutions={},
    )
    found = foreign_named_divisions(entries)
    assert found["British Columbia"] == ("CAN", "British Columbia")
    assert found["New Mexico"] == ("USA", "New Mexico")
    assert "Western Australia" not in found  # Australia's own state: its country word is right
    assert "South Australia" not in found


def test_gazetteer_divisions_an_office_of_a_province_is_of_its_country():
    from parleys.extract.gazetteer import Place
    from parleys.extract.titles import _city_country

    doc = spacy.blank("en")("Deputy Clerk of the Legislative Assembly of British Columbia")
    province = Place(7, 9, "division", "CAN", "British Columbia")
    assert _city_country(doc, [province]) == "CAN"
    # a province named after "in" is where the office sits, not whose it is
    doc = spacy.blank("en")("Speaker of the Legislative Assembly in British Columbia")
    assert _city_country(doc, [Place(6, 8, "division", "CAN", "British Columbia")]) is None
