"""Triggers the event typer reads from the parse or sets aside: a message told as one act of a
meeting, a session noun that names the body a person or delegation belongs to, attending a meal
or talks (no forum), a visit verb with a place. Invented names only."""

from __future__ import annotations

import json
from importlib import resources

import pytest
import spacy
from spacy.tokens import Doc

from hand_parses import parsed
from parleys.extract.event_type import attended_contact, frame_triggers, member_body, within_contact
from parleys.extract.events import EventFinder

CUES = {
    "receive": ("meeting",),
    "talk": ("meeting",),
    "meeting": ("meeting",),
    "conversation": ("call",),
    "congratulate": ("message",),
    "congratulation": ("message",),
    "letter": ("message",),
    "summit": ("forum",),
}


def _framed(prep: str, noun: str) -> tuple[list, ...]:
    """ "<Prep> the <noun> , Olsen congratulated Berg .": a congratulation set in a phrase."""
    return (
        [prep, "the", noun, ",", "Olsen", "congratulated", "Berg", "."],
        [5, 2, 0, 5, 5, 5, 5, 5],
        ["prep", "det", "pobj", "punct", "nsubj", "ROOT", "dobj", "punct"],
        ["ADP", "DET", "NOUN", "PUNCT", "PROPN", "VERB", "PROPN", "PUNCT"],
        [prep.lower(), "the", noun, ",", "Olsen", "congratulate", "Berg", "."],
    )


# "Olsen received the envoy , congratulated him ."
RECEIVED_AND_CONGRATULATED = (
    ["Olsen", "received", "the", "envoy", ",", "congratulated", "him", "."],
    [1, 1, 3, 1, 1, 1, 5, 1],
    ["nsubj", "ROOT", "det", "dobj", "punct", "conj", "dobj", "punct"],
    ["PROPN", "VERB", "DET", "NOUN", "PUNCT", "VERB", "PRON", "PUNCT"],
    ["Olsen", "receive", "the", "envoy", ",", "congratulate", "he", "."],
)


@pytest.mark.parametrize(
    ("parse", "trigger", "expected"),
    [
        # coordinated with a verb of meeting whose object is a person
        (RECEIVED_AND_CONGRATULATED, 5, True),
        # "Berg received congratulations and sent letters .": receiving a message is no meeting
        (
            (
                ["Berg", "received", "congratulations", "and", "sent", "letters", "."],
                [1, 1, 1, 1, 1, 4, 1],
                ["nsubj", "ROOT", "dobj", "cc", "conj", "dobj", "punct"],
                ["PROPN", "VERB", "NOUN", "CCONJ", "VERB", "NOUN", "PUNCT"],
                ["Berg", "receive", "congratulation", "and", "send", "letter", "."],
            ),
            5,
            False,
        ),
        # "In her talks with Berg , Olsen congratulated him .": set inside the talks
        (
            (
                ["In", "her", "talks", "with", "Berg", ",", "Olsen", "congratulated", "him", "."],
                [7, 2, 0, 2, 3, 7, 7, 7, 7, 7],
                ["prep", "poss", "pobj", "prep", "pobj", "punct", "nsubj", "ROOT", "dobj", "punct"],
                ["ADP", "PRON", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "VERB", "PRON", "PUNCT"],
                ["in", "her", "talk", "with", "Berg", ",", "Olsen", "congratulate", "he", "."],
            ),
            7,
            True,
        ),
        # "During a conversation , Olsen congratulated Berg .": a call frames it as well
        (_framed("During", "conversation"), 5, True),
        # "At the summit , Olsen congratulated Berg .": a gathering is no contact of two
        (_framed("At", "summit"), 5, False),
        # "Olsen congratulated Berg on his election .": a message of its own
        (
            (
                ["Olsen", "congratulated", "Berg", "on", "his", "election", "."],
                [1, 1, 1, 1, 5, 3, 1],
                ["nsubj", "ROOT", "dobj", "prep", "poss", "pobj", "punct"],
                ["PROPN", "VERB", "PROPN", "ADP", "PRON", "NOUN", "PUNCT"],
                ["Olsen", "congratulate", "Berg", "on", "his", "election", "."],
            ),
            1,
            False,
        ),
    ],
)
def test_event_type_contact_a_message_inside_a_meeting_or_call(parse, trigger, expected):
    doc = parsed(*parse)
    assert within_contact(doc[trigger], CUES) is expected


