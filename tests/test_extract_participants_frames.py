"""Participants from the parse: who is a party to the main contact, and who is only named in it.

The rules read the predicate's arguments (the agent of "was joined by", the members a delegation
"includes", a name the parser hung inside its own title), and set aside the inviter, the recipient
of conveyed wishes, the source of a report, persons named two noun phrases deep in what is said,
and persons of a sentence dated to an earlier year. Invented names only.
"""

from __future__ import annotations

from datetime import date

import pytest
import spacy
from spacy.tokens import Doc

from parleys.documents import Article
from parleys.extract.extensions import register
from parleys.extract.participants import _earlier_year, _fronted, _member, _nested

LEAD = "Speaker of the Senate Arman Dosov met with Speaker of the Saeima Ilze Berzina in Riga."


def _participants(extractor, text: str) -> list[str]:
    rec = extractor.extract(Article(id="t", source="t", text=text, published=date(2024, 6, 7)))
    assert rec.events, "no event found"
    return [rec.person(k).name for k in rec.events[0].participants]


def _parsed(words, heads, deps, pos=None) -> Doc:
    """A hand-built parse: ``heads`` are absolute token indices."""
    register()
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos or ["X"] * len(words))


def test_participants_frames_delegation_members_are_parties():
    # "The delegation includes Olek Varan": the object of a verb of membership
    words = ["The", "delegation", "includes", "Olek", "Varan"]
    doc = _parsed(
        words,
        [1, 2, 2, 4, 2],
        ["det", "nsubj", "ROOT", "compound", "dobj"],
        ["DET", "NOUN", "VERB", "PROPN", "PROPN"],
    )
    for t, lemma in zip(doc, ["the", "delegation", "include", "Olek", "Varan"], strict=True):
        t.lemma_ = lemma
    assert _member(doc[4])
    # the object of a verb that lists nothing is no member
    doc[2].lemma_ = "praise"
    assert not _member(doc[4])


def test_participants_frames_a_name_two_noun_phrases_deep_is_named_in_passing():
    # "noted the intensity of the dialogue between Olek Varan": between -> dialogue (pobj of "of")
    words = ["She", "noted", "the", "intensity", "of", "the", "dialogue", "between", "Olek", "Varan"]
    heads = [1, 1, 3, 1, 3, 6, 4, 6, 9, 7]
    deps = ["nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj", "prep", "compound", "pobj"]
    pos = ["PRON", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "ADP", "PROPN", "PROPN"]
    doc = _parsed(words, heads, deps, pos)
    for t in doc:
        t.lemma_ = t.lower_
    doc._.titles = []
    mention = type("M", (), {"start": 8, "end": 10, "person": "p", "office": None})()
    assert _nested(doc, mention)
    # at a meeting between them, they are its parties
    doc[6].lemma_ = "meeting"
    assert not _nested(doc, mention)


def test_participants_frames_an_earlier_year_and_a_fronted_adverbial():
    register()
    nlp = spacy.blank("en")
    doc = nlp("In 2015 , the Speaker visited the city .")
    doc._.article = Article(id="t", source="t", text=doc.text, published=date(2024, 6, 7))
    sent = doc[:]
    assert _earlier_year(sent)
    doc._.article = Article(id="t", source="t", text=doc.text, published=date(2014, 6, 7))
    assert not _earlier_year(sent)
    doc._.article = Article(id="t", source="t", text=doc.text, published=None)
    assert not _earlier_year(sent)
    words = ["Meanwhile", ",", "the", "Speaker", "met", "Olek", "Varan"]
    parsed = _parsed(
        words, [4, 4, 3, 4, 4, 6, 4], ["advmod", "punct", "det", "nsubj", "ROOT", "compound", "dobj"]
    )
    assert _fronted(parsed[:])
    unfronted = _parsed(["The", "Speaker", "met", "Olek"], [1, 2, 2, 2], ["det", "nsubj", "ROOT", "dobj"])
    assert not _fronted(unfronted[:])


@pytest.mark.model
def test_participants_frames_the_agent_of_a_contact_takes_part(extractor):
    text = f"{LEAD}\n\nThe Speaker was joined by Senators Olek Varan and Pavla Brisk at the talks."
    names = _participants(extractor, text)
    assert {"Olek Varan", "Pavla Brisk"} <= set(names)


@pytest.mark.model
def test_participants_frames_a_name_inside_a_long_title_takes_part(extractor):
    text = (
        "Speaker of the Senate Arman Dosov met with Representative on Freedom of the Media "
        "Olek Varan in Vienna on Tuesday.\n\nThey discussed media freedom."
    )
    assert "Olek Varan" in _participants(extractor, text)


@pytest.mark.model
@pytest.mark.parametrize(
    "tail",
    [
        "Arman Dosov conveyed best wishes to King Tomas Berat and the people of the kingdom.",
        "The visit takes place at the invitation of President Tomas Berat.",
        "Arman Dosov praised the legacy of the friendship between President Tomas Berat "
        "and President Emil Varga.",
        "In 2009, Chairman Tomas Berat signed the first agreement between the two chambers.",
    ],
)
def test_participants_frames_persons_named_aside_are_not_parties(extractor, tail):
    names = _participants(extractor, f"{LEAD}\n\n{tail}")
    assert "Tomas Berat" not in names
    assert {"Arman Dosov", "Ilze Berzina"} <= set(names)
