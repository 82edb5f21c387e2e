"""The model's lemmatizer, remembered per word form, part of speech and morphology.

spaCy's rule lemmatizer walks the tokens in Python, and for each one that its cache misses (every
word it finds to be a base form: the cache keeps only inflected ones) reads the morphology into a
dictionary again; on news text it costs a third as much as the parser. Its answer depends on the
token's text, part of speech and morphology alone (the lookup tables do not change), so
:class:`RememberedLemmas` keeps one lemma per distinct (form, part of speech, morphology), asks the
lemmatizer itself for each new one, and writes a doc's lemmas in one array.

:func:`speed_up` puts it in place of the lemmatizer's ``pipe`` (what ``nlp.pipe`` runs) on that
one object; ``nlp(text)`` still runs the lemmatizer's own ``__call__``, with the same lemmas. The
tests compare both on the seeds, and the records of seeds, dev and train are the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.tokens import Doc

MEMO_LIMIT = 200_000  # distinct (form, part of speech, morphology) remembered; then it starts again
PURE_MODES = frozenset({"rule", "lookup"})  # modes whose lemma depends on the token alone


class RememberedLemmas:
    """What ``lemmatizer(doc)`` does to a doc (lemmas set where none is), remembered."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not self.lemmatizer._validated:
            self.lemmatizer._validate_tables(Errors.E1004)  # as its own __call__ does
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        strings = doc.vocab.strings
        memo = self._memo
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma:
                continue  # set by the attribute ruler: the lemmatizer does not overwrite it
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                if pos:  # with no part of speech the lemmatizer warns each time: not remembered
                    if len(memo) >= MEMO_LIMIT:
                        memo.clear()
                    memo[key] = found
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.astype(np.uint64).reshape(-1, 1))  # type: ignore[arg-type]
        return doc

    def pipe(self, docs: Iterable[Doc], **_: Any) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def speed_up(nlp: Any) -> bool:
    """Give the ``lemmatizer`` of ``nlp`` the remembered ``pipe``; False (nothing changed) when
    there is none, when it overwrites lemmas, or when its mode is not one whose lemma depends on
    the token alone."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) not in PURE_MODES or getattr(lemmatizer, "overwrite", True):
        return False
    lemmatizer.pipe = RememberedLemmas(lemmatizer).pipe
    return True
