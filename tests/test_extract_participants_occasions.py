"""Further contacts told after the main sentence: a meeting's or a call's event is that one contact,
a visit's spans the contacts it tells. And the parts a person plays without taking part: the object
of praise or thanks, the subject of "said". Invented names only."""

from __future__ import annotations

from datetime import date

import pytest

from hand_parses import mention as _mention
from hand_parses import parsed as _parsed
from parleys.documents import Article
from parleys.extract.participants import (
    _agent_of_contact,
    _attitude,
    _counterpart,
    _frame,
    _occasion,
    _takes_part,
)


def _then_received():
    # "Dosov then received Olek Varan ."
    return _parsed(
        ["Dosov", "then", "received", "Olek", "Varan", "."],
        [2, 2, 2, 4, 2, 2],
        ["nsubj", "advmod", "ROOT", "compound", "dobj", "punct"],
        ["PROPN", "ADV", "VERB", "PROPN", "PROPN", "PUNCT"],
        ["Dosov", "then", "receive", "Olek", "Varan", "."],
    )


def test_participants_occasions_an_adverb_of_sequence_on_a_contact_predicate():
    doc = _then_received()
    assert _occasion(doc[:])
    assert _counterpart(doc, _mention(3, 5))
    # without the adverb it is the same telling of a contact, not another one
    plain = _parsed(
        ["Dosov", "received", "Olek", "Varan", "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "compound", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PROPN", "PUNCT"],
        ["Dosov", "receive", "Olek", "Varan", "."],
    )
    assert not _occasion(plain[:])
    # an adverb of sequence on a verb of no contact tells no contact
    doc[2].lemma_ = "praise"
    assert not _occasion(doc[:])
    assert not _counterpart(doc, _mention(3, 5))


