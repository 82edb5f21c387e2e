"""The written form of an office: the ``title`` and ``institution`` of a person record. A title
never takes in a dateline ("OSLO, 3 May - ...") nor starts or ends with stray punctuation, a dash
or an article; an institution is never a bare country or demonym ("Ghanaian MP": the country is
Ghana, the record names no institution), nor a minister's portfolio ("Minister of Culture"), nor the
person's modifiers ("visiting"); neither runs on into a time ("on Tuesday") nor starts inside a
bracket or a heading before the office ("(AGENCY) Russian President", "Related Stories The ...").

The names here are invented for the tests; none comes from the gold files.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from parleys.documents import Article
from parleys.extract.gazetteer import Place
from parleys.extract.titles import ARTICLES, DASHES, TitleHead, _institution, institution_text, office_span
from parleys.extract.vocabulary import TitleVocabulary


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


@pytest.fixture(scope="module")
def vocabulary() -> TitleVocabulary:
    return TitleVocabulary.load()


def _persons(extractor, text: str) -> dict[str, tuple[str, str | None, str | None, str | None]]:
    rec = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 3, 5)))
    return {p.name: (p.role_class, p.country, p.title, p.institution) for p in rec.persons}


def _doc(blank, text: str) -> Doc:
    return blank(text)


def _at(doc: Doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


# -- the pipeline: what `parleys extract` prints ------------------------------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a dateline with a date: the dash and the article after it are no part of the office
        (
            "OSLO, 3 May - The Croatian Foreign Minister Ana Horvat met her Norwegian counterpart.",
            "Ana Horvat",
            ("minister", "HRV", "Croatian Foreign Minister", None),
        ),
        # a dateline's city in title case: the office starts after the dash
        (
            "Tallinn - Speaker Kaarel Tamm opened the session of the Riigikogu on Monday.",
            "Kaarel Tamm",
            ("speaker", "EST", "Speaker", None),
        ),
    ],
)
def test_title_text_a_dateline_stays_out_of_the_title_and_institution(extractor, text, name, expected):
    assert _persons(extractor, text)[name] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Ghanaian MP Kwesi Adomako said the talks were useful.",
            "Kwesi Adomako",
            ("mp", "GHA", "Ghanaian MP", None),
        ),
        (
            "Kenyan Senator Otieno Wambura and Ugandan Ambassador Grace Akello attended.",
            "Grace Akello",
            ("ambassador", "UGA", "Ugandan Ambassador", None),
        ),
        # a country named after "of" is the office's country too, and so is the host after "to"
        (
            "The Ambassador of Norway to Chile, Ingrid Solheim, attended.",
            "Ingrid Solheim",
            ("ambassador", "NOR", "Ambassador of Norway to Chile", None),
        ),
        (
            "President of Kazakhstan Aru Sadykova received the delegation.",
            "Aru Sadykova",
            ("head_of_state", "KAZ", "President of Kazakhstan", None),
        ),
        # a modifier of the office is no institution either
        (
            "He met the former Speaker Ilse Marten in Berlin.",
            "Ilse Marten",
            ("speaker", "DEU", "former Speaker", None),
        ),
    ],
)
def test_title_text_a_demonym_or_country_is_the_country_not_the_institution(extractor, text, name, expected):
    assert _persons(extractor, text)[name] == expected


@pytest.mark.model
def test_title_text_institution_as_written_without_its_article(extractor):
    got = _persons(
        extractor,
        "Azerbaijani Parliament Speaker Leyla Mammadli met the Speaker of the National Assembly "
        "(NA) Tran Van Minh and the Speaker of the Storting, Lars Brekke.",
    )
    # a demonym inside a chamber's name stays with it; a bracket that closes stays; no "the"
    assert got["Leyla Mammadli"][2:] == ("Azerbaijani Parliament Speaker", "Azerbaijani Parliament")
    assert got["Tran Van Minh"][2:] == ("Speaker of the National Assembly (NA)", "National Assembly (NA)")
    assert got["Lars Brekke"][2:] == ("Speaker of the Storting", "Storting")


@pytest.mark.model
def test_title_text_institution_of_an_office_completed_after_the_name(extractor):
    got = _persons(extractor, "He met Chairperson Jane Okafor of the Portfolio Committee on Health.")
    assert got["Jane Okafor"][2:] == (
        "Chairperson of the Portfolio Committee on Health",
        "Portfolio Committee on Health",
    )


# -- office_span and institution_text on hand-built documents -----------------------------------


def test_title_text_office_span_cuts_before_a_free_standing_dash_ahead_of_the_head(blank):
    doc = _doc(blank, "Valmora , D.C. - The Speaker")
    head = TitleHead(_at(doc, "Speaker"), _at(doc, "Speaker") + 1, "speaker")
    assert office_span(doc, 0, len(doc), head).text == "Speaker"
    # the hyphen of a word is no dateline: "Vice-Speaker" keeps its rank
    doc = _doc(blank, "Vice-Speaker")
    head = TitleHead(len(doc) - 1, len(doc), "speaker")
    assert office_span(doc, 0, len(doc), head).text == "Vice-Speaker"
    # a dash after the head belongs to the office as written
    doc = _doc(blank, "Secretary - General")
    head = TitleHead(0, 1, "official")
    assert office_span(doc, 0, len(doc), head).text == "Secretary - General"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("House of Representatives (", "House of Representatives"),
        ("the National Assembly (NA)", "National Assembly (NA)"),
        ('the "Group of Friendship with the Senate"', "Group of Friendship with the Senate"),
        ("Majlis (Parliament) -", "Majlis (Parliament)"),
        ("Federal Council’s", "Federal Council"),
        ("\nthe House of Assembly", "House of Assembly"),
    ],
)
def test_title_text_office_span_edges_of_an_institution(blank, text, expected):
    doc = _doc(blank, text)
    assert office_span(doc, 0, len(doc)).text == expected


def test_title_text_institution_text_none_for_countries_and_modifiers_only(blank, vocabulary):
    doc = _doc(blank, "visiting Ghanaian")
    ghana = [Place(1, 2, "demonym", "GHA", "Ghana")]
    assert institution_text(doc, 0, len(doc), ghana, vocabulary) is None
    doc = _doc(blank, "the Republic of Valmora to the Kingdom of Esteria")
    countries = [Place(1, 4, "country", "VAL", "Valmora"), Place(6, 9, "country", "EST", "Esteria")]
    assert institution_text(doc, 0, len(doc), countries, vocabulary) is None
    # a country's chamber is an institution, the demonym in its name stays
    doc = _doc(blank, "Ghanaian Parliament")
    assert institution_text(doc, 0, len(doc), ghana, vocabulary) == "Ghanaian Parliament"
    # words the gazetteer does not know are not taken for a country
    doc = _doc(blank, "Ghanaian")
    assert institution_text(doc, 0, len(doc), [], vocabulary) == "Ghanaian"


WORDS = ["Speaker", "the", "The", "of", "Senate", "-", "–", ",", "(", ")", '"', ":", "’s", "Valmora", "NA"]


@settings(max_examples=300, deadline=None)
@given(
    before=st.lists(st.sampled_from(WORDS), max_size=6),
    after=st.lists(st.sampled_from(WORDS), max_size=6),
)
def test_title_text_office_span_never_starts_or_ends_with_a_stray_mark(before, after):
    words = [*before, "Minister", *after]
    doc = Doc(spacy.blank("en").vocab, words=words)
    at = len(before)
    span = office_span(doc, 0, len(doc), TitleHead(at, at + 1, "minister"))
    assert span.start <= at < span.end  # the head stays
    first, last = span[0], span[-1]
    assert first.lower_ not in ARTICLES
    assert first.text not in DASHES and first.text not in (",", ")", ":")
    assert last.text not in DASHES and last.text not in (",", "(", ":")
    assert not any(doc[i].text in DASHES for i in range(span.start, at))  # nothing of a dateline
    for mark in ("(", '"'):
        if first.text == mark:  # an opening mark at the start closes inside the office
            assert any(t.text == {"(": ")"}.get(mark, mark) for t in span[1:])


# -- portfolios, headings, brackets, times and the person's modifiers ----------------------------


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # a minister's "of" phrase or the words before the office are a portfolio, not a body
        ("Minister of Culture Dana Velik opened the festival.", "Dana Velik", ("Minister of Culture", None)),
        (
            "Environment Minister Rina Osei said the talks were useful.",
            "Rina Osei",
            ("Environment Minister", None),
        ),
        (
            "Minister of Finance and Planning Kofi Mensah met the delegation.",
            "Kofi Mensah",
            ("Minister of Finance and Planning", None),
        ),
        # a ministry written as such is a body
        (
            "The spokesperson of the Ministry of Culture, Ida Marsh, said the talks were useful.",
            "Ida Marsh",
            ("spokesperson of the Ministry of Culture", "Ministry of Culture"),
        ),
        # a secretary of a body, a speaker's chamber and a chairman's committee are bodies
        (
            "Secretary of the Security Council Pavel Drozd met the Speaker of the Senate, Mara Quist.",
            "Pavel Drozd",
            ("Secretary of the Security Council", "Security Council"),
        ),
        (
            "Secretary of the Security Council Pavel Drozd met the Speaker of the Senate, Mara Quist.",
            "Mara Quist",
            ("Speaker of the Senate", "Senate"),
        ),
    ],
)
def test_title_text_a_portfolio_is_no_institution(extractor, text, name, expected):
    assert _persons(extractor, text)[name][2:] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        # an agency's credit in brackets before the office: the bracket it closes is not the office's
        (
            "Oslo, June 5 (NTB) Speaker of the Storting Lars Brekke on Wednesday held talks.",
            "Lars Brekke",
            ("Speaker of the Storting", "Storting"),
        ),
        # a time after the office is no part of it
        (
            "He met the Chairman of the State Duma on Monday, Ivan Sorokin, in Moscow.",
            "Ivan Sorokin",
            ("Chairman of the State Duma", "State Duma"),
        ),
        # the person's modifier stays in the title, not in the institution
        (
            "On the same day, visiting Valmorian Parliament Speaker Reza Kamali will meet officials.",
            "Reza Kamali",
            ("visiting Valmorian Parliament Speaker", "Valmorian Parliament"),
        ),
        ("Former Senate Speaker Ilse Marten was there.", "Ilse Marten", ("Former Senate Speaker", "Senate")),
        # a modifier that names the body stays
        (
            "Interim Government spokesman Ode Lint said.",
            "Ode Lint",
            ("Interim Government spokesman", "Interim Government"),
        ),
    ],
)
def test_title_text_no_bracket_time_or_person_modifier_in_the_institution(extractor, text, name, expected):
    assert _persons(extractor, text)[name][2:] == expected


def test_title_text_office_span_starts_after_a_bracket_closed_before_it(blank):
    doc = _doc(blank, "June 5 ( AGENCY ) Russian President")
    head = TitleHead(len(doc) - 1, len(doc), "president")
    assert office_span(doc, 2, len(doc), head).text == "Russian President"
    assert office_span(doc, 3, len(doc), head).text == "Russian President"  # the opener left outside
    # a bracket that opens and closes inside the phrase stays
    doc = _doc(blank, "National Assembly ( NA ) Speaker")
    head = TitleHead(len(doc) - 1, len(doc), "speaker")
    assert office_span(doc, 0, len(doc), head).text == "National Assembly ( NA ) Speaker"
    # a quote closed before the office is a name's, not an agency credit's
    doc = _doc(blank, "Strong Valmora ’ Bloc MP")
    head = TitleHead(len(doc) - 1, len(doc), "mp")
    assert office_span(doc, 0, len(doc), head).text == "Strong Valmora ’ Bloc MP"


def test_title_text_office_span_starts_at_a_capitalised_article_inside_the_phrase(blank):
    doc = _doc(blank, "Related Stories The Valmorian High Commissioner")
    head = TitleHead(4, 6, "ambassador")
    assert office_span(doc, 0, len(doc), head).text == "Valmorian High Commissioner"
    # an article in lower case is the phrase's own ("Speaker of the Senate": after the head anyway)
    doc = _doc(blank, "Chairman of the Senate")
    assert office_span(doc, 0, len(doc), TitleHead(0, 1, "chair")).text == "Chairman of the Senate"


def _dated(blank, text: str, when: str) -> Doc:
    """A document whose words ``when`` are a date, as the parser's entities mark one."""
    doc = blank(text)
    at = text[: text.index(when)].count(" ")
    doc.ents = [doc.char_span(doc[at].idx, doc[at].idx + len(when), label="DATE")]
    return doc


