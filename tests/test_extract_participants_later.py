"""Persons named after the main sentence: a contact a reported visit only plans, a contact set apart
by "separately" (unless it tells the main contact again), the senders and addressees of a message
beyond the lead, a spokesperson who is a member of the delegation, the agent of a clause on a
speech. Invented names only."""

from __future__ import annotations

from datetime import date

import pytest

from hand_parses import mention as _mention
from hand_parses import parsed as _parsed
from parleys.documents import Article
from parleys.extract.participants import (
    _agent_of_contact,
    _frame,
    _member,
    _of_another_occasion,
    _only_spoken_of,
    _reported_by_other,
    _represented,
    _sends_or_receives,
    _tells,
)


def _participants(extractor, text: str) -> tuple[str, list[str]]:
    rec = extractor.extract(Article(id="t", source="t", text=text, published=date(2024, 6, 7)))
    assert rec.events, "no event found"
    return rec.events[0].type, [rec.person(k).name for k in rec.events[0].participants]


def _in_a_message_said():
    # "In a message , Prime Minister Olek Varan said he was saddened ."
    words = "In a message , Prime Minister Olek Varan said he was saddened .".split()
    heads = [8, 2, 0, 8, 5, 7, 7, 8, 8, 10, 8, 10, 8]
    deps = "prep det pobj punct compound compound compound nsubj ROOT nsubj ccomp acomp punct".split()
    pos = "ADP DET NOUN PUNCT PROPN PROPN PROPN PROPN VERB PRON AUX ADJ PUNCT".split()
    lemmas = "in a message , Prime Minister Olek Varan say he be sadden .".split()
    return _parsed(words, heads, deps, pos, lemmas)


def test_participants_later_a_message_that_qualifies_the_verb_tells_its_sender():
    doc = _in_a_message_said()
    assert _tells(doc[2], doc[8])
    assert _sends_or_receives(doc, _mention(6, 8))
    # "In a statement , ...": no written contact, no sender of one
    doc[2].lemma_ = "statement"
    assert not _tells(doc[2], doc[8])
    assert not _sends_or_receives(doc, _mention(6, 8))


def test_participants_later_a_message_inside_what_is_said_tells_no_sender():
    # "Olek Varan said that in his message the King was praised ."
    words = ["Olek", "Varan", "said", "that", "in", "his", "message", "the", "King", "was", "praised", "."]
    heads = [1, 2, 2, 10, 10, 6, 4, 8, 10, 10, 2, 2]
    deps = "compound nsubj ROOT mark prep poss pobj det nsubjpass auxpass ccomp punct".split()
    pos = ["PROPN", "PROPN", "VERB", "SCONJ", "ADP", "PRON", "NOUN", "DET", "NOUN", "AUX", "VERB", "PUNCT"]
    lemmas = ["Olek", "Varan", "say", "that", "in", "his", "message", "the", "king", "be", "praise", "."]
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert not _tells(doc[6], doc[2])
    assert not _sends_or_receives(doc, _mention(0, 2))


def test_participants_later_the_subject_of_a_passive_member_verb_is_a_member():
    # "Olek Varan is also included in the delegation ."
    words = ["Olek", "Varan", "is", "also", "included", "in", "the", "delegation", "."]
    heads = [1, 4, 4, 4, 4, 4, 7, 5, 4]
    deps = ["compound", "nsubjpass", "auxpass", "advmod", "ROOT", "prep", "det", "pobj", "punct"]
    pos = ["PROPN", "PROPN", "AUX", "ADV", "VERB", "ADP", "DET", "NOUN", "PUNCT"]
    lemmas = ["Olek", "Varan", "be", "also", "include", "in", "the", "delegation", "."]
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert _member(doc[1])
    doc[4].lemma_ = "praise"  # "Olek Varan is also praised in the delegation"
    assert not _member(doc[1])


def test_participants_later_the_agent_of_a_passive_clause_on_a_speech():
    # "the speech to be presented by Olek Varan"
    words = ["the", "speech", "to", "be", "presented", "by", "Olek", "Varan"]
    heads = [1, 1, 4, 4, 1, 4, 7, 5]
    deps = ["det", "ROOT", "aux", "auxpass", "acl", "agent", "compound", "pobj"]
    pos = ["DET", "NOUN", "PART", "AUX", "VERB", "ADP", "PROPN", "PROPN"]
    lemmas = ["the", "speech", "to", "be", "present", "by", "Olek", "Varan"]
    doc = _parsed(words, heads, deps, pos, lemmas, tags=["DT", "NN", "TO", "VB", "VBN", "IN", "NNP", "NNP"])
    assert _agent_of_contact(doc[7])
    # "the award to be presented by Olek Varan": no contact, speech or letter
    doc[1].lemma_ = "award"
    assert not _agent_of_contact(doc[7])


