"""Guards of the country rules that no broader test pins down: administrative divisions in the
article's home score, the facing-group exclusion, and a group leader's country shared at the end.
The names are invented; the documents and texts are written for the tests."""

from __future__ import annotations

import spacy

from parleys.extract.focus import LONE_PLACE, RANKED, Divisions, home_countries
from parleys.extract.gazetteer import Place

NLP = spacy.blank("en")


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
