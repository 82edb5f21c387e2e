"""Sense rules of the topics component: a topic word in another sense, in an office's name or
outside the subject of the contact is no topic (blank English pipeline, invented names)."""

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
        # an office or a body whose name lists fields
        ("He served as minister of transport and minister of agriculture, and praised the cooperation.", []),
        ("The guests met members of the Oil and Gas, Agriculture and Natural Resources Committees.", []),
        ("The committee on education, science and culture of the senate discussed the agenda.", []),
        # a verb ends the office's name: the field after it is the subject
        ("The Minister of Foreign Affairs discussed trade cooperation.", ["trade_economy"]),
        ("The Agriculture Committee discussed cooperation in tourism.", ["tourism"]),
    ],
)
def test_extract_topics_office_names_are_not_topics(nlp, text, expected):
    assert topics(nlp, text) == expected


def test_extract_topics_bracketed_party_label_is_not_a_topic(nlp):
    text = "They will meet Prime Minister Anna Virtanen (Reform) to discuss cooperation."
    assert topics(nlp, text) == []
    assert topics(nlp, "They will discuss cooperation on the reform of the judiciary.") == [
        "reforms_lawmaking"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He wished the president good health and success in strengthening cooperation.", []),
        ("She conveyed prayers for the recovery and health of the king, and praised the ties.", []),
        ("They discussed cooperation in health.", ["health"]),
        (
            "The meeting was held online due to the COVID-19 pandemic; they discussed trade cooperation.",
            ["trade_economy"],
        ),
        ("The sides discussed joint efforts against the pandemic.", ["health"]),
        ("They discussed cooperation to invest in joint projects.", ["investment_finance"]),
        ("They discussed cooperation in transit and logistics.", ["transport_logistics"]),
        ("They discussed cooperation and hoped for a peaceful presidential election.", []),
        ("They discussed cooperation for a peaceful settlement of the conflict.", ["security"]),
        ("Both countries are constitutional monarchies with close cooperation.", []),
        ("They discussed cooperation on constitutional reform.", ["reforms_lawmaking"]),
        ("He met the head of the Constitutional Court to discuss cooperation.", []),
    ],
)
def test_extract_topics_other_senses_of_topic_words(nlp, text, expected):
    assert topics(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Speaker of the Storting received the Marshal of the Sejm in Oslo.", ["interparliamentary"]),
        (
            "The country's top legislator held talks with the Ruritanian Parliament Speaker.",
            ["interparliamentary"],
        ),
        ("A delegation of Ruritanian MPs arrived in the capital on Monday.", ["interparliamentary"]),
        # the same body on both sides, or a contact with no legislature after the verb
        ("The Senate receives the new ambassador: the Senate President welcomed her.", []),
        ("The Speaker of Parliament received the ambassador of Ruritania.", []),
        # a legislature's building is no second legislature
        ("The Speaker received the ambassadors at the Parliament Complex today.", []),
    ],
)
def test_extract_topics_contact_between_legislatures_is_interparliamentary(nlp, text, expected):
    assert topics(nlp, text) == expected


def test_extract_topics_legislature_contact_counts_only_in_the_lead(nlp):
    lead = "The ministers met in the capital. They discussed the weather. It rained. The talks ended.\n"
    late = "Later the Speaker of the Storting received the Marshal of the Sejm."
    assert topics(nlp, late) == ["interparliamentary"]
    assert topics(nlp, lead + late) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The delegation included Ann Roe (Chief Whip, Economic Freedom Party) and praised the ties.", []),
        (
            "The sides discussed cooperation in the tourism and fisheries industry.",
            ["tourism", "agriculture_food"],
        ),
        ("The construction of the new hall was funded by a grant, and the cooperation was praised.", []),
        ("He met students there and praised the cooperation.", []),
        ("They discussed cooperation between schools.", ["education_science"]),
        ("The sides exchanged views on the COVID-19 pandemic.", ["health"]),
        (
            "Facing the challenge of the COVID-19 pandemic, they discussed trade cooperation.",
            ["trade_economy"],
        ),
    ],
)
def test_extract_topics_labels_sectors_and_audiences(nlp, text, expected):
    assert topics(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They discussed cooperation and the need for Muslim nations to act together.", []),
        ("They discussed cooperation with the Muslim community of the region.", ["religion_interfaith"]),
        ("He wished them a fruitful visit and invited them to visit the tourist sites.", []),
        ("They discussed cooperation in tourism.", ["tourism"]),
        ("He praised the cooperation of Ruritanian Airlines with local firms.", []),
        ("A Speaker-led delegation from Ruritania arrived on Monday.", ["interparliamentary"]),
        (
            "The delegation will learn from their counterparts in the Ruritanian parliament.",
            ["interparliamentary"],
        ),
    ],
)
def test_extract_topics_populations_sightseeing_and_company_names(nlp, text, expected):
    assert topics(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Food security along with energy will be discussed by the leaders.", ["agriculture_food", "energy"]),
        ("The young nation is vibrant with energy, and they discussed the ties.", []),
        ("They discussed biofuels and the situation on the border.", ["energy", "security"]),
        ("They discussed green growth.", ["water_environment"]),
    ],
)
def test_extract_topics_general_knowledge_words_and_idioms(nlp, text, expected):
    assert topics(nlp, text) == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the object of "invest" in the parse: effort, time or energy is no capital
        ("The ambassador will invest his efforts in strengthening bilateral relations.", []),
        ("The minister said he would invest more time and energy in the talks on cooperation.", []),
        (
            "They discussed cooperation and agreed to invest their capital in joint factories.",
            ["investment_finance"],
        ),
        # "in transit" qualifying a clause is a traveller's stop; qualifying a noun, goods on their way
        ("While in transit in the capital, he discussed cooperation with the minister.", []),
        ("The Speaker, in transit through the port city, discussed cooperation with the mayor.", []),
        (
            "They discussed cooperation on the handling of goods in transit between the two ports.",
            ["transport_logistics"],
        ),
    ],
)
def test_extract_topics_senses_read_from_the_parse(extractor, text, expected):
    codes = [t.code for t in extractor.nlp(text)._.topics]
    assert [c for c in codes if c in ("investment_finance", "transport_logistics")] == expected


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They discussed the welfare of Indonesian workers in the region.", True),
        ("The ministers addressed matters concerning Peruvian nationals residing in the country.", True),
        ("They discussed cooperation and the situation of citizens living abroad.", True),
        ("They discussed cooperation with the workers' union of the port.", False),
        ("They discussed cooperation in the energy sector with Moldovan officials.", False),
    ],
)
def test_extract_topics_senses_migration_of_workers_and_nationals(extractor, text, expected):
    codes = [t.code for t in extractor.nlp(text)._.topics]
    assert ("migration" in codes) is expected
