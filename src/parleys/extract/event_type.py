"""The type of an article's main event: a logistic regression over features of the parse.

The rules (summed trigger weights over the lead, ``events.py``) give one vote among the features;
the others are the cue words of the headline and the lead (``cue_lemmas`` in ``data/events.json``:
general words that point to a type, such as "phone", "memorandum", "session", "courtesy"), each
counted by where it stands (headline, first, second or third lead sentence), the grammatical role
of its predicate (the sentence's main predicate, or an embedded clause such as "who is on an
official visit") and that predicate's modality (announced, cancelled, refused, requested,
conditional, negated); "on the sidelines of"; and how many persons and countries the article
names. From the parse and the registries as well: a session noun whose noun phrase names a body of
the organizations registry ("a meeting of the Assembly of X": hosted by a multilateral body); a
verb of going with its destination and the kind of its purpose ("arrived in X for talks", "left to
attend the session"); a plural that counts the states of a gathering ("eight countries", "Partner
States"); the kind of the first sentence's main act (its main predicate, or that predicate's
object: "held talks"); and how many bodies the article names. No feature holds a name: proper
nouns never count as cue words.

The learned type replaces the rules' only where the model prefers it by more than ``margin`` in
probability (or the rules found no trigger at all): in cross-validation grouped by outlet that
kept the rules' accuracy on the articles they were written for and raised it on unseen outlets.
The weights are fitted by ``scripts/train_event_type.py`` and ship as ``data/event_type.json``
(class names, intercepts, one coefficient row per feature, the margin).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span, Token

from parleys.extract.extensions import lemmas_of, text_of

FEATURE_VERSION = 3
MODEL_FILE = "event_type.json"
HEADLINE_MAX_CHARS = 250

# modality of a trigger's predicate, by the lemma of a governing verb or an auxiliary
MODALITY = {
    "will": "planned",
    "shall": "planned",
    "plan": "planned",
    "schedule": "planned",
    "expect": "planned",
    "intend": "planned",
    "due": "planned",
    "upcoming": "planned",
    "forthcoming": "planned",
    "cancel": "cancelled",
    "postpone": "cancelled",
    "call off": "cancelled",
    "refuse": "refused",
    "decline": "refused",
    "reject": "refused",
    "request": "requested",
    "demand": "requested",
    "seek": "requested",
    "ask": "requested",
    "invite": "requested",
    "propose": "requested",
    "suggest": "requested",
    "would": "conditional",
    "could": "conditional",
    "may": "conditional",
    "might": "conditional",
    "if": "conditional",
}
NEGATION = frozenset({"not", "n't", "never", "no"})
# verbs that say a contact was called off, turned down or only asked for: "cancelled his planned
# visit", "refused to meet", "demanded a meeting" report no contact that took place
_WORDS = json.loads(resources.files("parleys.data").joinpath("event_words.json").read_text("utf-8"))
WITHHELD = frozenset(_WORDS["withheld_verbs"])
SESSION_NOUNS = frozenset({"meeting", "session", "assembly", "conference", "summit", "forum", "congress"})
ORDINAL_ENDS = frozenset({"st", "nd", "rd", "th"})
MEANS_SPAN = 12  # tokens between a contact verb and the means of a call it governs
# verbs of going somewhere: their purpose ("arrived in X for talks", "left for Y to attend a
# session") tells what the trip is for, their destination that the trip is the news
TRAVEL_VERBS = frozenset(
    {"arrive", "travel", "leave", "depart", "head", "fly", "land", "go", "come", "visit"}
)
PURPOSE_DEPS = frozenset({"prep", "advcl", "xcomp", "pobj", "dobj", "ccomp", "npadvmod"})
# plural nouns that count the states or bodies of a gathering ("eight countries", "Partner States")
STATE_NOUNS = frozenset({"country", "state", "nation", "parliament", "member", "delegation", "government"})
GATHERING_MODS = frozenset({"member", "partner", "participate", "participating", "all"})
ORGS_SPANS_KEY = "parleys_organizations"
# prepositions that set an act inside a contact: "in my talks with", "during the meeting", "at the reception"
CONTACT_FRAME_PREPS = frozenset({"in", "during", "at"})
# nouns of a gathering that are also the names of bodies ("the Congress of X", "the Assembly of Y")
BODY_NOUNS = frozenset({"congress", "assembly", "council"})
# nouns of belonging: "a delegation of the Assembly", "members of the Congress"
MEMBER_NOUNS = frozenset({"delegation", "member", "representative", "deputy", "head", "leader"})


@dataclass(frozen=True, slots=True)
class TypeModel:
    """A fitted multinomial logistic regression: ``score[c] = intercept[c] + sum(x[f] * coef[f][c])``."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    coef: dict[str, tuple[float, ...]]
    margin: float = 0.0

    def probabilities(self, features: dict[str, float]) -> dict[str, float]:
        scores = list(self.intercept)
        for name, value in features.items():
            row = self.coef.get(name)
            if row is None:
                continue
            for i, w in enumerate(row):
                scores[i] += w * value
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {c: e / total for c, e in zip(self.classes, exp, strict=True)}

    def predict(self, features: dict[str, float]) -> tuple[str, float]:
        probs = self.probabilities(features)
        best = max(probs, key=lambda c: probs[c])
        return best, probs[best]

    def decide(self, features: dict[str, float], rule_kind: str) -> tuple[str, float]:
        """The learned type where it beats the rules' by ``margin`` (or the rules found nothing),
        else the rules' type; with the model's probability for it."""
        probs = self.probabilities(features)
        best = max(probs, key=lambda c: probs[c])
        if rule_kind == "other" or probs[best] - probs.get(rule_kind, 0.0) > self.margin:
            return best, probs[best]
        return rule_kind, probs.get(rule_kind, 0.0)

    @classmethod
    def from_json(cls, data: dict, feature_version: int = FEATURE_VERSION) -> TypeModel:
        if int(data.get("feature_version", -1)) != feature_version:
            raise ValueError(
                f"{data.get('_doc', 'learned')} weights were fitted on feature version "
                f"{data.get('feature_version')}, the code computes version {feature_version}: "
                f"rerun its scripts/train_*.py"
            )
        classes = tuple(data["classes"])
        coef = {k: tuple(float(x) for x in v) for k, v in data["coef"].items()}
        return cls(classes, tuple(float(x) for x in data["intercept"]), coef, float(data.get("margin", 0.0)))


