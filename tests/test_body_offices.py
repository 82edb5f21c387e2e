"""Offices of international bodies that a person's own title does not show (extract/body_offices.py):
their holders represent no country unless the text states one, and an office a state owns ("the
Holy See's Secretariat of State") is that state's.

The names here are invented for the tests; none comes from the gold files.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from parleys.documents import Article
from parleys.extract.body_offices import BodyOffices, _loosened, _posted
from parleys.extract.titles import TitleHead


def _countries(extractor, text: str, published: date = date(2024, 3, 5)) -> dict[str, str | None]:
    rec = extractor.extract(Article(id="t", source="test", text=text, published=published))
    return {p.name: p.country for p in rec.persons}


@pytest.fixture(scope="module")
def nlp():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def offices(nlp) -> BodyOffices:
    return BodyOffices(nlp)


def test_body_offices_glued_acronym_is_the_registry_acronym_a_caption_runs_into(offices):
    assert offices._glued_acronym("MFAOSCE") == "OSCE"
    assert offices._glued_acronym("OSCE") is None  # an acronym of its own
    assert offices._glued_acronym("Minister") is None
    assert offices._glued_acronym("NASA") is None  # no registry acronym at its end after two capitals
    assert offices._glued_owner("Turkish FMOSCE PA Secretary General")
    assert not offices._glued_owner("OSCE PA Secretary General")


def test_body_offices_loose_names_take_for_and_on_as_of():
    assert _loosened("Office for Democratic Institutions") == _loosened("office of democratic institutions")
    assert _loosened("Committee on Trade") == "committee of trade"
    assert _loosened("Fortress") == "fortress"  # whole words only


def test_body_offices_bodies_include_short_forms_only_where_the_article_names_the_assembly(nlp, offices):
    named = nlp("The OSCE Parliamentary Assembly met. PA President spoke.")
    bodies = {(named[a:b].text, code) for a, b, code in offices.bodies(named)}
    assert ("PA", "OSCE PA") in bodies
    unnamed = nlp("The PA President spoke.")
    assert not any(code == "OSCE PA" for _, _, code in offices.bodies(unnamed))
    misspelt = nlp("the Director of the Office of Democratic Institutions and Human Rights spoke")
    assert any(
        code == "Office for Democratic Institutions and Human Rights"
        for _, _, code in offices.bodies(misspelt)
    )


def test_body_offices_a_body_after_to_an_office_word_is_a_post_not_an_owner():
    doc = spacy.blank("en")("the Permanent Representative to the UN Jane Roe")
    heads = {1: TitleHead(1, 3, "ambassador"), 2: TitleHead(1, 3, "ambassador")}
    assert _posted(doc, 0, 5, heads)  # "UN" after "to the" after the office
    assert not _posted(doc, 3, 5, heads)  # no office word before "to" within the phrase
    met = spacy.blank("en")("met with OSCE Secretary General")
    assert not _posted(met, 0, 2, {3: TitleHead(3, 5, "official"), 4: TitleHead(3, 5, "official")})


def test_body_offices_speaker_with_the_body_in_an_apposition_gets_no_country(extractor):
    text = (
        "ABUJA, May 3 - The Nigerian Senate hosted a team led by Speaker, ECOWAS Parliament, Rt. "
        "Honourable Kofi Mensah-Adu, at the National Assembly in Abuja.\n\n"
        "Speaker Mensah-Adu thanked Nigeria for its support to the ECOWAS Parliament."
    )
    assert _countries(extractor, text)["Kofi Mensah-Adu"] is None


def test_body_offices_an_apposition_naming_the_body_after_the_name_gives_no_country(extractor):
    text = (
        "Abuja, May 3, 2024 - President Yaw Obeng-Sarfo, Chairman of the Authority of Heads of State "
        "and Government of the Economic Community of West African States (ECOWAS), paid a working "
        "visit to the ECOWAS Commission Headquarters in Abuja today."
    )
    assert _countries(extractor, text)["Yaw Obeng-Sarfo"] is None


def test_body_offices_the_short_form_of_a_named_assembly_before_the_name_gives_no_country(extractor):
    text = (
        "MILAN, 7 December - The OSCE Parliamentary Assembly held meetings on the margins of the "
        "Ministerial Council in Milan.\n\n"
        "PA President Arnav Lindqvist addressed the opening of the Ministerial Council in Italy."
    )
    assert _countries(extractor, text)["Arnav Lindqvist"] is None


def test_body_offices_an_office_only_one_body_has_gives_no_country(extractor):
    text = (
        "VIENNA, 10 December - The Austrian Foreign Minister Klara Steinhofer met High Commissioner "
        "on National Minorities Taro Velasquez in Vienna on Monday."
    )
    got = _countries(extractor, text)
    assert got["Taro Velasquez"] is None
    assert got["Klara Steinhofer"] == "AUT"


def test_body_offices_a_national_office_stated_beside_the_body_keeps_its_country(extractor):
    text = (
        "VIENNA, 10 December - OSCE Parliamentary Assembly President Arnav Lindqvist (MP, Georgia) "
        "welcomed increased co-operation with the Austrian Foreign Minister Klara Steinhofer in Vienna."
    )
    assert _countries(extractor, text)["Arnav Lindqvist"] == "GEO"


def test_body_offices_an_office_of_the_holy_see_is_the_vatican_s(extractor):
    text = (
        "ZAGREB, 18 November - The Croatian Foreign Minister Ana Kovacevic-Brlek said after her "
        "meeting with Secretary for Relations with States within the Holy See's Secretariat of State "
        "Pietro Lanzani in the Vatican on Saturday that relations were excellent."
    )
    assert _countries(extractor, text)["Pietro Lanzani"] == "VAT"


def test_body_offices_a_demonym_glued_from_a_caption_is_not_the_holders(extractor):
    text = (
        "Meeting with Turkish FMOSCE PA Secretary General Ludo Vermeer, Milan, 6 Dec.\n\n"
        "MILAN, 7 December - The OSCE Parliamentary Assembly met ministers in Milan on Thursday."
    )
    assert _countries(extractor, text)["Ludo Vermeer"] is None


def test_body_offices_the_title_of_the_next_name_in_a_list_is_not_an_apposition(extractor):
    text = (
        "NAIROBI, May 3 - The National Assembly of Kenya hosted Speaker Amina Odhiambo, President of "
        "the Pan-African Parliament Kojo Asante-Mensah and other guests in Nairobi."
    )
    got = _countries(extractor, text)
    assert got["Kojo Asante-Mensah"] is None
    assert got["Amina Odhiambo"] == "KEN"


def test_body_offices_a_state_named_beside_the_body_makes_the_office_national(extractor):
    text = (
        "MIDRAND, May 3 - President Tevita Lolohea, President of the Union of the Comoros and "
        "Chairperson of the African Union, addressed the Pan-African Parliament in Midrand."
    )
    assert _countries(extractor, text)["Tevita Lolohea"] is not None


def test_body_offices_a_bare_title_that_the_article_gives_only_to_a_body_is_that_body_s(extractor):
    text = (
        "Ludo Vermeer: 'We need the voices of parliamentarians from all member states'\n\n"
        '"The participation of all delegations is very important," stressed the PACE President at '
        "the end of the meeting in Strasbourg today.\n\n"
        "The talks followed the visit made by President Vermeer to Moscow in September."
    )
    assert _countries(extractor, text)["Ludo Vermeer"] is None


def test_body_offices_a_bare_title_that_the_article_also_gives_to_a_state_keeps_its_guess(extractor):
    text = (
        "ASTANA, 3 May - The Kazakh President met the delegation of the Parliamentary Assembly of "
        "the Council of Europe.\n\n"
        "The PACE President said the talks were useful. President Arman Sadykov thanked the guests "
        "in Astana."
    )
    assert _countries(extractor, text)["Arman Sadykov"] == "KAZ"


def test_body_offices_an_office_only_one_body_has_matches_whole_words_and_either_hyphenation(nlp, offices):
    def body(text: str) -> str | None:
        doc = nlp(text)
        office = offices._office_in(doc, 0, len(doc), [], {}, {})
        return office.body if office is not None else None

    assert body("Special Envoy of the Secretary-General Jo Roe") == "UN"
    assert body("Special Envoy of the Secretary General Jo Roe") == "UN"
    assert body("Resident Coordinator Jo Roe") == "UN"
    # "resident coordinator" inside another word is no such office (and no title head: no office)
    assert body("President Coordinator Jo Roe") is None
