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
# "with the participation of X", "in the presence of X": X took part
PARTICIPATION_NOUNS = frozenset({"participation", "presence", "attendance"})
# "addresses by A and B", "a speech by A": the speaker took part
SPEECH_NOUNS = frozenset({"address", "speech", "remark", "presentation", "statement", "lecture"})


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
PARTICIPANT_FEATURES = 2  # version of candidate_features; the shipped weights name the one they fit


def participants(
    doc: Doc, sents: list[Span], main: Span | None, mentions, persons, kind, recalled: Callable[[Span], bool]
) -> list[str]:
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
    if _takes_part(doc, m, root):
        return False
    if root.dep_ == "poss":
        return True
    if _participation(root):
        return False
    return root.dep_ == "pobj" and root.head.lower_ in PASSIVE_PREPS


def _takes_part(doc: Doc, m, root) -> bool:
    """A noun phrase that makes the person a party: "an address by X", "with the participation of
    X". ("X's visit" does not: it is as often a recalled visit as the reported one.)"""
    top = root
    while top.dep_ == "conj":
        top = top.head
    if top.dep_ == "pobj" and top.head.lower_ == "by" and top.head.head.lemma_ in SPEECH_NOUNS:
        return True
    return _participation(root)


def _participation(root) -> bool:
    """ "with the participation of X", "in the presence of X" (X, or the first of a list)."""
    while root.dep_ == "conj":
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_ in PARTICIPATION_NOUNS


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
    if _takes_part(doc, m, root):
        return True
    if root.dep_ == "pobj":
        prep = root.head
        if (
            prep.lower_ == "with" and prep.head.pos_ == "VERB" and prep.head.dep_ not in ("acl", "relcl")
        ) or (prep.lower_ == "by" and prep.head.lemma_ in AGENT_VERBS):
            return True
    return False


# "was received / chaired / attended by X": X took part


QUOTES = frozenset({'"', "“", "”", "«", "»"})


def candidate_features(
    doc: Doc,
    sents: list[Span],
    main: Span | None,
    mentions,
    persons: list[PersonRecord],
    kind: str,
    chosen: list[str],
    recalled: Callable[[Span], bool],
    head_end: int = 0,
) -> dict[str, dict[str, float]]:
    """For the learned participant decision: per person key, features of how the article names the
    person (never the name itself): the rules' decision, the role class, where and how often the
    person is named, and the grammatical part of each mention (the subject of an acting verb, the
    object of "meet", a possessive, inside a quotation, in a sentence about another event)."""
    lead_end = sents[-1].end if sents else 0
    by_key = {p.key: p for p in persons}
    countries = {by_key[k].country for k in chosen if by_key[k].country}
    out: dict[str, dict[str, float]] = {}
    for p in persons:
        own = [m for m in mentions if m.person == p.key]
        if not own:
            continue
        f: dict[str, float] = {
            f"rule={p.key in chosen}": 1.0,
            f"role={p.role_class}": 1.0,
            f"kind={kind}": 1.0,
            f"mentions={min(len(own), 3)}": 1.0,
            f"tokens={min(len(p.name.split()), 3)}": 1.0,
            f"titled={p.title is not None}": 1.0,
            f"country={'none' if not p.country else 'shared' if p.country in countries else 'other'}": 1.0,
        }
        if _spokesperson(p):
            f["spokesperson"] = 1.0
        first = own[0].start
        if first < head_end:
            f["first=headline"] = 1.0
        elif main is not None and main.start <= first < main.end:
            f["first=main"] = 1.0
        elif first < lead_end:
            f["first=lead"] = 1.0
        else:
            f["first=body"] = 1.0
        for m in own:
            place = "lead" if m.start < lead_end else "body"
            sent = doc[m.start].sent
            f[f"{place}:{_part(doc, m)}"] = 1.0
            for cue in _cues(doc, m, sent):
                f[f"{place}:{cue}"] = 1.0
            if _quoted(doc, m, sent):
                f[f"{place}:quoted"] = 1.0
            if _elsewhere(sent, recalled):
                f[f"{place}:elsewhere"] = 1.0
        out[p.key] = f
    return out


def _part(doc: Doc, m) -> str:
    """The mention's part in its sentence, as the rules read it."""
    if _passive(doc, m):
        return "passive"
    if _active(doc, m):
        return "active"
    root = _governor(doc, m)
    if root.dep_ in ("nsubj", "nsubjpass"):
        return "subject"
    if root.dep_ in ("dobj", "pobj", "conj", "appos"):
        return root.dep_
    return "other"


def _cues(doc: Doc, m, sent: Span) -> list[str]:
    """How the parse frames the mention beyond its part: present at the event ("Also present were X",
    "X was in attendance"). (Grouped CV kept this cue alone among those tried: a party to a contact
    noun, spoken of, in a roster of three names, in a sentence told as a further contact.)"""
    top = _governor(doc, m)
    while top.dep_ == "conj" and top.head is not top:
        top = top.head
    verb = top.head
    if (
        top.dep_ in ("nsubj", "attr")
        and verb.lemma_ == "be"
        and any(
            c.lower_ in ("present", "attendance") or any(g.lower_ == "attendance" for g in c.subtree)
            for c in verb.children
            if c.dep_ in ("acomp", "advmod", "prep", "attr")
        )
    ):
        return ["present"]
    return []


def _quoted(doc: Doc, m, sent: Span) -> bool:
    """Inside a quotation: an odd number of quotation marks before it in its sentence."""
    return sum(t.text in QUOTES for t in doc[sent.start : m.start]) % 2 == 1