def load_model(name: str = MODEL_FILE, feature_version: int = FEATURE_VERSION) -> TypeModel | None:
    """The packaged weights of a learned decision (by default the event typer), or None where none
    ship (the rules then decide alone)."""
    path = resources.files("parleys.data").joinpath(name)
    if not path.is_file():
        return None
    return TypeModel.from_json(json.loads(path.read_text("utf-8")), feature_version)


def headline(doc: Doc) -> Span | None:
    """The first line, where it stands apart from the body as a short line of its own."""
    text = text_of(doc)
    cut = text.find("\n")
    if cut <= 0 or cut > HEADLINE_MAX_CHARS or not text[cut:].strip():
        return None
    span = doc.char_span(0, cut, alignment_mode="contract")
    return span if span is not None and len(span) >= 3 else None


def type_features(
    doc: Doc,
    lead: list[Span],
    rule_kind: str,
    countries: int,
    persons: int,
    cues: dict[str, tuple[str, ...]],
) -> dict[str, float]:
    """The feature vector of one article: the rules' type, each cue word of the headline and the
    first lead sentences by the type it points to (with its position, its predicate's role and
    modality), "on the sidelines of", and how many persons and countries the article names.
    ``cues`` maps a lemma to the event types it points to."""
    feats: dict[str, float] = {f"rule={rule_kind}": 1.0}
    orgs = _org_tokens(doc)
    head = headline(doc)
    body = [s for s in lead if head is None or s.start >= head.end] or lead
    units: list[tuple[str, Span]] = [("h", head)] if head is not None else []
    units += [(f"l{k}", s) for k, s in enumerate(body[:3])]
    for label, span in units:
        for tok in span:
            lemma = tok.lemma_.lower()
            if lemma in SESSION_NOUNS and (_numbered(tok) or _named_session(tok)):
                # "the 19th Meeting of the Bureau", "its regular Consultative Meeting": a body's session
                _add(feats, f"session@{label}")
            if lemma in SESSION_NOUNS and _hosted(tok, orgs):
                # "a meeting of the Assembly of X", "the Union's Executive Council session"
                _add(feats, f"orgsession@{label}")
            if tok.pos_ == "VERB" and lemma in TRAVEL_VERBS:
                for name in _travel(tok, cues):
                    _add(feats, f"{name}@{label}")
            if _gathering(tok):
                feats["gathering"] = 1.0
            kinds = cues.get(lemma, ()) if tok.pos_ != "PROPN" else ()
            if not kinds:
                continue
            pred = predicate(tok)
            part = role(pred)
            mods = _modality(pred, tok)
            for kind in kinds:
                _add(feats, f"cue={kind}@{label}")
                _add(feats, f"cue={kind}:{part}")
                for mod in mods:
                    _add(feats, f"cue={kind}:{mod}")
        if "sideline" in lemmas_of(doc)[span.start : span.end]:
            feats["sidelines"] = 1.0
    main = _main_act(body[:1], cues)
    if main:
        feats[f"main={main}"] = 1.0
    feats[f"orgs={min(len(_org_codes(doc)), 2)}"] = 1.0
    feats[f"countries={_bucket(countries)}"] = 1.0
    feats[f"persons={min(persons, 4)}"] = 1.0
    return feats


