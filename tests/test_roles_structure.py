"""Roles from the structure of offices: two offices one name holds (joined by "and" or stacked
appositions) and which of them is the name's, an office held "in" a chamber, the number of a
compound head, the body an office is "of" (an international body whose name has a hyphenated word,
a chamber of provinces, a branch), a gloss in brackets, and a king's consort.

The names here are invented for the tests; none comes from the gold files.
"""

from __future__ import annotations

from datetime import date

import pytest

from parleys.documents import Article
from test_extract_titles import _roles

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a minister who also chairs a committee: the state's office outranks the committee's
        (
            "The talks were attended by Minister of Transport and Chairman of the Joint Sub-committee "
            "on Trade Koval Darensky and other officials.",
            "Koval Darensky",
            "minister",
        ),
        # a rank word the parser takes for a verb ("acting") stays in the first office
        (
            "She noted the participation of acting President and Prime Minister of the Kyrgyz "
            "Republic Temir Osmonbek in the summit.",
            "Temir Osmonbek",
            "head_of_state",
        ),
        # a national office outranks the presidency of an international assembly
        (
            "JAKARTA - House Speaker and the 2025 AIPA President, Lestari Wulandani, opened the session.",
            "Lestari Wulandani",
            "speaker",
        ),
        # a compound head with no article joins too
        (
            "Assistant Deputy Speaker and Chair of the Standing Committee on Ethics, Josee Marchand, "
            "leads the team.",
            "Josee Marchand",
            "deputy_speaker",
        ),
        # stacked appositions after the name: the higher office
        (
            "Tomas Virko, co-chair of the Estonian part of the Commission, Senate Vice Speaker, noted "
            "the progress made.",
            "Tomas Virko",
            "deputy_speaker",
        ),
        # offices of two countries joined by "and" are two persons' (the first unnamed)
        (
            "The Mazhilis Speaker and Deputy Speaker of the Grand National Assembly of Turkey Orhan "
            "Belen discussed cooperation.",
            "Orhan Belen",
            "deputy_speaker",
        ),
        # so is a bare office with its article ("between the Speaker and Ambassador A")
        (
            "Cooperation was discussed at a meeting between the Speaker and Ambassador of Peru Ana Quispe.",
            "Ana Quispe",
            "ambassador",
        ),
    ],
)
def test_roles_two_joined_offices_the_higher_is_the_names(extractor, text, name, role):
    assert _roles(extractor, text)[name][0] == role


def test_roles_stacked_office_before_the_next_name_is_that_names(extractor):
    got = _roles(
        extractor,
        "Mark Tuilagi, Secretary for Pacific Peoples, Prime Minister of Samoa, the Honorable Lani "
        "Vaega, and Minister for Trade Peter Tamasese attended.",
    )
    assert got["Mark Tuilagi"][0] == "official"
    assert got["Lani Vaega"][0] == "head_of_government"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a leader of a party's group "in" a chamber is one of its members, not its head
        (
            "Former Prime Minister and Parliamentary Leader of the PDM in Senate, Senator Ruth Amadi, "
            "hosted the Ambassador of Japan.",
            "Ruth Amadi",
            "mp",
        ),
        (
            "Leader of the PDM in the National Assembly Piet Maree welcomed the guests.",
            "Piet Maree",
            "mp",
        ),
        # "of" the chamber: its head
        ("Chairman of the National Assembly Piet Maree welcomed the guests.", "Piet Maree", "speaker"),
        # an international assembly named with "in" ("Co-operation in Europe") stays an official's
        (
            "The President met Karin Wold, the President of the Organization for Security and "
            "Co-operation in Europe (OSCE) Parliamentary Assembly.",
            "Karin Wold",
            "official",
        ),
    ],
)
def test_roles_office_held_in_a_chamber(extractor, text, name, role):
    assert _roles(extractor, text)[name][0] == role


def test_roles_plural_compound_head_shared_by_a_list(extractor):
    got = _roles(
        extractor,
        "Joint Secretaries Aminul Karim and Rafiq Mollah, Deputy Secretaries Rahim Bepari and Jalal "
        "Nurani are also part of the delegation.",
    )
    assert got["Rahim Bepari"][0] == "official"
    assert got["Jalal Nurani"][0] == "official"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a chief minister heads a province's government: an official, not a minister
        (
            "The envoy was received by the Chief Minister of Punjab, Imran Dogar, on Monday.",
            "Imran Dogar",
            "official",
        ),
        # a chamber of provinces is a parliament, not a province's executive
        (
            "The delegation includes National Council of Provinces Deputy Chairperson, Thandi Mokoena, "
            "and other members.",
            "Thandi Mokoena",
            "deputy_speaker",
        ),
        # a chair whose subject follows a colon chairs a committee
        (
            "The delegation comprises Ms Zodwa Nkosi (National Assembly House Chairperson: "
            "International Relations) and others.",
            "Zodwa Nkosi",
            "mp",
        ),
        # the branch of an association of parliamentarians is chaired by a member
        (
            "The visit is led by the Chair of the CPA Canadian Branch, Josee Marchand.",
            "Josee Marchand",
            "mp",
        ),
        # a hyphenated word of an international body's name ("Co-operation") is three tokens
        (
            "Guests included the President of the Parliamentary Assembly of the Organization for "
            "Security and Co-operation in Europe Karin Wold.",
            "Karin Wold",
            "official",
        ),
        # a run after "in" set off by commas is a place, not a person the office describes
        (
            "The Speaker on Monday received at his residence in Ras Tala, French Ambassador to "
            "Lebanon, Claire Dubreuil.",
            "Claire Dubreuil",
            "ambassador",
        ),
        # a queen with no king beside her reigns
        (
            "Queen Ingrid Solvang of Denmark opened the new session of parliament.",
            "Ingrid Solvang",
            "head_of_state",
        ),
        # "in charge of" continues an office
        (
            "The event was also attended by the Minister of State for Foreign Affairs in charge of "
            "Regional Cooperation, Hon. Peter Okello, among others.",
            "Peter Okello",
            "minister",
        ),
    ],
)
def test_roles_office_by_the_body_it_is_of(extractor, text, name, role):
    assert _roles(extractor, text)[name][0] == role