def test_participants_occasions_a_fronted_time_of_day_but_not_a_frame_of_the_event():
    # "This afternoon , Dosov met Olek Varan ."
    words = ["This", "afternoon", ",", "Dosov", "met", "Olek", "Varan", "."]
    heads = [1, 4, 4, 4, 4, 6, 4, 4]
    deps = ["det", "npadvmod", "punct", "nsubj", "ROOT", "compound", "dobj", "punct"]
    pos = ["DET", "NOUN", "PUNCT", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT"]
    lemmas = ["this", "afternoon", ",", "Dosov", "meet", "Olek", "Varan", "."]
    assert _occasion(_parsed(words, heads, deps, pos, lemmas)[:])
    # "During the visit , Dosov met Olek Varan .": a contact within the visit already told
    words = ["During", "the", "visit", ",", "Dosov", "met", "Olek", "Varan", "."]
    heads = [5, 2, 0, 5, 5, 5, 7, 5, 5]
    deps = ["prep", "det", "pobj", "punct", "nsubj", "ROOT", "compound", "dobj", "punct"]
    pos = ["ADP", "DET", "NOUN", "PUNCT", "PROPN", "VERB", "PROPN", "PROPN", "PUNCT"]
    lemmas = ["during", "the", "visit", ",", "Dosov", "meet", "Olek", "Varan", "."]
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert not _occasion(doc[:])
    # "After the visit , ...": a preposition of sequence sets the contact apart
    after = _parsed(["After", *words[1:]], heads, deps, pos, ["after", *lemmas[1:]])
    assert _occasion(after[:])


def test_participants_occasions_a_contact_noun_held_and_its_counterpart():
    # "Dosov later held talks with Olek Varan ."
    words = ["Dosov", "later", "held", "talks", "with", "Olek", "Varan", "."]
    heads = [2, 2, 2, 2, 3, 6, 4, 2]
    deps = ["nsubj", "advmod", "ROOT", "dobj", "prep", "compound", "pobj", "punct"]
    pos = ["PROPN", "ADV", "VERB", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT"]
    lemmas = ["Dosov", "later", "hold", "talk", "with", "Olek", "Varan", "."]
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert _occasion(doc[:])
    assert _counterpart(doc, _mention(5, 7))
    # "held a press conference with ..." holds no contact noun of ours
    doc[3].lemma_ = "conference-room"
    assert not _occasion(doc[:])
    assert not _counterpart(doc, _mention(5, 7))


def test_participants_occasions_praise_and_said_frames():
    # "Dosov praised Olek Varan ."
    doc = _parsed(
        ["Dosov", "praised", "Olek", "Varan", "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "compound", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PROPN", "PUNCT"],
        ["Dosov", "praise", "Olek", "Varan", "."],
    )
    assert _attitude(doc[3])
    assert "attitude" in _frame(doc, _mention(2, 4), doc[:], None, frozenset())
    doc[1].lemma_ = "meet"
    assert not _attitude(doc[3])
    # "Olek Varan said ...": the subject of a verb of reporting, before it
    said = _parsed(
        ["Olek", "Varan", "said", "so", "."],
        [1, 2, 2, 2, 2],
        ["compound", "nsubj", "ROOT", "advmod", "punct"],
        ["PROPN", "PROPN", "VERB", "ADV", "PUNCT"],
        ["Olek", "Varan", "say", "so", "."],
    )
    assert "said" in _frame(said, _mention(0, 2), said[:], None, frozenset())


def test_participants_occasions_the_agent_of_a_passive_contact_wherever_by_hangs():
    # "The message was handed over by Olek Varan": a letter noun as the passive subject
    words = ["The", "message", "was", "handed", "over", "by", "Olek", "Varan"]
    heads = [1, 3, 3, 3, 3, 3, 7, 5]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "prt", "agent", "compound", "pobj"]
    pos = ["DET", "NOUN", "AUX", "VERB", "ADP", "ADP", "PROPN", "PROPN"]
    lemmas = ["the", "message", "be", "hand", "over", "by", "Olek", "Varan"]
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert _agent_of_contact(doc[7])
    # "The reforms were praised by Olek Varan": neither a contact's agent nor a contact
    doc[1].lemma_ = "reform"
    assert not _agent_of_contact(doc[7])
    # "She is accompanied in her trip by Olek Varan": "by" hung on the noun, the verb is passive
    words = ["She", "is", "accompanied", "in", "her", "trip", "by", "Olek", "Varan"]
    heads = [2, 2, 2, 2, 5, 3, 5, 8, 6]
    deps = ["nsubjpass", "auxpass", "ROOT", "prep", "poss", "pobj", "prep", "compound", "pobj"]
    pos = ["PRON", "AUX", "VERB", "ADP", "PRON", "NOUN", "ADP", "PROPN", "PROPN"]
    lemmas = ["she", "be", "accompany", "in", "her", "trip", "by", "Olek", "Varan"]
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert _agent_of_contact(doc[8])
    # in the active voice "by" is no agent ("she travelled by train with ...")
    doc[1].dep_ = "aux"
    assert not _agent_of_contact(doc[8])


def test_participants_occasions_the_with_phrase_of_a_contact_noun_is_a_party():
    # "the meetings with President Olek Varan"
    words = ["the", "meetings", "with", "President", "Olek", "Varan"]
    heads = [1, 1, 1, 5, 5, 2]
    deps = ["det", "ROOT", "prep", "compound", "compound", "pobj"]
    pos = ["DET", "NOUN", "ADP", "PROPN", "PROPN", "PROPN"]
    lemmas = ["the", "meeting", "with", "President", "Olek", "Varan"]
    doc = _parsed(words, heads, deps, pos, lemmas)
    mention = _mention(4, 6)
    assert _takes_part(doc, mention, doc[5])
    # "the friendship with President Olek Varan" names no contact
    doc[1].lemma_ = "friendship"
    assert not _takes_part(doc, mention, doc[5])


def test_participants_occasions_the_speaker_of_remarks_from_takes_part():
    # "welcome remarks from Director Olek Varan"
    words = ["welcome", "remarks", "from", "Director", "Olek", "Varan"]
    heads = [1, 1, 1, 5, 5, 2]
    deps = ["amod", "ROOT", "prep", "compound", "compound", "pobj"]
    pos = ["ADJ", "NOUN", "ADP", "PROPN", "PROPN", "PROPN"]
    lemmas = ["welcome", "remark", "from", "Director", "Olek", "Varan"]
    doc = _parsed(words, heads, deps, pos, lemmas)
    assert _takes_part(doc, _mention(4, 6), doc[5])
    # "greetings from Director Olek Varan" are conveyed, not spoken there
    doc[1].lemma_ = "greeting"
    assert not _takes_part(doc, _mention(4, 6), doc[5])


LEAD = "Speaker of the Senate Arman Dosov met with Ambassador of Peru Ilze Berzina in Riga on Monday."


def _participants(extractor, text: str) -> tuple[str, list[str]]:
    rec = extractor.extract(Article(id="t", source="t", text=text, published=date(2024, 6, 7)))
    assert rec.events, "no event found"
    return rec.events[0].type, [rec.person(k).name for k in rec.events[0].participants]


@pytest.mark.model
@pytest.mark.parametrize(
    "tail",
    [
        "This afternoon, Speaker Dosov received Minister of Culture Tomas Berat.",
        "Speaker Dosov then met with Ambassador of Chile Tomas Berat.",
        # what the article says of the later counterpart afterwards is about that contact
        "Later, Speaker Dosov received Minister of Culture Tomas Berat. Berat said the museum will reopen.",
    ],
)
def test_participants_occasions_a_later_meeting_is_not_the_main_meetings(extractor, tail):
    kind, names = _participants(extractor, f"{LEAD}\n\nThey discussed trade.\n\n{tail}")
    assert kind == "meeting"
    assert names[:2] == ["Arman Dosov", "Ilze Berzina"]
    assert "Tomas Berat" not in names


@pytest.mark.model
def test_participants_occasions_a_visit_takes_in_its_further_contacts(extractor):
    text = (
        "Speaker of the Senate Arman Dosov paid an official visit to Peru on Monday.\n\n"
        "In Lima, Dosov met with Speaker of the Congress Ilze Berzina.\n\n"
        "He also paid a courtesy call on President of Peru Tomas Berat."
    )
    kind, names = _participants(extractor, text)
    assert kind == "visit"
    assert "Tomas Berat" in names


@pytest.mark.model
def test_participants_occasions_a_head_of_state_who_chaired_the_call_beyond_the_lead(extractor):
    text = (
        "Speaker Arman Dosov held a phone call with Speaker Ilze Berzina on Monday.\n\n"
        "They discussed trade and energy.\n\nThey agreed to meet soon.\n\n"
        "Both sides praised the growth of exchanges.\n\n"
        "The call was chaired by President of Chile Tomas Berat.\n\n"
        "President Emil Varga signed a decree on energy."
    )
    kind, names = _participants(extractor, text)
    assert kind == "call"
    assert "Tomas Berat" in names
    assert "Emil Varga" not in names
