"""A country word beside a name that is the object of a partner preposition ("ties with Norway
X") is the partner of the person's office, not their own. Invented names, hand-written texts."""

from __future__ import annotations

from datetime import date

import pytest
import spacy

from parleys.documents import Article
from parleys.extract.unstated import _partner_object


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