# "a delegation from the Congress of Nordland is visiting Sudmark ."
FROM_CONGRESS = (
    ["a", "delegation", "from", "the", "Congress", "of", "Nordland", "is", "visiting", "Sudmark", "."],
    [1, 8, 1, 4, 2, 4, 5, 8, 8, 8, 8],
    ["det", "nsubj", "prep", "det", "pobj", "prep", "pobj", "aux", "ROOT", "dobj", "punct"],
    ["DET", "NOUN", "ADP", "DET", "PROPN", "ADP", "PROPN", "AUX", "VERB", "PROPN", "PUNCT"],
    ["a", "delegation", "from", "the", "congress", "of", "Nordland", "be", "visit", "Sudmark", "."],
)
# "the Speaker of the Assembly of Nordland met Berg ."
SPEAKER_OF_ASSEMBLY = (
    ["the", "Speaker", "of", "the", "Assembly", "of", "Nordland", "met", "Berg", "."],
    [1, 7, 1, 4, 2, 4, 5, 7, 7, 7],
    ["det", "nsubj", "prep", "det", "pobj", "prep", "pobj", "ROOT", "dobj", "punct"],
    ["DET", "PROPN", "ADP", "DET", "PROPN", "ADP", "PROPN", "VERB", "PROPN", "PUNCT"],
    ["the", "speaker", "of", "the", "assembly", "of", "Nordland", "meet", "Berg", "."],
)
# "Olsen addressed the session of the Assembly ."
SESSION_OF_ASSEMBLY = (
    ["Olsen", "addressed", "the", "session", "of", "the", "Assembly", "."],
    [1, 1, 3, 1, 3, 6, 4, 1],
    ["nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj", "punct"],
    ["PROPN", "VERB", "DET", "NOUN", "ADP", "DET", "PROPN", "PUNCT"],
    ["Olsen", "address", "the", "session", "of", "the", "assembly", "."],
)
# "Olsen spoke at the Assembly ."
AT_ASSEMBLY = (
    ["Olsen", "spoke", "at", "the", "Assembly", "."],
    [1, 1, 1, 4, 2, 1],
    ["nsubj", "ROOT", "prep", "det", "pobj", "punct"],
    ["PROPN", "VERB", "ADP", "DET", "PROPN", "PUNCT"],
    ["Olsen", "speak", "at", "the", "assembly", "."],
)

# "Olsen returned from the Assembly ."
RETURNED_FROM_ASSEMBLY = (
    ["Olsen", "returned", "from", "the", "Assembly", "."],
    [1, 1, 1, 4, 2, 1],
    ["nsubj", "ROOT", "prep", "det", "pobj", "punct"],
    ["PROPN", "VERB", "ADP", "DET", "PROPN", "PUNCT"],
    ["Olsen", "return", "from", "the", "assembly", "."],
)


@pytest.mark.parametrize(
    ("parse", "trigger", "title_heads", "expected"),
    [
        (FROM_CONGRESS, 4, set(), True),  # where a delegation comes from
        (RETURNED_FROM_ASSEMBLY, 4, set(), False),  # back from the gathering: no one's own body
        (SPEAKER_OF_ASSEMBLY, 4, {1}, True),  # the institution of a title
        (SPEAKER_OF_ASSEMBLY, 4, set(), False),  # no title found there: the noun may be the event
        (SESSION_OF_ASSEMBLY, 6, set(), False),  # a session of the body is a gathering
        (AT_ASSEMBLY, 4, set(), False),  # spoke at it: the gathering itself
    ],
)
def test_event_type_contact_a_session_noun_naming_a_members_body(parse, trigger, title_heads, expected):
    doc = parsed(*parse)
    assert member_body(doc[trigger], title_heads) is expected


def test_event_type_contact_events_component_drops_the_message_of_a_meeting():
    nlp = spacy.blank("en")
    finder = EventFinder(nlp)
    doc = parsed(*RECEIVED_AND_CONGRATULATED, vocab=nlp.vocab)
    sents = list(doc.sents)
    kinds = [kind for _k, kind, _s, _e in finder._current_triggers(doc, sents)]
    assert "meeting" in kinds and "message" not in kinds
    # the same verb of congratulating alone stays a message
    alone = parsed(
        ["Olsen", "congratulated", "Berg", "."],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "dobj", "punct"],
        ["PROPN", "VERB", "PROPN", "PUNCT"],
        ["Olsen", "congratulate", "Berg", "."],
        vocab=nlp.vocab,
    )
    assert [kind for _k, kind, _s, _e in finder._current_triggers(alone, list(alone.sents))] == ["message"]


