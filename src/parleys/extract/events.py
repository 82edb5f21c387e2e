"""The events component: the article's main event, its type, participants, date and place.

Reads ``doc._.persons``/``doc._.mentions``/``doc._.places`` (set by the persons component) and
``doc._.article`` (for the publication date). Sets ``doc._.events``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from parleys.extract import dates as dates_mod
from parleys.extract.locations import Location, dateline, place_in, surface
from parleys.records import EventRecord, Evidence, PersonRecord

POSITION_WEIGHT = (1.0, 0.55, 0.3, 0.2)


@Language.factory("parleys_events")
def make_event_finder(nlp: Language, name: str) -> EventFinder:
    return EventFinder(nlp)


class EventFinder:
    def __init__(self, nlp: Language) -> None:
        cfg = json.loads(resources.files("parleys.data").joinpath("events.json").read_text("utf-8"))
        self.lead = int(cfg["lead_sentences"])
        self.weights: dict[str, float] = cfg["weights"]
        self.planned = frozenset(cfg["planned_markers"])
        self.recalled = tuple(cfg["recalled_markers"])
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for kind, phrases in cfg["triggers"].items():
            self.matcher.add(kind, [nlp.make_doc(p) for p in phrases])

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        published: date | None = article.published if article is not None else None
        persons: list[PersonRecord] = doc._.persons or []
        mentions = doc._.mentions or []
        places = doc._.places or []
        sents = _lead_sentences(doc, self.lead)
        triggers = self._triggers(doc, sents)
        triggers = [t for t in triggers if not (t[1] == "meeting" and self._planned(doc, t[2]))]
        kind, kind_ev = _decide_type(doc, triggers, self.weights)
        main = _main_sentence(sents, triggers, mentions, kind)
        participants = _participants(doc, sents, main, mentions, persons, kind, self._opens_recalled)
        by_key = {p.key: p for p in persons}
        countries = sorted({c for k in participants if (c := by_key[k].country)})
        when, when_ev = _event_date(doc, sents, main, published)
        where = _location(doc, sents, main, places, kind)
        evidence: dict[str, Evidence] = {}
        if kind_ev is not None:
            evidence["type"] = kind_ev
        if when_ev is not None:
            evidence["date"] = when_ev
        if where is not None:
            evidence["location"] = Evidence(
                where.start, where.end, doc.text[where.start : where.end], where.confidence
            )
        if main is not None:
            evidence["participants"] = Evidence(main.start_char, main.end_char, main.text, 0.7)
        if not participants and kind_ev is None:
            doc._.events = []
            return doc
        main_event = EventRecord(
            type=kind,
            date=when,
            city=where.city if where else None,
            country=where.country if where else None,
            participants=participants,
            countries=countries,
            evidence=evidence,
        )
        current = [t for t in triggers if not self._recalled(sents[t[0]])]
        side = _side_meetings(doc, main, main_event, mentions, by_key) if main is not None else []
        doc._.events = [main_event, *_signing(doc, main_event, current, sents), *side]
        return doc

    def _recalled(self, sent: Span) -> bool:
        """ "Last year the countries signed ...": a sentence about the past, not the news."""
        text = sent.text.lower()
        return any(marker in text for marker in self.recalled)

    def _opens_recalled(self, sent: Span) -> bool:
        """A sentence that opens on a marker of the past ("Earlier, ...", "Last year ...")."""
        head = " ".join(t.lower_ for t in sent[:3])
        return any(head.startswith(marker) for marker in self.recalled)

    def _planned(self, doc: Doc, start: int) -> bool:
        """ "will hold talks", "is scheduled to meet", "intended meetings": announced, not reported."""
        return any(doc[i].lower_ in self.planned for i in range(max(0, start - 3), start))

    def _triggers(self, doc: Doc, sents: list[Span]) -> list[tuple[int, str, int, int]]:
        """(sentence index, kind, start token, end token) of trigger phrases in the lead."""
        out = []
        bounds = [(s.start, s.end) for s in sents]
        limit = bounds[-1][1] if bounds else 0
        for match_id, start, end in self.matcher(doc[:limit]):
            for k, (s, e) in enumerate(bounds):
                if s <= start < e:
                    out.append((k, doc.vocab.strings[match_id], start, end))
                    break
        return out


def _signing(doc: Doc, main: EventRecord, triggers, sents: list[Span]) -> list[EventRecord]:
    """A meeting or visit at which a document was signed reports two events (ANNOTATE.md): the
    signing is a second one, with the same place, day and participants."""
    if main.type not in ("meeting", "visit"):
        return []
    signed = [(k, s, e) for k, t_kind, s, e in triggers if t_kind == "agreement"]
    if not signed:
        return []
    k, start, end = signed[0]
    span = doc[start:end]
    evidence = {"type": Evidence(span.start_char, span.end_char, sents[k].text, 0.6)}
    for name in ("date", "location"):
        if name in main.evidence:
            evidence[name] = main.evidence[name]
    return [
        EventRecord(
            type="agreement",
            date=main.date,
            city=main.city,
            country=main.country,
            participants=list(main.participants),
            countries=list(main.countries),
            evidence=evidence,
        )
    ]


def _side_meetings(doc: Doc, main: Span, main_event: EventRecord, mentions, by_key) -> list[EventRecord]:
    """ "The Speaker also held meetings with A, B and C": further meetings at the same place and
    time, each an event of its own with the sentence's subject (a pronoun is the main event's first
    participant) and the persons the sentence names."""
    out = []
    for sent in doc.sents:
        if sent.start < main.end:
            continue
        verb = next((t.head for t in sent if t.lower_ == "also" and t.head.lemma_ in ANOTHER_MEETING), None)
        if verb is None:
            continue
        keys: list[str] = []
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.pos_ == "PRON" and main_event.participants:
            keys.append(main_event.participants[0])
        for m in mentions:
            if not sent.start <= m.start < sent.end or m.person in keys:
                continue
            if not _passive(doc, m) and not _spokesperson(by_key[m.person]):
                keys.append(m.person)
        if len(keys) < 2:
            continue
        evidence = {"type": Evidence(sent.start_char, sent.end_char, sent.text, 0.5)}
        for name in ("date", "location"):
            if name in main_event.evidence:
                evidence[name] = main_event.evidence[name]
        out.append(
            EventRecord(
                type="meeting",
                date=main_event.date,
                city=main_event.city,
                country=main_event.country,
                participants=keys,
                countries=sorted({c for k in keys if (c := by_key[k].country)}),
                evidence=evidence,
            )
        )
    return out


def _lead_sentences(doc: Doc, n: int) -> list[Span]:
    # datelines and timestamps ("Baku.", "22 December.") are not sentences of the lead
    sents = [s for s in doc.sents if sum(t.is_alpha for t in s) >= 4]
    return sents[:n]


def _whole_sentences(doc: Doc) -> list[Span]:
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


def _decide_type(doc: Doc, triggers, weights) -> tuple[str, Evidence | None]:
    if not triggers:
        return "other", None
    scores: dict[str, float] = {}
    first: dict[str, tuple[int, int]] = {}
    for k, kind, start, end in triggers:
        w = POSITION_WEIGHT[min(k, len(POSITION_WEIGHT) - 1)]
        scores[kind] = scores.get(kind, 0.0) + weights.get(kind, 1.0) * w
        first.setdefault(kind, (start, end))
    kind = max(scores, key=lambda x: scores[x])
    if any(k <= 1 and t == "call" for k, t, _s, _e in triggers):
        kind = "call"  # a phone or video call is named as such; the talk words around it are the call's
    total = sum(scores.values())
    start, end = first[kind]
    span = doc[start:end]
    return kind, Evidence(span.start_char, span.end_char, span.sent.text, round(scores[kind] / total, 3))


def _main_sentence(sents: list[Span], triggers, mentions, kind: str) -> Span | None:
    with_person = {k for k, s in enumerate(sents) if any(s.start <= m.start < s.end for m in mentions)}
    for k, t_kind, _s, _e in triggers:
        if t_kind == kind and k in with_person:
            return sents[k]
    for k in sorted(with_person):
        return sents[k]
    return sents[0] if sents else None


ACTIVE_VERBS = frozenset(
    {
        "say",
        "note",
        "stress",
        "emphasize",
        "emphasise",
        "underline",
        "highlight",
        "express",
        "inform",
        "brief",
        "thank",
        "welcome",
        "greet",
        "congratulate",
        "invite",
        "propose",
        "suggest",
        "point",
        "add",
        "state",
        "meet",
        "hold",
        "receive",
        "host",
        "discuss",
        "visit",
        "sign",
        "attend",
        "participate",
        "take",
        "address",
        "speak",
        "confirm",
        "assure",
        "convey",
        "hand",
        "present",
        "lead",
        "head",
        "chair",
        "open",
        "deliver",
        "praise",
        "hail",
        "voice",
        "share",
        "agree",
        "exchange",
        "arrive",
        "tour",
        "see",
        "accompany",
        "join",
        "give",
        "tell",
        "ask",
        "read",
        "reiterate",
        "recall",
        "mention",
        "wish",
        "commend",
        "describe",
    }
)
PASSIVE_PREPS = frozenset({"of", "from", "by", "on", "under", "about", "for"})


def _governor(doc: Doc, m):
    """The token that stands for the mention in the parse: climbs appositions, compounds, lists, and
    the title a parser hangs the name under ("Speaker of the Senate [Name]" -> "Speaker")."""
    root = doc[m.start : m.end].root
    for _ in range(8):
        if root.dep_ in ("appos", "compound", "flat", "conj") and root.head is not root:
            if root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass"):
                return root.head
            root = root.head
        elif (
            root.dep_ == "pobj"
            and root.head.lower_ == "of"
            and (root.head.head.text[:1].isupper() or _in_title(doc, root.head.head.i))
            and root.head.head.pos_ in ("PROPN", "NOUN")
            and root.head.head.i < m.start
        ):
            root = root.head.head
        else:
            break
    return root


def _in_title(doc: Doc, i: int) -> bool:
    return any(h.start <= i < h.end for h in doc._.titles or ())


def _active(doc: Doc, m) -> bool:
    """A mention whose person acts in the sentence (speaks, meets, signs), not one merely named."""
    root = _governor(doc, m)
    if root.dep_ in ("nsubj", "nsubjpass", "agent"):
        return root.head.lemma_ in ACTIVE_VERBS
    if root.dep_ == "dobj":
        return root.head.lemma_ in (
            "meet",
            "receive",
            "host",
            "welcome",
            "visit",
            "call",
            "brief",
            "inform",
            "greet",
            "thank",
            "invite",
            "accompany",
        )
    if root.dep_ == "pobj":
        prep = root.head
        if (
            prep.lower_ == "with" and prep.head.pos_ == "VERB" and prep.head.dep_ not in ("acl", "relcl")
        ) or (prep.lower_ == "by" and prep.head.lemma_ in AGENT_VERBS):
            return True
    return False


# "was received / chaired / attended by X": X took part
AGENT_VERBS = frozenset(
    {
        "receive",
        "host",
        "welcome",
        "lead",
        "head",
        "greet",
        "accompany",
        "chair",
        "attend",
        "meet",
        "open",
        "moderate",
        "address",
        "sign",
        "visit",
        "co-chair",
    }
)


def _participants(doc: Doc, sents: list[Span], main: Span | None, mentions, persons, kind,
                  recalled: Callable[[Span], bool]) -> list[str]:
    if main is None:
        return []
    keys: list[str] = []
    for m in mentions:
        if main.start <= m.start < main.end and m.person not in keys:
            after = doc[m.end].text if m.end < len(doc) else ""
            if after in ("'s", "’s", "`s") and len(keys) >= 1:
                continue
            keys.append(m.person)
    by_key = {p.key: p for p in persons}
    # a spokesperson who reports the event is a source, not a participant
    keys = [k for k in keys if not _spokesperson(by_key[k])]
    lead_end = sents[-1].end if sents else main.end
    for m in mentions:
        early = m.start < main.start and m.start >= (sents[0].start if sents else main.start)
        if m.person in keys or (m.start < main.start and not early) or not _active(doc, m):
            continue
        if _spokesperson(by_key[m.person]):
            continue
        if m.start >= main.end and _elsewhere(doc[m.start].sent, recalled):
            continue
        # heads of state and government are named in passing far more often than they take part:
        # only the lead makes them participants
        if by_key[m.person].role_class in ("head_of_state", "head_of_government") and m.start >= lead_end:
            continue
        keys.append(m.person)
    for m in mentions:
        if m.person in keys or m.start < main.start:
            continue
        if _elsewhere(doc[m.start].sent, recalled):
            continue
        p = by_key[m.person]
        if p.role_class in ("head_of_state", "head_of_government") or _passive(doc, m) or _spokesperson(p):
            continue
        if all(_passive(doc, x) for x in mentions if x.person == m.person):
            continue
        keys.append(m.person)
    return keys


TRAVEL_VERBS = frozenset({"leave", "depart", "head", "fly"})
DATELINE_DATE_WINDOW = 120  # characters before the lead in which a date is the dateline's
ANOTHER_MEETING = frozenset({"meet", "hold", "call", "receive", "have"})


def _elsewhere(sent: Span, recalled: Callable[[Span], bool]) -> bool:
    """A sentence after the main one that tells of another event: "Earlier, the Deputy Minister
    held talks with ...", "The Speaker also held meetings with ...", "X also called on Y"."""
    if recalled(sent):
        return True
    return any(t.lower_ == "also" and t.head.lemma_ in ANOTHER_MEETING for t in sent)


