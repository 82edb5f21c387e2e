"""Titles: the role class an office gives, read from the title's head and what modifies it.

The names here are invented for the tests; none comes from the gold files.
"""

from __future__ import annotations

from datetime import date

import pytest

from parleys.documents import Article

pytestmark = pytest.mark.model


def _roles(extractor, text: str) -> dict[str, tuple[str, str | None]]:
    rec = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 3, 5)))
    return {p.name: (p.role_class, p.title) for p in rec.persons}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a rank word before the head, with the chamber between, makes the deputy's office
        ("Vice NA Chairman Tran Van Loc met the guests.", "Tran Van Loc", "deputy_speaker"),
        ("Deputy Parliament Speaker Ilse Marten opened the session.", "Ilse Marten", "deputy_speaker"),
        (
            "Vice Chairman of the Standing Committee of the National People's Congress Li Wenhai spoke.",
            "Li Wenhai",
            "deputy_speaker",
        ),
        # the head of a parliament's staff or secretariat is an official, not its speaker
        ("Head of Staff of the Senate Anna Holmgren welcomed them.", "Anna Holmgren", "official"),
        ("Chief of the Parliament's Staff Safar Mirzoli attended.", "Safar Mirzoli", "official"),
        # the president of an international body of the registry serves no parliament of its own
        (
            "President of the ECOWAS Commission Jean-Marc Koffi met the delegation.",
            "Jean-Marc Koffi",
            "official",
        ),
        (
            "President of the Parliamentary Assembly of the Council of Europe Pedro Almar spoke.",
            "Pedro Almar",
            "official",
        ),
        # ... but a body called a parliament is chaired by its speaker
        ("President of the European Parliament Rita Vella spoke.", "Rita Vella", "speaker"),
        ("He met Leader of the Opposition Marta Ilves.", "Marta Ilves", "mp"),
    ],
)
def test_titles_role_class_by_office_type(extractor, text, name, role):
    assert _roles(extractor, text)[name][0] == role


def test_titles_capitalised_words_of_a_body_after_a_name_stay_in_the_office(extractor):
    got = _roles(
        extractor,
        "Mr. Ali Hassoun, Minister of Home Security and Technology, held talks with the President.",
    )
    assert got["Ali Hassoun"] == ("minister", "Minister of Home Security and Technology")


def test_titles_a_name_after_a_body_ends_the_office_of_the_name_before(extractor):
    got = _roles(
        extractor,
        "Present were Ivan Pertsev, Chairman of the Friendship Group Oleg Marov and other officials.",
    )
    assert got["Ivan Pertsev"] == ("other", None)
    assert got["Oleg Marov"] == ("mp", "Chairman of the Friendship Group")


def test_titles_unknown_modifier_and_a_party_name_inside_an_office(extractor):
    got = _roles(
        extractor, "The delegation includes deputy leader of the ruling Bright Future faction Greta Lomidze."
    )
    assert got["Greta Lomidze"] == ("mp", "deputy leader of the ruling Bright Future faction")


def test_titles_second_office_in_a_pair_of_appositions(extractor):
    got = _roles(
        extractor, "Dana Lund, Speaker of the Storting, and Eva Bergholt, Speaker of the Folketing, met."
    )
    assert got["Dana Lund"][1] == "Speaker of the Storting"
    assert got["Eva Bergholt"][1] == "Speaker of the Folketing"


def test_titles_a_body_named_after_a_name_does_not_swallow_it(extractor):
    got = _roles(
        extractor,
        "Both sides praised the speech of President of the Republic of Kazakhstan Aidar Nurlanov at the "
        "Shura Council.",
    )
    assert got["Aidar Nurlanov"] == ("head_of_state", "President of the Republic of Kazakhstan")


def test_titles_office_apposed_by_the_parse_across_a_body_name(extractor):
    got = _roles(
        extractor, "In transport, Acting Minister of Transport and Logistics, Gift Mwansa, signed it."
    )
    assert got["Gift Mwansa"] == ("minister", "Acting Minister of Transport and Logistics")


def test_titles_rank_word_before_an_apposed_office(extractor):
    got = _roles(
        extractor,
        "Tomasz Wielki, Vice Marshal (Deputy Speaker) of the Sejm of the Republic of Poland, who came to "
        "attend the meeting, spoke.",
    )
    assert got["Tomasz Wielki"][0] == "deputy_speaker"
