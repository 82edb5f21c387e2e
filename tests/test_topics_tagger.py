"""The topics component on hand-built documents (blank English pipeline, no model)."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from parleys.extract import extensions
from parleys.extract import topics as _topics  # noqa: F401  (registers the factory)
from parleys.extract.coreference import Mention


@pytest.fixture(scope="module")
def nlp():
    extensions.register()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("parleys_topics_v1", name="parleys_topics")
    return nlp


def topics(nlp, text: str) -> list[str]:
    return [t.code for t in nlp(text)._.topics]


# (topic, a typical sentence naming it, a near miss that must not give it)
CASES = [
    (
        "interparliamentary",
        "The speakers discussed the development of inter-parliamentary ties and friendship groups.",
        "The speaker of parliament met the ambassador at the airport.",
    ),
    (
        "trade_economy",
        "The sides discussed expanding trade and economic cooperation.",
        "He briefed the guest on the political and economic reforms in the country.",
    ),
    (
        "investment_finance",
        "They noted the potential for investment in joint projects.",
        "He chaired the Committee on Finance and Budget.",
    ),
    (
        "transport_logistics",
        "The parties discussed cooperation in transport and logistics.",
        "The delegation arrived by plane at the airport.",
    ),
    (
        "energy",
        "Special attention was paid to cooperation in the energy sector.",
        "The young nation is full of energy, he said.",
    ),
    (
        "agriculture_food",
        "The sides agreed to expand cooperation in agriculture.",
        "The guests enjoyed the dinner.",
    ),
    (
        "water_environment",
        "They discussed the rational use of water resources and climate change.",
        "The ambassador praised the favourable business environment for investors abroad.",
    ),
    (
        "industry_digital",
        "The meeting focused on cooperation in digital technologies and industry.",
        "It was noted that the meeting went well.",
    ),
    (
        "culture_humanitarian",
        "The parties discussed cultural and humanitarian ties.",
        "The country sent humanitarian aid to the region.",
    ),
    (
        "education_science",
        "They agreed to boost cooperation in education and science.",
        "He graduated long ago.",
    ),
    (
        "health",
        "The sides discussed joint efforts in the fight against COVID-19 and healthcare.",
        "The Minister of Health attended the ceremony.",
    ),
    ("tourism", "The parties discussed the development of tourism.", "The delegation toured the old city."),
    (
        "security",
        "The leaders stressed the importance of ensuring peace and stability in the region.",
        "He chairs the Committee on International Affairs, Security and Defence.",
    ),
    (
        "security",
        "They discussed cooperation and North Korea's nuclear and missile programmes.",
        "The sides discussed cooperation in building a nuclear power plant.",
    ),
    (
        "reforms_lawmaking",
        "The speaker informed the guests about the political reforms and law-making activity.",
        "The legislative bodies of the two states were mentioned.",
    ),
    (
        "religion_interfaith",
        "The sides highlighted the importance of interfaith dialogue.",
        "They exchanged greetings.",
    ),
    (
        "emergency_aid",
        "She expressed condolences over the victims of the floods.",
        "The guest expressed condolences over the death of a senator.",
    ),
    ("migration", "They discussed labour migration issues.", "The guests moved to another hall."),
]


@pytest.mark.parametrize(("topic", "hit", "miss"), CASES, ids=[c[0] for c in CASES])
def test_topics_typical_phrase_triggers_topic(nlp, topic, hit, miss):
    assert topic in topics(nlp, hit)


@pytest.mark.parametrize(("topic", "hit", "miss"), CASES, ids=[c[0] for c in CASES])
def test_topics_near_miss_does_not_trigger_topic(nlp, topic, hit, miss):
    assert topic not in topics(nlp, miss)


def test_topics_evidence_is_the_supporting_sentence(nlp):
    text = (
        "The speaker met the ambassador in the capital.\n"
        "They discussed cooperation in agriculture. Tourism was also on the agenda."
    )
    doc = nlp(text)
    assert [t.code for t in doc._.topics] == ["agriculture_food", "tourism"]
    ev = doc._.topics[0].evidence
    assert ev.text == "They discussed cooperation in agriculture."
    assert text[ev.start : ev.end] == ev.text
    assert doc._.topics[1].evidence.text == "Tourism was also on the agenda."


def test_topics_plain_term_needs_a_cue_in_its_sentence(nlp):
    # "climate" and "security" alone are background; with "discussed" they are subjects of the talks
    assert topics(nlp, "The forum on climate and security will open on Monday.") == []
    assert topics(nlp, "They discussed climate and security.") == ["water_environment", "security"]


def test_topics_strong_phrase_needs_no_cue(nlp):
    assert topics(nlp, "Inter-parliamentary ties: a new chapter.") == ["interparliamentary"]


def test_topics_organization_names_are_not_topics(nlp):
    text = "The sides discussed the Collective Security Treaty Organization and the Eurasian Economic Union."
    assert topics(nlp, text) == []
    # an interparliamentary body still tells of interparliamentary contacts
    assert topics(nlp, "A delegation attended the Inter-Parliamentary Union assembly.") == [
        "interparliamentary"
    ]


def test_topics_page_clutter_is_ignored(nlp):
    text = (
        "The speaker met the ambassador.\nRelated news\nMinisters discussed tourism and energy cooperation."
    )
    assert topics(nlp, text) == []


def test_topics_acronyms_are_case_sensitive(nlp):
    assert topics(nlp, "They discussed cooperation in IT and AI.") == ["industry_digital"]
    assert topics(nlp, "They discussed it at length and agreed on cooperation.") == []


def test_topics_curly_apostrophe_phrases_match(nlp):
    assert topics(nlp, "The two countries\u2019 legislatures keep close contacts.") == ["interparliamentary"]


def test_topics_work_without_sentence_boundaries():
    extensions.register()
    bare = spacy.blank("en")
    bare.add_pipe("parleys_topics_v1", name="parleys_topics")
    text = "Talks in the capital\nThe sides discussed trade. Tourism too."
    doc = bare(text)
    assert [t.code for t in doc._.topics] == ["trade_economy", "tourism"]
    assert doc._.topics[0].evidence.text == "The sides discussed trade. Tourism too."


def test_topics_reuse_the_organization_spans_of_the_pipeline(nlp):
    from spacy.tokens import Span

    from parleys.extract.organizations import SPANS_KEY

    doc = nlp.make_doc("They discussed trade.")
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [t.code for t in doc._.topics] == ["trade_economy"]
    doc = nlp.make_doc("They discussed trade.")
    doc.spans[SPANS_KEY] = [Span(doc, 2, 3, label="X|name")]  # as if "trade" were an organization's name
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert doc._.topics == []


def test_topics_after_organizations_component_in_one_pipeline():
    extensions.register()
    both = spacy.blank("en")
    both.add_pipe("sentencizer")
    both.add_pipe("parleys_organizations_v1", name="parleys_organizations")
    both.add_pipe("parleys_topics_v1", name="parleys_topics")
    doc = both("The sides discussed security within the Collective Security Treaty Organization.")
    assert [o.code for o in doc._.organizations] == ["CSTO"]
    assert [s.text for s in doc.spans["parleys_organizations"]] == ["Collective Security Treaty Organization"]
    assert [t.code for t in doc._.topics] == ["security"]
    assert doc._.topics[0].evidence.text == doc.text


@pytest.mark.parametrize(
    "text",
    [
        "The speaker praised the exchanges between the Riksdag and the Storting.",
        "They welcomed the cooperation between the National Assembly and the Bundestag over the years.",
        "She received a delegation of the Hellenic Parliament led by its deputy speaker.",
        "The Storting delegation arrived on Monday.",
        "The sides discussed cooperation in the parliamentary field.",
    ],
)
def test_topics_two_legislatures_or_a_legislature_delegation_is_interparliamentary(nlp, text):
    assert topics(nlp, text) == ["interparliamentary"]


def test_topics_contact_between_governments_is_not_interparliamentary(nlp):
    assert topics(nlp, "A delegation of the Ministry met the ambassador between the two sessions.") == []


@pytest.fixture(scope="module")
def nlp_orgs():
    extensions.register()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("parleys_organizations_v1", name="parleys_organizations")
    nlp.add_pipe("parleys_topics_v1", name="parleys_topics")
    return nlp


def test_topics_session_of_a_parliamentary_body_is_interparliamentary(nlp_orgs):
    doc = nlp_orgs("The Pan-African Parliament opened its session in Midrand on Monday.")
    assert [t.code for t in doc._.topics] == ["interparliamentary"]
    assert doc._.topics[0].evidence.text.startswith("The Pan-African Parliament")


def test_topics_parliamentary_body_named_only_in_an_office_is_not_a_topic(nlp_orgs):
    doc = nlp_orgs("Letters came from the President of the European Parliament, Anna Ferrand.")
    assert [t.code for t in doc._.topics] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("They discussed the situation of Syrian refugees in the region.", ["migration"]),
        ("The ministers signed an agreement on visa-free travel.", ["migration"]),
        ("He met members of the diaspora in the capital.", []),
    ],
)
def test_topics_migration_words(nlp, text, expected):
    assert topics(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a topic word inside a name with a name's head word is part of the name
        ("The delegation of the Democratic Republic of the Congo discussed bilateral relations.", []),
        ("He briefed the National Security Council on bilateral relations.", []),
        # the same word outside a name is the topic
        ("The sides discussed cooperation on regional security.", ["security"]),
    ],
)
def test_topics_words_inside_proper_names_do_not_count(nlp, text, expected):
    assert topics(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # senses that are not the topic
        ("They discussed cooperation on food security and agriculture.", ["agriculture_food"]),
        ("The sides discussed the peaceful uses of outer space.", []),
        ("They discussed rights within the Exclusive Economic Zone.", []),
        ("He met the head of the committee on education, science and culture of the senate.", []),
        ("They discussed the business of the house and its agenda.", []),
        # the topic itself
        ("They discussed security cooperation.", ["security"]),
        ("The sides discussed cooperation between universities.", ["education_science"]),
    ],
)
def test_topics_sense_rules(nlp, text, expected):
    assert topics(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # elections, democracy and a legislature's oversight are reforms and law-making
        ("The two speakers discussed the organisation of free elections.", ["reforms_lawmaking"]),
        ("They stressed the importance of promoting democracy in the region.", ["reforms_lawmaking"]),
        ("The sides discussed strengthening the oversight role of the assembly.", ["reforms_lawmaking"]),
        ("He briefed the guests on the electoral code adopted last year.", ["reforms_lawmaking"]),
        # praise of a commitment is a cue like praise of cooperation
        ("The guest applauded the government's commitment to democracy.", ["reforms_lawmaking"]),
        # the words without a cue, a form of state, someone's supervision: no topic
        ("The elections were held in March.", []),
        ("He praised the country's long tradition of parliamentary democracy.", []),
        ("He noted that all the agreements reached are under his personal oversight.", []),
    ],
)
def test_topics_elections_democracy_and_oversight_are_reforms(nlp, text, expected):
    assert topics(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a humanitarian situation or crisis discussed is a humanitarian subject
        ("The sides discussed the humanitarian situation in the region.", ["culture_humanitarian"]),
        ("He drew attention to the severe humanitarian crisis on the island.", ["culture_humanitarian"]),
        # aid sent is emergency aid, not humanitarian ties
        ("They discussed humanitarian aid to the flood victims.", ["emergency_aid"]),
    ],
)
def test_topics_humanitarian_situation_is_a_humanitarian_subject(nlp, text, expected):
    assert topics(nlp, text) == expected


# general sense rules, each with a near miss that keeps the topic
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
        ("Such violence against the press is unacceptable.", ["security"]),
        # an opportunity for a field names the field
        ("The fair is an opportunity for trade and tourism.", ["trade_economy", "tourism"]),
        # the same words without such a cue are background
        ("The violence broke out in March.", []),
        ("Trade was slow last year.", []),
    ],
)
def test_topics_condemnation_and_opportunity_are_cues(nlp, text, expected):
    assert topics(nlp, text) == expected


def parsed(nlp, words, heads, deps, pos, lemmas):
    """A hand-parsed one-sentence document (heads as absolute token indices)."""
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)
    return nlp.get_pipe("parleys_topics")(doc)


def test_topics_what_unites_two_nations_is_no_subject(nlp):
    # "bound by ... cultural ties": the nearest preposition above "cultural" is "by" on "bind"
    words = ["The", "nations", "are", "bound", "by", "deep", "cultural", "ties", "."]
    heads = [1, 3, 3, 3, 3, 7, 7, 4, 3]
    deps = ["det", "nsubjpass", "auxpass", "ROOT", "prep", "amod", "amod", "pobj", "punct"]
    pos = ["DET", "NOUN", "AUX", "VERB", "ADP", "ADJ", "ADJ", "NOUN", "PUNCT"]
    lemmas = ["the", "nation", "be", "bind", "by", "deep", "cultural", "tie", "."]
    assert parsed(nlp, words, heads, deps, pos, lemmas)._.topics == []
    # the same ties as the object of a discussion are a subject
    words = ["The", "nations", "discussed", "deep", "cultural", "ties", "."]
    heads = [1, 2, 2, 5, 5, 2, 2]
    deps = ["det", "nsubj", "ROOT", "amod", "amod", "dobj", "punct"]
    pos = ["DET", "NOUN", "VERB", "ADJ", "ADJ", "NOUN", "PUNCT"]
    lemmas = ["the", "nation", "discuss", "deep", "cultural", "tie", "."]
    doc = parsed(nlp, words, heads, deps, pos, lemmas)
    assert [t.code for t in doc._.topics] == ["culture_humanitarian"]


def test_topics_word_in_a_person_name_is_no_topic(nlp):
    text = "They discussed cooperation with Speaker Omar Islam."
    assert topics(nlp, text) == ["religion_interfaith"]  # no persons component: the word counts
    doc = nlp.make_doc(text)
    for name in nlp.pipe_names:
        if name != "parleys_topics":
            doc = nlp.get_pipe(name)(doc)
    start = [t.text for t in doc].index("Omar")
    doc._.mentions = [Mention(start, start + 2, ["omar", "islam"], "Omar Islam")]
    assert nlp.get_pipe("parleys_topics")(doc)._.topics == []


@pytest.mark.parametrize(
    "text",
    [
        "They discussed official development assistance to the region.",
        "The leader applauded the continued ODA to the country.",
    ],
)
def test_topics_development_assistance_is_finance(nlp, text):
    assert topics(nlp, text) == ["investment_finance"]


def test_topics_students_met_are_the_audience(nlp):
    # "with" attaches the students to the discussion: the people met, not a subject
    words = ["They", "held", "a", "discussion", "with", "the", "rector", "and", "university", "students", "."]
    heads = [1, 1, 3, 1, 3, 6, 4, 6, 9, 6, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj", "cc", "compound", "conj", "punct"]
    pos = ["PRON", "VERB", "DET", "NOUN", "ADP", "DET", "NOUN", "CCONJ", "NOUN", "NOUN", "PUNCT"]
    lemmas = ["they", "hold", "a", "discussion", "with", "the", "rector", "and", "university", "student", "."]
    assert parsed(nlp, words, heads, deps, pos, lemmas)._.topics == []
    # "with" on cooperation: the universities are a field of cooperation
    words = ["They", "discussed", "cooperation", "with", "universities", "."]
    heads = [1, 1, 1, 2, 3, 1]
    deps = ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"]
    pos = ["PRON", "VERB", "NOUN", "ADP", "NOUN", "PUNCT"]
    lemmas = ["they", "discuss", "cooperation", "with", "university", "."]
    doc = parsed(nlp, words, heads, deps, pos, lemmas)
    assert [t.code for t in doc._.topics] == ["education_science"]


def test_topics_meeting_between_two_legislatures_is_interparliamentary(nlp):
    text = "The Chair of the National Assembly held a meeting with the President of the Senate of Veloria."
    assert topics(nlp, text) == ["interparliamentary"]
    assert topics(nlp, "The Chairperson of the National Assembly held a meeting with the ambassador.") == []