def test_event_type_contact_events_component_drops_the_body_of_a_delegation():
    nlp = spacy.blank("en")
    finder = EventFinder(nlp)
    doc = parsed(*FROM_CONGRESS, vocab=nlp.vocab)
    kinds = [kind for _k, kind, _s, _e in finder._current_triggers(doc, list(doc.sents))]
    assert "forum" not in kinds


def _frames() -> dict:
    raw = resources.files("parleys.data").joinpath("events.json").read_text("utf-8")
    return json.loads(raw)["frames"]


@pytest.mark.parametrize(
    ("words", "heads", "deps", "pos", "ents", "expected"),
    [
        # "the delegation is visiting Sudmark .": the trip, told in the progressive
        (
            ["the", "delegation", "is", "visiting", "Sudmark", "."],
            [1, 3, 3, 3, 3, 3],
            ["det", "nsubj", "aux", "ROOT", "dobj", "punct"],
            ["DET", "NOUN", "AUX", "VERB", "PROPN", "PUNCT"],
            ["O", "O", "O", "O", "B-GPE", "O"],
            [(0, "visit", 3, 4)],
        ),
        # "the visiting delegation met Berg .": a modifier, no trip of its own
        (
            ["the", "visiting", "delegation", "met", "Berg", "."],
            [2, 2, 3, 3, 3, 3],
            ["det", "amod", "nsubj", "ROOT", "dobj", "punct"],
            ["DET", "VERB", "NOUN", "VERB", "PROPN", "PUNCT"],
            ["O", "O", "O", "O", "B-PERSON", "O"],
            [],
        ),
        # "Olsen is visiting Berg .": a person visited is a meeting's affair, not a trip's
        (
            ["Olsen", "is", "visiting", "Berg", "."],
            [2, 2, 2, 2, 2],
            ["nsubj", "aux", "ROOT", "dobj", "punct"],
            ["PROPN", "AUX", "VERB", "PROPN", "PUNCT"],
            ["B-PERSON", "O", "O", "B-PERSON", "O"],
            [],
        ),
    ],
)
def test_event_type_contact_a_visit_verb_with_a_place_is_a_trigger(words, heads, deps, pos, ents, expected):
    nlp = spacy.blank("en")
    lemmas = [w.lower() if w != "visiting" else "visit" for w in words]
    lemmas = ["meet" if w == "met" else lemma for w, lemma in zip(words, lemmas, strict=True)]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas, ents=ents)
    found = [t for t in frame_triggers(doc, list(doc.sents), _frames()) if t[1] == "visit"]
    assert found == expected


def _attending(verb: str, lemma: str, noun: str, noun_lemma: str) -> tuple[list, ...]:
    """ "Olsen <verb> the <noun> ." """
    return (
        ["Olsen", verb, "the", noun, "."],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "det", "dobj", "punct"],
        ["PROPN", "VERB", "DET", "NOUN", "PUNCT"],
        ["Olsen", lemma, "the", noun_lemma, "."],
    )


# "Olsen took part in the talks ."
TOOK_PART_IN_TALKS = (
    ["Olsen", "took", "part", "in", "the", "talks", "."],
    [1, 1, 1, 1, 5, 3, 1],
    ["nsubj", "ROOT", "dobj", "prep", "det", "pobj", "punct"],
    ["PROPN", "VERB", "NOUN", "ADP", "DET", "NOUN", "PUNCT"],
    ["Olsen", "take", "part", "in", "the", "talk", "."],
)


@pytest.mark.parametrize(
    ("parse", "expected"),
    [
        (_attending("attended", "attend", "dinner", "dinner"), True),  # a meal with a host
        (TOOK_PART_IN_TALKS, True),  # talks of a few
        (_attending("attended", "attend", "summit", "summit"), False),  # a gathering
        (_attending("attended", "attend", "meeting", "meeting"), False),  # a session noun: either
        (_attending("hosted", "host", "dinner", "dinner"), False),  # no verb of attending
    ],
)
def test_event_type_contact_attending_a_meal_or_talks_is_no_forum(parse, expected):
    doc = parsed(*parse)
    assert attended_contact(doc[1], {**CUES, "dinner": ("meeting",)}) is expected
