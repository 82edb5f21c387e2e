"""General sense rules of the topics component, each with a near miss that keeps the topic
(blank English pipeline, invented names)."""

from __future__ import annotations

import pytest
import spacy

from parleys.extract import extensions
from parleys.extract import topics as _topics  # noqa: F401  (registers the factory)


@pytest.fixture(scope="module")
def nlp():
    extensions.register()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("parleys_topics_v1", name="parleys_topics")
    return nlp


def topics(nlp, text: str) -> list[str]:
    return [t.code for t in nlp(text)._.topics]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "legislative" before a word of relations: the legislatures' ties, not law-making
        ("The two speakers discussed legislative cooperation.", ["interparliamentary"]),
        ("They stressed the importance of the legislative interaction.", []),
        # law-making itself stays a reform
        ("They discussed cooperation on legislative drafting.", ["reforms_lawmaking"]),
        ("The sides discussed the legislative agenda of the session.", ["reforms_lawmaking"]),
    ],
)
def test_topics_legislative_relations_are_not_lawmaking(nlp, text, expected):
    assert topics(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a members' word in the name of a chamber inside a person's post names the post
        ("The visits follow invitations from the President of the Chamber of Deputies of Veloria.", []),
        ("The visits follow invitations from the Speaker of the House of Senators, Ana Morel.", []),
        # a delegation of the chamber, or its members' ties, are interparliamentary
        ("The visits of the Chamber of Deputies of Veloria strengthened the ties.", ["interparliamentary"]),
        ("They discussed contacts between deputies of the two chambers.", ["interparliamentary"]),
    ],
)
def test_topics_chamber_in_a_post_is_not_interparliamentary(nlp, text, expected):
    assert topics(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the title of a ruler is no interfaith subject
        (
            "He conveyed the greetings of the Custodian of the Two Holy Mosques and praised the ties.",
            [],
        ),
        ("The sides discussed the protection of churches and mosques.", ["religion_interfaith"]),
    ],
)
def test_topics_ruler_title_is_not_a_religious_subject(nlp, text, expected):
    assert topics(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # condemning or deploring something names it as a subject, like a concern
        ("The speakers condemned the violence against civilians.", ["security"]),
        ("We deplore the senseless violence in the border towns.", ["security"]),
        # an opportunity for a field names the field
        ("The fair is an opportunity for trade and tourism.", ["trade_economy", "tourism"]),
        # the same words without such a cue are background
        ("The violence broke out in March.", []),
        ("Trade was slow last year.", []),
    ],
)
def test_topics_condemnation_and_opportunity_are_cues(nlp, text, expected):
    assert topics(nlp, text) == expected
