"""A country word beside a name that is the object of a partner preposition ("ties with Norway
X") is the partner of the person's office, not their own. Invented names, hand-written texts."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from parleys.documents import Article
from parleys.extract.gazetteer import Place
from parleys.extract.unstated import _partner_object, _sender_before_posting
from parleys.records import Evidence, PersonRecord


def _doc(text: str):
    return spacy.blank("en")(text)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        pytest.param("the working group for ties with Norway Ama Kofiwe", "Norway", True, id="with"),
        pytest.param("the envoy to the Netherlands Ama Kofiwe", "Netherlands", True, id="to-the"),
        pytest.param("relations between Norway Ama Kofiwe", "Norway", True, id="between"),
        pytest.param("a delegation from Norway Ama Kofiwe", "Norway", False, id="from-is-origin"),
        pytest.param("Norway Ama Kofiwe spoke", "Norway", False, id="at-the-start"),
        pytest.param("the Speaker of Norway Ama Kofiwe", "Norway", False, id="of-is-owner"),
    ],
)
def test_unstated_partner_object(text, word, expected):
    assert _partner_object(_doc(text), text.index(word)) is expected


PARTNER = (
    "NAIROBI, March 5 - Members of the National Assembly met farmers in Bungoma County on Monday.\n\n"
    "The meeting was chaired by the Chairman of the Committee on Agriculture and Leader of the "
    "Working Group for Inter-Parliamentary Relations with Norway Ama Kofiwe.\n\n"
    "Kofiwe later returned to Nairobi, where she met farmers from Kakamega County."
)


def test_unstated_partner_country_beside_the_name_is_not_the_persons(extractor):
    rec = extractor.extract(Article(id="t", source="test", text=PARTNER, published=date(2024, 3, 5)))
    person = next(p for p in rec.persons if p.name == "Ama Kofiwe")
    assert person.country == "KEN"
    assert person.evidence["country"].text != "Norway"


def _envoy(doc, title: str, country: str, role: str = "ambassador") -> PersonRecord:
    start = doc.text.index(title)
    return PersonRecord(
        "p0", "Tor Brevik", role, country, title, None,
        evidence={"country": Evidence(start, start + len(title), title, 0.9)},
    )  # fmt: skip


KENYA = ("Kenya", "country", "KEN")
NORWAY = ("Norway", "country", "NOR")


def _places(doc, *spans: tuple[str, str, str]) -> list[Place]:
    out = []
    for word, kind, country in spans:
        span = doc.char_span(doc.text.index(word), doc.text.index(word) + len(word))
        out.append(Place(span.start, span.end, kind, country, word))
    return out


def test_unstated_partner_sender_before_the_posting():
    doc = _doc("He met the Norway to Kenya Ambassador Tor Brevik on Monday.")
    rec = _envoy(doc, "Kenya Ambassador", "KEN")
    _sender_before_posting(doc, [rec], _places(doc, NORWAY, KENYA))
    assert rec.country == "NOR"
    assert rec.evidence["country"].text == "Norway"


@pytest.mark.parametrize(
    ("text", "title", "role", "spans"),
    [
        pytest.param(
            "He sent a letter to Kenya Ambassador Tor Brevik on Monday.",
            "Kenya Ambassador",
            "ambassador",
            (KENYA,),
            id="no-sender",
        ),
        pytest.param(
            "Norway sent a letter to Kenya Ambassador Tor Brevik on Monday.",
            "Kenya Ambassador",
            "ambassador",
            (NORWAY, KENYA),
            id="a-country-not-right-before-to",
        ),
        pytest.param(
            "He met the Norway to Kenya Minister Tor Brevik on Monday.",
            "Kenya Minister",
            "minister",
            (NORWAY, KENYA),
            id="not-an-envoy",
        ),
    ],
)
def test_unstated_partner_sender_needs_a_country_before_to_and_an_envoy(text, title, role, spans):
    doc = _doc(text)
    rec = _envoy(doc, title, "KEN", role)
    _sender_before_posting(doc, [rec], _places(doc, *spans))
    assert rec.country == "KEN"
