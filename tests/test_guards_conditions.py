"""Guards of single conditions in the extraction rules that no broader test pinned down (found by
forcing each condition off in a scratch copy and running the tests that reach it): each test here
fails when its condition is disabled. The names are invented; the sentences are written for the
tests."""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from hand_parses import parsed, real_parse_with
from parleys.documents import Article
from parleys.extract import body_offices
from parleys.extract.body_offices import BodyOffices
from parleys.extract.chambers import ChamberOwners
from parleys.extract.coreference import Mention, _same_person
from parleys.extract.gazetteer import Place
from parleys.extract.names import NameRun
from parleys.extract.participants import _agent_of_contact
from parleys.extract.sides import HOST, _cue, message_frame
from parleys.extract.titles import TitleHead
from parleys.extract.unstated import MESSAGE
from parleys.lexicons import load_lexicons


def _persons(extractor, text: str) -> dict[str, tuple[str | None, str | None, float | None]]:
    """Name -> (role class, country, the country evidence's confidence)."""
    rec = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 5, 3)))
    out = {}
    for p in rec.persons:
        ev = p.evidence.get("country")
        out[p.name] = (p.role_class, p.country, ev.confidence if ev is not None else None)
    return out


# --- body_offices ---------------------------------------------------------------------------------


@pytest.mark.model
def test_guards_conditions_an_international_office_holder_with_a_national_chamber_keeps_a_guess(
    extractor,
):
    # the chamber names no state, so the country is only the dateline's guess; but the text gives a
    # national office besides the assembly's, so the holder serves a state and keeps it
    got = _persons(
        extractor,
        "ASTANA, 3 May - OSCE Parliamentary Assembly President Erlan Dosov, Speaker of the Lower "
        "House, met the visiting delegation in Astana on Friday.",
    )
    role, country, confidence = got["Erlan Dosov"]
    assert (role, country) == ("speaker", "KAZ")
    assert confidence is not None and confidence < body_offices.KEEP


@pytest.mark.model
def test_guards_conditions_an_assembly_speaker_who_is_a_states_member_keeps_a_country(extractor):
    # "a Ghanaian member of the ECOWAS Parliament" is a national office (a member's, with a country
    # of its own) although it names the body: the assembly's Speaker keeps the country the article
    # gives him (the dateline's guess, Accra)
    got = _persons(
        extractor,
        "ACCRA, May 3 - Parliament hosted a team led by Speaker, ECOWAS Parliament, Rt. Honourable "
        "Kofi Adu-Boateng, at the State House in Accra.\n\n"
        "Speaker Adu-Boateng thanked the hosts for their support. Adu-Boateng, a Ghanaian member "
        "of the ECOWAS Parliament, said the region needed more trade.",
    )
    assert got["Kofi Adu-Boateng"][:2] == ("speaker", "GHA")


@pytest.mark.model
def test_guards_conditions_an_assembly_speaker_with_a_stated_country_keeps_it(extractor):
    # "of Ghana" beside the name states the country: the office of the regional assembly does not
    # take it away; without it the dateline's guess goes
    stated = _persons(
        extractor,
        "ABUJA, May 3 - The Nigerian Senate hosted a team led by Speaker, ECOWAS Parliament, Rt. "
        "Honourable Kofi Adu-Boateng of Ghana, at the National Assembly in Abuja.",
    )
    assert stated["Kofi Adu-Boateng"][1:] == ("GHA", body_offices.KEEP)
    guessed = _persons(
        extractor,
        "ABUJA, May 3 - The Nigerian Senate hosted a team led by Speaker, ECOWAS Parliament, Rt. "
        "Honourable Kofi Adu-Boateng, a Ghanaian, at the National Assembly in Abuja.",
    )
    assert guessed["Kofi Adu-Boateng"][1] is None


@pytest.mark.model
def test_guards_conditions_a_bare_title_the_article_writes_with_of_and_a_body_is_that_bodys(extractor):
    # "the President of the OSCE Parliamentary Assembly" (no name beside it) gives the bare title
    # "President" to the assembly: President Lindgren is its president, of no country
    got = _persons(
        extractor,
        "Marta Lindgren: 'Parliaments must watch the elections closely'\n\n"
        '"Observers from all member states will take part," said the President of the OSCE '
        "Parliamentary Assembly at the close of the session in Vienna on Friday.\n\n"
        "President Lindgren will travel to Tbilisi next month.",
    )
    assert got["Marta Lindgren"][1] is None


