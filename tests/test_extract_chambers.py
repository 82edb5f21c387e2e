"""Chambers whose name several parliaments share ("House of Commons", "Senate"): the owners come
from the country registry, the article decides among them; a province's chamber takes the
province's country; and a title on the line after a name (a signature block) is the name's.

The names here are invented for the tests; none comes from the gold files.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from parleys.documents import Article
from parleys.extract.chambers import ChamberOwners
from parleys.extract.gazetteer import Place
from parleys.lexicons import load_lexicons


@pytest.fixture(scope="module")
def owners() -> ChamberOwners:
    return ChamberOwners(load_lexicons())


def test_chambers_owners_of_a_shared_name_come_from_the_registry(owners):
    assert owners.owners["house of commons"] == {"CAN", "GBR"}
    # a country owns a name through its chambers' aliases too ("Irish Senate" for the Seanad)
    assert {"USA", "CAN", "KAZ", "IRL"} <= owners.owners["senate"]
    assert "GBR" not in owners.owners["senate"]
    # "National Assembly of Azerbaijan" makes Azerbaijan an owner of "National Assembly"
    assert {"AZE", "HUN", "NPL", "PAK"} <= owners.owners["national assembly"]
    # "Grand National Assembly" is its own name, not a "National Assembly"
    assert "TUR" not in owners.owners["national assembly"]


def test_chambers_kind_of_a_shared_name_only_where_all_owners_agree(owners):
    assert owners.kinds["senate"] == "upper"
    assert owners.kinds["house of commons"] == "lower"
    # a lower house in one country, an upper one in another, a single chamber in a third
    assert "national assembly" not in owners.kinds


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Speaker of the House of Commons", "house of commons"),
        ("Senate President", "senate"),
        ("President of the Senate", "senate"),
        ("Speaker of the National Assembly", "national assembly"),
        # qualified by a word before it or an "of" after it: another body, or a region's
        ("President of the European Parliament", None),
        ("Speaker of the National Assembly of Republika Srpska", None),
        ("Minister of Finance", None),
    ],
)
def test_chambers_generic_name_only_when_the_title_names_it_bare(owners, title, name):
    assert owners.generic_name(title) == name


def test_chambers_generic_name_after_a_title_head(owners):
    assert owners.generic_name("Chairman Senate") is None
    assert owners.generic_name("Chairman Senate", frozenset({"chairman"})) == "senate"


def _persons(extractor, text: str) -> dict[str, tuple[str, str | None]]:
    rec = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 3, 5)))
    return {p.name: (p.role_class, p.country) for p in rec.persons}


def _resolve(owners, title: str, places: list[Place]) -> str | None:
    doc = spacy.blank("en")(title)
    return owners.resolve(doc, 0, len(doc), places)


def _place(kind: str, country: str, canonical: str) -> Place:
    return Place(90, 91, kind, country, canonical)  # past the title: the article's other places


def test_chambers_resolve_needs_exactly_one_named_owner(owners):
    title = "Speaker of the House of Commons"
    assert _resolve(owners, title, [_place("demonym", "GBR", "United Kingdom")]) == "GBR"
    # a capital names its country; another city does not
    assert _resolve(owners, title, [_place("city", "CAN", "Ottawa")]) == "CAN"
    assert _resolve(owners, title, [_place("city", "CAN", "Toronto")]) is None
    # both owners named: the title alone says nothing, context decides
    both = [_place("country", "CAN", "Canada"), _place("country", "GBR", "United Kingdom")]
    assert _resolve(owners, title, both) is None
    # a named country that has no such chamber is no candidate
    assert _resolve(owners, title, [_place("country", "FJI", "Fiji")]) is None
    assert _resolve(owners, "Speaker of the Senate", both) == "CAN"
    # a name most states' legislatures have tells nothing, even with one owner named
    assert _resolve(owners, "Speaker of Parliament", [_place("country", "NAM", "Namibia")]) is None
    assert (
        _resolve(owners, "Speaker of the National Assembly", [_place("country", "NAM", "Namibia")]) == "NAM"
    )
    # a title that names no shared chamber resolves nothing
    assert _resolve(owners, "Minister of Finance", both) is None


def test_chambers_province_of_a_chamber(owners):
    for title, country in (
        ("Speaker of the Legislative Assembly in Ontario", "CAN"),
        ("Clerk of the Legislative Assembly of the Province of British Columbia", "CAN"),
        ("President of the Parliament of Victoria", "AUS"),
        ("Speaker of the Legislative Assembly", None),
        ("Speaker of the Parliament of Georgia", None),  # a state's name and a country's
    ):
        doc = spacy.blank("en")(title)
        assert owners.province_country(doc, 0, len(doc)) == country, title


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # the one owner of "House of Commons" that the article names
        (
            "Prime Minister Tavita Oremu discussed parliamentary cooperation with the Speaker of the "
            "House of Commons, Sir Edwin Palgrove, at his chambers in London on Tuesday.\n\n"
            "Oremu thanked the British Government for its support to the Parliament of Samoa.",
            "Edwin Palgrove",
            "GBR",
        ),
        # the United Kingdom has no Senate: the Canadian one is the Senate the article can mean
        (
            "During the visit to the United Kingdom, the Honourable Orla Fenwick, Speaker of the "
            "Senate, met members of the House of Lords. The visit strengthened relations between the "
            "Parliament of Canada and Westminster.",
            "Orla Fenwick",
            "CAN",
        ),
        # a province qualifies the chamber
        (
            "Ghana signed a partnership agreement with the Speaker of the Legislative Assembly in "
            "Ontario, Marisa Delacourt, in Accra on Tuesday.",
            "Marisa Delacourt",
            "CAN",
        ),
    ],
)
def test_chambers_the_article_settles_a_shared_chamber_name(extractor, text, name, country):
    assert _persons(extractor, text)[name] == ("speaker", country)


@pytest.mark.model
def test_chambers_a_title_on_the_line_after_a_name_line_is_the_names(extractor):
    text = (
        "Joint statement\n"
        "The Hon Kerrin Maddock MP\n"
        "Prime Minister of New Zealand\n"
        "The Honourable Tavita Oremu MP\n"
        "Prime Minister of Samoa\n"
        "  1. Prime Minister Tavita Oremu and Prime Minister Kerrin Maddock held their annual "
        "dialogue in Wellington on 8 February."
    )
    got = _persons(extractor, text)
    assert got["Kerrin Maddock"] == ("head_of_government", "NZL")
    assert got["Tavita Oremu"] == ("head_of_government", "WSM")


@pytest.mark.model
def test_chambers_no_title_across_a_blank_line_or_from_a_sentence(extractor):
    blank = (
        "Please accept the assurances of my highest consideration.\n"
        "Ilsa Varnholt\n\n"
        "Prime Minister of Samoa met the delegation in Apia on Monday and spoke about trade."
    )
    assert _persons(extractor, blank).get("Ilsa Varnholt", ("other", None))[0] != "head_of_government"
    sentence = "Greetings from the capital.\nIlsa Varnholt\nPresident Tomas Weller said the talks went well."
    got = _persons(extractor, sentence)
    assert got.get("Ilsa Varnholt", ("other", None))[0] != "head_of_state"


@pytest.mark.model
def test_chambers_no_title_from_a_line_that_is_a_sentence_opening_with_an_office(extractor):
    # the line after the name line opens with an office but goes on with a verb: a sentence about
    # someone the office names, not the title of the name above it
    text = (
        "Speaker Ilsa Varnholt thanked the hosts in Apia on Monday.\n"
        "Ilsa Varnholt\n"
        "Prime Minister of Samoa met the delegation in Apia on Monday and spoke about trade."
    )
    assert _persons(extractor, text)["Ilsa Varnholt"] == ("speaker", "WSM")


@pytest.mark.model
def test_chambers_a_qualified_namesake_elsewhere_does_not_settle_a_bare_chamber(extractor):
    # two owners of "Shura Council" named: the Qatari one named elsewhere is the host's, not the
    # visitor's bare one
    text = (
        "The Chairman of the Shura Council, Dr. Faris Almandi, began an official visit to the State "
        "of Qatar at the invitation of the Chairman of the Qatari Shura Council, Omar Belkadi. The "
        "visit reflects the ties between the Kingdom of Saudi Arabia and the State of Qatar."
    )
    got = _persons(extractor, text)
    assert got["Omar Belkadi"] == ("speaker", "QAT")
    assert got["Faris Almandi"][1] != "QAT"


@pytest.mark.model
def test_chambers_a_chair_title_only_one_country_uses_gives_its_country(extractor):
    # a transcript's speaker line: the photo caption glued to the name, the constituency and the
    # office in brackets; "Ceann Comhairle" chairs the Irish Dáil only
    text = (
        "Photo of Aodh Ó BriainAodh Ó Briain (Kildare South, Ceann Comhairle)\n"
        "Link to this: Individually\n\n"
        "Before we begin, I welcome our colleagues from the Canadian Parliament."
    )
    assert _persons(extractor, text)["Aodh Ó Briain"] == ("speaker", "IRL")


@pytest.mark.model
def test_chambers_a_country_before_a_bracketed_office_stays_in_it(extractor):
    got = _persons(extractor, "Kofi Mensah (MP, Ghana) and Ama Boateng (Ghana, Minister of Trade) spoke.")
    assert got["Kofi Mensah"] == ("mp", "GHA")
    assert got["Ama Boateng"] == ("minister", "GHA")
