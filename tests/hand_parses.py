"""Hand-built parses for the tests of structure rules: a ``Doc`` with the heads, labels, parts of
speech and lemmas a test gives, and a stand-in for a name mention."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from parleys.extract.extensions import register
from parleys.extract.gazetteer import Place


def parsed(words, heads, deps, pos, lemmas, tags=None, sent_starts=None, vocab=None) -> Doc:
    """A hand-built parse: ``heads`` are absolute token indices; no titles found in it. ``vocab``:
    that of the pipeline a test runs on it (default: a blank English one)."""
    register()
    doc = Doc(
        vocab or spacy.blank("en").vocab,
        words=words,
        heads=heads,
        deps=deps,
        pos=pos,
        lemmas=lemmas,
        tags=tags,
        sent_starts=sent_starts,
    )
    doc._.titles = []
    return doc


def mention(start: int, end: int, person: str = "p"):
    """A name mention of ``person`` over tokens ``start``-``end``, with no office."""
    return type("M", (), {"start": start, "end": end, "person": person, "office": None})()


def real_parse_with(nlp, text: str, names: dict, places: dict[str, tuple[str, str]]):
    """The pipeline's parse of ``text`` (``nlp``: the extractor's) with hand-made mentions and
    places on it: ``names`` word -> person key (``None``: a mention no person took), ``places``
    word -> (kind, country), each at the word's first occurrence. Returns (doc, mentions, places)."""
    doc = nlp(text)

    def span(word):
        at = text.index(word)
        return doc.char_span(at, at + len(word))

    mentions = [mention(span(w).start, span(w).end, key) for w, key in names.items()]
    found = [Place(span(w).start, span(w).end, kind, c, w) for w, (kind, c) in places.items()]
    return doc, mentions, found
