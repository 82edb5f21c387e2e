"""Whether a found person is a person: a learned check over what the rules and the parse say about
the name's mentions.

The rules propose a person for every capitalised run that no title, place or known word claims;
some are words of an office or a body ("Minister of Home Affairs" -> "Home"), headline words,
party labels ("R-Texas") or initials. Each proposed person gets features of its mentions: how many
words the fullest form has, whether the statistical model tags it PERSON or another entity, its
part-of-speech tags and word shapes, an honorific or office beside it, the words around it, whether
its words also occur in lower case in the article. The features never contain the name or its
words.

A logistic model, fitted by ``scripts/train_person_name.py`` and shipped as
``data/person_name.json``, scores each person; one below the threshold is dropped. Without that
file every proposed person that something beside its capitals supports is kept.

The check is the third of the persons steps (``parleys_name_check_v1``; see ``persons.py``).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc

from parleys.extract.coreference import CLUSTERS, Mention, Person, listed_beside, register_clusters
from parleys.extract.extensions import text_of
from parleys.extract.names import clean_name, english_words, name_words
from parleys.extract.titles import TitleHead
from parleys.records import ROLE_CLASSES

WEIGHTS_FILE = "person_name.json"
NAME_DECISIONS_KEY = "parleys.person_name"  # each proposed person's name and features, for training
ENT_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT")
ROLES = (*ROLE_CLASSES, "counterpart")
LINK_WORDS = frozenset(name_words()["link_words"])  # inside a body's name: "Minister of Home Affairs"
PARTY_LABEL = re.compile(r"^[A-Z]-[A-Z]")  # "R-Texas", "D-Vermont"


def person_features(
    doc: Doc,
    person: Person,
    honorific: set[int],
    lower_words: frozenset[str],
    listed: set[str],
    *,
    english: frozenset[str] = frozenset(),
    unsupported: set[int] | frozenset[int] = frozenset(),
) -> dict[str, float]:
    """Features of one proposed person; no feature holds the name or its words. ``english``: the
    base forms of English words (the lemmatizer's index; "Courtesy Call", "Standards Authority"
    are words, not names); ``unsupported``: the starts of mentions that only their capitals
    propose."""
    best = person.best
    span = doc[best.start : best.end]
    words = [t for t in span if t.is_alpha]
    n = len(best.tokens)
    mentions: list[Mention] = person.mentions
    # the small model tags an all-caps surname ("SURNAME Given") as a verb or an acronym: the tags of
    # a name's mixed-case words speak for it when it has any
    tagged = [t for t in span if not (t.is_upper and len(t.text) > 1)] or list(span)
    x: dict[str, float] = {
        "bias": 1.0,
        "tokens_1": float(n == 1),
        "tokens_2": float(n == 2),
        "tokens_3": float(n == 3),
        "tokens_4plus": float(n >= 4),
        "log_mentions": math.log1p(len(mentions)),
        "office": float(any(m.office is not None for m in mentions)),
        "office_conf": max((m.office.confidence for m in mentions if m.office is not None), default=0.0),
        "office_plural": float(any(m.office is not None and m.office.plural for m in mentions)),
        "country_hint": float(any(m.country_hint for m in mentions)),
        "honorific": float(any(m.start - 1 in honorific for m in mentions)),
        "nnp_share": sum(t.tag_ in ("NNP", "NNPS") for t in tagged) / len(tagged),
        "common_tag": float(
            any(t.tag_ in ("NN", "NNS", "JJ", "VB", "VBZ", "VBD", "VBG", "RB") for t in tagged)
        ),
        "lower_elsewhere": float(any(t.lower_ in lower_words for t in words)),
        "party_label": float(any(PARTY_LABEL.match(t.text) for t in span)),
        "dotted": float(any("." in t.text for t in span)),
        "all_caps_word": float(any(t.is_upper and len(t.text) > 1 for t in words)),
        "short_word": float(any(len(t.text) <= 2 for t in words)),
        "hyphen": float(any(t.text == "-" for t in span)),
        "first_line": float("\n" not in text_of(doc)[: doc[best.start].idx]),
        "sent_start": float(any(doc[m.start].is_sent_start for m in mentions)),
    }
    for label in ENT_LABELS:
        x["ent_" + label] = sum(t.ent_type_ == label for t in tagged) / len(tagged)
    x["ent_none"] = sum(not t.ent_type_ for t in tagged) / len(tagged)
    x["person_any_mention"] = float(any(doc[m.start].ent_type_ == "PERSON" for m in mentions))
    before = doc[best.start - 1] if best.start else None
    after = doc[best.end] if best.end < len(doc) else None
    x["after_link"] = float(before is not None and before.lower_ in LINK_WORDS)
    x["after_and"] = float(before is not None and before.lower_ in ("and", ","))
    x["listed"] = float(person.key in listed)  # side by side with another proposed person
    x["before_capitalised"] = float(after is not None and after.text[:1].isupper() and after.is_alpha)
    x["before_possessive"] = float(after is not None and after.text in ("'s", "’s"))
    x["before_verb"] = float(after is not None and after.pos_ in ("VERB", "AUX"))
    x["before_comma"] = float(after is not None and after.text == ",")
    x["before_bracket"] = float(after is not None and after.text == "(")
    role = next((m.office.role_class for m in mentions if m.office is not None), None)
    for r in ROLES:
        x["role_" + r] = float(role == r)
    dep = span.root.dep_
    for d in ("compound", "nsubj", "pobj", "appos", "dobj", "conj", "ROOT", "poss", "npadvmod"):
        x["dep_" + d] = float(dep == d)
    x["listed_untagged"] = float(person.key in listed and x["person_any_mention"] == 0.0 and n >= 2)
    x["one_word_no_person"] = float(n == 1 and x["person_any_mention"] == 0.0)
    x["one_word_office"] = float(n == 1 and x["office"] == 1.0)
    if english:
        known = [t.lower_ in english or t.lemma_.lower() in english for t in words]
        share = sum(known) / len(known) if known else 0.0
        x["english_share"] = share
        x["english_all"] = float(bool(known) and all(known))
    x["unsupported"] = float(all(m.start in unsupported for m in mentions))
    return x


def lower_words(doc: Doc) -> frozenset[str]:
    """Words the article uses in lower case (common words, not names)."""
    return frozenset(t.text for t in doc if t.is_alpha and t.is_lower and len(t.text) > 2)


@dataclass(frozen=True, slots=True)
class NameModel:
    weights: dict[str, float]
    threshold: float

    def probability(self, x: dict[str, float]) -> float:
        z = sum(self.weights.get(k, 0.0) * v for k, v in x.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, x: dict[str, float]) -> bool:
        return self.probability(x) >= self.threshold

    @classmethod
    def load(cls) -> NameModel | None:
        path = resources.files("parleys.data").joinpath(WEIGHTS_FILE)
        if not path.is_file():
            return None
        raw = json.loads(path.read_text("utf-8"))
        return cls(
            weights={k: float(v) for k, v in raw["weights"].items()}, threshold=float(raw["threshold"])
        )


@Language.factory(
    "parleys_name_check_v1",
    requires=["doc._.person_clusters", "doc._.mentions", "doc._.titles"],
    assigns=["doc._.person_clusters", "doc._.mentions"],
)
def make_name_check(nlp: Language, name: str) -> NameCheck:
    register_clusters()
    return NameCheck(nlp)


class NameCheck:
    """Keeps the proposed persons (``doc._.person_clusters``) that the learned check takes for
    persons, and their mentions. ``collect``: keep every proposed person's name and features in
    ``doc.user_data[NAME_DECISIONS_KEY]`` (training); ``names``: the model (None: no check, and
    persons that only their capitals propose are dropped)."""

    def __init__(self, nlp: Language) -> None:
        self.names = NameModel.load()
        self.english = english_words(nlp, ("noun", "adj", "verb", "adv"))  # a name's words are rarely these
        self.collect = False

    def __call__(self, doc: Doc) -> Doc:
        persons: list[Person] = doc._.get(CLUSTERS) or []
        mentions: list[Mention] = doc._.mentions or []
        if self.names is not None or self.collect:
            unsupported = {m.start for m in mentions if not m.supported}
            persons, mentions = self._names_only(doc, persons, mentions, doc._.titles or [], unsupported)
        else:  # no check to decide them
            persons = [p for p in persons if any(m.supported for m in p.mentions)]
            keys = {p.key for p in persons}
            mentions = [m for m in mentions if m.supported and m.person in keys]
        doc._.mentions = mentions
        doc._.set(CLUSTERS, persons)
        return doc

    def _names_only(
        self,
        doc: Doc,
        persons: list[Person],
        mentions: list[Mention],
        heads: list[TitleHead],
        unsupported: set[int],
    ):
        """The proposed persons that the learned check takes for persons, and their mentions.
        ``unsupported``: the starts of full names that neither an office, the statistical model's
        PERSON tag, a list of persons nor a short form elsewhere support; the check decides them
        (a name the model tags ORG with no title beside it: "... and Mayra Doe (Chile)")."""
        honorific = {i for h in heads if h.base == "honorific" for i in range(h.start, h.end)}
        words = lower_words(doc)
        ordered = sorted(mentions, key=lambda m: m.start)
        listed: set[str] = set()
        for a, b in zip(ordered, ordered[1:], strict=False):
            if a.person != b.person and listed_beside(doc, a, b, honorific):
                listed.update((a.person or "", b.person or ""))
        table = [
            (
                p,
                person_features(
                    doc, p, honorific, words, listed, english=self.english, unsupported=unsupported
                ),
            )
            for p in persons
        ]
        if self.collect:
            doc.user_data[NAME_DECISIONS_KEY] = [(clean_name(p.best.text), x) for p, x in table]
        if self.names is None:
            return persons, mentions
        kept = [p for p, x in table if (self.names.keep(x) or _titled_surname(x)) and not _placed(doc, p)]
        keys = {p.key for p in kept}
        return kept, [m for m in mentions if m.person in keys]


def _titled_surname(x: dict[str, float]) -> bool:
    """A one-word name that holds an office and that the statistical model tags a person throughout:
    "President Doe", "Queen Ilse". The learned weights count against one-word names with an office
    (the words of a body's name: "Minister of Home Affairs" -> "Home"), and a linear model cannot
    weigh the tag only where both hold; over the dev and train articles 18 of the 19 such names
    are gold persons, 3 of the 18 below the model's threshold."""
    return x["tokens_1"] == 1.0 and x["office"] == 1.0 and x["ent_PERSON"] == 1.0


def _placed(doc: Doc, person: Person) -> bool:
    """Whether every mention of a proposed person follows "in" or "at" and none is a person to the
    statistical model: "received in Ain Tala, the Ambassador ..." names a place, not a person
    ("at Jo Doe's invitation" is a possessive, and tagged)."""
    for m in person.mentions:
        if m.start == 0 or doc[m.start - 1].lower_ not in ("in", "at"):
            return False
        if any(t.ent_type_ == "PERSON" for t in doc[m.start : m.end]):
            return False
        if m.end < len(doc) and doc[m.end].text in ("'s", "’s"):
            return False
    return True
