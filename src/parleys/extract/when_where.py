"""When an article's main event happened: its date against the publication date, and the parse
walks that tell whose clause a date or place stands in (the place itself: :mod:`event_place`)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import date
from functools import partial
from importlib import resources

from spacy.tokens import Doc, Span, Token

from parleys.extract import dates as dates_mod
from parleys.extract.event_type import headline
from parleys.extract.extensions import text_of
from parleys.records import Evidence

DATELINE_DATE_WINDOW = 120  # characters before the lead in which a date is the dateline's
# how far from the publication date a date may lie and still be the news event's, unless it stands
# before the predicate of the lead's own clause ("On 26 November 2020, X delivered a speech")
RECENT_DAYS = 45


_WORDS = json.loads(resources.files("parleys.data").joinpath("event_words.json").read_text("utf-8"))
EVENT_NOUNS = frozenset(_WORDS["event_nouns"])
REPORTING_VERBS = frozenset(_WORDS["reporting_verbs"])
# the nouns that name an event of each type: a date or place in a clause that modifies one of
# them belongs to that event ("the assembly scheduled to be held on 23-27 March"); in a clause
# that modifies any other noun, to something else ("an event on oil to be held on 17 December")
KIND_NOUNS = {kind: frozenset(nouns) for kind, nouns in _WORDS["kind_nouns"].items()}
ALL_KIND_NOUNS = frozenset().union(*KIND_NOUNS.values()) | EVENT_NOUNS  # a noun of any event
ANNOUNCING = frozenset(_WORDS["announcing"])
# contacts at a distance: a place named inside another event's noun phrase is not where they were
REMOTE_KINDS = frozenset({"call"})
# contacts reported after they happened: a date of what is to come is another event's
LATER_KINDS = frozenset({"call", "message"})
# nouns of occasions that are none of the contacts above
OCCASION_NOUNS = frozenset(_WORDS["occasion_nouns"])
# a weekday before an explicit date: "on Monday 8 April", "today (Tuesday 20 November 2018)"
ANCHOR_WEEKDAY = re.compile(r"(?:\b(?:on|from)\s+|\()(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*$", re.I)
# verbs on which a date later in the article tells when the event itself happened
HAPPENED_VERBS = frozenset(_WORDS["happened_verbs"])

FUTURE_AUX = frozenset(_WORDS["future_aux"])
FUTURE_VERBS = frozenset(_WORDS["future_verbs"])


def event_date(
    doc: Doc,
    sents: list[Span],
    main: Span | None,
    published: date | None,
    later: Sequence[Span] = (),
    kind: str = "meeting",
):
    """The first date the lead gives for the event: a date in a clause of the event's own noun
    ("the assembly scheduled to be held on 23-27 March") first, then "on 12 June", "on Tuesday",
    "today". A date tied to a predicate in ``later`` sentences (those that name the event's
    participants or the event) comes next: any anchored one with no publication date to fall back
    on, else one that says when the event was held, began or met ("The meeting was held ... on
    Monday")."""
    order = ([main] if main is not None else []) + [s for s in sents if main is None or s.start != main.start]
    whole = whole_sentences(doc)
    order = [next((w for w in whole if w.start <= s.start < w.end), s) for s in order]
    lead_end = max((s.end for s in order), default=0)
    extra: list[Span] = []
    for told in later:
        w = next((w for w in whole if w.start <= told.start < w.end), told)
        if told.start >= lead_end and w not in extra:
            extra.append(w)
    found: list[tuple[int, int, date, int, int, Span]] = []
    # "next Monday, Nov. 25": a weekday that the article ties to a calendar date is that date
    pinned = dates_mod.pinned_weekdays(text_of(doc), published)
    for rank, sent in enumerate(order + extra):
        text = sent.text
        hits = dates_mod.explicit_dates(text, published) + [
            (
                d if text[s:e].lower().startswith("last") else pinned.get(text[s:e].split()[-1].lower(), d),
                s,
                e,
            )
            for d, s, e in dates_mod.relative_dates(
                text, published, partial(_future_at, doc, sent.start_char)
            )
        ]
        for d, s, e in hits:
            at = sent.start_char + s  # the date's character in the doc
            if (
                published is not None
                and abs((d - published).days) > RECENT_DAYS
                and not (rank < len(order) and _before_own_predicate(doc, at))
            ):
                continue  # a recalled or background date, not the news event
            if kind in LATER_KINDS and _irrealis(doc, at):
                continue  # "invited her to the session to be held on 12 April": a call tells of the past
            if _reporting_date(doc, at):
                continue  # "..., X said on Monday": when it was told, not when it happened
            if published is None and _dates_another_noun(doc, at):
                continue  # "after the national liberation on Jan. 7, 1979": that occasion's day
            if not text[s:e][:1].isdigit() and _in_relative_clause(doc, at):
                continue  # "... the earthquake that hit the region on Friday": another event's day
            owner = clause_owner(doc, at)
            if owner is not None and owner.lemma_.lower() not in KIND_NOUNS.get(kind, EVENT_NOUNS):
                continue  # "invited him to an event to be held on 17 December": another event's day
            relative = not text[s:e][:1].isdigit() and text[s:e].split()[-1].lower() in dates_mod.WEEKDAYS
            if relative and any(0 <= s2 - e <= 3 for _d, s2, _e in hits if text[s2:_e][:1].isdigit()):
                continue  # "on Monday 8 April", "next Monday, Nov. 25": the explicit date says which
            before = text[max(0, s - 6) : s].lower()
            after = text[e : e + 12].lower().split()
            anchored = (
                before.rstrip().endswith(("on", "from", "since"))
                or ANCHOR_WEEKDAY.search(text[max(0, s - 20) : s]) is not None  # "on Monday 8 April"
                or (after and after[0].strip(",.") in EVENT_NOUNS)  # "during his Feb. 3 meeting"
                or not text[s:e][:1].isdigit()
                and not text[s:e][:1].isupper()
            )
            if rank >= len(order) and (not anchored or before.rstrip().endswith("since")):
                continue  # beyond the lead only a date tied to its sentence's predicate counts
            future = _future(doc, at)
            if rank >= len(order) and future:
                continue  # "will address ... on 14 October": a later part of the programme
            if future and _other_kinds_verb(doc, at, kind):
                continue  # "(met X and announced that) a delegation will be visiting from 24 August"
            if rank >= len(order) and published is not None and not _happened_on(doc, at):
                continue  # with a publication date to fall back on, only "was held on", "began on"
            found.append((-1 if owner is not None else 0 if anchored else 1, rank, d, s, e, sent))
    if found:
        _a, _r, d, s, e, sent = min(found, key=lambda x: (x[0], x[1], x[3]))
        start = sent.start_char + s
        return d, Evidence(start, sent.start_char + e, text_of(doc)[start : sent.start_char + e], 0.8)
    # "YEREVAN, MARCH 14, ARMENPRESS.", "MOSCOW, March 14. /TASS/.": the dateline's date
    head = text_of(doc)[: min(sents[0].start_char, DATELINE_DATE_WINDOW)] if sents else ""
    for d, s, e in dates_mod.explicit_dates(head, published):
        if published is None or abs((d - published).days) <= 3:
            return d, Evidence(s, e, head[s:e], 0.7)
    if published is not None:
        return published, None
    return None, None


def clause_owner(doc: Doc, char: int) -> Token | None:
    """The event noun whose modifying clause holds the token at ``char``: "the conference
    [scheduled to take place on January 9 in X]" -> conference; None where the token is in a main
    clause, or in a clause of a noun that names no event."""
    verb = _head_verb(doc, char)
    for _ in range(3):
        if verb is None or verb.dep_ not in ("xcomp", "conj", "auxpass", "aux"):
            break
        verb = verb.head
    if verb is None or verb.dep_ not in ("acl", "relcl"):
        return None
    owner = verb.head
    for _ in range(3):
        lemma = owner.lemma_.lower()
        if lemma in OCCASION_NOUNS or lemma in ALL_KIND_NOUNS:
            return owner
        # "the assembly of the Union [scheduled to be held ...]": the clause is the assembly's
        if owner.dep_ != "pobj" or owner.head.lower_ != "of":
            break
        owner = owner.head.head
    if any(t.lemma_.lower() in ANNOUNCING for t in (verb, *verb.children)):
        return verb.head  # "[ties and] the conference scheduled to take place ...": a later event
    return None  # "on behalf of X, Y received ...": a parse of no event noun decides nothing


def noun_owner(doc: Doc, char: int) -> Token | None:
    """The event noun that the token at ``char`` hangs on through prepositions, before any verb:
    "the negotiations between X and Y in Muscat" -> negotiations."""
    tok = _token_at(doc, char)
    if tok is None:
        return None
    for _ in range(6):
        if tok.head is tok or tok.pos_ in ("VERB", "AUX"):
            return None
        tok = tok.head
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in ALL_KIND_NOUNS:
            return tok
    return None


def _token_at(doc: Doc, char: int) -> Token | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None else None


def _happened_on(doc: Doc, char: int) -> bool:
    """The date hangs on a verb that says when the event was held, began or met, or on an event
    noun: "was held in X on Monday", "got underway on 3 July", "the meeting on 5 May"."""
    tok = _token_at(doc, char)
    if tok is None:
        return False
    for _ in range(4):
        if tok.head is tok:
            return False
        tok = tok.head
        if tok.lemma_.lower() in EVENT_NOUNS:
            return True
        if tok.pos_ in ("VERB", "AUX"):
            # a main clause's verb: "After X was welcomed on June 14, ..." tells of something before
            return (
                tok.lemma_.lower() in HAPPENED_VERBS
                and tok.dep_ in ("ROOT", "conj", "xcomp", "ccomp")
                and not any(c.lower_ == "also" for c in tok.children)  # "X also sent ...": a further act
            )
    return False


def whole_sentences(doc: Doc) -> list[Span]:
    """The parser's sentences, a break inside a line mended: a sentence that stops mid-line on no
    final punctuation ("... Chairman of the Khural (Mongolia's parliament)") goes on with the next."""
    out: list[Span] = []
    start: int | None = None
    for sent in doc.sents:
        start = sent.start if start is None else start
        last = sent[-1]
        mid_line = sent.end < len(doc) and not last.is_space and "\n" not in last.whitespace_
        broken = last.text in (")", ",") or (sent.end < len(doc) and doc[sent.end].is_lower)
        if not (mid_line and broken):
            out.append(doc[start : sent.end])
            start = None
    if start is not None:
        out.append(doc[start:])
    return out


def _future_at(doc: Doc, offset: int, char: int) -> bool:
    """Whether a weekday at a character of a sentence that starts at ``offset`` in the doc is one
    to come: :func:`_future`, or a body sentence's present tense ("X begins a visit to Y on
    Monday": news tells what happened in the past tense, its present is the timetable)."""
    return _future(doc, offset + char) or _timetable_present(doc, offset + char)


def _timetable_present(doc: Doc, char: int) -> bool:
    """The date hangs on a present-tense verb (not a report's) outside the headline."""
    verb = _head_verb(doc, char)
    if verb is None or verb.tag_ not in ("VBZ", "VBP") or verb.lemma_ in REPORTING_VERBS:
        return False
    head = headline(doc)
    return head is None or verb.i >= head.end


def _future(doc: Doc, char: int) -> bool:
    """The predicate a date hangs on tells of what is to come: "will travel on Friday", "is
    scheduled to meet on Monday", "plans to visit on Sunday"."""
    tok = _token_at(doc, char)
    if tok is None:
        return False
    for _ in range(4):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            break
    for verb in (tok, *list(tok.ancestors)[:2]):
        if verb.lemma_.lower() in FUTURE_VERBS and verb.pos_ in ("VERB", "ADJ"):
            return True
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
            return True
        if _headline_infinitive(verb):
            return True
        if verb.dep_ != "xcomp" and verb.dep_ != "conj":
            break
    return False


def _irrealis(doc: Doc, char: int) -> bool:
    """The date hangs on what is to come or on an infinitive, which tells of no act that
    happened: "will meet on Monday", "invited to take part in the session to be held on 12 April"."""
    if _future(doc, char):
        return True
    verb = _head_verb(doc, char)
    for _ in range(3):
        if verb is None:
            return False
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return True
        if verb.dep_ not in ("conj", "xcomp"):
            return False
        verb = verb.head
    return False


def _in_relative_clause(doc: Doc, char: int) -> bool:
    """The date hangs on the verb of a relative clause, which tells of something else ("the
    earthquake that hit the region on Friday")."""
    verb = _head_verb(doc, char)
    # "the call he received last night" is the event's own clause
    return (
        verb is not None
        and verb.dep_ == "relcl"
        and verb.head.lemma_ not in EVENT_NOUNS
        and not _headline_infinitive(verb)
    )


def _head_verb(doc: Doc, char: int) -> Token | None:
    """The first verb among the (at most four) heads above the token at ``char``."""
    tok = _token_at(doc, char)
    if tok is None:
        return None
    for _ in range(4):
        if tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def _headline_infinitive(verb) -> bool:
    """A headline's "Speaker to visit X on Monday": an infinitive that is no verb's complement
    (the parser hangs it as a root, a relative clause or a clausal subject)."""
    return verb.dep_ in ("ROOT", "relcl", "csubj", "acl") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


def _reporting_date(doc: Doc, char: int) -> bool:
    """The date's own clause is a report: "announced that they will be here from 13 May". Not where
    the date dates an event noun on the way up to the reporting verb ("said at an Oct. 31 meeting",
    "said after his meeting ... on Saturday"), nor where what is written or said is the message
    itself ("wrote his condolence message yesterday")."""
    verb = _head_verb(doc, char)
    if verb is None or verb.lemma_ not in REPORTING_VERBS:
        return False
    if _event_noun_above(doc, char, verb):
        return False
    return not any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in KIND_NOUNS["message"] for c in verb.children
    )


