"""Open-world recognition of international bodies that the registry does not list."""

from __future__ import annotations

import pytest

from conftest import organization_codes


@pytest.fixture(scope="module")
def nlp(organizations_nlp):
    return organizations_nlp


codes = organization_codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The speaker signed a memorandum with the Global Assembly for Coastal Cities last week.",
            ["Global Assembly for Coastal Cities"],
        ),
        ("Delegates of the Arab Water Fund met the minister.", ["Arab Water Fund"]),
        (
            "The Euro-Asian Network of Rural Parliamentarians held its session.",
            ["Euro-Asian Network of Rural Parliamentarians"],
        ),
        (
            "He chairs the Alliance of Mountain Nations, which met in spring.",
            ["Alliance of Mountain Nations"],
        ),
    ],
)
def test_open_organizations_unknown_multilateral_body_is_found(nlp, text, expected):
    assert codes(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # national bodies: a country, a demonym or a national word in the name
        "The Kenyan International Trade Council met.",
        "The National Council for International Cooperation met.",
        # committees "on" a subject and bilateral commissions
        "The Committee on International Affairs met.",
        "The Interstate Commission on Trade met in the capital.",
        # descriptions, not names
        "Members of the Regional Parliament and an Inter-Parliamentary Assembly met.",
        # no multilateral cue
        "The Board of Governors met.",
        # a body still to be set up
        "He proposed to establish the International Agency for Coastal Safety.",
        # friendship groups are parliaments' own
        "The Inter-Parliamentary Friendship Group met.",
    ],
)
def test_open_organizations_rejects_national_generic_and_proposed_bodies(nlp, text):
    assert codes(nlp, text) == []


def test_open_organizations_title_case_headline_is_skipped(nlp):
    text = "Speaker Meets Head Of Global Fund For Coastal Towns In The Capital\nThe speaker met the envoy."
    assert codes(nlp, text) == []


def test_open_organizations_registry_match_wins(nlp):
    assert codes(nlp, "The Asian Development Bank approved the loan.") == ["Asian Development Bank"]


def test_open_organizations_hyphen_with_spaces_does_not_join_names(nlp):
    text = (
        "The report Stronger Coastal Parliaments - Global Parliament of Islands was read "
        "by the delegates at the session."
    )
    assert codes(nlp, text) == ["Global Parliament of Islands"]
