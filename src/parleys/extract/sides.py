"""The two sides of a reported contact: who hosts, who visits, and which persons stand together.

A bilateral story has a receiving side and a visiting side. The parse tells which side a person is
on: the subject of "received", "welcomed", "hosted" (or the agent of "was received by", "at the
invitation of") receives; the subject of "visited", "arrived", "travelled", a person whose "visit"
it is, a person "visiting", or a member of a delegation ("the delegation led by X", "the visiting
side headed by X") visits. Persons also stand together ("X was accompanied by A and B", "A, B and
C", "From the X side, A and B") or face each other ("X met Y", "X held talks with Y", "a meeting
between X and Y"), and a side spreads along those ties.

The countries of each side come from where visits go ("visit to X", "arrived in X", an envoy
"to X", the dateline), from who travels ("the delegation of X", "the X delegation", "visiting X"),
and from the stated countries of the persons on it. With no explicit host, the receiving side is
the most named country that no visitor holds. Only the parse and closed-class words (verbs of
hosting and travel, the few nouns for a delegation) are read; no name and no phrasing of an article.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from parleys.extract.extensions import lemmas_of, lowers_of
from parleys.extract.gazetteer import Place
from parleys.records import Evidence

if TYPE_CHECKING:
    from parleys.extract.coreference import Mention
    from parleys.extract.titles import TitleHead
    from parleys.records import PersonRecord

HOST, VISITOR = "host", "visitor"
HOST_VERBS = frozenset({"receive", "welcome", "host", "greet", "invite", "entertain"})
TRAVEL_VERBS = frozenset({"visit", "arrive", "land", "travel", "fly", "tour", "depart", "come"})
ARRIVE_VERBS = frozenset({"arrive", "land"})  # "arrived in X", "landed in X"
MEET_VERBS = frozenset(
    {"meet", "receive", "welcome", "host", "greet", "talk", "call", "hold", "discuss", "confer"}
)
COMPANY_VERBS = frozenset({"accompany", "join", "assist", "flank"})
SIGN_VERBS = frozenset({"sign", "agree", "exchange", "co-chair", "chair", "launch"})
LEAVE_VERBS = frozenset({"leave", "depart", "head", "fly", "set", "travel"})
TRIP_NOUNS = frozenset({"visit", "trip", "tour", "arrival", "stay", "travel"})
PARTY_NOUNS = frozenset({"delegation", "delegations", "visitor", "visitors", "guest", "guests", "mission"})
TOGETHER_VERBS = frozenset(
    {"accompany", "join", "assist", "flank", "include", "comprise", "consist", "compose"}
)
SIDE_WORDS = frozenset({"side", "party", "delegation", "team"})
# a call on someone is a visit to them: "paid a courtesy call on A", "called on A"
CALL_LEMMAS = frozenset({"call", "visit"})
# what a host gives and a guest receives: "extended a warm welcome", "hosted a reception"
WELCOME_NOUNS = frozenset({"welcome", "reception", "hospitality"})
RECEIVING_LEMMAS = frozenset({"receive", "get", "enjoy", "have", "be"})
CONTACT_NOUNS = frozenset(
    {
        "talk",
        "talks",
        "meeting",
        "conversation",
        "discussion",
        "call",
        "exchange",
        "consultation",
        "negotiation",
        "dialogue",
        "audience",
        "opportunity",
        "session",
        "interview",
    }
)
NAME_DEPS = frozenset({"compound", "flat", "appos", "nmod"})


@dataclass(slots=True)
class Sides:
    """Each person's side and each side's country, for one article."""

    side: dict[str, str] = field(default_factory=dict)  # person key -> HOST | VISITOR
    together: dict[str, set[str]] = field(default_factory=dict)  # person key -> keys on the same side
    against: dict[str, set[str]] = field(default_factory=dict)  # person key -> keys facing them
    hosts: frozenset[str] = frozenset()  # countries visits go to, envoys are posted to
    visitors: frozenset[str] = frozenset()  # countries whose delegations or envoys travel
    country: dict[str, str] = field(default_factory=dict)  # HOST | VISITOR -> the side's country

    def of(self, key: str) -> str | None:
        """The country of the side ``key`` is on, where both are known."""
        side = self.side.get(key)
        return self.country.get(side) if side is not None else None


def _root(doc: Doc, m: Mention) -> Token:
    """The token that links a name into the sentence: past its compounds and the title it stands in
    apposition to ("the Chairman of the Senate, X")."""
    tok = doc[m.end - 1]
    for _ in range(4):
        if tok.dep_ in NAME_DEPS and tok.head.i != tok.i and m.start - 12 <= tok.head.i <= m.end + 2:
            tok = tok.head
        else:
            break
    office = m.office
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and office is not None:
        # "President of the Senate A" parsed with A inside the "of" phrase: the title heads the name
        title = tok.head.head
        if title.i < m.start and office.start_char <= title.idx < office.end_char:
            return title
    return tok


def _conj_top(tok: Token) -> Token:
    """The first conjunct of a list that ``tok`` ends ("A, B and C": C -> A). A name the parser
    joins to a verb ("will meet A, and B") or sets beside a pronoun ("he will be received by ...,
    the Minister B") heads no list with it."""
    for _ in range(12):
        if (
            tok.dep_ in ("conj", "appos")
            and tok.head.i != tok.i
            and tok.head.pos_ not in ("VERB", "AUX", "PRON")
        ):
            tok = tok.head
        else:
            break
    return tok


def _governor(tok: Token) -> tuple[str, Token] | None:
    """(relation, verb or noun) that a name phrase fills: ("subj", met), ("obj", met), ("with", met),
    ("by", received), ("of", visit), ("poss", visit)."""
    tok = _conj_top(tok)
    dep, head = tok.dep_, tok.head
    if dep in ("nsubj",):
        return "subj", head
    if dep in ("dobj", "nsubjpass"):
        return "obj" if dep == "dobj" else "pass", head
    if dep == "poss":
        return "poss", head
    if dep == "pobj":
        prep = head
        if prep.dep_ == "agent":
            return "by", prep.head
        word = prep.lower_
        if word in ("with", "between", "by", "of", "from", "to", "including", "on"):
            return word, prep.head
    return None


def _before(doc: Doc, m: Mention, width: int = 8) -> list[str]:
    start = m.start
    if m.office is not None:
        span = doc.char_span(m.office.start_char, m.office.end_char, alignment_mode="expand")
        if span is not None and span.start < start:
            start = span.start
    return [t.lower_ for t in doc[max(0, start - width) : start]]


def _cue(doc: Doc, m: Mention) -> str | None:
    """The side one mention's own words put its person on."""
    before = _before(doc, m, 3)
    if "visiting" in before:
        return VISITOR  # "the visiting Chairman of ... X"
    if "between" in _before(doc, m, 2) and _party_after_and(doc, m.end):
        return HOST  # "a meeting between (Chairman) X and the CPA delegation of ..."
    root = _root(doc, m)
    if _stands_for_party(root):
        return VISITOR  # "A, the six member delegation, met ...": the name stands for the party
    found = _governor(root)
    if found is None:
        return None
    rel, head = found
    lemma = head.lemma_.lower()
    welcome = any(c.dep_ == "dobj" and c.lemma_.lower() in WELCOME_NOUNS for c in head.children)
    if rel == "subj" and welcome:
        # "A extended a warm welcome to ...", "A hosted a reception"; "A received a warm welcome"
        return VISITOR if lemma in RECEIVING_LEMMAS else HOST
    if rel == "subj" and lemma in HOST_VERBS:
        return HOST
    if rel == "on" and lemma in CALL_LEMMAS:
        return HOST  # "paid a courtesy call on A", "called on A": A is visited
    if (
        rel == "subj"
        and lemma == "pay"
        and any(c.dep_ == "dobj" and c.lemma_.lower() in CALL_LEMMAS for c in head.children)
    ):
        return VISITOR  # "A paid a courtesy call on ...", "A paid a visit to ..."
    if rel == "subj" and lemma in MEET_VERBS and _meets_party(head):
        return HOST  # "X met the visiting delegation", "X held talks with the guests"
    if rel in ("obj", "with") and lemma in MEET_VERBS:
        subj = _verb_subject(head)
        if subj is not None and (subj.lemma_.lower() in PARTY_NOUNS or _stands_for_party(subj)):
            return HOST  # "the delegation met X", "A, the delegation, met X"
    if rel in ("with", "including") and _party_meets(head):
        return HOST  # "the delegation will hold meetings with several MPs, including A"
    if rel == "between" and any(t.lemma_.lower() in PARTY_NOUNS for t in head.subtree if t.dep_ == "conj"):
        return HOST  # "a meeting between X and the delegation of ..."
    if rel in ("obj", "pass") and lemma in HOST_VERBS and lemma != "invite":
        return VISITOR  # "the Speaker received X", "X was welcomed"
    if rel == "by" and lemma in HOST_VERBS:
        return HOST  # "X was received by Y": Y hosts
    if rel == "of" and head.lemma_.lower() == "invitation":
        return HOST  # "at the invitation of X"
    if rel == "subj" and lemma in TRAVEL_VERBS:
        return VISITOR
    if rel in ("poss", "of") and lemma in TRIP_NOUNS:
        return VISITOR  # "X's visit", "the visit of X"
    if lemma in MEET_VERBS and rel in ("subj", "obj", "with") and _on_trip(head):
        # "During her visit to Lisbon, the Speaker met X": the subject travels, X receives
        return VISITOR if rel == "subj" else HOST
    if rel == "subj" and lemma == "lead" and any(c.lemma_.lower() in PARTY_NOUNS for c in head.children):
        return VISITOR  # "X led a delegation"
    if rel in ("by",) and lemma in ("lead", "head") and head.head.lemma_.lower() in PARTY_NOUNS | SIDE_WORDS:
        party = head.head
        if any(c.lower_ in ("visiting", "foreign") for c in party.children):
            return VISITOR
        if party.lemma_.lower() in PARTY_NOUNS:
            return VISITOR  # "the delegation led by X"
    if rel == "by" and lemma in ("lead", "head") and head.dep_ in ("advcl", "acl"):
        subj = _verb_subject(head.head)
        if subj is not None and subj.lemma_.lower() in PARTY_NOUNS:
            return VISITOR  # "Led by X, the delegation met ..."
    return None


def _stands_for_party(tok: Token) -> bool:
    """A name set in apposition to a travelling party's noun: "A, the six member delegation, met
    ..." (the parse of "Led by A, the delegation met ..." cut after a title's abbreviation)."""
    return any(c.dep_ == "appos" and c.lemma_.lower() in PARTY_NOUNS for c in tok.children)


def _party_meets(tok: Token) -> bool:
    """The noun phrase ``tok`` heads (or the list it is in) is a contact with someone that a
    travelling party's clause holds: "The delegation will be involved in engagements, including a
    meeting with A", "the delegation held talks with B", "the delegation's meetings with
    parliamentarians including C". Up the parse from ``tok`` to its clause's verb, through a contact
    noun's "with", whose subject is the party."""
    contact = False
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "prep":  # "including" is a preposition here
            subj = _verb_subject(tok)
            return contact and subj is not None and subj.lemma_.lower() in PARTY_NOUNS
        lemma = tok.lemma_.lower()
        if lemma in CONTACT_NOUNS or lemma == "engagement":
            contact = True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _party_after_and(doc: Doc, end: int) -> bool:
    """ "X and (the ...) delegation": the next conjunct of a pair is a travelling party."""
    if end >= len(doc) or doc[end].lower_ != "and":
        return False
    for t in doc[end + 1 : end + 10]:
        if t.lemma_.lower() in PARTY_NOUNS:
            return True
        if t.is_punct and t.text not in ("(", ")", "-", "'s", "’s"):
            return False
    return False


def _meets_party(verb: Token) -> bool:
    """The verb's object is a travelling party: "met the delegation", "held talks with the guests"."""
    for c in verb.children:
        target = c
        if c.dep_ == "prep" and c.lower_ == "with":
            target = next((t for t in c.children if t.dep_ == "pobj"), c)
        elif c.dep_ == "dobj" and c.lemma_.lower() in ("talk", "meeting", "talks"):
            inner = next((t for t in c.children if t.dep_ == "prep" and t.lower_ == "with"), None)
            if inner is not None:
                target = next((t for t in inner.children if t.dep_ == "pobj"), c)
        elif c.dep_ != "dobj":
            continue
        if target.lemma_.lower() in PARTY_NOUNS or any(
            t.lemma_.lower() in PARTY_NOUNS for t in target.conjuncts
        ):
            return True
    return False


def _on_trip(verb: Token) -> bool:
    """The verb's clause says its subject is travelling: "during (her) visit", "on a visit to"."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("during", "on", "while", "in"):
            if any(t.lemma_.lower() in TRIP_NOUNS for t in c.children if t.dep_ == "pobj"):
                return True
    return False


def _pair(top: Token, at: dict[int, str]) -> str | None:
    """What a list of names says of its members: a roster of three or more, or the objects of one
    verb ("met A and B", "accompanied by A and B"), stand on one side; "between A and B" and two
    subjects of a meeting ("A and B held talks") are the two sides; two subjects of anything else,
    or a caption, say nothing."""
    size = len({at[t.i] for t in top.subtree if t.i in at})
    if top.dep_ == "pobj" and top.head.lower_ == "between":
        return "facing"
    if top.dep_ in ("nsubj", "nsubjpass", "ROOT") or top.dep_ == "appos" and top.head.dep_ == "ROOT":
        if size >= 3:
            return "same"
        if top.dep_ == "nsubj" and top.head.lemma_.lower() in MEET_VERBS | SIGN_VERBS:
            return "facing"
        return None
    return "same"


def _referent(
    tok: Token,
    titled: dict[str, list[tuple[int, str]]],
    ordered: list[tuple[int, str]],
    subjects: list[tuple[int, str]] | None = None,
) -> str | None:
    """The person a nameless subject stands for: "the Senate President" -> the last person before it
    whose office has that head word; "he", "she" as a subject -> the last person named as a subject
    before it (the one the story follows, not the one just met: "A met B ... she also met C" is A's
    meeting), else the last person named before it."""
    if tok.pos_ == "PRON" and tok.lower_ in ("he", "she"):
        if subjects and tok.dep_ in ("nsubj", "nsubjpass"):
            k = bisect_left(subjects, (tok.i,))  # the persons named before it, by a binary search
            if k:
                return subjects[k - 1][1]
        k = bisect_left(ordered, (tok.i,))
        return ordered[k - 1][1] if k else None
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    fits = titled.get(tok.lower_, [])
    k = bisect_left(fits, (tok.i,))
    if k:
        return fits[k - 1][1]
    return fits[0][1] if fits else None


def _verb_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _ties(
    doc: Doc, mentions: list[Mention], at: dict[int, str]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], dict[str, str]]:
    """Pairs of persons on one side, pairs facing each other, and sides given by a delegation noun
    a person belongs to ("the visiting side headed by A was comprised of B")."""
    same: list[tuple[str, str]] = []
    facing: list[tuple[str, str]] = []
    via_party: dict[str, str] = {}

    # each word of a stated office -> the mentions whose office has it, in order
    titled: dict[str, list[tuple[int, str]]] = {}
    for m in mentions:
        if m.person is not None and m.office is not None:
            for w in {w.lower() for w in m.office.title.split()}:
                titled.setdefault(w, []).append((m.start, m.person))
    for fits in titled.values():
        fits.sort()
    ordered = sorted((m.start, m.person) for m in mentions if m.person is not None)
    subjects = sorted(
        (m.start, m.person)
        for m in mentions
        if m.person is not None and _conj_top(_root(doc, m)).dep_ in ("nsubj", "nsubjpass")
    )

    def person_of(tok: Token) -> str | None:
        for t in [tok, *tok.subtree]:
            if t.i in at:
                return at[t.i]
        return _referent(tok, titled, ordered, subjects)

    for m in mentions:
        if m.person is None:
            continue
        root = _root(doc, m)
        top = _conj_top(root)
        if top is not root:
            other = person_of(top)
            if other is not None and other != m.person:
                tie = _pair(top, at)
                if tie == "same":
                    same.append((m.person, other))
                elif tie == "facing":
                    facing.append((m.person, other))
        found = _governor(root)
        if found is None:
            continue
        rel, head = found
        lemma = head.lemma_.lower()
        subj = _verb_subject(head) if head.pos_ in ("VERB", "AUX") else None
        if rel in ("by", "of") and lemma in TOGETHER_VERBS and subj is not None:
            other = person_of(subj) if subj.i not in at else at[subj.i]
            if other is not None and other != m.person:
                same.append((m.person, other))  # "X was accompanied by A"
            elif subj.lemma_.lower() in SIDE_WORDS | PARTY_NOUNS:
                via_party[m.person] = (
                    VISITOR
                    if any(c.lower_ in ("visiting", "foreign") for c in subj.children)
                    or subj.lemma_.lower() in PARTY_NOUNS
                    else via_party.get(m.person, "")
                )
        if rel == "subj" and lemma in COMPANY_VERBS:
            # "Accompanying the Speaker were A and B", "A joined the delegation"
            obj = next((c for c in head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                other = at.get(obj.i) or person_of(obj)
                if other is not None and other != m.person:
                    same.append((m.person, other))
                elif obj.lemma_.lower() in PARTY_NOUNS:
                    via_party[m.person] = VISITOR
        if rel in ("obj", "with") and lemma in MEET_VERBS and subj is not None:
            other = at.get(subj.i) or person_of(subj)
            if other is not None and other != m.person:
                facing.append((m.person, other))
        elif rel == "with" and lemma in CONTACT_NOUNS and head.dep_ == "dobj":
            # "X held talks with Y", "X had a telephone conversation with Y": the subject of the verb
            # the contact noun is the object of faces Y
            subj = _verb_subject(head.head)
            other = (at.get(subj.i) or person_of(subj)) if subj is not None else None
            if other is not None and other != m.person:
                facing.append((m.person, other))
    return same, facing, {k: v for k, v in via_party.items() if v}


def counterpart_countries(
    doc: Doc, mentions: list[Mention], places: list[Place]
) -> dict[str, tuple[int, str]]:
    """Persons a country word calls someone's counterpart: "his Ghanaian counterpart, President Y",
    "her Russian counterpart Y" -> {Y: (token of the country word, its country)}."""
    at = {p.start: p for p in places if p.kind in ("country", "demonym") and p.country}
    out: dict[str, tuple[int, str]] = {}
    for m in mentions:
        if m.person is None:
            continue
        word = _counterpart_word(doc, m)
        if word is None:
            continue
        for i in range(max(0, word.i - 3), word.i):
            place = at.get(i)
            if (
                place is not None
                and place.end == word.i
                and doc[max(0, i - 1)].lower_ in ("his", "her", "their")
            ):
                out.setdefault(m.person, (place.start, place.country))
    return out


MEMBER_NOUNS = frozenset({"part", "member", "members", "head", "leader"})


def party_members(doc: Doc, mentions: list[Mention], places: list[Place]) -> dict[str, tuple[int, str]]:
    """Persons the parse puts in a party that a country qualifies, with the country word's token:
    "The Kenyan delegation included A and B", "Also joining the South African delegation are A; B",
    "A joined the delegation of Ghana", "A was part of the Kenyan delegation"."""
    place_at = {
        i: p
        for p in places
        if p.kind in ("country", "demonym", "institution") and p.country
        for i in range(p.start, p.end)
    }

    def country_of(party: Token) -> tuple[int, str] | None:
        for c in party.children:
            if c.i < party.i and c.dep_ in ("amod", "compound", "nmod") and c.i in place_at:
                return place_at[c.i].start, place_at[c.i].country
            if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                for t in c.children:
                    hit = next((x for x in t.subtree if x.i in place_at), None) if t.dep_ == "pobj" else None
                    if hit is not None:
                        return place_at[hit.i].start, place_at[hit.i].country
        return None

    def party_of(tok: Token) -> Token | None:
        head = tok.head
        if tok.dep_ == "attr" and head.lemma_ == "be" and head.dep_ == "aux":
            tok, head = head, head.head  # "Joining the delegation are A, B": the parser's reading
        if tok.dep_ in ("nsubj", "nsubjpass", "dobj", "aux") and head.lemma_.lower() in TOGETHER_VERBS:
            return next(
                (
                    c
                    for c in head.children
                    if c.i != tok.i and c.dep_ in ("nsubj", "dobj") and c.lemma_.lower() in PARTY_NOUNS
                ),
                None,
            )
        if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in TOGETHER_VERBS:
            verb = head.head  # "the delegation comprised of A"
            return next(
                (
                    c
                    for c in verb.children
                    if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in PARTY_NOUNS
                ),
                None,
            )
        if tok.dep_ == "nsubj" and head.lemma_ == "be":  # "A was part of the Kenyan delegation"
            for attr in (c for c in head.children if c.dep_ == "attr" and c.lemma_.lower() in MEMBER_NOUNS):
                for prep in (c for c in attr.children if c.dep_ == "prep" and c.lower_ == "of"):
                    party = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    if party is not None and party.lemma_.lower() in PARTY_NOUNS:
                        return party
        return None

    out: dict[str, tuple[int, str]] = {}
    for m in mentions:
        if m.person is None:
            continue
        party = party_of(_conj_top(_root(doc, m)))
        found = country_of(party) if party is not None else None
        if found is not None:
            out.setdefault(m.person, found)
    return out


def _counterpart_word(doc: Doc, m: Mention) -> Token | None:
    """The "counterpart" word up to 12 tokens before mention ``m``, in its sentence."""
    window = doc[max(0, m.start - 12) : m.start]
    word = next((t for t in window if t.lower_ in ("counterpart", "counterparts")), None)
    if word is None or any(t.is_sent_start for t in doc[word.i + 1 : m.start + 1]):
        return None
    return word


def _counterparts(doc: Doc, mentions: list[Mention]) -> list[tuple[str, str]]:
    """ "X ... his Turkish counterpart Y", "her counterpart, the Speaker ..., Y": Y faces the person
    the possessive points back to, the nearest one named before it."""
    out: list[tuple[str, str]] = []
    ordered = sorted((m for m in mentions if m.person is not None), key=lambda m: m.start)
    for n, m in enumerate(ordered):
        word = _counterpart_word(doc, m)
        if word is None:
            continue
        owner = [t for t in doc[max(0, word.i - 3) : word.i] if t.lower_ in ("his", "her", "their")]
        if not owner:
            continue
        before = [o for o in ordered[:n] if o.end <= owner[-1].i and o.person != m.person]
        if before and owner[-1].i - before[-1].end <= 60:
            out.append((m.person, before[-1].person))  # type: ignore[arg-type]
    return out


def find_sides(
    doc: Doc,
    mentions: list[Mention],
    places: list[Place],
    stated: dict[str, str],
    *,
    destinations: set[str],
    envoys_to: set[str],
    envoys_from: set[str],
    delegations: set[str],
    dateline: str | None,
    ranked: list[str],
) -> Sides:
    """Each person's side and each side's country.

    ``stated``: person key -> country their office states; ``destinations``: countries visits go
    to; ``envoys_to``/``envoys_from``: countries envoys are posted to / come from; ``delegations``:
    countries named as a travelling delegation's; ``ranked``: the article's countries, most named
    first."""
    at: dict[int, str] = {}
    for m in mentions:
        if m.person is not None:
            for i in range(m.start, m.end):
                at[i] = m.person
            at.setdefault(_root(doc, m).i, m.person)
    side: dict[str, str] = {}
    votes: dict[str, dict[str, int]] = {}
    for m in mentions:
        if m.person is None:
            continue
        cue = _cue(doc, m)
        if cue is not None:
            votes.setdefault(m.person, {}).setdefault(cue, 0)
            votes[m.person][cue] += 1
    same, facing, via_party = _ties(doc, mentions, at)
    # "A and his counterpart B" lists two persons but says they face each other
    opposed = _counterparts(doc, mentions)
    firm = {frozenset(p) for p in opposed}
    same = [p for p in same if frozenset(p) not in firm]
    facing += opposed
    for key, cue in via_party.items():
        votes.setdefault(key, {}).setdefault(cue, 0)
        votes[key][cue] += 1
    for key, v in votes.items():
        if len(v) == 1 or max(v.values()) > min(v.values()):
            side[key] = max(v, key=lambda s: v[s])
    together: dict[str, set[str]] = {}
    against: dict[str, set[str]] = {}
    clash = {frozenset(p) for p in same} & {frozenset(p) for p in facing}
    for a, b in same:
        if frozenset((a, b)) not in clash:
            together.setdefault(a, set()).add(b)
            together.setdefault(b, set()).add(a)
    for a, b in facing:
        if frozenset((a, b)) not in clash:
            against.setdefault(a, set()).add(b)
            against.setdefault(b, set()).add(a)
    # ties spread a side: a companion shares it, a counterpart takes the other one
    for _ in range(3):
        grown = False
        for key in set(together) | set(against):
            if key in side:
                continue
            got = {side[o] for o in together.get(key, ()) if o in side}
            got |= {_other(side[o]) for o in against.get(key, ()) if o in side}
            if len(got) == 1:
                side[key] = got.pop()
                grown = True
        if not grown:
            break
    # a country both travelled to and travelling (a return visit recalled) stays on the side the
    # article says first
    trips = trip_destinations(doc, places)
    parties = party_countries(doc, places)
    late = len(doc)
    to_host = {c: trips.get(c, late) for c in set(destinations) | set(envoys_to) | set(trips)}
    to_visit = {c: parties.get(c, late) for c in set(delegations) | set(envoys_from) | set(parties)}
    hosts = {c for c, at in to_host.items() if c not in to_visit or at <= to_visit[c]}
    visitors = {c for c, at in to_visit.items() if c not in hosts}
    if dateline and dateline not in visitors:
        hosts.add(dateline)
    country: dict[str, str] = {}
    tally: dict[str, dict[str, float]] = {HOST: {}, VISITOR: {}}
    for c in hosts:
        tally[HOST][c] = tally[HOST].get(c, 0.0) + 2.0
    for c in visitors:
        tally[VISITOR][c] = tally[VISITOR].get(c, 0.0) + 2.0
    for key, c in stated.items():
        s = side.get(key)
        if s is not None:
            tally[s][c] = tally[s].get(c, 0.0) + 1.0
    for s in (HOST, VISITOR):
        other = tally[_other(s)]
        scores = {c: v for c, v in tally[s].items() if v > other.get(c, 0.0)}
        if scores:
            best = sorted(scores, key=lambda c: -scores[c])
            if len(best) == 1 or scores[best[0]] > scores[best[1]]:
                country[s] = best[0]
    # a side with no country of its own: the most named country the other side does not hold
    for s in (HOST, VISITOR):
        if s not in country and _other(s) in country:
            rest = [c for c in ranked[:3] if c != country[_other(s)] and c not in tally[_other(s)]]
            if rest:
                country[s] = rest[0]
    return Sides(side, together, against, frozenset(hosts), frozenset(visitors), country)


def party_countries(doc: Doc, places: list[Place]) -> dict[str, int]:
    """Countries named as a travelling party's, with the first token that says so: "the delegation
    of X", "a delegation from X", "the X delegation", "visiting X ..."."""
    out: dict[str, int] = {}
    for p in places:
        if p.kind not in ("country", "demonym", "institution") or not p.country:
            continue
        before = [t.lower_ for t in doc[max(0, p.start - 4) : p.start]]
        after = doc[p.end].lower_ if p.end < len(doc) else ""
        lead = before[:-1] if before and before[-1] == "the" else before
        party = (any(w in PARTY_NOUNS for w in lead) and bool(lead) and lead[-1] in ("of", "from")) or (
            after in PARTY_NOUNS
        )
        if party or (before and before[-1] == "visiting") or _owns_party(doc[p.start : p.end].root):
            out.setdefault(p.country, p.start)
    return out


def _owns_party(tok: Token) -> bool:
    """The country is the object of "of"/"from" that a travelling party's noun governs, through at
    most one body between: "a delegation from the congress of X", "the delegation of the Parliament
    of X"."""
    for _ in range(2):
        for _ in range(3):
            if tok.dep_ in ("compound", "flat", "appos", "amod") and tok.head.i != tok.i:
                tok = tok.head
            else:
                break
        prep = tok.head
        if tok.dep_ != "pobj" or prep.lower_ not in ("of", "from") or prep.head.i == prep.i:
            return False
        tok = prep.head
        if tok.lemma_.lower() in PARTY_NOUNS:
            return True
    return False


def trip_destinations(doc: Doc, places: list[Place]) -> dict[str, int]:
    """Countries the article says someone travels to, with the first token that says so, by the
    parse: "a visit to X", "on an official visit to X", "arrived in X", "travelled to X", "visited
    X" (a city stands for its country)."""
    out: dict[str, int] = {}
    for p in places:
        if p.kind not in ("country", "city") or not p.country:
            continue
        tok = doc[p.end - 1]
        for _ in range(3):
            if tok.dep_ in ("compound", "flat", "appos", "conj") and tok.head.i != tok.i:
                tok = tok.head
            else:
                break
        head = tok.head
        if tok.dep_ == "pobj" and head.lower_ in ("to", "in", "for") and head.head.i != head.i:
            goal = head.head.lemma_.lower()
            if head.lower_ == "for":
                if goal in LEAVE_VERBS:
                    out.setdefault(p.country, p.start)  # "left on Sunday for Johannesburg"
            elif _past_trip(head.head):
                continue  # "in my recent visit to X": a trip recalled, not the story's
            elif goal in TRIP_NOUNS or (
                goal in TRAVEL_VERBS and (head.lower_ == "to" or goal in ARRIVE_VERBS)
            ):
                out.setdefault(p.country, p.start)
        elif tok.dep_ == "dobj" and head.lemma_.lower() in ("visit", "tour"):
            out.setdefault(p.country, p.start)
    return out


PAST_TRIP_WORDS = frozenset({"recent", "previous", "last", "earlier", "past", "former", "prior"})


def _past_trip(goal: Token) -> bool:
    """A trip the article recalls as past or tells as another leg: "my recent visit to X", "the
    previous trip", "before she travelled to X" (not "after he arrived in X": the story is there)."""
    if goal.pos_ in ("VERB", "AUX"):
        # "... before she travelled to X": the next leg of the journey, not where the story is
        return any(c.dep_ == "mark" and c.lower_ == "before" for c in goal.children)
    return goal.lemma_.lower() in TRIP_NOUNS and any(
        c.dep_ in ("amod", "advmod") and c.lower_ in PAST_TRIP_WORDS for c in goal.children
    )


def sentence_ids(doc: Doc) -> list[int]:
    """Each token's sentence number."""
    ids = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            ids[i] = n
    return ids


def _other(side: str) -> str:
    return VISITOR if side == HOST else HOST


# the evidence confidences of ``other_side``: a guess below WEAK_BELOW and at least GUESS_FLOOR is
# one from how often the article names a country (``focus.RANKED`` and the learned or envoy
# variants of it; the national agency's 0.35 and the dateline's 0.45 are readings of the text); a
# country at least STATED comes from the person's own office or a country word beside the name
GUESS_FLOOR = 0.4
WEAK_BELOW = 0.45
STATED = 0.6
OTHER_SIDE = 0.43  # the confidence of the country ``other_side`` gives
COUNTRY_KINDS = ("country", "demonym", "institution")
SIDES_KEY = "parleys.other_side"  # each candidate's features and the rule's choice, for training
SIDE_ROLES = (
    "head_of_state",
    "head_of_government",
    "speaker",
    "deputy_speaker",
    "minister",
    "mp",
    "ambassador",
)


def other_side(
    doc: Doc,
    records: list[PersonRecord],
    mentions: list[Mention],
    places: list[Place],
    *,
    heads: list[TitleHead] | None = None,
    away: dict[str, set[str]] | None = None,
    departed: frozenset[str] | set[str] = frozenset(),
    collect: bool = False,
) -> None:
    """A contact has two sides: a person whose country is only guessed from how often the article
    names it, and who is named in one sentence with a person whose office states that same country
    ("President A received the Russian Ambassador, B"), is on the other side of the contact when the
    article names a second country about as often outside the persons' offices: the story names the
    other side's country in its officials' titles and its own side's elsewhere. The guess moves to
    the most named such country that no stated person holds and that the person is not travelling
    to. It stays where the person is listed with the stated one (a roster, "met A and B", "B was
    accompanied by A", "A and MP B will be in Madrid": one side) or where the article names the
    guessed country more than twice as often as the other. ``heads``: the title words found
    (``doc._.titles``; honorifics between listed names); ``away``: person key -> countries they
    travel to; ``departed``: countries someone in the story sets off for (``focus.departures``);
    ``collect``: keep every candidate's features (``side_features``) in ``doc.user_data[SIDES_KEY]``."""
    stated = {
        r.key: r.country
        for r in records
        if r.country and r.evidence.get("country") is not None and r.evidence["country"].confidence >= STATED
    }
    if not stated:
        return
    held = set(stated.values())
    sent_of = sentence_ids(doc)
    # the tokens that start inside a person's stated office, found through each office's span: a
    # country named there qualifies that person's side
    in_office: set[int] = set()
    for a, b in {(m.office.start_char, m.office.end_char) for m in mentions if m.office is not None}:
        span = doc.char_span(a, b, alignment_mode="expand")
        in_office.update(t.i for t in span or () if a <= t.idx < b)
    # the tokens a list of persons is made of besides its separators: names, offices, title words
    covered = {i for m in mentions if m.person is not None for i in range(m.start, m.end)}
    covered |= {i for h in heads or [] for i in range(h.start, h.end)}
    covered |= in_office
    free: dict[str, int] = {}
    named: dict[str, int] = {}
    first: dict[str, Place] = {}
    for p in places:
        if p.kind not in COUNTRY_KINDS or not p.country:
            continue
        named[p.country] = named.get(p.country, 0) + 1
        if p.start not in in_office:
            free[p.country] = free.get(p.country, 0) + 1
            first.setdefault(p.country, p)
    at: dict[int, str] = {}
    by_person: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.person is not None:
            by_person.setdefault(m.person, []).append(m)
            for i in range(m.start, m.end):
                at[i] = m.person
    same, _, _ = _ties(doc, mentions, at)
    together: dict[str, set[str]] = {}
    for x, y in same:
        together.setdefault(x, set()).add(y)
        together.setdefault(y, set()).add(x)
    roles = {r.key: r.role_class for r in records}
    sents = {k: {sent_of[m.start] for m in ms} for k, ms in by_person.items()}
    rows: list[dict] = []
    moved: list[tuple[PersonRecord, str]] = []  # (person, the guess they left)
    for rec in records:
        ev = rec.evidence.get("country")
        if rec.country is None or ev is None or not GUESS_FLOOR <= ev.confidence < WEAK_BELOW:
            continue
        guess = rec.country
        mine = by_person.get(rec.key, [])
        own = sents.get(rec.key, set())
        partners = [k for k, c in stated.items() if c == guess and k != rec.key and own & sents.get(k, set())]
        if not partners or any(
            k in together.get(rec.key, ())
            or _listed_with(doc, mine, by_person.get(k, []), at)
            or _listed_in_text(doc, mine, by_person.get(k, []), covered, sent_of)
            for k in partners
        ):
            continue  # no stated partner, or one on the same side
        blocked = held | (away or {}).get(rec.key, set()) | set(departed) | {guess}
        rest = sorted((c for c in free if c not in blocked), key=lambda c: (-free[c], first[c].start))
        if not rest:
            continue
        other = rest[0]
        moves = 2 * free[other] >= free.get(guess, 0)
        if collect:
            feats = side_features(
                guess=guess,
                other=other,
                free=free,
                named=named,
                first={c: p.start for c, p in first.items()},
                lead={c for c, p in first.items() if sent_of[p.start] <= 1},
                role=rec.role_class,
                partner_roles=[roles[k] for k in partners],
                first_mention=min(m.start for m in mine),
                partner_first=min(m.start for k in partners for m in by_person[k]),
                n_tokens=len(doc),
            )
            rows.append({"key": rec.key, "guess": guess, "other": other, "rule": moves, "features": feats})
        if moves:
            found = first[other]
            span = doc[found.start : found.end]
            moved.append((rec, guess))
            rec.country = other
            rec.evidence["country"] = Evidence(span.start_char, span.end_char, span.text, OTHER_SIDE)
    # the moved person's own side follows: a companion ("accompanied by") or an official of the same
    # body ("the Speaker of the Council" moved, "the Deputy Speaker of the Council") with the same guess
    for rec, guess in moved:
        body = _body(rec.institution)
        for r in records:
            ev = r.evidence.get("country")
            if (
                r is rec
                or r.country != guess
                or ev is None
                or not GUESS_FLOOR <= ev.confidence < WEAK_BELOW
                or not (r.key in together.get(rec.key, ()) or (body and _body(r.institution) == body))
            ):
                continue
            r.country = rec.country
            r.evidence["country"] = rec.evidence["country"]
    if collect:
        doc.user_data[SIDES_KEY] = rows


def _body(institution: str | None) -> str:
    """An institution's name for comparison: lower case, without "the"."""
    words = (institution or "").lower().split()
    return " ".join(w for w in words if w != "the")


def side_features(
    *,
    guess: str,
    other: str,
    free: dict[str, int],
    named: dict[str, int],
    first: dict[str, int],
    lead: set[str],
    role: str,
    partner_roles: list[str],
    first_mention: int,
    partner_first: int,
    n_tokens: int,
) -> dict[str, float]:
    """Features of one ``other_side`` candidate (a guessed country ``guess`` and the other country
    ``other``), for the learned check of the rule; no name enters."""
    g_free, o_free = free.get(guess, 0), free.get(other, 0)
    g_named, o_named = named.get(guess, 0), named.get(other, 0)
    x = {
        "bias": 1.0,
        "ratio": o_free / max(g_free, 1),
        "rule": float(2 * o_free >= g_free),
        "log_guess_free": math.log1p(g_free),
        "log_other_free": math.log1p(o_free),
        "guess_office_share": 1.0 - g_free / g_named if g_named else 0.0,
        "other_office_share": 1.0 - o_free / o_named if o_named else 0.0,
        "other_first": float(first.get(other, n_tokens) < first.get(guess, n_tokens)),
        "other_lead": float(other in lead),
        "guess_lead": float(guess in lead),
        "person_first": float(first_mention < partner_first),
        "partners": float(len(partner_roles)),
        "partner_ambassador": float("ambassador" in partner_roles),
    }
    for r in SIDE_ROLES:
        x["role_" + r] = float(role == r)
    return x


LIST_WORDS = frozenset({",", ";", "and", "&"})


def _listed_in_text(
    doc: Doc, mine: list[Mention], theirs: list[Mention], covered: set[int], sent_of: list[int]
) -> bool:
    """The two persons are named in one list, whatever the parse made of it: only names, their
    offices, title words and list separators stand between them ("A, Speaker of X; B, Deputy
    Speaker; and C", "Chairman of X A and MP B"). A list stays two sides where it follows
    "between" in its sentence, is the subject of a meeting or signing verb ("A and B held talks"),
    or stands alone without a verb (a caption). ``sent_of``: each token's sentence number."""
    by_sent: dict[int, list[Mention]] = {}
    for o in theirs:
        by_sent.setdefault(sent_of[o.start], []).append(o)
    for m in mine:
        for o in by_sent.get(sent_of[m.start], ()):  # only pairs in one sentence
            a, b = (m, o) if m.start < o.start else (o, m)
            gap = doc[a.end : b.start]
            if not gap:
                continue
            if not any(t.lower_ in LIST_WORDS for t in gap) or any(
                t.i not in covered and t.lower_ not in LIST_WORDS for t in gap
            ):
                continue
            sent = doc[a.start].sent
            if any(t.lower_ == "between" for t in doc[sent.start : a.start]):
                continue
            top = _conj_top(_root(doc, a))
            if top.dep_ == "ROOT" or (
                top.dep_ == "nsubj" and top.head.lemma_.lower() in MEET_VERBS | SIGN_VERBS
            ):
                continue
            return True
    return False


def _listed_with(doc: Doc, mine: list[Mention], theirs: list[Mention], at: dict[int, str]) -> bool:
    """A mention of one person and one of the other stand in one list that says they are on one
    side (``_pair``: a roster, the objects of one verb), not the two parties of a meeting nor a
    caption ("A (right) and B")."""
    tops = {_conj_top(_root(doc, m)).i for m in theirs}
    for m in mine:
        top = _conj_top(_root(doc, m))
        if top.i in tops and _pair(top, at) == "same":
            return True
    return False


_MESSAGE_WORDS = json.loads(resources.files("parleys.data").joinpath("message_words.json").read_text("utf-8"))
# what a sender sends or expresses: "condolences", "a message", "solidarity", "shock"
MESSAGE_NOUNS = frozenset(_MESSAGE_WORDS["message_nouns"])
# verbs whose subject sends a message and whose "to" object receives it: "expressed", "sent"
SEND_VERBS = frozenset(_MESSAGE_WORDS["send_verbs"])
# verbs whose direct object receives the message: "congratulated X"
ADDRESSEE_VERBS = frozenset(_MESSAGE_WORDS["addressee_verbs"])
# what a message of sympathy is about: the country it strikes receives the sympathy
DISASTER_NOUNS = frozenset(_MESSAGE_WORDS["disaster_nouns"])
ADDRESS_PREPOSITIONS = frozenset({"to", "with", "toward", "towards"})
SAYING_LEMMAS = frozenset({"say", "write", "state", "tweet", "post"})
DISASTER_WINDOW = 10  # tokens after a disaster noun in which a country is where it struck
# the lemmas message_frame reads a token for (a message noun also by its written form)
_FRAME_LEMMAS = MESSAGE_NOUNS | SEND_VERBS | ADDRESSEE_VERBS | {"behalf"}


@dataclass(slots=True)
class Messages:
    """The message frame of an article: who sends a message, who and which countries receive it."""

    senders: set[str] = field(default_factory=set)  # person keys
    addressees: set[str] = field(default_factory=set)  # person keys
    addressed: dict[str, int] = field(default_factory=dict)  # country -> first token naming it so
    own: dict[str, int] = field(default_factory=dict)  # country -> first token of a sender's country
    # person key -> the person who passes on their message ("A conveyed greetings from B to C": B -> A)
    relayed: dict[str, str] = field(default_factory=dict)


def _is_message(tok: Token) -> bool:
    """A noun of what a sender sends: "condolences", "a message", "solidarity"."""
    nominal = tok.pos_ in ("NOUN", "PROPN") or tok.dep_ in ("dobj", "pobj")  # "regards" read as a verb
    return nominal and (tok.lemma_.lower() in MESSAGE_NOUNS or tok.lower_ in MESSAGE_NOUNS)


def message_frame(doc: Doc, mentions: list[Mention], places: list[Place]) -> Messages:
    """Who sends and who receives the messages an article reports, by the parse: the subject of a
    verb of sending whose object is a message ("A expressed condolences to ...", "A and B in separate
    messages expressed shock", "in his message to ..., A said") sends; the object of "to" or "with"
    after a message or a verb of sending ("condolences to the people of X", "a message sent to the
    Xian minister B", "solidarity with X") and the object of a verb of greeting ("congratulated B")
    receive it, and so does the country a disaster the message is about strikes ("the earthquake in
    X"), where some person sends one. A sender's own country is the one the subject of the
    sympathy names ("the government and people of X stand in solidarity with ...") or a message
    speaks "on behalf of". Only the parse and closed-class words are read."""
    place_at = {
        i: p
        for p in places
        if p.kind in ("country", "demonym", "institution") and p.country
        for i in range(p.start, p.end)
    }
    at: dict[int, str] = {}
    for m in mentions:
        if m.person is not None:
            for i in range(m.start, m.end):
                at[i] = m.person
    out = Messages()

    def collect(tok: Token, countries: dict[str, int], persons: set[str] | None = None) -> None:
        """The countries (and persons) named in ``tok``'s phrase."""
        for t in tok.subtree:
            if t.i in place_at:
                countries.setdefault(place_at[t.i].country, place_at[t.i].start)
            if persons is not None and t.i in at:
                persons.add(at[t.i])

    def receive(tok: Token) -> None:
        collect(tok, out.addressed, out.addressees)

    def own(tok: Token) -> None:
        collect(tok, out.own)

    lemmas, lowers = lemmas_of(doc), lowers_of(doc)
    for i, lemma in enumerate(lemmas):
        if lemma not in _FRAME_LEMMAS and lowers[i] not in MESSAGE_NOUNS:
            continue  # a word of none of the frames below
        t = doc[i]
        message = _is_message(t)
        sending = t.pos_ in ("VERB", "AUX") and lemma in SEND_VERBS
        if message or sending:
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ in ADDRESS_PREPOSITIONS:
                    receive(c)
        if t.pos_ == "VERB" and lemma in ADDRESSEE_VERBS:
            for c in t.children:
                if c.dep_ == "dobj":
                    receive(c)
        if message:
            # the subject of the clause the message stands in is its sender's side: "the people of
            # X stand in solidarity with ...", "X expressed condolences"
            verb = t.head
            for _ in range(3):
                if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                    break
                verb = verb.head
            if verb.pos_ in ("VERB", "AUX"):
                for c in verb.children:
                    if c.dep_ == "nsubj" and c.i not in at:
                        own(c)
                    elif c.dep_ == "nsubj":
                        # "A conveyed greetings from B (and C) to D": A passes on B's message, of A's side
                        for prep in (x for x in t.children if x.dep_ == "prep" and x.lower_ == "from"):
                            for x in prep.subtree:
                                if x.i in at and at[x.i] != at[c.i]:
                                    out.relayed.setdefault(at[x.i], at[c.i])
        if lemma == "behalf" and t.head.lower_ == "on":
            for c in t.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    own(c)  # "on behalf of the people of X"
    for m in mentions:
        if m.person is None:
            continue
        found = _governor(_root(doc, m))
        if found is None:
            continue
        rel, verb = found
        if rel != "subj":
            continue
        lemma = verb.lemma_.lower()
        objects = [c for c in verb.children if c.dep_ in ("dobj", "prep")]
        sends = lemma in SEND_VERBS and any(
            _is_message(o) or o.lower_ == "to" or any(_is_message(x) for x in o.conjuncts) for o in objects
        )
        # "in his condolence message (sent to ...), A said", "A said in a message"; "A and B in
        # separate messages expressed shock" sends
        said = lemma in SAYING_LEMMAS and any(
            o.dep_ == "prep" and o.lower_ == "in" and any(_is_message(x) for x in o.children) for o in objects
        )
        if sends or said:
            out.senders.add(m.person)
    if out.senders:
        for k, lemma in enumerate(lemmas):
            if lemma not in DISASTER_NOUNS and lowers[k] not in DISASTER_NOUNS:
                continue
            t = doc[k]
            sent_end = t.sent.end
            for i in range(t.i + 1, min(sent_end, t.i + 1 + DISASTER_WINDOW)):
                if doc[i].is_punct and doc[i].text not in ("-", "'s", "’s"):
                    break  # "during the earthquake, said the Xian embassy": another clause
                if i in place_at:
                    out.addressed.setdefault(place_at[i].country, place_at[i].start)
    out.senders -= out.addressees
    for country in out.addressed:
        out.own.pop(country, None)
    return out