def _event_noun_above(doc: Doc, char: int, verb: Token) -> bool:
    """An event noun stands between the token at ``char`` and ``verb``: the date is the event's."""
    tok = _token_at(doc, char)
    if tok is None:
        return False
    for _ in range(6):
        if tok.head is tok or tok.head.i == verb.i:
            return False
        tok = tok.head
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in ALL_KIND_NOUNS:
            return True
    return False


def _other_kinds_verb(doc: Doc, char: int, kind: str) -> bool:
    """The date hangs on a verb that names a contact of another type than the event's: "(met X and
    announced that) a delegation will be visiting from 24 August" in a meeting's lead."""
    verb = _head_verb(doc, char)
    if verb is None:
        return False
    lemma = verb.lemma_.lower()
    own = KIND_NOUNS.get(kind, frozenset())
    return lemma not in own and any(lemma in nouns for k, nouns in KIND_NOUNS.items() if k != kind)


def _dates_another_noun(doc: Doc, char: int) -> bool:
    """The date hangs, through its preposition, on a common noun that names no event: "the
    national liberation on Jan. 7, 1979", "the elections of 5 May"."""
    tok = _token_at(doc, char)
    if tok is None or tok.dep_ != "pobj" or tok.head.dep_ != "prep":
        return False
    noun = tok.head.head
    return noun.pos_ == "NOUN" and noun.lemma_.lower() not in ALL_KIND_NOUNS


def _before_own_predicate(doc: Doc, char: int) -> bool:
    """The date stands before the verb it modifies, that verb with a subject of its own and no
    clause of another noun: "On 26 November 2020, X delivered a speech", "X on June 1 welcomed
    ...". A news lead that opens on its time frame gives the event's day however long ago."""
    start = _token_at(doc, char)
    if start is None:
        return False
    tok = start
    for _ in range(3):
        if tok.head is tok:
            return False
        prev, tok = tok, tok.head
        if tok.pos_ == "VERB":
            return (
                (prev.dep_ == "npadvmod" or prev.lower_ == "on")
                and start.i < tok.i
                and tok.dep_ not in ("relcl", "acl")
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
                and not _future(doc, char)
            )
    return False