def test_roles_bracketed_office_belongs_to_the_name_before_it(extractor):
    got = _roles(
        extractor,
        "They were accompanied by Ms Greta Holm (German Ambassador to Malta), Ms Ida Lenzmann, and "
        "Ms Pia Kurzweil.",
    )
    assert got["Greta Holm"][0] == "ambassador"
    assert got["Ida Lenzmann"][0] != "ambassador"


def test_roles_queen_named_with_a_king_is_his_consort(extractor):
    got = _roles(
        extractor,
        "The Speaker met King Tarek II and Queen Leila Haddad of Jordan in Amman.",
    )
    assert got["Tarek II"][0] == "head_of_state"
    assert got["Leila Haddad"][0] == "other"


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a party's post before the name gives way to a head of state's office stated after it
        (
            "The Ambassador paid a courtesy call on President of the National Unity Party (NUP) Dewi "
            "Kartika, who is former President of Indonesia.\n\nKartika praised the ties.",
            "Dewi Kartika",
            "head_of_state",
        ),
        # an international assembly's head whose national office is given in brackets holds it
        (
            "In Vienna, OSCE Parliamentary Assembly President Levan Abashidze (MP, Georgia) met ministers.",
            "Levan Abashidze",
            "mp",
        ),
        # an office that opens a clause after the name ("A, the Speaker said") is not the name's
        ("Party leader Jan Kowalik, the Speaker said, would attend.", "Jan Kowalik", "other"),
    ],
)
def test_roles_office_stated_after_the_name_outranks_a_party_post(extractor, text, name, role):
    assert _roles(extractor, text)[name][0] == role


def test_roles_list_goes_on_after_a_bracketed_gloss(extractor):
    got = _roles(
        extractor,
        "Pictured are Senators Tomas Ruelo, Imelda Cruzat (not in picture), and Lorna Bayani "
        "(not in picture).",
    )
    assert got["Lorna Bayani"][0] == "mp"


@pytest.mark.parametrize(
    ("text", "name", "role", "country"),
    [
        # a state body's kind in lower case continues the office ("the parliamentary staff")
        (
            "The delegation includes MP Ilham Rustamli, Head of the parliamentary staff Safar Mirzali, "
            "and other officials.",
            "Safar Mirzali",
            "official",
            None,
        ),
        # a participle the parser compounds with a committee word ("the working group"); the
        # countries of the group's subject are not its head's
        (
            "The Azerbaijani delegation includes head of the working group on Italy-Azerbaijan "
            "interparliamentary ties Azer Kerimli and others.",
            "Azer Kerimli",
            "mp",
            "AZE",
        ),
        # the subject ends at the body's own "of": the country after it is the holder's
        (
            "Chairman of the Committee on Kazakhstan-China Cooperation of the Estonian Parliament Tiit "
            "Saarmets spoke.",
            "Tiit Saarmets",
            "mp",
            "EST",
        ),
    ],
)
def test_roles_chain_of_a_body_and_the_subject_of_a_committee(extractor, text, name, role, country):
    rec = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 3, 5)))
    got = {p.name: (p.role_class, p.country) for p in rec.persons}
    assert got[name][0] == role
    if country is not None:
        assert got[name][1] == country


def test_roles_fronted_phrase_office_is_not_the_subjects(extractor):
    got = _roles(
        extractor,
        "In addition to the OSCE Secretary General, Levan Abashidze met with the Director of the Office.",
    )
    assert got["Levan Abashidze"][0] == "other"


def test_roles_office_set_off_on_both_sides_stays_the_names(extractor):
    got = _roles(
        extractor,
        "Chairing the committee, the Speaker, with US Ambassador to the Kingdom, Henry Woodman, "
        "discussed reform.",
    )
    assert got["Henry Woodman"][0] == "ambassador"


def test_roles_stated_office_outranks_a_bare_guess_in_another_mention(extractor):
    got = _roles(
        extractor,
        "OSCE Parliamentary Assembly President Levan Abashidze (MP, Georgia) arrived in Vienna.\n\n"
        "On Monday, President Abashidze met the Austrian Speaker of Parliament Anna Kerber.",
    )
    assert got["Levan Abashidze"][0] == "mp"
