"""Sense rules of the topics component: a topic word in another sense is no topic.

A rule (``senses`` of a topic in ``parleys/data/topics.json``) tells a topic word from its other
senses by its neighbours: "good health" in a wish is no health topic, "in transit" no transport,
"due to the pandemic" is the circumstance of a meeting, not its subject.
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc


class Sense:
    """One sense rule: the topic words ``words`` are not the topic right after one of the
    phrases ``after`` (up to ``gap`` tokens between; with ``clausal``, only where the phrase's
    last word, a preposition, qualifies a clause and not a noun in the parse: "while in transit",
    not "goods in transit"), right before one of ``before``, in a sentence that holds one of the
    words ``sentence``, with a direct object whose lemma is one of ``objects`` in the parse
    ("invest his efforts", not "invest their capital"), or inside a phrase that the parse attaches
    to one of the ``under`` pairs of a verb's lemma and a preposition ("bind by": "two nations
    bound by deep cultural ties" names what unites them, not a subject). A rule without ``words``
    holds for every topic word."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.words = frozenset(w.lower() for w in spec.get("words", ()))
        self.after = [tuple(p.lower().split()) for p in spec.get("after", ())]
        self.before = [tuple(p.lower().split()) for p in spec.get("before", ())]
        self.sentence = frozenset(w.lower() for w in spec.get("sentence", ()))
        self.objects = frozenset(w.lower() for w in spec.get("objects", ()))
        self.clausal = bool(spec.get("clausal", False))
        self.gap = int(spec.get("gap", 0))
        self.under = frozenset(tuple(p.lower().split()) for p in spec.get("under", ()))

    def rules_out(self, doc: Doc, start: int, end: int, sentence_words: set[str]) -> bool:
        if self.words and not self.words.intersection(t.lower_ for t in doc[start:end]):
            return False
        if self.sentence & sentence_words:
            return True
        if self.under and doc.has_annotation("DEP") and governed_by(doc[start], self.under):
            return True
        if self.objects and doc.has_annotation("DEP"):
            for tok in doc[start:end]:
                if any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.objects for c in tok.children):
                    return True
        for phrase in self.after:
            n = len(phrase)
            for gap in range(self.gap + 1):
                s = start - gap - n
                if s < 0:
                    break
                if any(t.is_punct for t in doc[start - gap : start]):
                    break
                if tuple(t.lower_ for t in doc[s : s + n]) == phrase and (
                    not self.clausal or qualifies_clause(doc[s + n - 1])
                ):
                    return True
        for phrase in self.before:
            n = len(phrase)
            if tuple(t.lower_ for t in doc[end : end + n]) == phrase:
                return True
        return False


def governed_by(tok: Any, pairs: frozenset[tuple[str, ...]]) -> bool:
    """The nearest preposition above ``tok`` in the parse, with the lemma of the word it attaches
    to, is one of ``pairs`` ((lemma, preposition)); a verb or a clause above the token, before any
    preposition, ends the search."""
    for anc in tok.ancestors:
        if anc.dep_ == "prep" or anc.pos_ == "ADP":
            return (anc.head.lemma_.lower(), anc.lower_) in pairs
        if anc.pos_ in ("VERB", "AUX") or anc.dep_ == "ROOT":
            return False
    return False


def qualifies_clause(prep: Any) -> bool:
    """The preposition attaches to a verb (or a subordinating word), not to a noun, in the parse."""
    if not prep.doc.has_annotation("DEP"):
        return False
    return prep.head.i != prep.i and prep.head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM")
