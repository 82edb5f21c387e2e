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
file every proposed person is kept.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc

from parleys.extract.coreference import Mention, Person
from parleys.records import ROLE_CLASSES

WEIGHTS_FILE = "person_name.json"
ENT_LABELS = ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT")
ROLES = (*ROLE_CLASSES, "counterpart")
LINK_WORDS = frozenset({"of", "for", "the", "on", "&"})  # inside a body's name: "Minister of Home Affairs"
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
        "first_line": float(doc[: best.start].text.count("\n") == 0),
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
