"""Who took part in an article's main event, and the further meetings it reports.

The main sentence's persons first; then persons who act later in the lead or the article (they
speak, meet, sign), but not sources (a spokesperson), persons named in passing (a possessive, "on
behalf of"), heads of state beyond the lead, or persons in a sentence about another event ("Earlier,
...", "X also held meetings with ..."); those further meetings are events of their own.

The parse decides who is a party: the agent of a contact ("was joined by A and B"), the members a
group lists ("the delegation includes A"), a name the parser hung inside its own title; and who is
named aside: in the main sentence the inviter ("at the invitation of A") and, outside a message,
the one to whom wishes are conveyed; a reporter whose reported clause names the participants
("A said that during the call B and C ..."); a name two noun phrases deep ("the legacy of the
friendship between A and B"); a sentence dated to an earlier year than the article. After the
main sentence, the inviter, the object of an attitude ("praised X") and, outside a forum, the source
of a report ("..., said X") are set aside, and so is a person named only in contacts announced
after a reported event ("He is scheduled to meet X tomorrow"). The agent of a participle clause
("X, accompanied by Y"), the members of an acting group ("Diplomats including A and B met ...")
and the one a courtesy call is paid on are parties. In a main sentence that distributes its contacts
("separately received A, B and C") the main event is the first of them; its reporter after the
clause it reports ("A arrived to meet B, C said") is a source, and outside a message the one whose
greetings another conveys ("A conveyed President X's greetings to B") is a sender behind a party.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources

from spacy.tokens import Doc, Span, Token

from parleys.extract.dates import WEEKDAYS
from parleys.extract.event_type import MODALITY as PLANNED
from parleys.extract.event_type import _modality
from parleys.extract.extensions import lowers_of
from parleys.records import EventRecord, Evidence, PersonRecord

_WORDS = json.loads(resources.files("parleys.data").joinpath("participant_words.json").read_text("utf-8"))

# verbs whose subject acts in the sentence (speaks, meets, signs), not one merely named
ACTIVE_VERBS = frozenset(_WORDS["active_verbs"])
# verbs whose object takes part with the subject: "received X", "accompanied X"
OBJECT_VERBS = frozenset(_WORDS["object_verbs"])
PASSIVE_PREPS = frozenset({"of", "from", "by", "on", "under", "about", "for"})
# "with the participation of X", "in the presence of X": X took part
PARTICIPATION_NOUNS = frozenset(_WORDS["participation_nouns"])
# nouns of a contact: the persons in their "with/between/of" phrases are its parties
CONTACT_NOUNS = frozenset(_WORDS["contact_nouns"])
# "addresses by A and B", "a speech by A": the speaker took part
SPEECH_NOUNS = frozenset(_WORDS["speech_nouns"])


AGENT_VERBS = frozenset(_WORDS["agent_verbs"])


# kinds of event that are one contact, not a programme of them as a visit or a forum is
SINGLE_CONTACTS = frozenset({"meeting", "call", "message"})
ANOTHER_MEETING = frozenset(_WORDS["another_meeting"])
PARTICIPANT_FEATURES = 6  # version of candidate_features; the shipped weights name the one they fit


def participants(
    doc: Doc, sents: list[Span], main: Span | None, mentions, persons, kind, recalled: Callable[[Span], bool]
) -> list[str]:
    if main is None:
        return []
    keys: list[str] = []
    apart: set[str] = set()  # named in the main sentence as the party to a contact of their own
    for m in mentions:
        if main.start <= m.start < main.end and m.person not in keys:
            after = doc[m.end].text if m.end < len(doc) else ""
            if after in ("'s", "’s", "`s") and (
                len(keys) >= 1 or (kind != "message" and _sends_through(doc, m))
            ):
                continue
            if _nested(doc, m) and len(keys) >= 1:
                continue  # "noted the dialogue between the leaders, A and B": named in what is said
            if "distributed" in _frame(doc, m, main, None, frozenset()):
                continue  # "separately received A and B": B's meeting is an event of its own
            if _trailing_source(doc, m, mentions):
                continue  # "A has arrived to meet B, C said": C reports the contact
            if _after_distributive(doc, main, m, mentions):
                apart.add(m.person)
                continue
            if _named_aside(doc, m, main, kind) and not any(
                _active(doc, x) for x in mentions if x.person == m.person and x is not m
            ):
                continue
            keys.append(m.person)
    by_key = {p.key: p for p in persons}
    # a spokesperson who reports the event is a source, not a participant
    keys = [k for k in keys if not _source_by_office(doc, by_key[k], mentions, kind)]
    lead_end = sents[-1].end if sents else main.end
    for m in mentions:
        early = m.start < main.start and m.start >= (sents[0].start if sents else main.start)
        if (
            m.person in keys
            or m.person in apart
            or (m.start < main.start and not early)
            or not _active(doc, m)
        ):
            continue
        if _source_by_office(doc, by_key[m.person], mentions, kind) or _reports_on_others(
            doc, m, mentions, keys
        ):
            continue
        if _set_aside(doc, m, main, kind):
            continue
        if m.start >= main.end and (
            _elsewhere(doc[m.start].sent, recalled) or _earlier_year(doc[m.start].sent)
        ):
            continue
        # heads of state and government are named in passing far more often than they take part:
        # only the lead makes them participants
        if (
            by_key[m.person].role_class in ("head_of_state", "head_of_government")
            and m.start >= lead_end
            and not _agent_of_contact(_head_of_list(_governor(doc, m)))
        ):
            continue  # unless the agent of a passive contact: "the call was chaired by President X"
        keys.append(m.person)
    for m in mentions:
        if m.person in keys or m.person in apart or m.start < main.start:
            continue
        if _elsewhere(doc[m.start].sent, recalled):
            continue
        p = by_key[m.person]
        if _passive(doc, m) or _source_by_office(doc, p, mentions, kind):
            continue
        if p.role_class in ("head_of_state", "head_of_government") and not (
            kind == "message" and _sends_or_receives(doc, m)
        ):
            continue
        if _reports_on_others(doc, m, mentions, keys) or _nested(doc, m) or _earlier_year(doc[m.start].sent):
            continue
        if _set_aside(doc, m, main, kind):
            continue
        if all(_passive(doc, x) for x in mentions if x.person == m.person):
            continue
        if _only_spoken_of(doc, m.person, mentions):
            continue
        keys.append(m.person)
    announced = _announces(main)
    if kind != "forum" and not announced:
        # a contact the article announces after reporting its event ("He is scheduled to meet X
        # tomorrow", "X will also receive him") is not yet part of it (a forum's programme, "X
        # will preside over the session", is)
        keys = [k for k in keys if not _only_planned(doc, k, mentions, main)]
    if kind in SINGLE_CONTACTS:
        # a meeting or a call is one contact: a later one the article tells is an event of its own
        keys = [k for k in keys if not _of_another_occasion(doc, k, mentions, main)]
    elif kind == "visit":
        # a visit spans its meetings: the counterparts of the further contacts it tells take part
        for m in mentions:
            if m.person in keys or m.start < main.end or not _counterpart(doc, m):
                continue
            sent = doc[m.start].sent
            frame = _frame(doc, m, sent, main, frozenset())
            if _set_aside(doc, m, main, kind, frame):
                continue
            if not announced and "modality=planned" in frame:
                continue  # "On Tuesday, X plans to hold talks with Y": not yet part of the visit reported
            if _occasion(sent) and not recalled(sent) and not _earlier_year(sent):
                keys.append(m.person)
    return keys


def _sends_through(doc: Doc, m) -> bool:
    """The possessor of greetings, wishes or a message that another passes on ("A conveyed President
    X's greetings to B"): X is named as the sender behind the one who takes part."""
    noun = doc[m.start : m.end].root.head
    if doc[m.start : m.end].root.dep_ != "poss" or noun.lemma_.lower() not in SENT_NOUNS:
        return False
    verb = noun.head
    return noun.dep_ == "dobj" and verb.lemma_.lower() in TRANSFER_VERBS


def _trailing_source(doc: Doc, m, mentions) -> bool:
    """The subject of a verb of reporting that follows the clause it reports, where that clause
    names another person ("A has arrived to meet B, C said on Monday", "A met B, said C"): the
    source of the report. ("C said that he met B" leaves C a party.)"""
    top = doc[m.start : m.end].root  # the name itself the subject, not a phrase it hangs in
    verb = top.head
    if top.dep_ != "nsubj" or verb.lemma_.lower() not in REPORT_VERBS:
        return False
    before = doc[top.left_edge.i - 1] if top.left_edge.i > 0 else None
    if before is not None and before.dep_ == "prep" and not any(c.dep_ == "pobj" for c in before.children):
        return False  # "a call with [Name], Radio X reported": the parser took the call's party as subject
    clause = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis") and c.right_edge.i < top.i]
    if not clause:
        return False
    span = range(min(c.left_edge.i for c in clause), max(c.right_edge.i for c in clause) + 1)
    return any(x.start in span and x.person != m.person for x in mentions)


def _after_distributive(doc: Doc, main: Span, m, mentions) -> bool:
    """In the main sentence, a person named after another who follows an adverb of distribution
    ("separately received A, B and C", "discussed separately with A and B respectively"): the main
    event is the first of those contacts, B's and C's are events of their own. Persons named after
    a noun of participation ("in the presence of D") attend each."""
    marks = [t.i for t in main if t.lower_ in DISTRIBUTIVE and t.i < m.start]
    if not marks:
        return False
    before = [x.start for x in mentions if marks[0] < x.start < m.start and x.person != m.person]
    if not before:
        return False
    return not any(doc[i].lemma_.lower() in PARTICIPATION_NOUNS for i in range(min(before), m.start))


def _announces(main: Span) -> bool:
    """The main sentence announces its contact rather than reports it: a marker of a plan ("will
    visit", "is scheduled to meet", "the upcoming visit") or "is to" before a verb ("X is to visit
    Y")."""
    for t in main:
        if PLANNED.get(t.lemma_.lower()) == "planned" or PLANNED.get(t.lower_) == "planned":
            return True
        if t.lower_ == "to" and t.dep_ == "aux" and t.head.pos_ == "VERB":
            verb = t.head
            # a headline's "X to visit Y" (the infinitive its root, its subject's clause, or a clause
            # on a verbless root); not "arrived on a visit to meet Y"
            headline = verb.dep_ == "ROOT" or (verb.dep_ == "relcl" and verb.head.dep_ == "ROOT")
            if headline or any(c.dep_ == "nsubj" for c in verb.children):
                return True
            if verb.dep_ == "xcomp" and verb.head.lemma_ == "be":
                return True  # "X is to visit Y"
    return False


def _only_planned(doc: Doc, person: str, mentions, main: Span) -> bool:
    """Named only after the main sentence, and there only as a party to a planned contact ("He is
    scheduled to meet X", "X will also host a dinner")."""
    own = [m for m in mentions if m.person == person]
    if not own or any(m.start < main.end for m in own):
        return False
    return all("modality=planned" in _frame(doc, m, doc[m.start].sent, main, frozenset()) for m in own)


def _set_aside(doc: Doc, m, main: Span, kind: str, frame: list[str] | None = None) -> bool:
    """A mention after the main sentence that names the person as the inviter ("at the invitation
    of X"), the object of an attitude ("praised X", "succeeding X") or, outside a forum (where
    speaking is taking part), the source of a report ("..., said X", "according to X") (``frame``:
    the mention's :func:`_frame` in its sentence, when the caller has it)."""
    if frame is None:
        frame = _frame(doc, m, doc[m.start].sent, main, frozenset())
    if "inviter" in frame or "attitude" in frame or "represented" in frame:
        return True
    return "source" in frame and kind != "forum"


def _of_another_occasion(doc: Doc, person: str, mentions, main: Span) -> bool:
    """Not named in the main sentence, and brought in after it by a sentence that tells a further
    contact of its own ("This afternoon, the Speaker received X", "He then met X"): what the article
    says of X after that is about that contact."""
    own = [m for m in mentions if m.person == person and m.start >= main.start]
    if not own or any(m.start < main.end for m in own):
        return False
    sent = doc[own[0].start].sent
    if not _occasion(sent):
        return False
    # "X on Tuesday met separately with A, B and C", A the main sentence's counterpart: the sentence
    # tells the main contact again, with all of its parties
    in_main = {x.person for x in mentions if main.start <= x.start < main.end}
    return not any(
        sent.start <= x.start < sent.end and x.person in in_main and _counterpart(doc, x) for x in mentions
    )


def _counterpart(doc: Doc, m) -> bool:
    """The one contacted: the object of a contact predicate ("met X", "paid a courtesy call on X",
    "held talks with X", "was received by X")."""
    top = _head_of_list(_governor(doc, m))
    if top.dep_ == "dobj":
        return _contact_predicate(top.head)
    if top.dep_ != "pobj" or top.head.lower_ not in ("with", "on", "by"):
        return False
    head = top.head.head
    if _contact_predicate(head):
        return True
    # "held talks with X", "paid a courtesy call on X": the noun's verb holds the contact
    return head.lemma_.lower() in CONTACT_NOUNS and _contact_predicate(head.head)


def side_meetings(doc: Doc, main: Span, main_event: EventRecord, mentions, by_key) -> list[EventRecord]:
    """ "The Speaker also held meetings with A, B and C": further meetings at the same place and
    time, each an event of its own with the sentence's subject (a pronoun is the main event's first
    participant) and the persons the sentence names."""
    out = []
    for sent in doc.sents:
        if sent.start < main.end:
            continue
        verb = _another_meeting(sent)
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


def _reports_on_others(doc: Doc, m, mentions, keys: list[str]) -> bool:
    """The subject of a verb of reporting whose reported clause names a participant already found
    ("X said that during the call A and B ...", "..., said X" after a quote about A): a source of
    the report, not a party to the contact."""
    top = _governor(doc, m)
    verb = top.head
    if top.dep_ != "nsubj" or verb.lemma_.lower() not in REPORT_VERBS:
        return False
    clause = [c for c in verb.children if c.dep_ in ("ccomp", "parataxis")]
    if not clause:
        return False
    span = range(min(c.left_edge.i for c in clause), max(c.right_edge.i for c in clause) + 1)
    return any(x.start in span and x.person != m.person and x.person in keys for x in mentions)


def _nested(doc: Doc, m) -> bool:
    """Named two noun phrases deep, inside what a predicate says about something else: the object
    of "between/among/of" on a noun that is itself the object of a preposition ("noted the
    intensity of the dialogue between A and B", "spoke of the legacy of the reign of A"), where
    that noun is no contact ("at a meeting between A and B", "with the participation of A")."""
    top = _governor(doc, m)
    while top.dep_ in ("conj", "appos") and top.head is not top:
        top = top.head
    if top.dep_ != "pobj" or top.head.lower_ not in ("between", "among", "of"):
        return False
    noun = top.head.head
    if noun.pos_ != "NOUN" or noun.lemma_.lower() in CONTACT_NOUNS:
        return False
    return noun.dep_ == "pobj" and not _in_title(doc, noun.i)


def _named_aside(doc: Doc, m, main: Span, kind: str) -> bool:
    """Named in the main sentence as the one at whose invitation or on whose behalf the contact
    happens ("visited X at the invitation of Y"), or, in a contact that is not a message, as the
    one to whom greetings are conveyed ("conveyed best wishes to King Y"): not a party to it."""
    frame = _frame(doc, m, main, None, frozenset())
    return "inviter" in frame or "represented" in frame or ("recipient" in frame and kind != "message")


def _elsewhere(sent: Span, recalled: Callable[[Span], bool]) -> bool:
    """A sentence after the main one that tells of another event: "Earlier, the Deputy Minister
    held talks with ...", "The Speaker also held meetings with ...", "X also called on Y"."""
    if recalled(sent):
        return True
    return _another_meeting(sent) is not None


def _another_meeting(sent: Span) -> Token | None:
    """The verb that "also" tells of another meeting by in ``sent`` ("also held meetings with",
    "also called on"), if any."""
    doc = sent.doc
    return next(
        (
            doc[i].head
            for i, w in enumerate(lowers_of(doc)[sent.start : sent.end], sent.start)
            if w == "also" and doc[i].head.lemma_ in ANOTHER_MEETING
        ),
        None,
    )


def _source_by_office(doc: Doc, p: PersonRecord, mentions, kind: str) -> bool:
    """A spokesperson, who reports the event rather than takes part in it, unless the parse makes
    them a party: a member the delegation lists ("the spokesperson X is also included in the
    delegation"), the agent of a contact, or, at a forum (where speaking is taking part), the subject
    of an acting verb that is no verb of reporting ("spokesman X speaks at the assembly")."""
    if not _spokesperson(p):
        return False
    for m in mentions:
        if m.person != p.key:
            continue
        root = _governor(doc, m)
        if _takes_part(doc, m, root):
            return False
        if kind == "forum" and _active(doc, m) and root.head.lemma_.lower() not in REPORT_VERBS:
            return False
    return True


def _sends_or_receives(doc: Doc, m) -> bool:
    """In a message event, a mention that makes the person its sender or addressee: the subject of
    a sentence that tells a message ("In a message, President X said", "X and Y in separate messages
    expressed"), or the one to whom condolences or greetings are sent ("sent condolences to X")."""
    top = _head_of_list(_governor(doc, m))
    sent = doc[m.start].sent
    if top.dep_ == "nsubj" and top.head.pos_ == "VERB" and any(_tells(t, top.head) for t in sent):
        return True
    return "recipient" in _frame(doc, m, sent, None, frozenset())


def _only_spoken_of(doc: Doc, person: str, mentions) -> bool:
    """Named only inside what others say: within quotation marks, or in the clause another named
    person's verb of reporting reports ("A added that B attended the session in May"). Spoken of,
    not present."""
    return all(
        _quoted(doc, x, doc[x.start].sent) or _reported_by_other(doc, x, mentions)
        for x in mentions
        if x.person == person
    )


def _reported_by_other(doc: Doc, m, mentions) -> bool:
    """Inside the clause a verb of reporting reports, that verb's subject another named person ("A
    said that B attended ...", "A added that B ...")."""
    tok = doc[m.start : m.end].root
    for _ in range(12):
        if tok.head.i == tok.i:
            return False
        if tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_.lower() in REPORT_VERBS:
            verb = tok.head
            subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subj is None:
                return False
            return any(
                x.person != m.person and subj.left_edge.i <= x.start <= subj.right_edge.i for x in mentions
            )
        tok = tok.head
    return False


def _tells(tok, verb) -> bool:
    """A noun of a written contact that qualifies the verb itself ("In a message, X said"), not one
    inside what the verb reports ("X said that in his message ...")."""
    if tok.lemma_.lower() not in LETTER_NOUNS:
        return False
    for _ in range(4):
        if tok.head.i == tok.i or tok.dep_ in ("ccomp", "xcomp", "advcl", "relcl", "acl", "conj"):
            return False
        tok = tok.head
        if tok.i == verb.i:
            return True
    return False


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
    if top.dep_ == "pobj" and top.head.lower_ in ("by", "from") and top.head.head.lemma_ in SPEECH_NOUNS:
        return True  # "addresses by A and B", "welcome remarks from X"
    if top.dep_ == "pobj" and top.head.lower_ == "by" and top.head.head.lemma_ in AGENT_VERBS:
        return True  # "was received by X", "was joined by A and B": the agent of a contact
    if _agent_of_contact(top):
        return True
    if (
        top.dep_ == "pobj"
        and top.head.lower_ in ("with", "between")
        and top.head.head.lemma_ in CONTACT_NOUNS
    ):
        return True  # "the meetings with Speaker X", "a bilateral meeting with X", "talks between A and B"
    if top.dep_ == "pobj" and top.head.lower_ == "on" and top.head.head.lemma_.lower() in ("call", "visit"):
        return True  # "paid a courtesy call on X"
    if _member(top) or _in_acting_group(top):
        return True
    return _participation(root)


def _in_acting_group(top) -> bool:
    """Named in an "including" list of a group that is the subject of a contact ("Diplomats
    including A and B met the Speaker"): a party with the group."""
    if top.dep_ != "pobj" or top.head.lower_ not in ("including", "among"):
        return False
    group = top.head.head
    if group.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = group.head
    return verb.lemma_.lower() in AGENT_VERBS or _contact_predicate(verb)


def _head_of_list(tok):
    """The first of a list the token is a later member of ("A, B and C": C -> A)."""
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def _agent_of_contact(top) -> bool:
    """The agent of a passive predicate of a contact, wherever the parser hung its "by": "is
    accompanied in her trip by X", "the message was handed over by X", "the keynote address was
    delivered by X" (a verb of a contact's agent, or a contact, speech or letter as its subject)."""
    if top.dep_ != "pobj" or top.head.lower_ != "by":
        return False
    verb = next((t for t in top.head.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    # a participle clause is passive without an auxiliary: "X, accompanied by Y, entered",
    # "the keynote address, delivered by Y"
    if (
        verb.dep_ in ("acl", "relcl")
        and verb.i == top.head.head.i
        and verb.head.lemma_.lower() in PASSIVE_SUBJECTS
        and any(c.dep_ == "auxpass" for c in verb.children)
    ):
        return True  # "the speech to be presented by X", "the meeting, which was chaired by X"
    participle = verb.tag_ == "VBN" and verb.dep_ in ("acl", "advcl") and verb.i == top.head.head.i
    if not participle and not any(c.dep_ == "auxpass" for c in verb.children):
        return False
    if participle:
        # on a contact or speech ("the delegation, led by Y"), or on a person or clause of a verb of
        # a contact's agent ("X, accompanied by Y"); not "the coalition led by Y"
        if verb.head.lemma_.lower() in PASSIVE_SUBJECTS:
            return True
        on_person = verb.dep_ == "advcl" or verb.head.pos_ in ("PROPN", "PRON")
        return on_person and verb.lemma_.lower() in AGENT_VERBS
    if verb.lemma_.lower() in AGENT_VERBS:
        return True
    return any(c.dep_ == "nsubjpass" and c.lemma_.lower() in PASSIVE_SUBJECTS for c in verb.children)


def _member(top) -> bool:
    """Listed as a member of a group ("the delegation includes X", "the delegation consisted of
    A and B"): a party with the group."""
    # "X and Y are also included in the delegation": the subject of the passive
    verb = (
        top.head
        if top.dep_ in ("dobj", "attr", "nsubjpass")
        else top.head.head
        if top.dep_ == "pobj"
        else None
    )
    return verb is not None and verb.lemma_.lower() in MEMBER_VERBS and verb.pos_ in ("VERB", "AUX")


def _participation(root) -> bool:
    """ "with the participation of X", "in the presence of X" (X, or the first of a list)."""
    while root.dep_ == "conj":
        root = root.head
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_ in PARTICIPATION_NOUNS


GOVERNORS_KEY = "parleys.governors"


def _governor(doc: Doc, m) -> Token:
    """The token that stands for the mention in the parse: climbs appositions, compounds, lists, and
    the title a parser hangs the name under ("Speaker of the Senate [Name]" -> "Speaker"). Found once
    per mention and doc: the participant rules ask for it many times."""
    office = getattr(m, "office", None)
    key = f"{m.start} {m.end}"
    if office is not None:
        key += f" {office.start_char} {office.end_char}"
    found = doc.user_data.setdefault(GOVERNORS_KEY, {})
    if key not in found:
        found[key] = _find_governor(doc, m, office).i
    return doc[found[key]]


def _find_governor(doc: Doc, m, office) -> Token:
    root = doc[m.start : m.end].root
    if office is not None and office.end_char <= doc[m.start].idx:
        # a name the parser hung inside its own title ("Representative on Freedom of the Media
        # [Name]" under "Media"): the title's head stands for the person
        title = doc.char_span(office.start_char, office.end_char, alignment_mode="expand")
        if title is not None and title.root in root.ancestors:
            root = title.root
    for _ in range(8):
        if root.dep_ in ("appos", "compound", "flat", "conj") and root.head is not root:
            if root.dep_ == "conj" and root.head.dep_ in ("nsubj", "nsubjpass"):
                return root.head
            root = root.head
        elif (
            root.dep_ == "pobj"
            and (
                (root.head.lower_ == "of" and root.head.head.text[:1].isupper())
                # "Secretary for Legal Affairs [Name]", "Ambassador to X [Name]";
                # not "Diplomats including [Name]"
                or (
                    _in_title(doc, root.head.head.i)
                    and root.head.lower_ not in ("including", "like", "among")
                )
            )
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
        # "X paid a courtesy call on Y": the subject of a verb that holds a contact noun
        return root.head.lemma_ in ACTIVE_VERBS or (root.dep_ == "nsubj" and _contact_predicate(root.head))
    if root.dep_ == "dobj":
        return root.head.lemma_ in OBJECT_VERBS
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
# nouns whose "of/from/by" object is the one on whose behalf or at whose word another acts
BEHALF_NOUNS = frozenset(_WORDS["behalf_nouns"])
# verbs of passing something on: their "to" object receives greetings, wishes, a message
TRANSFER_VERBS = frozenset(_WORDS["transfer_verbs"])
# what is passed on in another's name: "conveyed X's greetings"
SENT_NOUNS = frozenset(_WORDS["sent_nouns"])
# verbs of reporting: "said X" names the source of the report
REPORT_VERBS = frozenset(_WORDS["report_verbs"])
# verbs that list a group's members: "the delegation includes X"
MEMBER_VERBS = frozenset(_WORDS["member_verbs"])
# verbs of a contact with someone: "received X", "met with X", "called on X"
CONTACT_VERBS = frozenset(_WORDS["contact_verbs"])
# "separately received A and B", "met A and B respectively": one contact with each
DISTRIBUTIVE = frozenset(_WORDS["distributive"])
# nouns of a written contact: "sent a letter", "a message was handed over"
LETTER_NOUNS = frozenset(_WORDS["letter_nouns"])
# what a support verb holds ("held talks", "sent a letter") and what a passive contact's subject is
# ("the message was handed over by X", "the address was delivered by X"): joined once, not per token
HELD_NOUNS = CONTACT_NOUNS | LETTER_NOUNS
PASSIVE_SUBJECTS = CONTACT_NOUNS | SPEECH_NOUNS | LETTER_NOUNS
# adverbs that set a predicate after or apart from the one told before: "Berri then received X",
# "The Speaker later met X", "Earlier, she spoke with X"
SEQUENCE_ADVERBS = frozenset(_WORDS["sequence_adverbs"])
# nouns of a time of day or of the week: "This afternoon, ...", "On Friday, ..."
TIME_NOUNS = frozenset({"morning", "afternoon", "evening", "night", "noon", *WEEKDAYS})
# prepositions that open an adverbial of sequence: "After the talks, ...", "Following the meeting, ..."
SEQUENCE_PREPS = frozenset({"after", "before", "following", "prior"})
# prepositions that place what follows within an event already told
WITHIN_PREPS = frozenset({"during", "within", "amid", "throughout"})
# verbs that hold or have a contact noun as their object: "held talks with X", "hosted a dinner for X",
# "sent a letter"
SUPPORT_VERBS = frozenset(_WORDS["support_verbs"])
# verbs of standing in for another: "Y represented the Speaker X", "X was represented by Y"
REPRESENT_VERBS = frozenset(_WORDS["represent_verbs"])
# verbs of an attitude towards a person, not of a contact with them: "praised X", "thanked X",
# "recalled X", "succeeding X"
ATTITUDE_VERBS = frozenset(_WORDS["attitude_verbs"])


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
    object of "meet", a possessive, inside a quotation, in a sentence about another event), the
    frame of its predicate (``_frame``: inviter, recipient, source, member, modality, a later
    contact, a sentence dated to an earlier year), and ``all:`` for a frame that every mention of
    the person shares."""
    lead_end = sents[-1].end if sents else 0
    by_key = {p.key: p for p in persons}
    countries = {by_key[k].country for k in chosen if by_key[k].country}
    in_main = frozenset(m.person for m in mentions if main is not None and main.start <= m.start < main.end)
    announced = main is not None and _announces(main)
    # how many persons each sentence names: a roster names many
    named_in: dict[int, set[str]] = {}
    for m in mentions:
        named_in.setdefault(doc[m.start].sent.start, set()).add(m.person)
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
            f"main-announced={announced}": 1.0,
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
        every: set[str] | None = None
        for m in own:
            place = "lead" if m.start < lead_end else "body"
            sent = doc[m.start].sent
            f[f"{place}:{_part(doc, m)}"] = 1.0
            for cue in _cues(doc, m, sent):
                f[f"{place}:{cue}"] = 1.0
            frame = set(_frame(doc, m, sent, main, in_main))
            if "recipient" in frame and kind == "message":
                frame = (frame - {"recipient"}) | {"addressee"}  # a message's addressee is its party
            if _elsewhere(sent, recalled):
                frame.add("elsewhere")
            if _quoted(doc, m, sent):
                frame.add("quoted")
            if "modality=planned" in frame and not announced and main is not None and m.start >= main.end:
                frame.add("planned-later")  # a contact announced after a reported one
            if not any(t.pos_ in ("VERB", "AUX") for t in sent):
                frame.add("verbless")  # a name on a line of its own, a caption, a bullet
            if len(named_in[sent.start]) >= 3:
                frame.add("roster")
            for cue in frame:
                f[f"{place}:{cue}"] = 1.0
            every = frame if every is None else every & frame
        for cue in every or ():
            f[f"all:{cue}"] = 1.0
            # a later contact ends a meeting's or a call's event, not a visit's or a forum's
            f[f"all:{cue}@{kind}"] = 1.0
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
    top = _head_of_list(_governor(doc, m))
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


def _frame(doc: Doc, m, sent: Span, main: Span | None, in_main: frozenset[str]) -> list[str]:
    """The mention's part in the event its sentence tells, from the parse: the inviter or the one on
    whose behalf someone acts ("at the invitation of X"), the recipient of what is conveyed ("conveyed
    greetings to X"), the source of a report ("said X", "according to X"), a member listed by a
    delegation ("the delegation includes X"), the modality of its predicate ("will meet X", "did not
    meet X"), the counterpart of a further contact after the main sentence ("The Speaker then
    received X", X not named in the main sentence), a distributive contact ("separately received A
    and B": each a meeting of its own), a sentence opened by a fronted adverbial ("Meanwhile, ...",
    "This afternoon, ..."), and a sentence that dates itself to an earlier year."""
    first = _governor(doc, m)
    top = _head_of_list(first)
    out: list[str] = []
    prep = top.head if top.dep_ == "pobj" else None
    if prep is not None and (
        # "at the invitation of X", "an invitation by X"; "on behalf of A by B" names B as the signer
        (
            prep.head.lemma_.lower() in BEHALF_NOUNS
            and not (prep.lower_ == "by" and prep.head.lemma_ == "behalf")
        )
        or (prep.lower_ == "by" and prep.head.lemma_ == "invite")
        # "an invitation received from X", "the invitation extended by X"
        or (prep.head.dep_ == "acl" and prep.head.head.lemma_.lower() in BEHALF_NOUNS)
    ):
        out.append("inviter")
    if prep is not None and prep.lower_ == "to":
        if prep.head.lower_ == "according":
            out.append("source")
        elif any(h.lemma_.lower() in TRANSFER_VERBS for h in [prep.head, *list(prep.head.ancestors)[:2]]):
            out.append("recipient")
    verb = _predicate(top)
    if verb is not None:
        lemma = verb.lemma_.lower()
        if top.dep_ == "nsubj" and lemma in REPORT_VERBS and top.i > verb.i:
            out.append("source")
        if lemma in MEMBER_VERBS and top.dep_ in ("dobj", "pobj", "attr"):
            out.append("member")
        out += sorted(f"modality={x}" for x in _modality(verb, verb))
        if (
            main is not None
            and sent.start >= main.end
            and lemma in CONTACT_VERBS
            and top.dep_ in ("dobj", "pobj")
            and (top.dep_ == "dobj" or top.head.lower_ in ("with", "on"))
            and m.person not in in_main
        ):
            out.append("later-contact")
        if any(c.lower_ in DISTRIBUTIVE for c in verb.children) and first is not top:
            out.append("distributed")
        if top.dep_ == "nsubj" and lemma in REPORT_VERBS and top.i < verb.i:
            out.append("said")
    if _attitude(top):
        out.append("attitude")
    if _represented(top, doc[m.start : m.end].root):
        out.append("represented")
    if main is not None and sent.start >= main.end and m.person not in in_main and _occasion(sent):
        out.append("occasion")
    if _fronted(sent):
        out.append("fronted")
    if _earlier_year(sent):
        out.append("past-year")
    return out


def _occasion(sent: Span) -> bool:
    """A sentence that tells of a contact of its own, set apart in time or sequence from the others:
    a contact predicate ("met", "received", "spoke with", "held talks", "hosted a dinner") marked by
    an adverb of sequence ("then", "later", "also", "separately", "earlier"), or opened by an
    adverbial of time or sequence ("This afternoon, ...", "On Friday, ...", "After the talks, ...",
    "Meanwhile, ...")."""
    verbs = [t for t in sent if _contact_predicate(t)]
    if not verbs:
        return False
    if any(
        c.dep_ == "advmod" and (c.lower_ in SEQUENCE_ADVERBS or c.lower_ in DISTRIBUTIVE)
        for v in verbs
        for c in v.children
    ):
        return True
    opening = [
        c
        for c in sent.root.children
        if c.i < sent.root.i
        and c.left_edge.i == sent.start
        and c.dep_ in ("advmod", "npadvmod", "prep", "advcl", "pcomp")
    ]
    # "During the visit, ...", "Within the framework of the visit, ...": within the event told, not apart
    return any(_marks_time(c) and c.lower_ not in WITHIN_PREPS for c in opening)


def _contact_predicate(tok) -> bool:
    """A verb of a contact ("met", "received X") or one that holds a contact noun ("held talks",
    "hosted a dinner", "paid a courtesy call", "sent a letter")."""
    if tok.pos_ not in ("VERB", "AUX"):
        return False
    lemma = tok.lemma_.lower()
    if lemma in CONTACT_VERBS:
        return True
    return lemma in SUPPORT_VERBS and any(
        c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in HELD_NOUNS for c in tok.children
    )


def _marks_time(adverbial) -> bool:
    """An adverbial of time or sequence: an adverb of sequence, a preposition of sequence, a time of
    day or week, or a date or time the entity recogniser marks."""
    for t in adverbial.subtree:
        word = t.lower_
        if word in SEQUENCE_ADVERBS or word in TIME_NOUNS or word in SEQUENCE_PREPS:
            return True
        if t.ent_type_ in ("DATE", "TIME"):
            return True
    return False


def _represented(top, name) -> bool:
    """The one another stands in for: the object of "represent" ("Y represented the Speaker X"), the
    subject of its passive ("President X was represented by Y") or the name a passive clause of it
    qualifies ("President X, who was represented by Y"; not "the delegation, represented by A and
    B", which names who came). Y, the agent, takes part."""
    if top.dep_ in ("dobj", "nsubjpass") and top.head.lemma_.lower() in REPRESENT_VERBS:
        return top.head.pos_ in ("VERB", "AUX")
    return any(
        c.dep_ in ("relcl", "acl")
        and c.lemma_.lower() in REPRESENT_VERBS
        and any(g.dep_ in ("auxpass", "agent") for g in c.children)
        for c in name.children
    )


def _attitude(top) -> bool:
    """The object of a verb of attitude ("praised X", "thanked X", "recalled X", "succeeding X")."""
    return top.dep_ == "dobj" and top.head.lemma_.lower() in ATTITUDE_VERBS


def _predicate(top):
    """The verb whose argument the mention is: its head, or the verb above a preposition."""
    tok = top.head if top.dep_ != "pobj" else top.head.head
    if top.dep_ == "pobj" and tok.pos_ not in ("VERB", "AUX") and tok.dep_ in ("dobj", "pobj", "prep"):
        tok = tok.head if tok.dep_ != "pobj" else tok.head.head
    return tok if tok.pos_ in ("VERB", "AUX") else None


def _earlier_year(sent: Span) -> bool:
    """A sentence that dates what it tells to a year before the article's ("visits by X in 2017",
    "In 2004, my predecessor ..."): a recalled event."""
    article = sent.doc._.article
    if article is None or article.published is None:
        return False
    year = article.published.year
    words = lowers_of(sent.doc)[sent.start : sent.end]  # a number's lower case is the number
    return any(len(w) == 4 and w.isdigit() and 1900 < int(w) < year for w in words)


def _fronted(sent: Span) -> bool:
    """A sentence that opens on an adverbial set off by a comma ("Meanwhile, ...", "On the other
    hand, ...", "This afternoon, ..."): the telling turns to another moment or matter."""
    root = sent.root
    for child in root.children:
        if child.i >= root.i or child.dep_ not in ("advmod", "prep", "npadvmod", "advcl"):
            continue
        if child.left_edge.i == sent.start:
            after = child.right_edge.i + 1
            return after < sent.end and sent.doc[after].text == ","
    return False


def _quoted(doc: Doc, m, sent: Span) -> bool:
    """Inside a quotation: an odd number of quotation marks before it in its sentence."""
    return sum(t.text in QUOTES for t in doc[sent.start : m.start]) % 2 == 1