@pytest.mark.model
def test_guards_conditions_the_office_at_a_holders_first_mention_decides(extractor):
    # the Holy See's office, given where the name is first written, makes him the Vatican's; a
    # former office of an international body named later does not take the country away
    got = _persons(
        extractor,
        "ZAGREB, 18 November - The Croatian Foreign Minister Ana Kovacevic-Brlek met Secretary for "
        "Relations with States within the Holy See's Secretariat of State Pietro Lanzani in the "
        "Vatican on Saturday.\n\n"
        "Lanzani, a former Secretary General of the OSCE, said relations were excellent.",
    )
    assert got["Pietro Lanzani"][1] == "VAT"
    assert got["Ana Kovacevic-Brlek"][1] == "HRV"


def test_guards_conditions_a_registry_name_with_of_for_or_on_is_found_with_another_of_them():
    # "United Nations Office on Drugs and Crime" written with "for"; "International Court of
    # Justice" with "for"
    nlp = spacy.blank("en")
    offices = BodyOffices(nlp)
    for text, code in (
        (
            "Officials of the United Nations Office for Drugs and Crime met",
            "United Nations Office on Drugs and Crime",
        ),
        ("Judges of the International Court for Justice met", "International Court of Justice"),
    ):
        doc = nlp(text)
        assert code in {c for _, _, c in offices.bodies(doc)}, text


def test_guards_conditions_a_registry_without_loose_names_searches_for_none(monkeypatch):
    # no registry name of three words with "of", "for" or "on": nothing to read loosely, and the
    # bodies are the tagger's alone
    nlp = spacy.blank("en")
    real = body_offices.load_data

    def without_loose(name, path=None):
        data = real(name, path)
        for org in data["organizations"]:
            org["names"] = [n for n in org.get("names", ()) if len(n.split()) < 3]
        return data

    monkeypatch.setattr(body_offices, "load_data", without_loose)
    offices = BodyOffices(nlp)
    assert offices.loose == {}
    assert offices.loose_re is None
    doc = nlp("The OSCE met the Office for Democratic Institutions in Warsaw .")
    assert [(doc[a:b].text, code) for a, b, code in offices.bodies(doc)] == [("OSCE", "OSCE")]


# --- participants ---------------------------------------------------------------------------------


def _events(extractor, text: str) -> list[tuple[str, list[str]]]:
    rec = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 10, 15)))
    return [(e.type, [rec.person(k).name for k in e.participants]) for e in rec.events]


def test_guards_conditions_the_agent_of_a_relative_clause_on_a_speech_takes_part():
    # "the speech , which was delivered by Olek Varan": a passive relative clause on a speech (the
    # verb is no verb of a contact's agent, its subject only "which"): its agent gave the speech
    words = ["the", "speech", ",", "which", "was", "delivered", "by", "Olek", "Varan"]
    heads = [1, 1, 1, 5, 5, 1, 5, 8, 6]
    deps = ["det", "ROOT", "punct", "nsubjpass", "auxpass", "relcl", "agent", "compound", "pobj"]
    pos = ["DET", "NOUN", "PUNCT", "PRON", "AUX", "VERB", "ADP", "PROPN", "PROPN"]
    lemmas = ["the", "speech", ",", "which", "be", "deliver", "by", "Olek", "Varan"]
    tags = ["DT", "NN", ",", "WDT", "VBD", "VBN", "IN", "NNP", "NNP"]
    doc = parsed(words, heads, deps, pos, lemmas, tags=tags)
    assert _agent_of_contact(doc[8])
    # "the parcel , which was delivered by Olek Varan": no contact, speech or letter
    doc[1].lemma_ = "parcel"
    assert not _agent_of_contact(doc[8])


@pytest.mark.model
def test_guards_conditions_a_spokesperson_who_speaks_at_a_forum_takes_part(extractor):
    # at a forum speaking is taking part: the spokesperson who speaks at the debate is a participant
    spoke = _events(
        extractor,
        "GENEVA, 14 October - The 149th Assembly of the Inter-Parliamentary Union opened in Geneva "
        "on Monday with delegations from 140 countries.\n\n"
        "Foreign Ministry spokesperson Linnea Dahlquist spoke at the general debate of the Assembly "
        "on Tuesday.",
    )
    assert spoke == [("forum", ["Linnea Dahlquist"])]
    # one who reports on the forum is its source, not a party to it
    said = _events(
        extractor,
        "GENEVA, 14 October - The 149th Assembly of the Inter-Parliamentary Union opened in Geneva "
        "on Monday with delegations from 140 countries. Speaker Anton Reiss addressed the general "
        "debate.\n\n"
        "Foreign Ministry spokesperson Linnea Dahlquist said the Assembly would adopt a resolution "
        "on Tuesday.",
    )
    assert said == [("forum", ["Anton Reiss"])]


# --- persons: where a title's phrase ends and the name begins --------------------------------------