def test_participants_later_separately_with_the_main_counterpart_is_no_other_occasion():
    # "Dosov met Berzina . Dosov separately met Berzina and Berat ."
    words = ["Dosov", "met", "Berzina", ".", "Dosov", "separately", "met", "Berzina", "and", "Berat", "."]
    heads = [1, 1, 1, 1, 6, 6, 6, 6, 7, 7, 6]
    deps = ["nsubj", "ROOT", "dobj", "punct", "nsubj", "advmod", "ROOT", "dobj", "cc", "conj", "punct"]
    pos = ["PROPN", "VERB", "PROPN", "PUNCT", "PROPN", "ADV", "VERB", "PROPN", "CCONJ", "PROPN", "PUNCT"]
    lemmas = ["Dosov", "meet", "Berzina", ".", "Dosov", "separately", "meet", "Berzina", "and", "Berat", "."]
    starts = [True, False, False, False, True, False, False, False, False, False, False]
    doc = _parsed(words, heads, deps, pos, lemmas, sent_starts=starts)
    main = doc[0:4]
    mentions = [
        _mention(0, 1, "a"),
        _mention(2, 3, "b"),
        _mention(4, 5, "a"),
        _mention(7, 8, "b"),
        _mention(9, 10, "c"),
    ]
    # the main contact told again, its counterpart among those met "separately": one event
    assert not _of_another_occasion(doc, "c", mentions, main)
    # without the main counterpart, "separately met C" is a contact of its own
    assert _of_another_occasion(doc, "c", [m for m in mentions if m.start != 7], main)
    # and with no adverb, the same telling
    words[5] = "warmly"
    plain = _parsed(words, heads, deps, pos, lemmas, sent_starts=starts)
    assert not _of_another_occasion(
        doc=plain, person="c", mentions=[m for m in mentions if m.start != 7], main=plain[0:4]
    )


VISIT = (
    "Speaker of the Senate Arman Dosov arrived in Lima on Sunday for an official visit to Peru.\n\n"
    "Speaker of the Congress Ilze Berzina welcomed him at the airport.\n\n"
    "They discussed trade.\n\n"
)


@pytest.mark.model
def test_participants_later_a_contact_a_reported_visit_plans_is_not_yet_part_of_it(extractor):
    kind, names = _participants(
        extractor, VISIT + "On Tuesday, Dosov plans to hold talks with Minister of Culture Tomas Berat."
    )
    assert kind == "visit"
    assert "Arman Dosov" in names
    assert "Tomas Berat" not in names
    # the same contact reported takes part in the visit
    kind, names = _participants(
        extractor, VISIT + "On Monday, Dosov held talks with Minister of Culture Tomas Berat."
    )
    assert "Tomas Berat" in names


LEAD = "Speaker of the Senate Arman Dosov met with Ambassador of Peru Ilze Berzina in Riga on Monday."


@pytest.mark.model
def test_participants_later_a_separate_contact_after_a_meeting_is_an_event_of_its_own(extractor):
    kind, names = _participants(
        extractor,
        f"{LEAD}\n\nThey discussed trade.\n\nDosov separately welcomed Ambassador of Chile Tomas Berat.",
    )
    assert kind == "meeting"
    assert names[:2] == ["Arman Dosov", "Ilze Berzina"]
    assert "Tomas Berat" not in names


@pytest.mark.model
def test_participants_later_separately_with_the_main_counterpart_tells_the_main_contact_again(extractor):
    text = (
        f"{LEAD}\n\nThey discussed trade.\n\n"
        "Speaker Arman Dosov on Monday met separately with Ambassador Ilze Berzina and Ambassador of "
        "Chile Tomas Berat.\n\n"
        "When meeting with Berat, Dosov said trade was growing."
    )
    kind, names = _participants(extractor, text)
    assert kind == "meeting"
    assert {"Arman Dosov", "Ilze Berzina", "Tomas Berat"} <= set(names)


MESSAGE = (
    "Speaker of the Senate Arman Dosov sent a message of condolences to Speaker Ilze Berzina on Monday.\n\n"
    "The earthquake destroyed many buildings.\n\n"
    "Rescue teams are searching for survivors.\n\n"
    "The government declared a day of mourning.\n\n"
)


@pytest.mark.model
def test_participants_later_a_head_of_government_who_sends_a_message_beyond_the_lead(extractor):
    kind, names = _participants(
        extractor,
        MESSAGE + "In a message, Prime Minister Tomas Berat said he was deeply saddened.\n\n"
        "President Emil Varga signed a decree on energy.",
    )
    assert kind == "message"
    assert "Tomas Berat" in names
    # a head of state named beyond the lead outside a message is named in passing
    assert "Emil Varga" not in names


@pytest.mark.model
def test_participants_later_a_spokesperson_in_the_delegation_takes_part(extractor):
    text = (
        "Speaker of the Senate Arman Dosov left for Lima on Monday leading a delegation to attend the "
        "Assembly of the Inter-Parliamentary Union.\n\n"
        "Member of Parliament Ilze Berzina and Spokesperson of the Senate Tomas Berat are also included "
        "in the delegation.\n\n"
        "The delegation will return on Friday, Spokesperson of the Ministry Emil Varga said."
    )
    kind, names = _participants(extractor, text)
    assert "Tomas Berat" in names
    assert "Emil Varga" not in names


