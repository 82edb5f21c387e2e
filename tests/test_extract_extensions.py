"""The per-doc readings that the components share: the text, its line breaks, the tokens' lower-case
forms and lemmas, each computed once per doc."""

import spacy
from spacy.tokens import Doc

from parleys.extract.extensions import lemmas_of, line_breaks, lowers_of, text_of


def _doc(words: list[str], spaces: list[bool], lemmas: list[str] | None = None) -> Doc:
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, spaces=spaces, lemmas=lemmas)


def test_extensions_lowers_and_lemmas_are_the_tokens_own_in_lower_case() -> None:
    doc = _doc(
        ["The", "Speaker", "MET", "envoys"], [True, True, True, False], ["the", "Speaker", "MEET", "envoy"]
    )
    assert lowers_of(doc) == ("the", "speaker", "met", "envoys")
    assert lemmas_of(doc) == ("the", "speaker", "meet", "envoy")
    assert lowers_of(doc) is lowers_of(doc)  # read once, then shared


def test_extensions_lemmas_are_empty_without_a_lemmatizer() -> None:
    doc = _doc(["Talks", "ended"], [True, False])
    assert lemmas_of(doc) == ("", "")


def test_extensions_text_and_line_breaks_match_the_doc() -> None:
    doc = _doc(["Oslo", "\n", "The", "Speaker", "\n\n", "met"], [False, False, True, False, False, False])
    assert text_of(doc) == doc.text == "Oslo\nThe Speaker\n\nmet"
    assert line_breaks(doc) == [1, 4]
