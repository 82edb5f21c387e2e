"""When and where an article's main event happened: its date against the publication date, and its
place from the lead, the dateline, or where a trip is bound."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial

from spacy.tokens import Doc, Span, Token

from parleys.extract import dates as dates_mod
from parleys.extract.locations import Location, dateline, place_in, surface
from parleys.records import Evidence

DATELINE_DATE_WINDOW = 120  # characters before the lead in which a date is the dateline's


EVENT_NOUNS = frozenset({"meeting", "talks", "visit", "session", "conference", "forum", "call", "summit"})


REPORTING_VERBS = frozenset({"say", "tell", "report", "announce", "inform", "state", "write", "note"})


TRAVEL_VERBS = frozenset({"leave", "depart", "head", "fly"})


FUTURE_AUX = frozenset({"will", "shall", "'ll"})
FUTURE_VERBS = frozenset({"plan", "schedule", "expect", "intend", "due", "set"})


def event_date(
    doc: Doc, sents: list[Span], main: Span | None, published: date | None, later: Sequence[Span] = ()
):
    """The first date the lead gives for the event: "on 12 June", "on Tuesday", "today" first.
    With no publication date to fall back on, a date tied to a predicate in ``later`` sentences
    (those that name the event's participants) comes next."""
    order = ([main] if main is not None else []) + [s for s in sents if main is None or s.start != main.start]
    whole = whole_sentences(doc)
    order = [next((w for w in whole if w.start <= s.start < w.end), s) for s in order]
    lead_end = max((s.end for s in order), default=0)
    extra = (
        []
        if published is not None
        else [next((w for w in whole if w.start <= s.start < w.end), s) for s in later if s.start >= lead_end]
    )
    found: list[tuple[int, int, date, int, int, Span]] = []
    for rank, sent in enumerate(order + extra):
        text = sent.text
        hits = dates_mod.explicit_dates(text, published) + dates_mod.relative_dates(
            text, published, partial(_future_at, doc, sent.start_char)
        )
        for d, s, e in hits:
            if published is not None and abs((d - published).days) > 45:
                continue  # a recalled or background date, not the news event
            if _reporting_date(doc, sent.start_char + s):
                continue  # "..., X said on Monday": when it was told, not when it happened
            if not text[s:e][:1].isdigit() and _in_relative_clause(doc, sent.start_char + s):
                continue  # "... the earthquake that hit the region on Friday": another event's day
            before = text[max(0, s - 6) : s].lower()
            after = text[e : e + 12].lower().split()
            anchored = (
                before.rstrip().endswith(("on", "from", "since"))
                or (after and after[0].strip(",.") in EVENT_NOUNS)  # "during his Feb. 3 meeting"
                or not text[s:e][:1].isdigit()
                and not text[s:e][:1].isupper()
            )
            if rank >= len(order) and (not anchored or before.rstrip().endswith("since")):
                continue  # beyond the lead only a date tied to its sentence's predicate counts
            if rank >= len(order) and _future(doc, sent.start_char + s):
                continue  # "will address ... on 14 October": a later part of the programme
            found.append((0 if anchored else 1, rank, d, s, e, sent))
    if found:
        _a, _r, d, s, e, sent = min(found, key=lambda x: (x[0], x[1], x[3]))
        start = sent.start_char + s
        return d, Evidence(start, sent.start_char + e, doc.text[start : sent.start_char + e], 0.8)
    # "YEREVAN, MARCH 14, ARMENPRESS.", "MOSCOW, March 14. /TASS/.": the dateline's date
    head = doc.text[: min(sents[0].start_char, DATELINE_DATE_WINDOW)] if sents else ""
    for d, s, e in dates_mod.explicit_dates(head, published):
        if published is None or abs((d - published).days) <= 3:
            return d, Evidence(s, e, head[s:e], 0.7)
    if published is not None:
        return published, None
    return None, None


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
    """:func:`_future` for a character of a sentence that starts at ``offset`` in the doc."""
    return _future(doc, offset + char)


def _future(doc: Doc, char: int) -> bool:
    """The predicate a date hangs on tells of what is to come: "will travel on Friday", "is
    scheduled to meet on Monday", "plans to visit on Sunday"."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
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
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return None
    tok = span[0]
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
    return verb.dep_ in ("ROOT", "relcl", "csubj") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


def _reporting_date(doc: Doc, char: int) -> bool:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return False
    tok = span[0]
    for _ in range(4):
        if tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ == "VERB":
            return tok.lemma_ in REPORTING_VERBS
    return False


HELD_VERBS = frozenset({"hold", "take", "arrive", "convene", "meet", "open", "host", "welcome", "receive"})


def event_location(
    doc: Doc, sents: list[Span], main: Span | None, places, kind: str, later: Sequence[Span] = ()
) -> Location | None:
    """A place the lead names as where it happened wins over the dateline (ANNOTATE.md); with
    neither, a later sentence that names the participants or the meeting and says where it was
    held or where they arrived ("The meeting was held in X", "They arrived in X on Monday")."""
    ordered = ([main] if main is not None else []) + [
        s for s in sents if main is None or s.start != main.start
    ]
    for sent in ordered:
        here = place_in(doc, sent, places, prepositions=("in", "at", "to")) or _destination(doc, sent, places)
        if here is not None:
            return here
    line = dateline(doc, places)
    if line is not None:
        return line
    lead_end = max((s.end for s in ordered), default=0)
    for sent in later:
        if sent.start < lead_end:
            continue
        here = place_in(doc, sent, places, prepositions=("in", "at"))
        if here is not None and _held_at(doc, here.start):
            return here
    if main is not None and kind in ("visit", "forum"):
        return place_in(doc, main, places, kinds=("country",), prepositions=("to", "in"))
    return None


def _held_at(doc: Doc, char: int) -> bool:
    """The place hangs on a verb of holding or arriving: "was held in X", "arrived in X"."""
    verb = _head_verb(doc, char)
    return verb is not None and verb.lemma_ in HELD_VERBS


def _destination(doc: Doc, sent: Span, places) -> Location | None:
    """ "will leave for Tashkent", "headed for Baku": the city a trip is bound for."""
    for p in places:
        if p.kind != "city" or not sent.start + 2 <= p.start < sent.end:
            continue
        before = doc[max(sent.start, p.start - 4) : p.start - 1]  # "left (here) for", "departed today for"
        if doc[p.start - 1].lower_ == "for" and any(t.lemma_ in TRAVEL_VERBS for t in before):
            span = doc[p.start : p.end]
            return Location(surface(doc, p), p.country, span.start_char, span.end_char, 0.8)
    return None