def _spokesperson(p: PersonRecord) -> bool:
    title = (p.title or "").lower()
    return "spokes" in title or "press secretary" in title


def _passive(doc: Doc, m) -> bool:
    """Named only in passing: a possessive, or the object of "of", "from", "on behalf of"."""
    if m.end < len(doc) and doc[m.end].text in ("'s", "’s", "`s", "'"):
        return True
    root = _governor(doc, m)
    if root.dep_ == "poss":
        return True
    return root.dep_ == "pobj" and root.head.lower_ in PASSIVE_PREPS


def _event_date(doc: Doc, sents: list[Span], main: Span | None, published: date | None):
    """The first date the lead gives for the event: "on 12 June", "on Tuesday", "today" first."""
    order = ([main] if main is not None else []) + [s for s in sents if main is None or s.start != main.start]
    whole = _whole_sentences(doc)
    order = [next((w for w in whole if w.start <= s.start < w.end), s) for s in order]
    found: list[tuple[int, int, date, int, int, Span]] = []
    for rank, sent in enumerate(order):
        text = sent.text
        hits = dates_mod.explicit_dates(text, published) + dates_mod.relative_dates(text, published)
        for d, s, e in hits:
            if published is not None and abs((d - published).days) > 45:
                continue  # a recalled or background date, not the news event
            if _reporting_date(doc, sent.start_char + s):
                continue  # "..., X said on Monday": when it was told, not when it happened
            before = text[max(0, s - 6) : s].lower()
            after = text[e : e + 12].lower().split()
            anchored = (
                before.rstrip().endswith(("on", "from", "since"))
                or (after and after[0].strip(",.") in EVENT_NOUNS)  # "during his Feb. 3 meeting"
                or not text[s:e][:1].isdigit()
                and not text[s:e][:1].isupper()
            )
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


EVENT_NOUNS = frozenset({"meeting", "talks", "visit", "session", "conference", "forum", "call", "summit"})
REPORTING_VERBS = frozenset({"say", "tell", "report", "announce", "inform", "state", "write", "note"})


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


def _destination(doc: Doc, sent: Span, places) -> Location | None:
    """ "will leave for Tashkent", "headed for Baku": the city a trip is bound for."""
    for p in places:
        if p.kind != "city" or not sent.start + 2 <= p.start < sent.end:
            continue
        if doc[p.start - 1].lower_ == "for" and doc[p.start - 2].lemma_ in TRAVEL_VERBS:
            span = doc[p.start : p.end]
            return Location(surface(doc, p), p.country, span.start_char, span.end_char, 0.8)
    return None


def _location(doc: Doc, sents: list[Span], main: Span | None, places, kind: str) -> Location | None:
    """A place the lead names as where it happened wins over the dateline (ANNOTATE.md)."""
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
    if main is not None and kind in ("visit", "forum"):
        return place_in(doc, main, places, kinds=("country",), prepositions=("to", "in"))
    return None
