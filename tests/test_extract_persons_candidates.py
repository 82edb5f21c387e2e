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


def _run_texts(text: str) -> list[str]:
    import spacy

    from parleys.extract.names import find_runs

    doc = spacy.blank("en")(text)
    return [
        r.text(doc) for r in find_runs(doc, bytearray(len(doc)), frozenset({"a", "the", "speaker", "spoke"}))
    ]


def test_extract_persons_candidates_a_word_glued_to_a_name_is_cut_off():
    # a caption that repeats the name with the space lost, a post glued to the surname
    assert _run_texts("Ana RiberaAna Ribera spoke") == ["Ana Ribera", "Ribera"]
    assert _run_texts("the Speaker Marisa RiberoMP spoke") == ["Marisa Ribero"]
    # capitals inside a surname after a short prefix stay: "McKay", "FitzGerald", "DeSantis"
    assert _run_texts("Rosa McKay spoke") == ["Rosa McKay"]
    assert _run_texts("Ines FitzGerald spoke") == ["Ines FitzGerald"]
    assert _run_texts("Tomas DeSantis spoke") == ["Tomas DeSantis"]


def test_extract_persons_candidates_initial_of_a_name_written_surname_first_merges():
    # "T. Batbold" is "Batbold Tsendee" with the name that closes the full form as an initial
    persons = merge([_mention("Batbold Tsendee", 0), _mention("T. Batbold", 10)])
    assert len(persons) == 1
    persons = merge([_mention("Batbold Tsendee", 0), _mention("K. Batbold", 10)])
    assert len(persons) == 2


@pytest.mark.parametrize(
    ("text", "byline"),
    [
        ("date 2024-03-01 Ilse Marnov in Lagos\n\nThe Speaker spoke.", True),
        ("Ilse Marnov in Lagos\nThe Speaker spoke.", True),
        ("The Speaker met Ilse Marnov in Lagos\n", False),
        ("met with Ilse Marnov in Lagos\n", False),
        ("Ilse Marnov in Lagos said the talks went well.", False),
    ],
)
def test_extract_persons_candidates_a_name_alone_on_a_line_before_a_place_is_a_byline(text, byline):
    import spacy

    from parleys.extract.coreference import _dateline_byline

    doc = spacy.blank("en")(text)
    start = text.index("Ilse Marnov")
    span = doc.char_span(start, start + len("Ilse Marnov"))
    assert _dateline_byline(doc, _mention("Ilse Marnov", span.start)) is byline


def test_extract_persons_candidates_a_middle_initial_without_its_stop_stays_in_the_name():
    # "A" is a word that is never a name ("a"), yet between two name words it is an initial
    assert _run_texts("Ibrahim A Doe spoke") == ["Ibrahim A Doe"]
    assert _run_texts("Ibrahim K. Doe spoke") == ["Ibrahim K. Doe"]
    # not before a word that is never a name: "Doe A the" keeps the name alone
    assert _run_texts("Ibrahim Doe A the spoke") == ["Ibrahim Doe"]


def test_extract_persons_candidates_a_peers_designation_and_a_monarchs_ordinal_close_the_name(extractor):
    names = _names(
        extractor,
        "The delegation, led by Lord Brandl of Glenmoor, a member of the British House of Lords, met "
        "Speaker Tomas Ferrick. He recalled his audience with Queen Ilse the Second in the Second World "
        "War museum.",
    )
    assert "Brandl of Glenmoor" in names
    assert "Ilse the Second" in names
    # an ordinal that opens a capitalised phrase is not the monarch's: "the Second World War"
    assert not any("World" in n for n in names)


def test_extract_persons_candidates_a_fathers_name_inside_a_sons_is_another_person():
    persons = merge(
        [_mention("Karim bin Tariq bin Nasser Al Hamdi", 0), _mention("Tariq bin Nasser Al Hamdi", 10)]
    )
    assert len(persons) == 2
    # the son's own shorter form still joins him
    persons = merge([_mention("Karim bin Tariq bin Nasser Al Hamdi", 0), _mention("Karim bin Tariq", 10)])
    assert len(persons) == 1


def test_extract_persons_candidates_two_capital_initials_open_a_name():
    # "HM Doe", "PC Doe": initials written as one capitalised pair join the name after them
    assert _run_texts("HM Rahmatullah spoke") == ["HM Rahmatullah"]
    # capitals alone make no name: "UN", "EU"
    assert _run_texts("the UN spoke") == []