def _org_tokens(doc: Doc) -> set[int]:
    """The token positions of every organization the registry found (``parleys_organizations``)."""
    spans = doc.spans[ORGS_SPANS_KEY] if ORGS_SPANS_KEY in doc.spans else []
    return {i for span in spans for i in range(span.start, span.end)}


def _org_codes(doc: Doc) -> set[str]:
    spans = doc.spans[ORGS_SPANS_KEY] if ORGS_SPANS_KEY in doc.spans else []
    return {span.label_ for span in spans}


def _hosted(tok: Token, orgs: set[int]) -> bool:
    """A session noun whose noun phrase names a body of the registry: "a meeting of the Assembly",
    "the Union's Council session" (a session hosted by a multilateral body)."""
    return bool(orgs) and any(i in orgs for i in range(tok.left_edge.i, tok.right_edge.i + 1) if i != tok.i)


def _travel(verb: Token, cues: dict[str, tuple[str, ...]]) -> list[str]:
    """What a verb of going says: "travel" with a place ("arrived in X"), and the kind of its
    purpose ("for talks" -> meeting, "to attend the session" -> forum), read from the cue words of
    the phrases it governs (not of its subject or of the sentence around it)."""
    out = []
    subject = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    places = [t for t in verb.subtree if t.ent_type_ in ("GPE", "LOC", "FAC") and t.i not in subject]
    if places:
        out.append("travel>place")
    kinds: set[str] = set()
    for child in verb.children:
        if child.dep_ not in PURPOSE_DEPS:
            continue
        for t in child.subtree:
            if t.pos_ in ("NOUN", "VERB") and t.i != verb.i:
                kinds.update(k for k in cues.get(t.lemma_.lower(), ()) if k != "visit")
    out += [f"travel>{k}" for k in sorted(kinds)]
    return out or ["travel"]


def _gathering(tok: Token) -> bool:
    """A plural noun that counts the states of a gathering: "the eight countries", "Partner
    States", "member parliaments", "all the delegations"."""
    if tok.lemma_.lower() not in STATE_NOUNS or tok.tag_ not in ("NNS", "NNPS"):
        return False
    for child in tok.children:
        if child.dep_ == "nummod" and child.like_num:
            try:
                if int(child.text) >= 3:
                    return True
            except ValueError:
                if child.lower_ not in ("two", "both"):
                    return True
        if child.lemma_.lower() in GATHERING_MODS:
            return True
    return False


def _main_act(sents: list[Span], cues: dict[str, tuple[str, ...]]) -> str:
    """The kind of the first sentence's main act: the cue word that is its main predicate, else the
    first cue word its main predicate governs directly ("held talks", "paid a visit")."""
    for sent in sents:
        root = sent.root
        kinds = cues.get(root.lemma_.lower(), ())
        if not kinds:
            obj = next(
                (
                    c
                    for c in root.children
                    if c.dep_ in ("dobj", "attr", "nsubjpass") and cues.get(c.lemma_.lower())
                ),
                None,
            )
            kinds = cues.get(obj.lemma_.lower(), ()) if obj is not None else ()
        if kinds:
            return "+".join(sorted(kinds))
    return ""


def _bucket(n: int) -> str:
    """0, 1, 2, 3-4, 5+: two sides, a few, or a multilateral gathering."""
    return str(n) if n <= 2 else "3-4" if n <= 4 else "5+"


