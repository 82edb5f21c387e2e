"""The phrase table finds what spaCy's PhraseMatcher finds, in the same order; plain words are split
as the tokenizer splits them; parts built once per pipeline are shared. Invented names."""

from __future__ import annotations

import itertools

import pytest
import spacy
from spacy.matcher import PhraseMatcher

from parleys.extract.gazetteer import Gazetteer, _runs
from parleys.extract.lexicon_source import gazetteer_entries
from parleys.extract.organizations import OrganizationTagger
from parleys.extract.phrase_table import PhraseTable, PlainWords
from parleys.extract.shared import once
from parleys.extract.titles import TitleFinder
from parleys.extract.vocabulary import TitleVocabulary

PATTERNS = {
    "place|Velora": ["Velora", "VELORA"],
    "city|Velora": ["Velora"],  # one sequence, two keys: their order decides which is kept
    "region|North Velora": ["North Velora", "North-Velora"],
    "institution|Velora Assembly": ["Velora Assembly", "Velora's Assembly"],
    "abbr|VLA": ["VLA"],
    "empty|": [""],
    **{f"river|{i}": ["Tamsin River"] for i in range(12)},  # a hash map that grows as keys come
}
TEXTS = [
    "The Velora Assembly of North Velora met in VELORA and on the Tamsin River.",
    "vla velora north-velora North - Velora velora's assembly VLA",
    "Tamsin River Tamsin River Tamsin",
    "",
]


@pytest.mark.parametrize("lower", [True, False])
@pytest.mark.parametrize("text", TEXTS)
def test_the_table_finds_what_the_matcher_finds_in_its_order(lower: bool, text: str) -> None:
    nlp = spacy.blank("en")
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER" if lower else "ORTH")
    table = PhraseTable(lower=lower)
    for key, spellings in PATTERNS.items():
        docs = [nlp.make_doc(s) for s in spellings]
        matcher.add(key, docs)
        table.add(key, docs)
    table.finish(nlp.vocab)
    doc = nlp.make_doc(text)
    expected = [(nlp.vocab.strings[k], s, e) for k, s, e in matcher(doc)]
    assert table(doc) == expected


def test_plain_words_are_the_tokenizers_tokens() -> None:
    nlp = spacy.blank("en")
    plain = PlainWords(nlp.tokenizer)
    assert plain.usable
    assert plain.words("Veloria Tamsin", lower=True) == ["veloria", "tamsin"]
    assert plain.words("Veloria Tamsin", lower=False) == ["Veloria", "Tamsin"]
    # punctuation, special cases, other spaces: left to the tokenizer
    for text in (
        "St. Veloria",
        "Tamsin-Ville",
        "Veloria's",
        "cannot",
        "Veloria  Tamsin",
        " Tamsin",
        "A\tB",
        "",
    ):
        assert plain.words(text, lower=True) is None, text


def _gazetteer(nlp, tokenizer) -> list[PhraseTable]:
    g = Gazetteer(nlp.vocab, gazetteer_entries(None), nlp.make_doc, tokenizer)
    return [g._lower, g._exact]


def _titles(nlp, tokenizer) -> list[PhraseTable]:
    return [TitleFinder(nlp.vocab, TitleVocabulary.load(), nlp.make_doc, tokenizer=tokenizer).matcher]


def _organizations(nlp, tokenizer) -> list[PhraseTable]:
    if tokenizer is None:
        nlp.tokenizer = _OtherTokenizer(nlp.tokenizer)  # no spaCy Tokenizer: no plain words
    tagger = OrganizationTagger(nlp)
    return [tagger.names, tagger.acronyms]


class _OtherTokenizer:
    """A tokenizer that is no spaCy ``Tokenizer`` (the same tokens)."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        return self.tokenizer(text)


@pytest.mark.parametrize("build", [_gazetteer, _titles, _organizations])
def test_the_tables_are_the_same_with_and_without_plain_words(build) -> None:
    """The shipped spellings, heads and registry names split by :class:`PlainWords` give the
    tables the tokenizer gives."""
    by_tokenizer, plain = spacy.blank("en"), spacy.blank("en")
    for a, b in zip(build(by_tokenizer, None), build(plain, plain.tokenizer), strict=True):
        assert list(a._keys.items()) == list(b._keys.items())
        assert a._lengths == b._lengths


@pytest.mark.parametrize("text", ["new velora", "a  b", " a b ", "", "south new velora islands", "x"])
def test_runs_are_the_words_found_between_spaces(text: str) -> None:
    parts = text.split(" ")
    candidates = {" ".join(parts[i:j]) for i, j in itertools.combinations(range(len(parts) + 1), 2)}
    candidates |= {"", " ", "new", "velora islands", "a b", "w"}
    assert {w for w in candidates if f" {w} " in f" {text} "} == set(_runs(text)) & candidates


def test_parts_are_built_once_per_pipeline() -> None:
    first, second = spacy.blank("en"), spacy.blank("en")
    built: list[str] = []

    def build() -> str:
        built.append("x")
        return f"part {len(built)}"

    assert once(first, "k", build) == once(first, "k", build) == "part 1"
    assert once(second, "k", build) == "part 2"
    assert TitleFinder.shipped(first) is TitleFinder.shipped(first)
    assert TitleFinder.shipped(first) is not TitleFinder.shipped(second)
    assert OrganizationTagger.shared(first) is OrganizationTagger.shared(first)
    assert OrganizationTagger.shared(first, "other") is not OrganizationTagger.shared(first)