@pytest.mark.parametrize(
    ("text", "when", "expected"),
    [
        ("Chairman of the State Duma on Monday", "Monday", "Chairman of the State Duma"),
        ("member of the panel today", "today", "member of the panel"),
        (
            "Speaker of the Assembly of Valmora on December 1",
            "December 1",
            "Speaker of the Assembly of Valmora",
        ),
        # a year that names the body, not a time: no time word leads it in
        ("Chairman of the Committee of Valmora 2024", "2024", "Chairman of the Committee of Valmora 2024"),
        # a date inside the body's name, not at the end
        ("Chairman of the 2024 Games Committee", "2024", "Chairman of the 2024 Games Committee"),
        # a preposition of time only ends the office even before words that are no date
        (
            "Ambassador of Valmora to Esteria during a courtesy call Tuesday",
            "Tuesday",
            "Ambassador of Valmora to Esteria",
        ),
    ],
)
def test_title_text_office_span_ends_before_a_time(blank, text, when, expected):
    doc = _dated(blank, text, when)
    head = TitleHead(0, 1, "chair")
    assert office_span(doc, 0, len(doc), head).text == expected
    # the institution after the head's "of" ends there too
    of = next(t.i for t in doc if t.lower_ in ("of", "to"))
    body = office_span(doc, of + 1, len(doc)).text
    assert body and expected.endswith(" " + body)


