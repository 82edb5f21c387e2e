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

from parleys.extract.event_place import event_location
from parleys.extract.event_type import (
    attended_contact,
    frame_triggers,
    headline,
    load_model,
    member_body,
    type_features,
    withheld,
    within_contact,
)
from parleys.extract.extensions import lemmas_of, text_of
from parleys.extract.participants import PARTICIPANT_FEATURES, candidate_features, side_meetings
from parleys.extract.participants import participants as find_participants
from parleys.extract.when_where import EVENT_NOUNS, KIND_NOUNS, event_date
from parleys.records import EventRecord, Evidence, PersonRecord

POSITION_WEIGHT = (1.0, 0.55, 0.3, 0.2)
LEARNED_MIN_PROBABILITY = 0.5  # below it, an article with no trigger and no participant has no event


@Language.factory(
    "parleys_events_v1",
    requires=["doc._.persons", "doc._.mentions", "doc._.places", "doc._.titles"],
    assigns=["doc._.events"],
)
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
        self.cues: dict[str, tuple[str, ...]] = {}
        for kind, lemmas in cfg["cue_lemmas"].items():
            for lemma in lemmas if not kind.startswith("_") else ():
                self.cues[lemma] = (*self.cues.get(lemma, ()), kind)
        self.frames = cfg["frames"]
        self.typer = load_model()  # the learned typer; None where no weights ship
        self.chooser = load_model("participants.json", PARTICIPANT_FEATURES)  # learned participant or not

    def __call__(self, doc: Doc) -> Doc:
        article = doc._.article
        published: date | None = article.published if article is not None else None
        persons: list[PersonRecord] = doc._.persons or []
        mentions = doc._.mentions or []
        places = doc._.places or []
        sents = _lead_sentences(doc, self.lead)
        triggers = self._current_triggers(doc, sents)
        kind, kind_ev = self._kind(doc, sents, triggers)
        main = _main_sentence(sents, triggers, mentions, kind)
        participants, feats_by_key = self.participant_inputs(doc, sents, main, kind)
        if self.chooser is not None:
            participants = _choose(self.chooser, participants, feats_by_key, mentions)
        by_key = {p.key: p for p in persons}
        countries = sorted({c for k in participants if (c := by_key[k].country)})
        named = {mentions[i].start for i in range(len(mentions)) if mentions[i].person in participants}
        own_nouns = EVENT_NOUNS | KIND_NOUNS.get(kind, frozenset())  # "the assembly, being held in X"
        lemmas = lemmas_of(doc)
        told = [  # sentences that name the participants or the contact itself
            s
            for s in doc.sents
            if (any(s.start <= i < s.end for i in named) or not own_nouns.isdisjoint(lemmas[s.start : s.end]))
            and not self._recalled(s)
        ]
        when, when_ev = event_date(doc, sents, main, published, told, kind)
        where = event_location(doc, sents, main, places, kind, told)
        evidence: dict[str, Evidence] = {}
        if kind_ev is not None:
            evidence["type"] = kind_ev
        if when_ev is not None:
            evidence["date"] = when_ev
        if where is not None:
            evidence["location"] = Evidence(
                where.start, where.end, text_of(doc)[where.start : where.end], where.confidence
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

    def typing(self, doc: Doc, sents: list[Span], triggers) -> tuple[str, Evidence | None, dict[str, float]]:
        """The rules' type, its evidence, and the learned typer's features (which include it)."""
        kind, kind_ev = _decide_type(doc, triggers, self.weights)
        persons: list[PersonRecord] = doc._.persons or []
        countries = len({p.country for p in persons if p.country})
        feats = type_features(doc, sents, kind, countries, len(persons), self.cues)
        return kind, kind_ev, feats

    def _kind(self, doc: Doc, sents: list[Span], triggers) -> tuple[str, Evidence | None]:
        kind, kind_ev, feats = self.typing(doc, sents, triggers)
        if self.typer is not None:
            learned, prob = self.typer.decide(feats, kind)
            if learned != kind or kind_ev is None:
                # with no trigger at all, a doubtful guess makes no event of an article without participants
                sure = kind_ev is not None or prob >= LEARNED_MIN_PROBABILITY
                kind_ev = _learned_evidence(doc, sents, triggers, learned, prob) if sure else None
                kind = learned
        # the lead's contacts: its triggers, else the words of the chosen type ("refused to meet")
        contacts = [doc[start:end].root for _k, _t, start, end in triggers] or [
            t
            for s in sents
            for t in s
            if t.pos_ in ("VERB", "NOUN") and kind in self.cues.get(t.lemma_.lower(), ())
        ]
        if contacts and all(withheld(t) for t in contacts):
            return "other", kind_ev  # every contact the lead names was called off, refused or asked for
        return kind, kind_ev

    def candidates(self, doc: Doc) -> tuple[list[str], dict[str, dict[str, float]]]:
        """For training (``scripts/train_participants.py``): the rules' participants of a processed
        ``doc`` and the features of every person it names."""
        sents = _lead_sentences(doc, self.lead)
        triggers = self._current_triggers(doc, sents)
        kind, _ev = self._kind(doc, sents, triggers)
        main = _main_sentence(sents, triggers, doc._.mentions or [], kind)
        return self.participant_inputs(doc, sents, main, kind)

    def participant_inputs(
        self, doc: Doc, sents: list[Span], main: Span | None, kind: str
    ) -> tuple[list[str], dict[str, dict[str, float]]]:
        """The rules' participants, and the learned decision's features of every named person."""
        mentions = doc._.mentions or []
        persons: list[PersonRecord] = doc._.persons or []
        keys = find_participants(doc, sents, main, mentions, persons, kind, self._opens_recalled)
        head = headline(doc)
        feats = candidate_features(
            doc, sents, main, mentions, persons, kind, keys, self._opens_recalled, head.end if head else 0
        )
        return keys, feats

    def features(self, doc: Doc) -> tuple[str, dict[str, float]]:
        """For training (``scripts/train_event_type.py``): the rules' type and the features of a
        processed ``doc``."""
        sents = _lead_sentences(doc, self.lead)
        kind, _ev, feats = self.typing(doc, sents, self._current_triggers(doc, sents))
        return kind, feats

    def _current_triggers(self, doc: Doc, sents: list[Span]) -> list[tuple[int, str, int, int]]:
        """The lead's triggers, less the meetings that a visit only announces, the messages told as
        one act of a meeting or call ("received the envoy, congratulated him"), and the session
        nouns that name the body a person belongs to ("a delegation from the Congress of X").
        (Dropping the visits told in a relative clause, "X, who is on an official visit, met Z",
        cost train accuracy: the learned typer weighs that role instead.)"""
        triggers = self._triggers(doc, sents)
        heads = {i for h in doc._.titles or [] for i in range(h.start, h.end)}
        return [
            t
            for t in triggers
            if not (t[1] == "meeting" and self._planned(doc, t[2]))
            and not (t[1] == "message" and within_contact(doc[t[2] : t[3]].root, self.cues))
            and not (t[1] == "forum" and member_body(doc[t[2] : t[3]].root, heads))
            and not (t[1] == "forum" and attended_contact(doc[t[2] : t[3]].root, self.cues))
        ]

    def _recalled(self, sent: Span) -> bool:
        """ "Last year the countries signed ...": a sentence about the past, not the news."""
        text = text_of(sent.doc)[sent.start_char : sent.end_char].lower()  # Span.text joins its tokens
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
        seen = {(k, kind) for k, kind, _s, _e in out}
        out += [t for t in frame_triggers(doc, sents, self.frames) if (t[0], t[1]) not in seen]
        return sorted(out, key=lambda t: t[2])


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


def _choose(model, keys: list[str], feats: dict[str, dict[str, float]], mentions) -> list[str]:
    """The rules' participants, less those the learned decision rejects and plus those it takes,
    each by more than its margin; in the order the article first names them."""
    out = []
    for key, f in feats.items():
        p = model.probabilities(f).get("yes", 0.0)
        if (key in keys and p >= 0.5 - model.margin) or (key not in keys and p > 0.5 + model.margin):
            out.append(key)
    first: dict[str, int] = {}
    for m in mentions:
        first.setdefault(m.person, m.start)
    kept = [k for k in keys if k in out]
    return kept + sorted((k for k in out if k not in keys), key=lambda k: first.get(k, 0))


def _learned_evidence(doc: Doc, sents: list[Span], triggers, kind: str, prob: float) -> Evidence | None:
    """The first trigger phrase of the learned type in the lead, else the first lead sentence."""
    for _k, t_kind, start, end in triggers:
        if t_kind == kind:
            span = doc[start:end]
            return Evidence(span.start_char, span.end_char, span.sent.text, round(prob, 3))
    if not sents:
        return None
    return Evidence(sents[0].start_char, sents[0].end_char, sents[0].text, round(prob, 3))


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