def _numbered(tok: Token) -> bool:
    """An ordinal before the noun: "the 19th Meeting", "38th session"."""
    return any(
        c.i < tok.i
        and (c.ent_type_ == "ORDINAL" or c.text[:1].isdigit() and c.text[-2:].lower() in ORDINAL_ENDS)
        for c in tok.children
    )


def _named_session(tok: Token) -> bool:
    """A capitalised session noun inside a sentence, as part of a body's proper name: "Consultation
    Meeting of the Union", "the Executive Committee Meeting"."""
    return tok.text[:1].isupper() and tok.i > tok.sent.start and not tok.sent.text.isupper()


def _add(feats: dict[str, float], name: str) -> None:
    feats[name] = feats.get(name, 0.0) + 1.0


def predicate(tok: Token) -> Token:
    """The verb a trigger belongs to: itself, or the verb that governs its noun phrase."""
    for _ in range(4):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return tok
        tok = tok.head
    return tok


def role(pred: Token) -> str:
    """Main predicate of its sentence, or embedded (relative, adverbial, complement clause)."""
    if pred.dep_ == "ROOT":
        return "root"
    if pred.dep_ in ("relcl", "acl"):
        return "relcl"
    if pred.dep_ in ("advcl", "xcomp", "ccomp", "pcomp"):
        return "clause"
    return "other"


def withheld(trigger: Token) -> bool:
    """The contact a trigger names did not take place: its predicate is negated ("did not meet")
    or governed by a verb of calling off, refusing or demanding ("cancelled the visit", "refused to
    meet", "demanded a meeting")."""
    pred = predicate(trigger)
    governors = [pred] if pred is not trigger else []
    if pred.dep_ in ("xcomp", "ccomp") and pred.head is not pred:
        governors.append(pred.head)  # "refused to meet": the verb above the contact's own
    if any(c.dep_ == "neg" for c in pred.children):
        return True
    return any(g.lemma_.lower() in WITHHELD for g in governors)


def within_contact(trigger: Token, cues: dict[str, tuple[str, ...]]) -> bool:
    """A message told as one act of a contact in person or by phone, not sent on its own: its verb
    is coordinated with a verb of meeting ("received the ambassador, congratulated him") or is set
    in a phrase naming the talks ("In my discussion with X, I congratulated Y", "during the
    meeting, she conveyed condolences")."""
    pred = predicate(trigger)
    if pred.pos_ not in ("VERB", "AUX"):
        return False
    if any(_meets(c, cues) for c in pred.conjuncts):
        return True
    for prep in pred.children:
        if prep.dep_ != "prep" or prep.lower_ not in CONTACT_FRAME_PREPS:
            continue
        for obj in prep.children:
            kinds = cues.get(obj.lemma_.lower(), ()) if obj.dep_ == "pobj" and obj.pos_ == "NOUN" else ()
            if "meeting" in kinds or "call" in kinds:
                return True
    return False


def _meets(verb: Token, cues: dict[str, tuple[str, ...]]) -> bool:
    """A verb of meeting whose object is not itself a message: "received the ambassador", not
    "received congratulations"."""
    if verb.pos_ != "VERB" or "meeting" not in cues.get(verb.lemma_.lower(), ()):
        return False
    return not any(
        c.dep_ in ("dobj", "nsubjpass") and "message" in cues.get(c.lemma_.lower(), ()) for c in verb.children
    )


def attended_contact(trigger: Token, cues: dict[str, tuple[str, ...]]) -> bool:
    """A verb of attending whose object is a contact of a few, not a gathering: "attended a dinner
    hosted by X", "took part in the talks" (a meal, a reception or talks; not a session noun)."""
    for obj in _attended(trigger):
        lemma = obj.lemma_.lower()
        kinds = cues.get(lemma, ())
        if obj.pos_ == "NOUN" and "meeting" in kinds and "forum" not in kinds and lemma not in SESSION_NOUNS:
            return True
    return False


def _attended(verb: Token) -> list[Token]:
    """What a verb of attending names: its object ("attended X"), or the object of its "in" ("took
    part in X", "participated in X")."""
    out = [c for c in verb.children if c.dep_ == "dobj" and verb.lemma_.lower() == "attend"]
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "in":
            out += [c for c in prep.children if c.dep_ == "pobj"]
    return out


