"""Persons: which capitalised runs are proposed as names, how variants of one name merge, and
which names (bylines, credits, initials) name no one the article reports on.

The names here are invented for the tests; none comes from the gold files.
"""

from __future__ import annotations

from datetime import date

import pytest

from parleys.documents import Article
from parleys.extract.coreference import Mention, Person, merge
from parleys.extract.name_filter import lower_words, person_features
from parleys.extract.names import name_tokens

pytestmark = pytest.mark.model


def _names(extractor, text: str) -> list[str]:
    record = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 3, 5)))
    return [p.name for p in record.persons]


def _mention(text: str, start: int) -> Mention:
    tokens = name_tokens(text)
    return Mention(start, start + len(tokens), tokens, text)


def test_extract_persons_candidates_two_particles_join_a_name(extractor):
    names = _names(
        extractor,
        "European Commission President Marta von der Hoeve met the Speaker of the Senate Ivo Brandl "
        "in Brussels on Monday.",
    )
    assert "Marta von der Hoeve" in names


def test_extract_persons_candidates_a_quoted_or_bracketed_nickname_is_no_part_of_the_name(extractor):
    names = _names(
        extractor,
        'Senate President Franco "Kiko" Alvarenza received the delegation on Monday. President Ruben '
        "(Rubi) Talmor met the Speaker of the Senate Ivo Brandl on Tuesday.",
    )
    assert "Franco Alvarenza" in names
    assert "Ruben Talmor" in names
    assert not any(n in ("Franco", "Ruben", "Kiko", "Rubi") for n in names)


def test_extract_persons_candidates_a_tagged_name_before_its_body_is_a_person(extractor):
    # "X of the Y Ministry": the name is a person's, not the opening of the ministry's name
    names = _names(
        extractor,
        "A meeting with Vice Minister Carla Bertone of the Argentinian Ministry of Defense also took "
        "place, where they discussed regional security.",
    )
    assert any("Bertone" in n for n in names)


def test_extract_persons_candidates_a_one_word_title_inside_a_name_stays_in_it(extractor):
    names = _names(
        extractor,
        "The message was handed over by Ahmad Sultan al Rumaithi, the ambassador, to the Speaker. "
        "Foreign Minister Reza Amir-Tavakoli also attended the talks in Tehran.",
    )
    assert "Ahmad Sultan al Rumaithi" in names
    assert "Reza Amir-Tavakoli" in names


def test_extract_persons_candidates_bylines_and_photo_credits_are_no_persons(extractor):
    names = _names(
        extractor,
        "By Tomas Ferrick\n\nSpeaker of the Senate Lena Varkonyi received a delegation of the Mazhilis "
        "on Tuesday. The two sides discussed trade. [Ivo Brandel, Daily Courier]\n"
        "Photo: Nadia Kessel\nVarkonyi said the visit was a success.",
    )
    assert any("Varkonyi" in n for n in names)
    assert not any(s in n for n in names for s in ("Ferrick", "Brandel", "Kessel"))


def test_extract_persons_candidates_a_byline_name_that_is_also_reported_stays(extractor):
    names = _names(
        extractor,
        "By Tomas Ferrick\n\nSpeaker Tomas Ferrick received a delegation of the Mazhilis on Tuesday.",
    )
    assert any("Ferrick" in n for n in names)


def test_extract_persons_candidates_initials_and_honorifics_alone_name_no_one(extractor):
    finder = extractor.nlp.get_pipe("parleys_coreference")
    assert finder._initials_only(["j", "p"])
    assert finder._initials_only(["h", "e", "hon"])
    assert not finder._initials_only(["j", "doe"])
    assert not finder._initials_only(["lena", "marsh"])


def test_extract_persons_candidates_english_words_feature_tells_phrases_from_names(extractor):
    doc = extractor.nlp("The Production Technician met Lucia Menendro at noon.")
    finder = extractor.nlp.get_pipe("parleys_name_check")
    phrase = Person("p0", [_mention("Production Technician", 1)])
    name = Person("p1", [_mention("Lucia Menendro", 4)])
    kw = {"english": finder.english, "unsupported": {1}}
    x = person_features(doc, phrase, set(), lower_words(doc), set(), **kw)
    y = person_features(doc, name, set(), lower_words(doc), set(), **kw)
    assert (x["english_share"], x["english_all"], x["unsupported"]) == (1.0, 1.0, 1.0)
    assert (y["english_share"], y["english_all"], y["unsupported"]) == (0.0, 0.0, 0.0)


def test_extract_persons_candidates_given_name_spelt_two_ways_is_one_person():
    persons = merge(
        [_mention("Jaclyn Morena", 0), _mention("Jaslin Morena", 10), _mention("Jill Morena", 20)]
    )
    names = sorted(tuple(m.text for m in p.mentions) for p in persons)
    # "Jill" is another given name (three letters off, too short): another person of the family
    assert names == [("Jaclyn Morena", "Jaslin Morena"), ("Jill Morena",)]
    persons = merge([_mention("Shirin Ayla Kahraman", 0), _mention("Shireen Ayla Kahraman", 10)])
    assert len(persons) == 1
    persons = merge([_mention("Daniel Morena", 0), _mention("Marek Morena", 10)])
    assert len(persons) == 2