def _name_after_phrase(extractor, text: str, head: tuple[int, int, str] | None, names: list[int]) -> str:
    """The words :meth:`MentionFinder._title_phrase_tail` leaves as the name of the capitalised run
    that starts at ``names[-1]`` and runs to the word before the last ("... said"), in one sentence
    of space-separated words with the title head ``head``; ``names``: where the text's name runs
    start."""
    finder = extractor.nlp.get_pipe("parleys_person_mentions")
    words = text.split()
    doc = Doc(extractor.nlp.vocab, words=words, sent_starts=[True] + [False] * (len(words) - 1))
    head_at = {i: TitleHead(head[0], head[1], head[2]) for i in range(head[0], head[1])} if head else {}
    run = NameRun(names[-1], len(words) - 1)
    k = finder._title_phrase_tail(doc, run, head_at, set(names))
    return " ".join(words[k : run.end])


@pytest.mark.model
def test_guards_conditions_a_phrase_before_a_name_ends_at_a_verb_or_another_name(extractor):
    minister = (0, 1, "minister")
    # "with" after a verb is no title's phrase: "Grant" (an English noun) stays the given name
    text = "Minister Jo Dalen met with Grant Kallio Vesterby said"
    assert _name_after_phrase(extractor, text, minister, [1, 5]) == "Grant Kallio Vesterby"
    # nor is "and" after another name: a list of two persons
    text = "Minister Jo Dalen and Grant Kallio Vesterby said"
    assert _name_after_phrase(extractor, text, minister, [1, 4]) == "Grant Kallio Vesterby"
    # a title's "on" phrase does end before the name
    text = "the Chair of the Committee on Economic Policy Anita Lund said"
    assert _name_after_phrase(extractor, text, (1, 2, "speaker"), [6]) == "Anita Lund"


@pytest.mark.model
def test_guards_conditions_a_phrase_with_no_title_head_takes_no_words_of_the_name(extractor):
    # "Friends of Nature" is a body's name, no title: nothing before the name is a title's phrase
    assert (
        _name_after_phrase(extractor, "Friends of Nature Grant Kallio Vesterby said", None, [3])
        == "Grant Kallio Vesterby"
    )


@pytest.mark.model
def test_guards_conditions_a_title_phrase_leaves_two_name_words_or_none(extractor):
    # the phrase's words would leave one word: the run stays whole (a later step splits it, or not)
    text = "the High Commissioner on National Minorities Grant Vesterby said"
    assert (
        _name_after_phrase(extractor, text, (1, 3, "official"), [4]) == "National Minorities Grant Vesterby"
    )
    text = "Chair of the Committee on Foreign Affairs Anita Berg said"
    assert _name_after_phrase(extractor, text, (0, 1, "speaker"), [5]) == "Anita Berg"


@pytest.mark.model
def test_guards_conditions_a_lower_case_particle_is_the_names_not_the_phrases(extractor):
    # "van" is an English noun, but written in lower case it opens a surname, not a phrase's word
    text = "Chair of the Committee on Foreign Affairs van der Berg said"
    assert _name_after_phrase(extractor, text, (0, 1, "speaker"), [5]) == "van der Berg"
    finder = extractor.nlp.get_pipe("parleys_person_mentions")
    doc = Doc(extractor.nlp.vocab, words=text.split())
    assert [finder._phrase_word(doc, i) for i in (5, 6, 7)] == [True, True, False]


# --- sides: hosts, visitors and messages ------------------------------------------------------------


def _parsed_with(extractor, text: str, names: dict[str, str | None], places: dict[str, tuple[str, str]]):
    return real_parse_with(extractor.nlp, text, names, places)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "The delegation met Speaker Ama Kofi in Accra on Monday.",
        "The visitors held talks with Speaker Ama Kofi in Accra on Monday.",
    ],
)
def test_guards_conditions_whom_a_delegation_meets_is_the_host(extractor, text):
    doc, mentions, _ = _parsed_with(extractor, text, {"Ama Kofi": "p0"}, {})
    assert _cue(doc, mentions[0]) == HOST


@pytest.mark.model
def test_guards_conditions_whom_a_person_meets_has_no_side_from_that_alone(extractor):
    doc, mentions, _ = _parsed_with(
        extractor, "The minister met Speaker Ama Kofi in Accra on Monday.", {"Ama Kofi": "p0"}, {}
    )
    assert _cue(doc, mentions[0]) is None


@pytest.mark.model
def test_guards_conditions_the_people_who_stand_in_solidarity_are_the_senders_side(extractor):
    doc, mentions, places = _parsed_with(
        extractor,
        "The government and people of Norway stand in solidarity with the people of Ghana, Ama Kofi "
        "said on Monday.",
        {"Ama Kofi": "p0"},
        {"Norway": ("country", "NOR"), "Ghana": ("country", "GHA")},
    )
    frame = message_frame(doc, mentions, places)
    assert set(frame.own) == {"NOR"}  # not Ghana, named in the same clause


