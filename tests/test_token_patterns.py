"""Matcher patterns read for what they need: the words that must occur, the longest match, literal
first tokens, and the anchored Matcher that runs a pattern only around its rarest required word."""

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.matcher import Matcher
from spacy.tokens import Doc

from parleys.extract.token_patterns import AnchoredMatcher, literal_first, longest, required_words


def test_token_patterns_required_words_keeps_tokens_that_must_occur() -> None:
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


def test_token_patterns_required_words_none_for_optional_or_unlisted_tokens() -> None:
    assert required_words([{"LOWER": "the", "OP": "?"}, {"IS_TITLE": True}, {"ORTH": "-"}]) == []


def test_token_patterns_literal_first_splits_a_leading_in_list_into_literal_patterns() -> None:
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


def test_token_patterns_literal_first_finds_the_same_matches_as_the_in_list() -> None:
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


def test_token_patterns_longest_counts_bounded_operators() -> None:
    assert longest([{"LOWER": "a"}, {"LOWER": "b", "OP": "?"}]) == 2
    assert longest([{"IS_TITLE": True, "OP": "{1,6}"}, {"LOWER": "committee"}]) == 7
    assert longest([{"LOWER": "a", "OP": "{3}"}, {"LOWER": "b", "OP": "{,2}"}]) == 5
    # spaCy's "!" consumes the token it tests: "a x b" matches [a, !not, b]
    assert longest([{"LOWER": "a"}, {"LOWER": "not", "OP": "!"}, {"LOWER": "b"}]) == 3
    for unbounded in ("*", "+", "{2,}"):
        assert longest([{"LOWER": "a"}, {"IS_ALPHA": True, "OP": unbounded}]) is None


PATTERNS = {
    "between": [
        {"LOWER": "between"},
        {"IS_PUNCT": False, "LOWER": {"NOT_IN": ["and"]}, "OP": "{0,3}"},
        {"LOWER": {"IN": ["parliament", "senate"]}},
    ],
    "committee": [
        {"IS_TITLE": True, "OP": "{1,4}"},
        {"IS_TITLE": True, "LOWER": {"IN": ["committee", "commission"]}},
    ],
    "delegation": [{"LOWER": {"IN": ["delegation", "delegations"]}}, {"LOWER": "of"}, {"IS_TITLE": True}],
    "open": [{"LOWER": "talks"}, {"IS_ALPHA": True, "OP": "+"}, {"LOWER": "trade"}],
    "titles": [{"IS_TITLE": True}, {"IS_TITLE": True}],
    # a negated token takes up a token of the match: the window must reach it
    "not_and": [{"LOWER": "and", "OP": "!"}, {"LOWER": "trade"}, {"LOWER": "and", "OP": "!"}],
}
WORDS = ["between", "the", "Senate", "and", "parliament", "Budget", "Committee", "delegation", "of",
         "Norway", "talks", "on", "trade", ",", "Oslo", "commission", "Foreign"]  # fmt: skip


def _matchers(vocab):
    plain, anchored = Matcher(vocab), AnchoredMatcher(vocab)
    for key, pattern in PATTERNS.items():
        plain.add(key, [pattern])
        anchored.add(key, pattern)
    return plain, anchored


def test_token_patterns_anchored_matcher_finds_the_plain_matches() -> None:
    nlp = spacy.blank("en")
    plain, anchored = _matchers(nlp.vocab)
    doc = nlp(
        "Talks between the Senate and the national parliament opened. The Joint Budget Committee met a "
        "delegation of Norway for talks on energy and trade, and the Foreign Affairs Commission too."
    )
    found = sorted(anchored(doc))
    assert found == sorted(plain(doc))
    texts = {(nlp.vocab.strings[k], doc[s:e].text) for k, s, e in found}
    assert ("between", "between the Senate and the national parliament") not in texts  # "and" stops it
    assert ("committee", "Joint Budget Committee") in texts
    assert ("delegation", "delegation of Norway") in texts
    assert ("open", "talks on energy and trade") in texts
    assert len(found) == len(set(found))


def test_token_patterns_anchored_matcher_keeps_matches_of_the_longest_span() -> None:
    nlp = spacy.blank("en")
    plain, anchored = _matchers(nlp.vocab)
    # five tokens before the anchor and after it: the windows reach exactly that far
    doc = nlp("Upper Joint Senate Budget Committee met between the two national parliament")
    found = sorted(anchored(doc))
    assert found == sorted(plain(doc))
    texts = {doc[s:e].text for _, s, e in found}
    assert {"Upper Joint Senate Budget Committee", "between the two national parliament"} <= texts


def test_token_patterns_anchored_matcher_keeps_the_tokens_a_negated_token_takes_up() -> None:
    nlp = spacy.blank("en")
    plain, anchored = _matchers(nlp.vocab)
    doc = Doc(nlp.vocab, words=["talks", "on", "trade", "ended"])
    key = nlp.vocab.strings["not_and"]
    assert [m for m in anchored(doc) if m[0] == key] == [(key, 1, 4)]  # "on trade ended"
    assert sorted(anchored(doc)) == sorted(plain(doc))


def _recording(anchored: AnchoredMatcher) -> list[tuple[str, int, int]]:
    """Wrap each pattern's Matcher so that the (key, start, end) of every text it runs on is kept."""
    runs: list[tuple[str, int, int]] = []

    def wrap(matcher, key):
        def run(doclike):
            start = doclike.start if isinstance(doclike, spacy.tokens.Span) else 0
            runs.append((key, start, start + len(doclike)))
            return matcher(doclike)

        return run

    anchored._patterns = [
        (wrap(m, key), need, span) for (m, need, span), key in zip(anchored._patterns, PATTERNS, strict=True)
    ]
    return runs


def test_token_patterns_anchored_matcher_skips_a_text_without_a_required_word() -> None:
    nlp = spacy.blank("en")
    _, anchored = _matchers(nlp.vocab)
    runs = _recording(anchored)
    doc = nlp("the weather was mild in spring")
    assert anchored(doc) == []
    assert len(anchored) == len(PATTERNS)
    # only the pattern that requires no word runs, over the whole text
    assert runs == [("titles", 0, len(doc))]


def test_token_patterns_anchored_matcher_runs_a_pattern_only_around_its_rarest_word() -> None:
    nlp = spacy.blank("en")
    _, anchored = _matchers(nlp.vocab)
    runs = _recording(anchored)
    words = ["of"] * 5 + ["delegation"] + ["x"] * 10 + ["talks", "on", "trade"]
    doc = Doc(nlp.vocab, words=words)
    anchored(doc)
    # "delegation" (once) anchors its pattern of three tokens: two tokens either side of it
    assert [r for r in runs if r[0] == "delegation"] == [("delegation", 3, 8)]
    # "talks ... trade" may run any length: the whole text
    assert [r for r in runs if r[0] == "open"] == [("open", 0, len(doc))]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40))
def test_token_patterns_anchored_matcher_equals_the_plain_matcher_on_any_text(words: list[str]) -> None:
    nlp = _BLANK
    plain, anchored = _ANCHORED
    doc = Doc(nlp.vocab, words=words)
    assert sorted(anchored(doc)) == sorted(plain(doc))


_BLANK = spacy.blank("en")
_ANCHORED = _matchers(_BLANK.vocab)
