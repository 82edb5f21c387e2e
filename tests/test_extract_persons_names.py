"""Persons: where a name starts and ends, which runs are no names, and which spelling a person
keeps. The names are invented for the tests; none comes from the gold files or the articles."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from parleys.documents import Article
from parleys.extract.coreference import Mention, Person, _fold_aliases, prefer
from parleys.extract.persons import foreign_lines


def _record(extractor, text: str):
    return extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 3, 5)))


def _names(record) -> list[str]:
    return sorted(p.name for p in record.persons)


@pytest.mark.model
def test_persons_title_phrase_words_stay_with_the_title_not_the_name(extractor):
    rec = _record(
        extractor,
        "The delegation met the High Commissioner on National Minorities Jorun Vallerstad. "
        "Also present was the Chairman of the Committee on Regional Policy and Local Self-Government "
        "Pavel Ostrikov, and the Chairman of the Committee on Relations with Compatriots Egor Malinin.",
    )
    assert _names(rec) == ["Egor Malinin", "Jorun Vallerstad", "Pavel Ostrikov"]
    titles = {p.name: p.title for p in rec.persons}
    assert titles["Jorun Vallerstad"] == "High Commissioner on National Minorities"
    assert titles["Pavel Ostrikov"].endswith("Regional Policy and Local Self-Government")
    assert titles["Egor Malinin"].endswith("Relations with Compatriots")


@pytest.mark.model
def test_persons_a_name_after_met_with_keeps_its_first_word(extractor):
    # "with" here is the verb's, not a title's phrase: the name is whole
    rec = _record(extractor, "Minister of Defence Tarik Holm met with Speaker Grace Ana Velmont in Oslo.")
    assert "Grace Ana Velmont" in _names(rec)


@pytest.mark.model
def test_persons_honorific_joined_by_hyphen_stays_in_the_surname(extractor):
    rec = _record(extractor, "Minister of Justice Omar bin Faisal bin Saleh Al-Sheikh received the delegation.")
    assert _names(rec) == ["Omar bin Faisal bin Saleh Al-Sheikh"]


@pytest.mark.model
def test_persons_bracketed_short_name_is_the_full_names_person(extractor):
    rec = _record(
        extractor,
        "Indonesian President Jaro Widomo (Jarowi) opened the session in Jakarta.\n\n"
        "Later Jarowi met the Speaker, and President Jarowi said trade grew.",
    )
    assert _names(rec) == ["Jaro Widomo"]


@pytest.mark.model
def test_persons_surname_slip_merges_and_the_sentences_spelling_wins(extractor):
    rec = _record(
        extractor,
        "Velma Stroganova: talks on trade\n\n"
        "Speaker Velma Strogonova met Speaker Tarik Holm in Minsk. Velma Strogonova said talks went well. "
        "President Ama Kofi Doe-Addo visited Abuja. President Doe-Adoo was briefed.",
    )
    assert _names(rec) == ["Ama Kofi Doe-Addo", "Tarik Holm", "Velma Strogonova"]


@pytest.mark.model
def test_persons_country_possessive_without_apostrophe_is_no_given_name(extractor):
    rec = _record(
        extractor,
        "Envoy calls Norways Holm, congratulates him on poll win\n\nTarik Holm won the election in Norway.",
    )
    assert _names(rec) == ["Tarik Holm"]


@pytest.mark.model
def test_persons_menu_in_another_language_gives_no_names(extractor):
    rec = _record(
        extractor,
        "Naslovna strana Aktuelnosti Mapa sajta Sjednice skupstine Zakoni Kontakt Ustav Vrane Gore "
        "Akcioni plan Poslovnik Gradjani saradnja\n"
        "Speaker Tarik Holm met Ambassador Ana Velmont in Oslo on Monday to discuss trade.",
    )
    assert _names(rec) == ["Ana Velmont", "Tarik Holm"]


def test_persons_foreign_lines_need_four_lower_case_words_mostly_not_english():
    nlp = spacy.blank("en")
    doc = nlp("Naslovna strana sajta radnih tijela plan\nThe Speaker met the envoy in the capital today\nJo Doe")
    english = frozenset({"plan", "speaker", "meet", "met", "envoy", "capital", "today"})
    lines = foreign_lines(doc, english)
    assert len(lines) == 1
    start, end = lines[0]
    assert doc[start].text == "Naslovna" and doc[end - 1].text == "\n"
    assert foreign_lines(doc, frozenset()) == []


def _mention(doc: Doc, start: int, end: int) -> Mention:
    span = doc[start:end]
    return Mention(start, end, [t.lower_ for t in span if t.is_alpha], span.text)


def test_coreference_prefer_takes_the_first_spelling_a_sentence_holds():
    nlp = spacy.blank("en")
    doc = nlp("Ana Lomova : talks\nLater Ana Lamova met Jo Doe . Ana Lomova spoke .")
    first, second, third = _mention(doc, 0, 2), _mention(doc, 5, 7), _mention(doc, 11, 13)
    person = Person("p0", [first, second, third])
    assert person.best is first  # the earliest, without a sentence to prefer
    prefer(doc, person)
    assert person.best is second
    alone = Person("p1", [_mention(doc, 11, 13)])
    prefer(doc, alone)
    assert alone.preferred is None  # one spelling: nothing to choose


def test_coreference_fold_aliases_joins_the_bracketed_word_only():
    nlp = spacy.blank("en")
    doc = nlp("Jaro Widomo ( Jarowi ) spoke . Jarowi left . UNDP ( Undo ) met Kiri .")
    full, alias = _mention(doc, 0, 2), _mention(doc, 7, 8)
    other = _mention(doc, 15, 16)
    persons = [Person("p0", [full]), Person("p1", [alias]), Person("p2", [other])]
    for p in persons:
        for m in p.mentions:
            m.person = p.key
    out = _fold_aliases(doc, persons)
    assert [p.key for p in out] == ["p0", "p2"]
    assert [m.text for m in out[0].mentions] == ["Jaro Widomo", "Jarowi"] and alias.person == "p0"


@pytest.mark.model
def test_persons_words_after_a_point_of_the_compass_name_a_region(extractor):
    rec = _record(
        extractor,
        "They met Mr Karl Brenner, Head of the CDU Regional Group of North Rhine-Westfalen, in Valletta.",
    )
    assert _names(rec) == ["Karl Brenner"]


@pytest.mark.model
def test_persons_place_word_between_honorific_and_name_is_a_given_name(extractor):
    rec = _record(extractor, "Mr Duma Sithole and Dr Paris Lenno met Speaker Jo Doe of the Duma in Moscow.")
    assert _names(rec) == ["Duma Sithole", "Jo Doe", "Paris Lenno"]
    rec = _record(extractor, "The Speaker of the Duma met Mr Tarik Holm in Moscow.")
    assert _names(rec) == ["Tarik Holm"]
