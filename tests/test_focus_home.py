"""The article's home country (``focus.home_countries``): the country a story leaves unqualified.

Documents are built by hand (words, heads, dependency labels); the names are invented.
"""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from parleys.extract.focus import (
    DATELINE,
    LONE_PLACE,
    OFFICE_MENTION,
    RANKED,
    Agencies,
    Divisions,
    Home,
    departures,
    home_countries,
)
from parleys.extract.gazetteer import Place
from parleys.records import Evidence

NLP = spacy.blank("en")


def _parsed(words: list[str], heads: list[int], deps: list[str], pos: list[str], lemmas: list[str]) -> Doc:
    return Doc(NLP.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def _left_for(verb: str, prep: str) -> tuple[Doc, list[Place]]:
    """ "Kofiwe <verb> <prep> Jakarta , Indonesia ." with the country in apposition to the city."""
    words = ["Kofiwe", verb, prep, "Jakarta", ",", "Indonesia", "."]
    heads = [1, 1, 1, 2, 3, 3, 1]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct", "appos", "punct"]
    pos = ["PROPN", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT"]
    lemma = {"left": "leave", "arrived": "arrive", "headed": "head"}.get(verb, verb)
    lemmas = ["Kofiwe", lemma, prep, "Jakarta", ",", "Indonesia", "."]
    doc = _parsed(words, heads, deps, pos, lemmas)
    places = [Place(3, 4, "city", "IDN", "Jakarta"), Place(5, 6, "country", "IDN", "Indonesia")]
    return doc, places


def test_focus_departures_left_for_a_city_and_its_country():
    doc, places = _left_for("left", "for")
    assert departures(doc, places) == {"IDN"}
    doc, places = _left_for("headed", "to")
    assert departures(doc, places) == {"IDN"}


def test_focus_departures_not_an_arrival():
    # arrivals run both ways: a visitor arrives at the home country as often as its own leave it
    doc, places = _left_for("arrived", "in")
    assert departures(doc, places) == set()


def test_focus_home_lone_city_counts_one_beside_its_country_does_not():
    doc = NLP.make_doc("Kofiwe met farmers in Kisumu and in Oslo , Norway .")
    places = [
        Place(4, 5, "city", "KEN", "Kisumu"),
        Place(7, 8, "city", "NOR", "Oslo"),
        Place(9, 10, "country", "NOR", "Norway"),
    ]
    home = home_countries(doc, places)
    assert home.scores == {"KEN": LONE_PLACE, "NOR": 1.0}
    assert home.evidence["KEN"].text == "Kisumu"
    assert home.evidence["KEN"].confidence == RANKED


def test_focus_home_office_mention_weighs_half_and_dateline_adds():
    doc = NLP.make_doc("the Norwegian Ambassador Tor Brevik met Kofiwe in Kenya .")
    places = [Place(1, 2, "demonym", "NOR", "Norway"), Place(8, 9, "country", "KEN", "Kenya")]
    line = ("KEN", Evidence(0, 0, "", RANKED))
    home = home_countries(doc, places, office_tokens={1, 2}, line=line)
    assert home.scores == {"NOR": OFFICE_MENTION, "KEN": 1.0 + DATELINE}
    assert [c for c, _ in home.ranked()] == ["KEN", "NOR"]


def test_focus_home_ranked_puts_a_departure_last_and_top_needs_a_margin():
    ev = Evidence(0, 0, "", RANKED)
    home = Home({"IDN": 5.0, "KEN": 1.0, "NOR": 0.5}, {"IDN": ev, "KEN": ev, "NOR": ev}, frozenset({"IDN"}))
    assert [c for c, _ in home.ranked()] == ["KEN", "NOR", "IDN"]
    assert home.top() == "KEN"
    assert home.top(margin=0.5) is None  # KEN leads NOR by exactly 0.5
    tied = Home({"KEN": 1.0, "NOR": 1.0}, {"KEN": ev, "NOR": ev})
    assert tied.top() is None


def test_focus_divisions_find_a_province_with_its_kind():
    divisions = Divisions()
    doc = NLP.make_doc("Kofiwe of Bungoma County met officials from Punjab Province and Lagos State .")
    assert divisions.find(doc) == [(2, 4, "KEN"), (7, 9, "PAK"), (10, 12, "NGA")]


def test_focus_divisions_need_the_kind_word_and_a_capital():
    divisions = Divisions()
    assert divisions.find(NLP.make_doc("Kofiwe visited Bungoma on Monday .")) == []
    assert divisions.find(NLP.make_doc("the bungoma county farmers")) == []


def test_focus_divisions_leave_out_country_names():
    # "Georgia State" would be a US state's name and a country's: it is not taken as a division
    divisions = Divisions()
    assert all(name != "georgia" for name, _ in divisions.table)
    assert divisions.find(NLP.make_doc("Kofiwe met officials from Georgia State .")) == []


def test_focus_departures_when_the_parser_reads_for_as_a_clause_mark():
    # "left on Sunday for Indonesia to attend": "for" taken as the mark of "Indonesia to attend"
    words = ["Kofiwe", "left", "on", "Sunday", "for", "Indonesia", "to", "attend", "."]
    heads = [1, 1, 1, 2, 7, 7, 7, 1, 1]
    deps = ["nsubj", "ROOT", "prep", "pobj", "mark", "nsubj", "aux", "advcl", "punct"]
    pos = ["PROPN", "VERB", "ADP", "PROPN", "SCONJ", "PROPN", "PART", "VERB", "PUNCT"]
    lemmas = ["Kofiwe", "leave", "on", "Sunday", "for", "Indonesia", "to", "attend", "."]
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert departures(doc, [Place(5, 6, "country", "IDN", "Indonesia")]) == {"IDN"}
    # a verb of another kind before "for" is no departure: "voted for Indonesia to host"
    lemmas[1], words[1] = "vote", "voted"
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert departures(doc, [Place(5, 6, "country", "IDN", "Indonesia")]) == set()


def test_focus_agencies_credited_in_brackets_as_source_or_reporting():
    agencies = Agencies()
    assert agencies.credited("Nairobi (KNA) - The Speaker opened the session.") == ("KEN", 9, 12)
    assert agencies.credited("ZANIS reports that the Minister arrived.") == ("ZMB", 0, 5)
    assert agencies.credited("The session closed.\nSource: MENA") == ("EGY", 28, 32)
    assert agencies.credited("The session closed.\nGNA - The Speaker left.") == ("GHA", 20, 23)


def test_focus_agencies_named_in_prose_are_no_credit():
    agencies = Agencies()
    assert agencies.credited("He showed the delegation the MAP of the new district.") is None
    assert agencies.credited("A reporter of the KNA asked the Speaker a question.") is None
    assert agencies.credited("The Pan-African Parliament (PAP) met in Midrand.") is None
