"""Who took part in an article's main event, and the further meetings it reports.

The main sentence's persons first; then persons who act later in the lead or the article (they
speak, meet, sign), but not sources (a spokesperson), persons named in passing (a possessive, "on
behalf of"), heads of state beyond the lead, or persons in a sentence about another event ("Earlier,
...", "X also held meetings with ..."); those further meetings are events of their own.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span

from parleys.records import EventRecord, Evidence, PersonRecord

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


ANOTHER_MEETING = frozenset({"meet", "hold", "call", "receive", "have"})


def participants(doc: Doc, sents: list[Span], main: Span | None, mentions, persons, kind,
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


def side_meetings(doc: Doc, main: Span, main_event: EventRecord, mentions, by_key) -> list[EventRecord]:
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