def test_participants_later_the_one_another_represents_is_named_aside():
    # "Berzina represented the Speaker , Dosov ."
    words = ["Berzina", "represented", "the", "Speaker", ",", "Dosov", "."]
    heads = [1, 1, 3, 1, 3, 3, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "punct", "appos", "punct"]
    pos = ["PROPN", "VERB", "DET", "PROPN", "PUNCT", "PROPN", "PUNCT"]
    lemmas = ["Berzina", "represent", "the", "Speaker", ",", "Dosov", "."]
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert "represented" in _frame(doc, _mention(5, 6), doc[:], None, frozenset())
    doc[1].lemma_ = "meet"  # "Berzina met the Speaker, Dosov": a party
    assert "represented" not in _frame(doc, _mention(5, 6), doc[:], None, frozenset())


def _opened_by_who_was_represented():
    # "opened by President Dosov , who was represented by Berzina ."
    words = ["opened", "by", "President", "Dosov", ",", "who", "was", "represented", "by", "Berzina", "."]
    heads = [0, 0, 3, 1, 3, 7, 7, 3, 7, 8, 0]
    deps = "ROOT agent compound pobj punct nsubjpass auxpass relcl agent pobj punct".split()
    pos = ["VERB", "ADP", "PROPN", "PROPN", "PUNCT", "PRON", "AUX", "VERB", "ADP", "PROPN", "PUNCT"]
    lemmas = ["open", "by", "President", "Dosov", ",", "who", "be", "represent", "by", "Berzina", "."]
    tags = ["VBN", "IN", "NNP", "NNP", ",", "WP", "VBD", "VBN", "IN", "NNP", "."]
    return _parsed(words, heads, deps, pos, lemmas, tags=tags)


def test_participants_later_a_name_a_passive_clause_of_representing_qualifies():
    doc = _opened_by_who_was_represented()
    assert _represented(doc[3], doc[3])
    assert "represented" in _frame(doc, _mention(2, 4), doc[:], None, frozenset())
    # the one who stands in is the agent of a contact's verb: a party
    assert _agent_of_contact(doc[9])
    assert "represented" not in _frame(doc, _mention(9, 10), doc[:], None, frozenset())
    # "opened by President Dosov , who was greeted by Berzina": Dosov took part
    doc[7].lemma_ = "greet"
    assert not _represented(doc[3], doc[3])


@pytest.mark.model
def test_participants_later_a_person_named_only_inside_a_quotation(extractor):
    kind, names = _participants(
        extractor,
        f"{LEAD}\n\nThey discussed trade.\n\n"
        'Berzina said: "Minister Tomas Berat supported the project from the start."',
    )
    assert kind == "meeting"
    assert names[:2] == ["Arman Dosov", "Ilze Berzina"]
    assert "Tomas Berat" not in names


def test_participants_later_the_one_who_briefs_takes_part():
    # "Dosov was briefed by Berzina ."
    words = ["Dosov", "was", "briefed", "by", "Berzina", "."]
    heads = [2, 2, 2, 2, 3, 2]
    deps = ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"]
    pos = ["PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"]
    lemmas = ["Dosov", "be", "brief", "by", "Berzina", "."]
    doc = _parsed(words, heads, deps, pos, lemmas, tags=["NNP", "VBD", "VBN", "IN", "NNP", "."])
    assert _agent_of_contact(doc[4])
    doc[2].lemma_ = "praise"  # "Dosov was praised by Berzina": an attitude, no contact
    assert not _agent_of_contact(doc[4])


def test_participants_later_a_person_named_only_in_what_another_reports():
    # "Dosov said that Berat attended the session . Berat spoke ."
    words = ["Dosov", "said", "that", "Berat", "attended", "the", "session", ".", "Berat", "spoke", "."]
    heads = [1, 1, 4, 4, 1, 6, 4, 1, 9, 9, 9]
    deps = ["nsubj", "ROOT", "mark", "nsubj", "ccomp", "det", "dobj", "punct", "nsubj", "ROOT", "punct"]
    pos = ["PROPN", "VERB", "SCONJ", "PROPN", "VERB", "DET", "NOUN", "PUNCT", "PROPN", "VERB", "PUNCT"]
    lemmas = ["Dosov", "say", "that", "Berat", "attend", "the", "session", ".", "Berat", "speak", "."]
    starts = [True, False, False, False, False, False, False, False, True, False, False]
    doc = _parsed(words, heads, deps, pos, lemmas, sent_starts=starts)
    reporter, reported, later = _mention(0, 1, "a"), _mention(3, 4, "b"), _mention(8, 9, "b")
    assert _reported_by_other(doc, reported, [reporter, reported])
    assert _only_spoken_of(doc, "b", [reporter, reported])
    # named elsewhere in their own right: not only spoken of
    assert not _only_spoken_of(doc, "b", [reporter, reported, later])
    # "The office said that Berat attended": no other named person reports it
    assert not _reported_by_other(doc, reported, [reported])
    # the reporter is not inside what it reports
    assert not _reported_by_other(doc, reporter, [reporter, reported])
