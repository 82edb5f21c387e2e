"""Unstated countries from the article's home side: departures, descriptors of someone else, and
two holders of one exclusive office. The names are invented; the texts are written for the tests.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from parleys.documents import Article
from parleys.extract.gazetteer import Place
from parleys.extract.titles import TitleHead
from parleys.extract.unstated import _load_chambers, _one_holder, _unqualified
from parleys.records import Evidence, PersonRecord


def _countries(extractor, text: str) -> dict[str, tuple[str | None, float | None]]:
    rec = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 3, 5)))
    out = {}
    for p in rec.persons:
        ev = p.evidence.get("country")
        out[p.name] = (p.country, ev.confidence if ev is not None else None)
    return out


DEPARTS = (
    "Speaker of the National Assembly Ama Kofiwe left for Indonesia on Monday to attend a "
    "conference of Asian and African parliaments held in Jakarta.\n\n"
    "Kofiwe said Ghana would use the meeting to seek support for its farmers.\n\n"
    "The conference ends on Friday."
)
# Norway is named twice, Kenya never: its counties and its city say where the story is written from
# "Speaker of Parliament": a chamber name most legislatures share, which names no owner
WRITES_TO = (
    "Speaker of Parliament Ama Kofiwe sent a letter to the Speaker of the Parliament "
    "of Norway on Monday.\n\nKofiwe, who represents a constituency in Bungoma County, asked for "
    "support for farmers.\n\nKofiwe later returned to Nairobi."
)
# "our Speaker" in the descriptor's sentence: the descriptor is the other side's speaker
INVITED_OURS = (
    "It is the Speaker of the Parliament of Norway who invited our Speaker to the conference.\n\n"
    "Speaker Ama Kofiwe will meet farmers in Bungoma County and Kakamega County on Tuesday."
)
TOURS = (
    "Minister of Agriculture Ama Kofiwe toured farms in Bungoma County and Kakamega County on "
    "Monday.\n\nShe later met the Ambassador of Norway, Tor Brevik, in the capital.\n\n"
    "Brevik said Norway would support the farmers."
)
# the descriptor stands alone in its sentence: it is how the article names the same speaker
SAME_SPEAKER = (
    "The Speaker of the Parliament of Norway praised the farmers on Monday.\n\n"
    "Speaker Ama Kofiwe thanked the farmers in a statement on Tuesday."
)

# a national office that names an international body is still national; the body's own office is not
HOME = "met farmers in Bungoma County on Monday.\n\nKofiwe later returned to Nairobi."
BODY_MINISTER = "Minister of Foreign and CARICOM Affairs Ama Kofiwe " + HOME
BODY_MEMBER = "Ama Kofiwe, member of the Executive Committee of the Inter-Parliamentary Union, " + HOME
BODY_STAFF = "Secretary General of the Organization of American States Ama Kofiwe " + HOME
BODY_ENVOY = "European Union Ambassador Ama Kofiwe " + HOME


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(DEPARTS, ("GHA", 0.4), id="not-the-country-departed-for"),
        pytest.param(WRITES_TO, ("KEN", 0.4), id="descriptor-in-own-sentence-is-someone-else"),
        pytest.param(INVITED_OURS, ("KEN", 0.4), id="descriptor-beside-our-speaker-is-another"),
        pytest.param(TOURS, ("KEN", 0.4), id="lone-provinces-outweigh-a-named-country"),
        pytest.param(SAME_SPEAKER, ("NOR", 0.6), id="descriptor-elsewhere-places-the-holder"),
        pytest.param(BODY_MINISTER, ("KEN", 0.4), id="minister-naming-a-body-is-national"),
        pytest.param(BODY_MEMBER, ("KEN", 0.4), id="member-of-a-body-organ-is-national"),
        pytest.param(BODY_STAFF, (None, None), id="a-bodys-secretary-general-has-no-country"),
        pytest.param(BODY_ENVOY, (None, None), id="a-bodys-envoy-has-no-country"),
    ],
)
def test_unstated_home_side_of_an_unqualified_office(extractor, text, expected):
    assert _countries(extractor, text)["Ama Kofiwe"] == expected


def test_unstated_envoy_keeps_the_country_of_the_office(extractor):
    assert _countries(extractor, TOURS)["Tor Brevik"][0] == "NOR"


def _holder(key: str, country: str, confidence: float, title: str = "President") -> PersonRecord:
    return PersonRecord(
        key, f"Person {key}", "head_of_state", country, title, None,
        evidence={"country": Evidence(0, 5, "x", confidence)},
    )  # fmt: skip


def test_unstated_one_holder_weaker_evidence_loses_the_country():
    weak, strong = _holder("p0", "MEX", 0.85), _holder("p1", "MEX", 0.9)
    other = _holder("p2", "USA", 0.85)
    _one_holder([weak, strong, other], _load_chambers())
    assert weak.country is None and "country" not in weak.evidence
    assert strong.country == "MEX" and other.country == "USA"


def test_unstated_one_holder_keeps_equals_and_former_holders():
    a, b = _holder("p0", "MEX", 0.9), _holder("p1", "MEX", 0.9)
    former = _holder("p2", "MEX", 0.85, title="former President")
    _one_holder([a, b, former], _load_chambers())
    assert (a.country, b.country, former.country) == ("MEX", "MEX", "MEX")


def test_unstated_unqualified_title():
    doc = spacy.blank("en").make_doc("our Speaker met the Norwegian Speaker and the Speaker of Norway")
    place_at = {4: Place(4, 5, "demonym", "NOR", "Norway"), 10: Place(10, 11, "country", "NOR", "Norway")}
    assert _unqualified(doc, TitleHead(1, 2, "speaker"), place_at)
    assert not _unqualified(doc, TitleHead(5, 6, "speaker"), place_at)
    assert not _unqualified(doc, TitleHead(8, 9, "speaker"), place_at)


def test_unstated_home_a_government_office_without_a_country_is_the_datelines(extractor):
    # "Deputy government spokesman A" in a Berlin story is Germany's, though Ukraine is named most
    rec = extractor.extract(
        Article(
            id="t",
            source="test",
            text="Berlin (Agency) - Chancellor Ola Brekke discussed the situation in Ukraine with partners "
            "on Monday. Deputy government spokesman Lars Tangen said that Ukraine will be supported. "
            "Tangen said the talks focused on Ukraine and on aid to Ukraine.",
            published=date(2024, 5, 2),
        )
    )
    assert {p.name: p.country for p in rec.persons}["Lars Tangen"] == "DEU"
