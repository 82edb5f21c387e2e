"""Persons: offices shared by a list of names, offices and countries in brackets, and the open
lexicon of offices. The names are invented for the tests; none comes from the gold files."""

from __future__ import annotations

from datetime import date

import pytest

from parleys.documents import Article

pytestmark = pytest.mark.model


def _record(extractor, text: str):
    return extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 3, 5)))


def _roles(record) -> dict[str, tuple[str, str | None]]:
    return {p.name: (p.role_class, p.country) for p in record.persons}


def test_persons_bare_senator_title_before_a_list_is_every_name_s(extractor):
    rec = _record(
        extractor,
        "The Chairman of the Senate of Pakistan was assisted by Senator Rubina Qazmi, Tariq Lodhan "
        "and Farah Batool during the talks.",
    )
    roles = _roles(rec)
    for name in ("Rubina Qazmi", "Tariq Lodhan", "Farah Batool"):
        assert roles[name][0] == "mp", roles


def test_persons_list_with_titles_of_its_own_does_not_share_the_first_title(extractor):
    rec = _record(
        extractor,
        "Present were Senator Rubina Qazmi, Tariq Lodhan, Ms Farah Batool Ex MNA and Governor Omar Hadley.",
    )
    roles = _roles(rec)
    assert roles["Rubina Qazmi"][0] == "mp"
    assert roles["Tariq Lodhan"][0] == "other"
    assert roles["Omar Hadley"][0] == "official"


def test_persons_plural_office_after_a_list_is_every_name_s(extractor):
    rec = _record(
        extractor,
        "The guests met Olav Brenne, Siri Hallan and Tor Vikane, members of the Storting, in Oslo.",
    )
    roles = _roles(rec)
    assert {roles[n][0] for n in ("Olav Brenne", "Siri Hallan", "Tor Vikane")} == {"mp"}


def test_persons_plural_title_and_colon_before_a_list(extractor):
    rec = _record(
        extractor,
        "The Speaker will be accompanied by deputies: Aibek Torov, Nurzat Keneshova and Baktybek Alin.",
    )
    roles = _roles(rec)
    assert {roles[n][0] for n in ("Aibek Torov", "Nurzat Keneshova", "Baktybek Alin")} == {"mp"}


def test_persons_country_in_brackets_after_a_name(extractor):
    rec = _record(
        extractor,
        "The panel heard Lucia Fernandes (Brazil), Mateo Quiroga (Guatemala) and Hana Okada (Japan).",
    )
    roles = _roles(rec)
    assert roles["Lucia Fernandes"][1] == "BRA"
    assert roles["Mateo Quiroga"][1] == "GTM"
    assert roles["Hana Okada"][1] == "JPN"


def test_persons_office_and_country_in_brackets_after_a_name(extractor):
    rec = _record(extractor, "The session was opened by Kwame Asante (MP, Ghana), who chaired it.")
    assert _roles(rec)["Kwame Asante"] == ("mp", "GHA")


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Sen. Dale Morrow spoke after the vote.", "Dale Morrow", "mp"),
        ("Rep. Nora Whitcombe, R-Ohio, joined the trip.", "Nora Whitcombe", "mp"),
        ("The Canadian High Commissioner to Ghana Alan Purcey met the Speaker.", "Alan Purcey", "ambassador"),
        ("Permanent Representative of Chile to the UN Rosa Ibarra spoke.", "Rosa Ibarra", "ambassador"),
        ("British Foreign Secretary Giles Harwood arrived in Amman.", "Giles Harwood", "minister"),
        ("Cabinet Secretary for Trade Amina Wekesa met the delegation.", "Amina Wekesa", "minister"),
        ("House Minority Leader Brent Calloway led the delegation.", "Brent Calloway", "mp"),
        ("Speaker pro tempore of the Senate Joel Arsenault opened the sitting.", "Joel Arsenault", "speaker"),
        ("Second Deputy Speaker Ilona Varkas chaired the meeting.", "Ilona Varkas", "deputy_speaker"),
    ],
)
def test_persons_open_office_lexicon(extractor, text, name, role):
    assert _roles(_record(extractor, text))[name][0] == role


def test_persons_counterpart_takes_the_office_of_an_unnamed_subject(extractor):
    rec = _record(
        extractor, "The Prime Minister of Norway held talks with his Malaysian counterpart Idris Kamal."
    )
    assert _roles(rec)["Idris Kamal"] == ("head_of_government", "MYS")


def test_persons_chair_of_a_parliament_standing_committee_is_its_speaker(extractor):
    rec = _record(
        extractor,
        "Chairman of the Standing Committee of the National People's Congress Wen Boda met the guests.",
    )
    assert _roles(rec)["Wen Boda"][0] == "speaker"


def test_persons_president_of_a_national_council_is_a_speaker(extractor):
    rec = _record(
        extractor, "President of the National Council of Austria Klaus Weidinger opened the session."
    )
    assert _roles(rec)["Klaus Weidinger"] == ("speaker", "AUT")


