"""Guards of the country rules that no broader test pins down: administrative divisions in the
article's home score, the facing-group exclusion, and a group leader's country shared at the end.
The names are invented; the documents and texts are written for the tests."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from parleys.documents import Article
from parleys.extract.focus import LONE_PLACE, RANKED, Divisions, home_countries
from parleys.extract.gazetteer import Place
from parleys.extract.groups import MEMBER

NLP = spacy.blank("en")


def _countries(extractor, text: str) -> dict[str, tuple[str | None, float | None, str | None]]:
    rec = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 5, 2)))
    out = {}
    for p in rec.persons:
        ev = p.evidence.get("country")
        out[p.name] = (
            p.country,
            ev.confidence if ev is not None else None,
            ev.text if ev is not None else None,
        )
    return out


def test_guards_countries_home_counts_a_found_division_as_a_lone_place():
    doc = NLP.make_doc("Kofiwe of Bungoma County met officials from Norway .")
    divisions = Divisions().find(doc)
    assert divisions == [(2, 4, "KEN")]
    home = home_countries(doc, [Place(7, 8, "country", "NOR", "Norway")], divisions=divisions)
    assert home.scores == {"NOR": 1.0, "KEN": LONE_PLACE}
    assert home.evidence["KEN"].text == "Bungoma County"
    assert home.evidence["KEN"].confidence == RANKED
    # without the divisions, the county gives nothing
    assert home_countries(doc, [Place(7, 8, "country", "NOR", "Norway")]).scores == {"NOR": 1.0}


def test_guards_countries_home_counts_each_division_mention():
    doc = NLP.make_doc("Kofiwe toured Bungoma County and Kakamega County .")
    home = home_countries(doc, [], divisions=Divisions().find(doc))
    assert home.scores == {"KEN": 2 * LONE_PLACE}
    assert home.evidence["KEN"].text == "Bungoma County"


def test_guards_countries_home_a_gazetteer_division_counts_unless_its_country_is_beside_it():
    doc = NLP.make_doc("Kofiwe met farmers in New Mexico and in Oslo .")
    places = [Place(4, 6, "division", "USA", "New Mexico"), Place(8, 9, "city", "NOR", "Oslo")]
    home = home_countries(doc, places)
    assert home.scores == {"USA": LONE_PLACE, "NOR": LONE_PLACE}
    assert home.evidence["USA"].text == "New Mexico"
    doc = NLP.make_doc("Kofiwe met farmers in New Mexico , United States .")
    places = [Place(4, 6, "division", "USA", "New Mexico"), Place(7, 9, "country", "USA", "United States")]
    assert home_countries(doc, places).scores == {"USA": 1.0}


@pytest.mark.model
def test_guards_countries_who_faces_a_countrys_group_is_not_of_that_country(extractor):
    # Norway is the most named country, but the two who pose with the Norwegian delegation face it:
    # they take the next country the article names
    found = _countries(
        extractor,
        "Ama Kofi and Esi Mensah posed with members of the Norwegian delegation on Monday.\n\n"
        "Norway has given aid to schools in Ghana. Norway plans more aid.",
    )
    for name in ("Ama Kofi", "Esi Mensah"):
        assert found[name][:2] == ("GHA", RANKED), name


LED_ONLY = (
    "A parliamentary delegation led by Speaker Ama Kofi held talks in Oslo on Monday. The delegation "
    "included MPs Esi Mensah and Yaw Boateng.\n\n"
    "The Ghanaian Speaker said trade with Norway would grow. Norway and its farmers welcomed the "
    "delegation."
)
LED_VISIT = (
    "The parliamentary delegation led by Speaker Ama Kofi will be in Norway on an official visit on "
    "3-5 May.\n\n"
    "The delegation will consist of the MPs Esi Mensah and Yaw Boateng, and Chief of Staff Kojo "
    "Asante.\n\n"
    "The Ghanaian Speaker said trade with Norway would grow."
)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "members"),
    [
        pytest.param(LED_ONLY, ("Esi Mensah", "Yaw Boateng"), id="talks-in-the-other-country"),
        pytest.param(
            LED_VISIT, ("Esi Mensah", "Yaw Boateng", "Kojo Asante"), id="visit-to-the-other-country"
        ),
    ],
)
def test_guards_countries_members_share_the_country_their_leader_gets_later(extractor, text, members):
    # no country owns the delegation and the leader's office states none: only a descriptor found
    # later ("the Ghanaian Speaker") places the leader, and the members, guessed weaker from the
    # most named country, take the leader's country just below a membership's confidence
    found = _countries(extractor, text)
    assert found["Ama Kofi"] == ("GHA", 0.6, "Ghanaian Speaker")
    for name in members:
        assert found[name] == ("GHA", pytest.approx(MEMBER - 0.01), "Ghanaian Speaker"), name


@pytest.mark.model
def test_guards_countries_a_capitalised_country_inside_a_line_is_no_dateline(extractor):
    # "the UK," is in capitals and followed by a comma, but it does not open a line: the Speaker's
    # chamber is not placed there; the article's home country (Ghana, named twice) is the guess
    found = _countries(
        extractor,
        "Speaker of Parliament Ama Kofi said on Monday that exports to the UK, Norway and Kenya would "
        "grow.\n\nKofi said Ghana would sell more cocoa. Ghana's farmers agree.",
    )
    assert found["Ama Kofi"][:2] == ("GHA", RANKED)


@pytest.mark.model
def test_guards_countries_a_country_opening_a_line_in_title_case_is_no_dateline(extractor):
    # "Norway, Ghana and Kenya will trade more": a sentence that opens on a country, not a
    # "KUWAIT:" dateline in capitals; the Speaker met Norway's ambassador and is not Norway's
    found = _countries(
        extractor,
        "Norway, Ghana and Kenya will trade more, Speaker of Parliament Ama Kofi said on Monday after "
        "meeting the Ambassador of Norway, Ola Brekke.\n\n"
        "Kofi said Ghana valued the ties with Norway. Norway is a partner.",
    )
    assert found["Ola Brekke"][0] == "NOR"
    assert found["Ama Kofi"][0] == "GHA"
