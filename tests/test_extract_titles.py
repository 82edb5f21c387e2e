"""Titles: the role class an office gives, read from the title's head and what modifies it.

The names here are invented for the tests; none comes from the gold files.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from parleys.documents import Article
from parleys.extract.titles import _group_forms
from parleys.extract.vocabulary import TitleVocabulary

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


def test_titles_plural_office_distributed_over_bodies_and_names(extractor):
    got = _roles(
        extractor,
        "He met the heads of the Foreign Affairs Committee, Liisa Varanen, the Finance Committee Olli "
        "Harkonen, the Legal Affairs Committee, Tuula Brask, and the general secretary of the Finnish "
        "parliament, Seppo Tammi.",
    )
    assert got["Olli Harkonen"] == ("mp", "heads of Finance Committee")
    assert got["Tuula Brask"] == ("mp", "heads of Legal Affairs Committee")
    assert got["Seppo Tammi"][1] == "general secretary of the Finnish parliament"


def test_titles_plural_office_distributed_over_countries(extractor):
    rec = extractor.extract(
        Article(
            id="t",
            source="test",
            text=(
                "Speaker Jane Roe received the Ambassadors of Australia, Paula Kett, and Spain, Pedro Vatero."
            ),
            published=date(2024, 3, 5),
        )
    )
    got = {p.name: (p.role_class, p.country) for p in rec.persons}
    assert got["Paula Kett"] == ("ambassador", "AUS")
    assert got["Pedro Vatero"] == ("ambassador", "ESP")


def test_titles_plural_of_a_head_shares_the_list(extractor):
    got = _roles(
        extractor,
        "The speaker was joined by leaders of the House Committee for Inter-Parliamentary Cooperation, "
        "Adi Wirawan, Budi Santosa and Citra Lestari.",
    )
    assert {got[n][0] for n in ("Adi Wirawan", "Budi Santosa", "Citra Lestari")} == {"mp"}


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        ("Representative Jonah Kollie of Montserrado County spoke.", "Jonah Kollie", "mp"),
        ("Representative Jonah Kollie spoke at the hearing.", "Jonah Kollie", "mp"),
        ("The UN Representative in Lithuania, Marta Vinter, attended the talks.", "Marta Vinter", "official"),
    ],
)
def test_titles_representative_by_what_it_represents(extractor, text, name, role):
    assert _roles(extractor, text)[name][0] == role


def test_titles_vocabulary_derives_regular_plurals():
    from parleys.extract.vocabulary import TitleVocabulary, _plural

    heads = TitleVocabulary.load().heads
    assert heads["leaders"] == heads["leader"]
    assert heads["secretaries"] == heads["secretary"]
    assert heads["spokesmen"] == heads["spokesman"]
    assert _plural("head of state") is None  # the plural is the first word's, listed by hand
    assert _plural("president-elect") is None
    assert _plural("chair") is None  # "Jane Doe chairs the session": a verb, not an office
    assert "sirs" not in heads  # honorifics have no plural office


def test_titles_vocabulary_is_read_once_and_shared_by_the_persons_components(extractor):
    from parleys.extract.vocabulary import TitleVocabulary

    steps = dict(extractor.nlp.pipeline)
    shared = TitleVocabulary.load()
    assert steps["parleys_person_mentions"].vocabulary is shared
    assert steps["parleys_persons"].vocabulary is shared


def test_titles_a_body_subject_is_no_name_but_a_name_after_it_is(extractor):
    got = _roles(
        extractor,
        "He met Chairman of the Committee on Regional Policy and Local Self-Government Alexei Dudin, and "
        "the leaders of the House Committee for Inter-Parliamentary Cooperation (HCIC), Adi Wirawan and "
        "Budi Santosa.",
    )
    assert "Inter-Parliamentary" not in got and "Adi Wirawan" in got
    assert got["Adi Wirawan"][0] == got["Budi Santosa"][0] == "mp"
    # a run that holds a name word after the body's words is not dropped with them
    assert any(name.endswith("Alexei Dudin") for name in got)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # national names of a chamber's presiding officer
        (
            "The Ceann Comhairle, Tomas Ferrick, received the delegation on Monday.",
            "Tomas Ferrick",
            "speaker",
        ),
        ("The Lords Speaker, Baroness Ilse Marnov, welcomed the guests.", "Ilse Marnov", "speaker"),
        # a common misspelling of the head of government's title
        (
            "Prime Minster Ilse Marnov met the Speaker of the Senate Ivo Brandl.",
            "Ilse Marnov",
            "head_of_government",
        ),
    ],
)
def test_titles_presiding_officers_and_misspelt_heads(extractor, text, name, role):
    assert _roles(extractor, text)[name][0] == role


def test_titles_peerage_and_church_ranks_are_honorifics_not_name_words(extractor):
    roles = _roles(
        extractor,
        "The delegation was led by Lord Ivo Brandl, a member of the House of Lords, and Baroness Ilse "
        "Marnov. Speaker Tomas Ferrick also met Cardinal Ruben Talmor on Monday.",
    )
    assert "Ilse Marnov" in roles
    assert not any(n.startswith(("Baroness", "Cardinal")) for n in roles)


def test_titles_a_hospital_or_an_authority_is_a_body_not_a_name(extractor):
    roles = _roles(
        extractor,
        "Speaker Tomas Ferrick opened the Sultan Marnov Hospital in Lagos and addressed the Chairperson "
        "of the ECOWAS Authority on Monday.",
    )
    assert not any("Marnov" in n or "Authority" in n for n in roles)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # one who acts for an office holder holds their own role, not the office after them
        (
            "The Speaker met the representative of the speaker of Gabon's national assembly, Ruben "
            "Talmor, on Monday.",
            "Ruben Talmor",
            "other",
        ),
        (
            "The Speaker met the Special Envoy of the President of Ghana Ruben Talmor.",
            "Ruben Talmor",
            "ambassador",
        ),
        # with no "the" between, the title is the name's own: the President is named, not the aide
        ("He is a former aide to President Ivo Brandl, the Speaker said.", "Ivo Brandl", "head_of_state"),
        # the majority or opposition of a parliament is made of its members
        ("The talks were joined by members of the parliamentary majority Ivo Brandl.", "Ivo Brandl", "mp"),
    ],
)
def test_titles_agent_of_an_office_and_parliament_sides(extractor, text, name, role):
    assert _roles(extractor, text)[name][0] == role


def test_titles_a_surname_with_an_office_goes_to_the_holder_of_that_office(extractor):
    roles = _roles(
        extractor,
        "Accompanying Speaker Andrej Marnov were Mrs. Ilse Marnov and Ms. Lena Brandl. During the visit, "
        "Speaker Marnov met the Prime Minister.",
    )
    assert roles["Andrej Marnov"][0] == "speaker"
    assert roles["Ilse Marnov"][0] == "other"


def test_titles_faith_words_are_name_words_beside_a_name_and_counties_never(extractor):
    roles = _roles(
        extractor,
        "Speaker Ivo Brandl met lawmakers Rafiq Islam and Karim Al Muslim, and later opened the Marnov "
        "County office.",
    )
    assert {"Rafiq Islam", "Karim Al Muslim"} <= set(roles)
    assert not any("County" in n for n in roles)


def test_titles_a_non_resident_ambassador_keeps_the_office_and_the_name(extractor):
    roles = _roles(
        extractor,
        "The Speaker thanked them. Non Resident Ambassador of Czech Republic Ivo Brandl also called on "
        "Speaker Tomas Ferrick.",
    )
    assert roles["Ivo Brandl"][0] == "ambassador"


def test_titles_a_roster_of_name_office_pairs_gives_each_name_the_office_after_it(extractor):
    roles = _roles(
        extractor,
        "Ivo Brandl, Ambassador of Indonesia, Lena Marnov, Ambassador of Thailand and Rosa Tello, "
        "Ambassador of Myanmar represented ASEAN at the meeting.",
    )
    assert roles["Lena Marnov"] == ("ambassador", "Ambassador of Thailand")
    assert roles["Rosa Tello"] == ("ambassador", "Ambassador of Myanmar")
    # an office before a name with none after it stays the name's
    roles = _roles(
        extractor,
        "The Speaker received in Lagos, British Ambassador to Nigeria, Tomas Ferrick, on Monday.",
    )
    assert roles["Tomas Ferrick"][0] == "ambassador"


def test_titles_plural_body_nouns_are_never_names(extractor):
    roles = _roles(
        extractor,
        "In attendance were thirteen of the fifteen SADC PF Member Parliaments, namely Angola and "
        "Botswana, and Speaker Tomas Ferrick.",
    )
    assert set(roles) == {"Tomas Ferrick"}


def test_titles_a_title_word_that_closes_a_tagged_name_is_a_name_word(extractor):
    roles = _roles(
        extractor,
        "Speaker Tomas Ferrick received Minister Lim Boon King and Ambassador Ivo Brandl on Monday.",
    )
    assert roles["Lim Boon King"][0] == "minister"
    # a post-nominal stays an office: "the Hon Ivo Brandl MP, Assistant Minister for Trade"
    roles = _roles(
        extractor,
        "Speaker Tomas Ferrick met the Hon Ivo Brandl MP, Assistant Minister for Trade, on Monday.",
    )
    assert roles["Ivo Brandl"][0] == "minister"


def test_titles_names_listed_before_of_a_state_body_all_serve_it(extractor):
    roles = _roles(
        extractor,
        "The delegation is accompanied by Ivo Brandl and Lena Marnov of the Canadian Embassy, and "
        "Speaker Tomas Ferrick welcomed them.",
    )
    assert roles["Ivo Brandl"] == roles["Lena Marnov"] == ("official", "Canadian Embassy")
    # a party is no state body: its members hold no office by it
    roles = _roles(extractor, "The Speaker met Ivo Brandl and Lena Marnov of the Liberal Party on Monday.")
    assert roles["Ivo Brandl"][0] == "other"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["committee", "committees", "on", "affairs", "inter", "-", "news", "agency", "\n"]),
        max_size=8,
    ),
    st.sets(
        st.sampled_from(["committee", "affair", "news agency", "inter-parliamentary", "agency"]), min_size=1
    ),
)
def test_titles_group_forms_find_what_a_search_of_the_joined_phrase_finds(words, group):
    joined = " " + " ".join(words) + " "
    searched = any(f" {w} " in joined or f" {w}s " in joined for w in group)
    singles, phrases = _group_forms(frozenset(group))
    found = not singles.isdisjoint(words) or any(f" {w} " in joined or f" {w}s " in joined for w in phrases)
    assert found == searched
    assert set(phrases) == {w for w in group if " " in w}


_WORDS = ["council", "of", "europe", "union", "european", "co-operation", "nato", "", "foreign", "office"]
_BODIES = ["council of europe", "european union", "union", "nato parliamentary assembly", "co-operation"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["council", "of", "europe", "union", "european", "co-operation", "nato", "", "foreign", "office"]
        ),
        max_size=8,
    )
)
def test_titles_a_body_name_is_found_as_a_run_of_the_phrases_words(words):
    v = replace(
        TitleVocabulary.load(), body_names=frozenset(_BODIES), body_countries={"foreign office": "GBR"}
    )
    text = " " + " ".join(words) + " "
    pattern = "|".join(re.escape(n) for n in _BODIES)
    assert v.names_a_body(text, countries=False) == (re.search(f"(?<= )(?:{pattern})(?= )", text) is not None)
    with_countries = re.search(f"(?<= )(?:{pattern}|foreign office)(?= )", text) is not None
    assert v.names_a_body(text) == with_countries
