"""The words a Matcher pattern needs, which let the organization tagger skip its Matcher, and the
literal first tokens that make the Matcher cheaper (the topic tagger uses them too)."""

import spacy
from spacy.matcher import Matcher

from parleys.extract.organizations import literal_first, required_words


def test_organizations_required_words_keeps_tokens_that_must_occur() -> None:
    pattern = [
        {"LOWER": {"IN": ["inter", "parliamentary"]}, "OP": "*"},
        {"LOWER": {"IN": ["Forum", "summit"]}},
        {"LOWER": "of", "OP": "+"},
        {"LOWER": "the", "OP": "?"},
        {"LOWER": "central"},
        {"IS_TITLE": True},
        {"LOWER": {"NOT_IN": ["and"]}},
    ]
    need = [frozenset({"forum", "summit"}), frozenset({"of"}), frozenset({"central"})]
    assert required_words(pattern) == need


def test_organizations_required_words_none_for_optional_or_unlisted_tokens() -> None:
    assert required_words([{"LOWER": "the", "OP": "?"}, {"IS_TITLE": True}, {"ORTH": "-"}]) == []


def test_organizations_literal_first_splits_a_leading_in_list_into_literal_patterns() -> None:
    pattern = [{"LOWER": {"IN": ["committee", "commission", "committee"]}}, {"LOWER": "on"}]
    assert literal_first(pattern) == [
        [{"LOWER": "committee"}, {"LOWER": "on"}],
        [{"LOWER": "commission"}, {"LOWER": "on"}],
    ]
    # a first token with another key or an operator is kept whole
    for kept in (
        [{"LOWER": {"IN": ["a", "b"]}, "OP": "?"}, {"LOWER": "c"}],
        [{"LOWER": {"IN": ["a"]}, "IS_TITLE": True}],
        [{"LOWER": {"NOT_IN": ["a"]}}],
        [{"ENT_TYPE": "NORP"}],
    ):
        assert literal_first(kept) == [kept]


def test_organizations_literal_first_finds_the_same_matches_as_the_in_list() -> None:
    nlp = spacy.blank("en")
    doc = nlp("The Committee on Budget met the commission on trade and the COMMITTEE ON Health.")
    pattern = [{"LOWER": {"IN": ["committee", "commission"]}}, {"LOWER": "on"}, {"IS_TITLE": True}]
    whole, split = Matcher(nlp.vocab), Matcher(nlp.vocab)
    whole.add("x", [pattern])
    split.add("x", literal_first(pattern))
    assert sorted(split(doc)) == sorted(whole(doc))
    assert [doc[s:e].text for _, s, e in sorted(split(doc), key=lambda m: m[1])] == [
        "Committee on Budget",
        "COMMITTEE ON Health",
    ]