@pytest.mark.model
def test_guards_conditions_the_disaster_a_sender_writes_of_ends_at_a_comma(extractor):
    # the country after the disaster's own phrase is the stricken one; one after a comma is not
    doc, mentions, places = _parsed_with(
        extractor,
        "Ama Kofi sent condolences over the earthquake in Turkey's south, Norway's embassy said.",
        {"Ama Kofi": "p0"},
        {"Turkey": ("country", "TUR"), "Norway": ("country", "NOR")},
    )
    frame = message_frame(doc, mentions, places)
    assert frame.senders == {"p0"}
    assert set(frame.addressed) == {"TUR"}


@pytest.mark.model
def test_guards_conditions_a_mention_no_person_took_sends_nothing(extractor):
    # with no person as its sender, the message's disaster names no addressed country
    text = "Ama Kofi sent condolences over the earthquake in Turkey on Monday."
    places = {"Turkey": ("country", "TUR")}
    doc, mentions, found = _parsed_with(extractor, text, {"Ama Kofi": None}, places)
    frame = message_frame(doc, mentions, found)
    assert frame.senders == set()
    assert frame.addressed == {}
    doc, mentions, found = _parsed_with(extractor, text, {"Ama Kofi": "p0"}, places)
    frame = message_frame(doc, mentions, found)
    assert frame.senders == {"p0"}
    assert set(frame.addressed) == {"TUR"}


# --- titles, chambers and unstated countries --------------------------------------------------------


def _titled(extractor, text: str) -> dict[str, tuple[str | None, str | None, str | None, float | None]]:
    """Name -> (title, institution, country, the country evidence's confidence)."""
    rec = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 5, 3)))
    out = {}
    for p in rec.persons:
        ev = p.evidence.get("country")
        out[p.name] = (p.title, p.institution, p.country, ev.confidence if ev is not None else None)
    return out


@pytest.mark.model
def test_guards_conditions_a_head_that_holds_its_chamber_names_the_whole_chamber(extractor):
    # "Speaker of the House" holds its chamber: the institution runs from its "of" to the phrase's
    # end, "House of Commons", not only what follows the head ("Commons")
    got = _titled(extractor, "Speaker of the House of Commons Jo Penhallow met the visiting delegation.")
    assert got["Jo Penhallow"][:2] == ("Speaker of the House of Commons", "House of Commons")
    got = _titled(extractor, "Member of Parliament Jo Penhallow met the visiting delegation in Ottawa.")
    assert got["Jo Penhallow"][:2] == ("Member of Parliament", "Parliament")


def test_guards_conditions_a_chamber_after_with_or_to_is_the_partners_not_the_holders():
    owners = ChamberOwners(load_lexicons())
    namibia = [Place(90, 91, "country", "NAM", "Namibia")]
    nlp = spacy.blank("en")

    def resolve(title: str) -> str | None:
        doc = nlp(title)
        return owners.resolve(doc, 0, len(doc), namibia)

    # a minister for relations with the chamber does not sit in it
    assert resolve("Minister for Relations with the National Assembly") is None
    assert resolve("Liaison Officer to the National Assembly") is None
    assert resolve("Speaker of the National Assembly") == "NAM"
    assert resolve("Speaker of the National Assembly to the Republic of Namibia") == "NAM"


@pytest.mark.model
def test_guards_conditions_whose_message_an_envoy_hands_over_is_of_the_envoys_country(extractor):
    # the President's country is unstated; the Ghanaian ambassador passes on his message: he is
    # of the ambassador's side, not of the country the story happens in
    got = _titled(
        extractor,
        "OSLO, 3 May - The Ghanaian Ambassador Ama Kofi handed over a message from President Yaw "
        "Mensah to Speaker Tom Reed at the Storting on Monday.",
    )
    assert got["Ama Kofi"][2] == "GHA"
    assert got["Yaw Mensah"][2:] == ("GHA", MESSAGE)
    assert got["Tom Reed"][2] == "NOR"


# --- coreference --------------------------------------------------------------------------------------


def test_guards_conditions_a_full_name_is_the_person_of_its_one_word_form():
    # a person known by one word ("Varnholt") is named by a full name that holds it, or holds a
    # near spelling of it, or holds it split at an apostrophe ("Ma'oula" read as "ma", "oula")
    forms = {("varnholt",): None}
    assert _same_person(Mention(0, 2, ["ilsa", "varnholt"], "Ilsa Varnholt"), forms)
    assert _same_person(Mention(0, 2, ["ilsa", "varnholdt"], "Ilsa Varnholdt"), forms)
    assert not _same_person(Mention(0, 2, ["ilsa", "brenner"], "Ilsa Brenner"), forms)
    split = {("maoula",): None}
    assert _same_person(Mention(0, 3, ["samir", "ma", "oula"], "Samir Ma'oula"), split)
