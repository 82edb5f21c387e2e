"""The words a Matcher pattern needs, which let the organization tagger skip its Matcher."""

from parleys.extract.organizations import required_words


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