def test_persons_a_stated_office_wins_over_a_bare_legislator_title(extractor):
    rec = _record(
        extractor,
        "The delegation was welcomed by MP Lorna Tighe. Lorna Tighe, Minister for Trade of New Zealand, "
        "signed the agreement.",
    )
    assert _roles(rec)["Lorna Tighe"][0] == "minister"


def test_persons_congress_party_and_state_label_gives_the_united_states(extractor):
    rec = _record(
        extractor, "The trip was joined by Rep. Corwin Hale, R-Ohio, and Sen. Ada Pruitt, D-Vermont."
    )
    roles = _roles(rec)
    assert roles["Corwin Hale"] == ("mp", "USA")
    assert roles["Ada Pruitt"] == ("mp", "USA")


def test_persons_an_unattached_envoy_posting_places_a_chamber(extractor):
    rec = _record(
        extractor,
        "Senate President Ramon Dizon welcomed Lydia Marsh (center), the new U.S. Ambassador to the "
        "Philippines, on Monday. The United States and the U.S. Congress were praised.",
    )
    assert _roles(rec)["Ramon Dizon"] == ("speaker", "PHL")


def test_persons_nickname_or_party_in_brackets_after_a_name(extractor):
    rec = _record(
        extractor,
        "President Budi Santoso (Busan) welcomed Prime Minister Liis Tamm (Reform) at the palace.",
    )
    roles = _roles(rec)
    assert roles["Budi Santoso"][0] == "head_of_state"
    assert roles["Liis Tamm"][0] == "head_of_government"


def test_persons_full_name_tagged_otherwise_is_kept_when_its_surname_names_a_person(extractor):
    rec = _record(
        extractor,
        "The Speaker of the Norwegian parliament (the so called 'Stortinget'), Dag Terje Lundmo. "
        "Mr Lundmo and a delegation of Norwegian MPs will visit.",
    )
    assert "Dag Terje Lundmo" in _roles(rec)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("The delegation was led by the Speaker Rt. Hon. Tane Walker.", "Tane Walker", "speaker"),
        (
            "His Excellency Ravi Lall, M.P., Speaker of the House of Representatives, spoke.",
            "Ravi Lall",
            "speaker",
        ),
        (
            "Officials attended: Hugh Padley, Interim Director of Finance, and others.",
            "Hugh Padley",
            "official",
        ),
        (
            # a caption under the headline (a text's first line is its headline, where the name
            # check weighs capitalised words as headline words)
            "Speaker hosts the regional forum\n"
            "Photo: Sione Tavita - Deputy Speaker of the Legislative Assembly, at the event.",
            "Sione Tavita",
            "deputy_speaker",
        ),
        (
            "They met the President of the Norwegian parliament (the so called Storting), Arne Lunde.",
            "Arne Lunde",
            "speaker",
        ),
        (
            "The Chairmen of both chambers of the Kazakh Parliament Arman Bekov and Yerlan Sadykov attended.",
            "Yerlan Sadykov",
            "speaker",
        ),
        (
            "It was led by the Speaker of its House of Assembly, Sipho Dlamini, on Monday.",
            "Sipho Dlamini",
            "speaker",
        ),
    ],
)
def test_persons_honorifics_glosses_and_separators_inside_offices(extractor, text, name, role):
    assert _roles(_record(extractor, text))[name][0] == role


def test_persons_office_after_a_membership_abbreviation(extractor):
    rec = _record(
        extractor,
        "The talks included the Hon Gareth Pilley MP, Minister for Trade, and Senator the Hon Ruth Amos.",
    )
    roles = _roles(rec)
    assert roles["Gareth Pilley"][0] == "minister"
    assert roles["Ruth Amos"][0] == "mp"


def test_persons_a_country_dateline_places_an_unstated_chamber(extractor):
    rec = _record(
        extractor,
        "KUWAIT: Foreign Minister Fahad Al-Mansour held talks with the visiting Saudi delegation and "
        "the Saudi Ambassador. Saudi Arabia and Saudi officials were praised.",
    )
    assert _roles(rec)["Fahad Al-Mansour"] == ("minister", "KWT")


def test_persons_plural_office_before_a_list_with_honorifics(extractor):
    rec = _record(
        extractor,
        "The delegation consisted of Members of Parliament Hon. Ibrahim Zahir, Hon. Aminath Nadheem, "
        "Hon. Moosa Rasheed and staff.",
    )
    roles = _roles(rec)
    assert {roles[n][0] for n in ("Ibrahim Zahir", "Aminath Nadheem", "Moosa Rasheed")} == {"mp"}


def test_persons_leader_of_the_opposition_is_a_member_of_parliament(extractor):
    rec = _record(
        extractor, "He met several parliamentarians including the Leader of the Opposition, Kwesi Barrow."
    )
    assert _roles(rec)["Kwesi Barrow"][0] == "mp"


def test_persons_possessive_written_with_an_accent_ends_the_name(extractor):
    rec = _record(
        extractor, "Attention was paid to the President Aidar-Bek Sultanov`s State of the Nation Address."
    )
    assert _roles(rec)["Aidar-Bek Sultanov"][0] == "head_of_state"