def test_title_text_institution_text_drops_the_persons_modifiers(blank, vocabulary):
    doc = _doc(blank, "visiting Valmorian Parliament")
    assert institution_text(doc, 0, len(doc), [], vocabulary) == "Valmorian Parliament"
    doc = _doc(blank, "former Senate")
    assert institution_text(doc, 0, len(doc), [], vocabulary) == "Senate"
    # a capitalised modifier before a body's word is the body's name; one of the past never is
    doc = _doc(blank, "Interim Government")
    assert institution_text(doc, 0, len(doc), [], vocabulary) == "Interim Government"
    doc = _doc(blank, "Former Senate")
    assert institution_text(doc, 0, len(doc), [], vocabulary) == "Senate"
    doc = _doc(blank, "Visiting VK House of Commons")
    assert institution_text(doc, 0, len(doc), [], vocabulary) == "VK House of Commons"


@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("Minister of Culture and Tourism", (0, 1, "minister"), None),
        ("Deputy Minister of Foreign Affairs", (0, 2, "minister"), None),
        ("Home Secretary", (0, 2, "minister"), None),
        ("Additional Secretary", (1, 2, "official"), None),
        ("Defence Minister", (1, 2, "minister"), None),
        ("Minister of the Ministry of Culture", (0, 1, "minister"), "Ministry of Culture"),
        ("Secretary of the Valmora Party", (0, 1, "official"), "Valmora Party"),
        ("Secretary of the VDP", (0, 1, "official"), "VDP"),
        ("Cabinet Secretary", (1, 2, "official"), "Cabinet"),
        # a secretary-general's noun is its secretary: a rank word before it is no body, an
        # international body's word or acronym is
        ("Assistant Secretary-General", (1, 4, "official"), None),
        ("Commonwealth Secretary General", (1, 3, "official"), "Commonwealth"),
        ("VTO Secretary-General", (1, 4, "official"), "VTO"),
        # heads that are not a minister's: their "of" phrase is their body
        ("Chairman of Valtrex", (0, 1, "chair"), "Valtrex"),
        ("Speaker of the Senate", (0, 1, "speaker"), "Senate"),
        ("President of the Assembly", (0, 1, "president"), "Assembly"),
    ],
)
def test_title_text_institution_of_a_portfolio_head(blank, vocabulary, text, head, expected):
    doc = _doc(blank, text)
    got = _institution(doc, TitleHead(*head), 0, len(doc), [], vocabulary)
    assert got == expected
