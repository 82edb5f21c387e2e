"""Guards of the place rules that no broader test pins down: a dash-glued city only after "in"/"at",
and a "City, Country –" dateline whose first name is itself a country is no city. The names are
invented; the texts are written for the tests."""

from __future__ import annotations

from datetime import date

import pytest

from parleys.documents import Article

pytestmark = pytest.mark.model

PUBLISHED = date(2024, 3, 6)


def _main_event(extractor, text: str):
    rec = extractor.extract(Article(id="t", source="test", text=text, published=PUBLISHED))
    assert rec.events, "no event found"
    return rec.events[0]


def test_guards_places_a_dash_glued_city_after_in_is_the_city(extractor):
    ev = _main_event(extractor, "Speaker Ama Kofiwe met Speaker Juma Baraka in Doha- the capital of Qatar.")
    assert (ev.city, ev.country) == ("Doha", "QAT")


def test_guards_places_a_dash_glued_city_after_to_is_no_place_of_the_event(extractor):
    # a trip's destination glued to a dash: not "in"/"at", so not where the event is said to be
    ev = _main_event(
        extractor, "Speaker Ama Kofiwe flew to Doha- the capital of Qatar, and met Speaker Juma Baraka."
    )
    assert ev.city is None


def test_guards_places_two_countries_before_a_dash_are_no_city_dateline(extractor):
    # "Kenya, Tanzania -": the pattern of "City, Country -", but its first name is a country
    ev = _main_event(
        extractor,
        "Kenya, Tanzania - The Speaker of the National Assembly Ama Kofiwe met Speaker Juma Baraka "
        "on Monday.",
    )
    assert ev.city is None
