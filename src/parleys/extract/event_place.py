"""Where an article's main event happened: a place the lead names, the dateline, a later sentence
that says where it was held, or where a trip is bound (the place half of :mod:`when_where`)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span

from parleys.extract.locations import Location, dateline, open_dateline, open_places, place_in, surface
from parleys.extract.when_where import (
    _WORDS,
    EVENT_NOUNS,
    KIND_NOUNS,
    OCCASION_NOUNS,
    REMOTE_KINDS,
    _head_verb,
    _irrealis,
    clause_owner,
    noun_owner,
)
from parleys.lexicons import load_lexicons

# verbs of holding, arriving, visiting or organizing: a place on one is where the event is
HELD_VERBS = frozenset(_WORDS["held_verbs"])
TRAVEL_VERBS = frozenset(_WORDS["travel_verbs"])


def event_location(
    doc: Doc, sents: list[Span], main: Span | None, places, kind: str, later: Sequence[Span] = ()
) -> Location | None:
    """A place the lead names as where it happened wins over the dateline (ANNOTATE.md); with
    neither, a later sentence that names the participants or the meeting and says where it was
    held or where they arrived ("The meeting was held in X", "They arrived in X on Monday")."""
    ordered = ([main] if main is not None else []) + [
        s for s in sents if main is None or s.start != main.start
    ]
    # the gazetteer's places and the cities it does not list, less those of another event ("the
    # conference scheduled to take place on January 9 in Geneva" in a call's lead)
    candidates = [
        p
        for p in sorted([*places, *open_places(doc, places)], key=lambda p: (p.start, -p.end))
        if not _other_events_place(doc, doc[p.start].idx, kind)
    ]
    line = dateline(doc, places) or open_dateline(doc, places)
    if line is not None and kind in REMOTE_KINDS:
        return line  # a call or a letter is placed where the report comes from, not where its topics are
    for sent in ordered:
        here = place_in(doc, sent, candidates, prepositions=("in", "at", "to")) or _destination(
            doc, sent, places
        )
        if here is not None:
            return _known_country(_listed_city_after(doc, here, places))
    if line is not None:
        return line
    lead_end = max((s.end for s in ordered), default=0)
    for sent in later:
        if sent.start < lead_end:
            continue
        here = place_in(doc, sent, candidates, prepositions=("in", "at"))
        if here is not None and _held_at(doc, here.start) and not _irrealis(doc, here.start):
            return _known_country(_listed_city_after(doc, here, places))
    if main is None or kind not in ("visit", "forum"):
        return None
    land = place_in(doc, main, places, kinds=("country",), prepositions=("to", "in")) or (
        _visited(doc, main, places) if kind == "visit" else None
    )
    if land is not None and kind == "visit":
        # "During his visit [to Estonia], X laid a wreath at Tallinn's cemetery": a city of the
        # visited country where the participants are told to be
        cities = [p for p in candidates if p.kind == "city" and p.country == land.country]
        for sent in later:
            here = place_in(doc, sent, cities, prepositions=("in", "at"))
            if here is not None:
                return _known_country(here)
    return land


def _visited(doc: Doc, sent: Span, places) -> Location | None:
    """ "to visit Estonia", "visited Norway": the country that a verb of visiting takes as object."""
    for p in places:
        if p.kind != "country" or not sent.start <= p.start < sent.end:
            continue
        tok = doc[p.end - 1]
        if tok.dep_ == "dobj" and tok.head.lemma_.lower() == "visit":
            span = doc[p.start : p.end]
            return Location(None, p.country, span.start_char, span.end_char, 0.8)
    return None


def _listed_city_after(doc: Doc, here: Location, places) -> Location:
    """ "in Midrand, Johannesburg": a place no gazetteer lists (a suburb, a venue) followed by a
    city that it lists is in that city."""
    listed = [p for p in places if p.kind == "city"]
    if any(doc[p.start].idx == here.start for p in listed):
        return here
    span = doc.char_span(here.start, here.end, alignment_mode="expand")
    if span is None or span.end + 1 >= len(doc) or doc[span.end].text != ",":
        return here
    for p in listed:
        if p.start == span.end + 1:
            city = doc[p.start : p.end]
            return Location(surface(doc, p), p.country, city.start_char, city.end_char, here.confidence)
    return here


def _other_events_place(doc: Doc, char: int, kind: str) -> bool:
    """The place at ``char`` is another event's: in a clause of an occasion ("an event on oil to be
    held in X"), or, for a call, of any event or inside its noun phrase ("the negotiations in X").
    A meeting on the sidelines of a summit is where the summit is, and a message to a forum goes
    where the forum sits, so their forums' places stay."""
    if kind == "message":
        return False
    owner = clause_owner(doc, char)
    if owner is not None and owner.lemma_.lower() not in KIND_NOUNS.get(kind, EVENT_NOUNS):
        if kind in REMOTE_KINDS or owner.lemma_.lower() in OCCASION_NOUNS:
            return True
    return kind in REMOTE_KINDS and noun_owner(doc, char) is not None


def _known_country(here: Location) -> Location:
    """An unlisted city with no country beside it has none (not an empty code); a city-state named
    by its country ("the Vatican") is its capital."""
    entry = load_lexicons().countries.get(here.country or "")
    if entry is not None and entry.capital == entry.name and here.city and here.city != entry.capital:
        if load_lexicons().country(here.city) == here.country:
            return Location(entry.capital, here.country, here.start, here.end, here.confidence)
    return here if here.country else Location(here.city, None, here.start, here.end, here.confidence)


def _held_at(doc: Doc, char: int) -> bool:
    """The place hangs on a verb of holding, arriving or visiting: "was held in X", "arrived in
    X", "visited the monastery in X" (not "invited him to visit ... in X": see ``_irrealis``)."""
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
