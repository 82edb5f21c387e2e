"""The events component: the article's main event, its type, participants, date and place.

Reads ``doc._.persons``/``doc._.mentions``/``doc._.places`` (set by the persons component) and
``doc._.article`` (for the publication date). Sets ``doc._.events``.
"""

from __future__ import annotations

import json
from datetime import date
from importlib import resources

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from parleys.extract.participants import participants as find_participants
from parleys.extract.participants import side_meetings
from parleys.extract.when_where import event_date, event_location
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
        participants = find_participants(doc, sents, main, mentions, persons, kind, self._opens_recalled)
        by_key = {p.key: p for p in persons}
        countries = sorted({c for k in participants if (c := by_key[k].country)})
        when, when_ev = event_date(doc, sents, main, published)
        where = event_location(doc, sents, main, places, kind)
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
        side = side_meetings(doc, main, main_event, mentions, by_key) if main is not None else []
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


def _lead_sentences(doc: Doc, n: int) -> list[Span]:
    # datelines and timestamps ("Baku.", "22 December.") are not sentences of the lead
    sents = [s for s in doc.sents if sum(t.is_alpha for t in s) >= 4]
    return sents[:n]


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