def member_body(trigger: Token, title_heads: set[int]) -> bool:
    """A session noun that names the body a person or delegation belongs to, not a gathering: "a
    delegation from the congress of X", "the Speaker of the Assembly of Y" (the object of "from" or
    "of" after a title or a noun of belonging; not "returned from the General Assembly")."""
    if trigger.dep_ != "pobj" or trigger.lemma_.lower() not in BODY_NOUNS:
        return False
    prep = trigger.head
    owner = prep.head
    return prep.lower_ in ("from", "of") and (owner.i in title_heads or owner.lemma_.lower() in MEMBER_NOUNS)


def _modality(pred: Token, trigger: Token) -> set[str]:
    """How the predicate is asserted: "will visit", "cancelled the visit", "the planned meeting",
    "did not meet", "if the talks take place"."""
    out: set[str] = set()
    for tok in [pred, *list(pred.ancestors)[:2]]:
        for child in tok.children:
            word = child.lower_
            if child.dep_ in ("aux", "mark", "advmod") and word in MODALITY:
                out.add(MODALITY[word])
            if child.dep_ == "neg" or word in NEGATION and child.dep_ in ("advmod", "det"):
                out.add("negated")
        lemma = tok.lemma_.lower()
        if tok is not pred and lemma in MODALITY:
            out.add(MODALITY[lemma])
    for child in trigger.children:
        lemma = child.lemma_.lower()
        if child.dep_ in ("amod", "compound") and lemma in MODALITY:
            out.add(MODALITY[lemma])
    return out


def frame_triggers(doc: Doc, sents: list[Span], frames: dict) -> list[tuple[int, str, int, int]]:
    """Triggers read from the parse, as (sentence index, kind, start, end): a verb of signing or
    sending with an object of the kind ("signed two agreements", "received a written message from"),
    and a contact with a means ("spoke on the phone", "a telephonic conversation", "a call by
    video")."""
    out = []
    for k, sent in enumerate(sents):
        for tok in sent:
            lemma = tok.lemma_.lower()
            for kind in ("agreement", "message"):
                frame = frames[kind]
                if lemma in frame["verbs"] and tok.pos_ == "VERB":
                    obj = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
                    objects = [obj, *obj.conjuncts] if obj is not None else []
                    if obj is not None and any(o.lemma_.lower() in frame["objects"] for o in objects):
                        out.append((k, kind, min(tok.i, obj.i), max(tok.i, obj.i) + 1))
            if lemma == "visit" and tok.pos_ == "VERB" and _place_object(tok):
                # "a delegation is visiting X", "while visiting X": the trip in any tense
                out.append((k, "visit", tok.i, tok.i + 1))
            call = frames["call"]
            if lemma in call["contacts"]:
                means = [
                    t
                    for t in tok.subtree
                    if t.lemma_.lower() in call["means"]
                    # "spoke with the President of X by phone": the means hangs on the contact itself
                    and (abs(t.i - tok.i) <= 4 or _governed_by(t, tok, MEANS_SPAN))
                ]
                if means:
                    lo, hi = min(tok.i, means[0].i), max(tok.i, means[0].i) + 1
                    out.append((k, "call", lo, hi))
                elif _call_with(tok):
                    out.append((k, "call", tok.i, tok.i + 2))
    return out


def _place_object(verb: Token) -> bool:
    """The verb's object is a place: "visiting New Zealand", "visited the capital"."""
    return any(c.dep_ == "dobj" and c.ent_type_ in ("GPE", "LOC", "FAC") for c in verb.children)


def _governed_by(tok: Token, verb: Token, span: int) -> bool:
    """``verb`` is the first verb above ``tok``, within ``span`` tokens: "spoke with the President
    of X by phone", however the parser hangs "by phone" inside the noun phrase."""
    if abs(tok.i - verb.i) > span:
        return False
    for anc in tok.ancestors:
        if anc.i == verb.i:
            return True
        if anc.pos_ in ("VERB", "AUX"):
            return False
    return False


def _call_with(tok: Token) -> bool:
    """ "a Friday afternoon call with the President": a call noun with its partner, not a courtesy
    call on someone (a visit in person)."""
    return (
        tok.pos_ == "NOUN"
        and tok.lemma_.lower() == "call"
        and any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.children)
        and not any(c.lower_ == "courtesy" for c in tok.children)
    )
