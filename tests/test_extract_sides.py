"""Sides of a contact: the receiving and the visiting side, and the country each person's side gives.

The names here are invented for the tests; none comes from the gold files.
"""

from __future__ import annotations

from datetime import date

import pytest

from hand_parses import parsed
from parleys.documents import Article
from parleys.extract.gazetteer import Place
from parleys.extract.sides import HOST, VISITOR, Sides, trip_destinations

pytestmark = pytest.mark.model


def _countries(extractor, text: str) -> dict[str, str | None]:
    rec = extractor.extract(Article(id="t", source="test", text=text, published=date(2024, 3, 5)))
    return {p.name: p.country for p in rec.persons}


def test_sides_of_gives_the_country_of_the_persons_side_only_when_both_are_known():
    sides = Sides(side={"a": HOST, "b": VISITOR}, country={HOST: "GHA"})
    assert sides.of("a") == "GHA"
    assert sides.of("b") is None  # the visiting side has no country here
    assert sides.of("c") is None  # no side


def test_sides_host_and_companions_take_the_country_the_delegation_does_not_hold(extractor):
    # Canada is named most, but only as the visiting delegation's: the host who received it and the
    # senators who joined him ("the Chairman" stands for him) are of the other country (one with a
    # Senate too, so that the chamber's name leaves the owner open)
    got = _countries(
        extractor,
        "The Chairman of the Senate, Tomas Brevik, received a delegation of the Parliament of Canada "
        "led by Senator Odile Marchetti. The Chairman was joined by Senators Ranulf Okoye and Petra "
        "Vainio. Relations between Nigeria and Canada were discussed.",
    )
    assert got == {
        "Tomas Brevik": "NGA",
        "Odile Marchetti": "CAN",
        "Ranulf Okoye": "NGA",
        "Petra Vainio": "NGA",
    }


def test_sides_persons_met_during_a_visit_are_of_the_visited_country(extractor):
    # the visitor's own chamber is named, the hosts' is not: they are of where the visit goes
    got = _countries(
        extractor,
        "During her visit to Lisbon, the Speaker of the Seimas of Lithuania met Deputy Speaker Duarte "
        "Valmonte and MP Ines Carvalhosa. The Speaker of the Seimas thanked her hosts.",
    )
    assert got == {"Duarte Valmonte": "PRT", "Ines Carvalhosa": "PRT"}


def test_sides_a_traveller_and_his_companion_are_not_of_the_country_they_arrive_in(extractor):
    got = _countries(
        extractor,
        "Prime Minister Arlo Vendrick arrived in Nairobi on Monday. He was accompanied by Minister of "
        "Trade Sela Obunge. Kenyan President Mwangi Otieno welcomed the guests. Vendrick said Jamaica "
        "values its ties with Kenya.",
    )
    assert got == {"Arlo Vendrick": "JAM", "Sela Obunge": "JAM", "Mwangi Otieno": "KEN"}


def test_sides_the_host_of_a_named_delegation_is_not_of_the_delegations_country(extractor):
    got = _countries(
        extractor,
        "Speaker of the National Assembly Halim Rostami met the delegation of the Japanese Diet on "
        "Monday. Rostami said Pakistan and Japan are close friends. Japan and Pakistan signed a treaty "
        "in 1952. Japan is a partner.",
    )
    assert got == {"Halim Rostami": "PAK"}


def test_sides_staff_of_an_international_body_get_no_country_from_the_story(extractor):
    # the most named country (Kenya, the host) is no country of the body's own president
    got = _countries(
        extractor,
        "President of the Arab Parliament Khalid Mansouri addressed the conference in Nairobi. Kenya "
        "hosted the meeting, and Kenya welcomed the speakers.",
    )
    assert got == {"Khalid Mansouri": None}


def test_sides_two_subjects_of_talks_face_each_other_and_a_companion_shares_a_side(extractor):
    facing = _countries(
        extractor,
        "Estonian MP Lena Voss and MP Arvid Nyholm held talks on Monday. Estonia and Finland share a "
        "border. Estonia wants more trade, and Estonia supports Finland.",
    )
    assert facing == {"Lena Voss": "EST", "Arvid Nyholm": "FIN"}
    # Finland is named most, but the companion of the Estonian MP is on her side
    together = _countries(
        extractor,
        "Estonian MP Lena Voss was accompanied by MP Arvid Nyholm on Monday. Estonia and Finland share "
        "a border. Finland wants more trade, and Finland supports Estonia.",
    )
    assert together == {"Lena Voss": "EST", "Arvid Nyholm": "EST"}


def test_sides_an_unnamed_counterparts_office_is_not_the_hosts(extractor):
    # "the Speaker of the Parliament of Australia" is the guest the host received, not the host
    got = _countries(
        extractor,
        "Speaker Amos Kiprono received the Speaker of the Parliament of Australia in Nairobi. Kiprono "
        "said Kenya values its ties with Australia.",
    )
    assert got == {"Amos Kiprono": "KEN"}


def test_sides_those_accompanying_a_visitor_share_the_visitors_side(extractor):
    # the inverted "Accompanying X were A and B": the companions are visitors, not of the host country
    got = _countries(
        extractor,
        "Speaker Arn Holbeck of Canada conducted an official visit to the United Kingdom. Accompanying "
        "the Speaker were Kenzie Marlowe, Chief of Staff, and Edda Pruitt, Chief of Protocol. The "
        "United Kingdom and the United Kingdom's parliament hosted them.",
    )
    assert got == {"Arn Holbeck": "CAN", "Kenzie Marlowe": "CAN", "Edda Pruitt": "CAN"}


def test_sides_a_plural_office_a_country_qualifies_gives_its_country_to_the_list_after_it(extractor):
    # each roster runs to the next qualified plural office; the second country is named more often
    got = _countries(
        extractor,
        "The 9th Kenya-Ghana Ministerial Forum was held on 4 March 2024. Participating Kenyan Ministers "
        "included the Hon Odile Marchetti, Minister for Defence, and the Hon Ranulf Okoye, Minister for "
        "Lands. Participating Ghanaian Ministers included the Hon Petra Vainio, Minister for Police, and "
        "the Hon Tomas Brevik, Minister for Trade. Ghana and Ghana's partners welcomed the talks in Ghana.",
    )
    assert got == {
        "Odile Marchetti": "KEN",
        "Ranulf Okoye": "KEN",
        "Petra Vainio": "GHA",
        "Tomas Brevik": "GHA",
    }


def test_sides_staff_of_an_international_body_take_no_country_from_its_name_or_posting(extractor):
    got = _countries(
        extractor,
        "UN Representative in Ghana Hanna Selby and the Secretary General of the Organization of "
        "American States, Paulo Venner, met the Speaker of the Parliament of Ghana, Tomas Brevik, in "
        "Accra on Monday.",
    )
    assert got == {"Hanna Selby": None, "Paulo Venner": None, "Tomas Brevik": "GHA"}


def test_sides_a_city_of_another_occasion_or_of_prose_with_a_date_is_not_where_the_story_is(extractor):
    # the line opens with prose that holds a date, and the city is where a future event goes: neither
    # a dateline nor the lead's place, so the ministers are not of that country
    got = _countries(
        extractor,
        "Foreign Minister Felix Sola joined President Alberto Ferraz in his meeting with Assistant "
        "Secretary Michael Kozar. The official invited the Argentine government to an event on oil to "
        "be held on 17 December in Washington.",
    )
    assert got["Felix Sola"] != "USA" and got["Alberto Ferraz"] != "USA"
    # their own government is the one named: "the Argentine government"
    assert (got["Felix Sola"], got["Alberto Ferraz"]) == ("ARG", "ARG")


def test_sides_the_subject_of_talks_held_with_a_person_faces_that_person(extractor):
    # "held talks with Y": the contact noun's verb gives its subject the other side, so the most
    # named country, Y's own, is not the subject's guess
    got = _countries(
        extractor,
        "Speaker Maren Tolvik held talks on Monday with Colin Ashdown, Prime Minister of Australia. "
        "Australia and Australia's people welcomed it. The United States was also mentioned.",
    )
    assert got == {"Maren Tolvik": "USA", "Colin Ashdown": "AUS"}


def test_sides_a_counterpart_faces_the_person_the_possessive_points_back_to(extractor):
    # "A and his Ghanaian counterpart, B": B is Ghanaian by the country word, and A, listed beside
    # B, faces B, so A is not Ghanaian although Ghana is named most
    got = _countries(
        extractor,
        "The signing was witnessed by President Jonah Mbeki and his Ghanaian counterpart, President "
        "Kofi Asamoah. Ghana and Zambia signed ten agreements. Ghana's minister spoke.",
    )
    assert got == {"Jonah Mbeki": "ZMB", "Kofi Asamoah": "GHA"}


def test_sides_counterpart_countries_reads_the_country_word_before_counterpart_only():
    import spacy

    from parleys.extract.coreference import Mention
    from parleys.extract.gazetteer import Place
    from parleys.extract.sides import counterpart_countries

    doc = spacy.blank("en")("Minister Ola Brandt called his Turkish counterpart Kerem Aydinlar .")
    places = [Place(5, 6, "demonym", "TUR", "Turkey")]
    first, second = _mention(Mention, 1, 3, "p0"), _mention(Mention, 7, 9, "p1")
    assert counterpart_countries(doc, [first, second], places) == {"p1": (5, "TUR")}
    doc = spacy.blank("en")("Minister Ola Brandt called the Turkish minister Kerem Aydinlar .")
    assert counterpart_countries(doc, [first, second], places) == {}


def _mention(cls, start: int, end: int, person: str):
    return cls(start=start, end=end, tokens=[], text="", person=person)


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan delegation included Senator Amos Wako and MP Jane Otieno. They met officials in "
        "Tehran. Iran and Iran's parliament hosted them.",
        "Senator Amos Wako and MP Jane Otieno joined the delegation of Kenya. Iran and Iran's parliament "
        "hosted them in Tehran.",
        "Speaker Reza Tavakoli hosted the guests in Tehran. Also joining the Kenyan delegation are "
        "Senator Amos Wako, who chairs the Committee on Trade; MP Jane Otieno, who chairs the Committee on "
        "Health. Iran and Iran's parliament hosted them.",
    ],
)
def test_sides_members_of_a_delegation_a_country_qualifies_take_its_country(extractor, text):
    got = _countries(extractor, text)
    assert got["Amos Wako"] == "KEN" and got["Jane Otieno"] == "KEN"


def test_sides_party_members_reads_the_country_word_of_the_party_only(extractor):
    from parleys.extract.sides import party_members

    def members(text: str) -> dict[str, str]:
        doc = extractor.make_doc(Article(id="t", source="test", text=text, published=date(2024, 3, 5)))
        names = {m.person: m.text for m in doc._.mentions if m.person}
        got = party_members(doc, doc._.mentions, doc._.places)
        return {names[k]: country for k, (_, country) in got.items()}

    assert members("The Kenyan delegation included Senator Amos Wako. Kenya was named.") == {
        "Amos Wako": "KEN"
    }
    # a delegation no country word qualifies gives nothing, even where a country is named nearby
    assert members("The delegation included Senator Amos Wako. Kenya was named.") == {}


# the other side of a contact (sides.other_side): a guess that falls on a partner's stated country
CAPTION = (
    "President Tomas Brevik (left) and Speaker of the Japanese House of Representatives Haruki Tanabe at "
    "the talks on Monday.\nThe leader applauded Japan's continued support for Norway's development. He "
    "called on Japan's lower house to expand exchanges with Japan's partners. {tail}"
)
NORWAY_TAIL = (
    "Norway attaches importance to its ties with Japan, he said, "
    "and Norway hopes for more Japanese investment."
)
JAPAN_TAIL = "Japan remains a friend, he said, and Japan's investment grows."


def _doc(extractor, text: str):
    return extractor.make_doc(Article(id="t", source="test", text=text, published=date(2024, 3, 5)))


def _guessed(doc, name: str, country: str, confidence: float = 0.4):
    """The record of ``name`` with its country set back to a guess of ``confidence``."""
    from parleys.records import Evidence

    rec = next(r for r in doc._.persons if r.name == name)
    rec.country = country
    rec.evidence["country"] = Evidence(0, 0, "", confidence)
    return rec


def _other_side(doc, **kw) -> None:
    from parleys.extract.sides import other_side

    other_side(doc, doc._.persons, doc._.mentions, doc._.places, **kw)


def test_sides_a_guess_on_a_partners_stated_country_moves_to_the_other_country_named(extractor):
    # the President's country is only guessed (Japan, named most); the Speaker beside him is Japanese
    # by his office, and Norway is named about as often: the President is on the other side
    pipe = extractor.nlp.get_pipe("parleys_persons")
    text = CAPTION.format(tail=NORWAY_TAIL)
    try:
        pipe.two_sides = False
        assert _countries(extractor, text) == {"Tomas Brevik": "JPN", "Haruki Tanabe": "JPN"}
    finally:
        pipe.two_sides = True
    assert _countries(extractor, text) == {"Tomas Brevik": "NOR", "Haruki Tanabe": "JPN"}
    rec = next(r for r in _doc(extractor, text)._.persons if r.name == "Tomas Brevik")
    assert rec.evidence["country"].confidence == 0.43 and rec.evidence["country"].text == "Norway"


def test_sides_a_guess_stays_where_the_other_country_is_named_far_less(extractor):
    # Norway is named once against Japan's seven: nothing says the President is of Norway
    assert _countries(extractor, CAPTION.format(tail=JAPAN_TAIL)) == {
        "Tomas Brevik": "JPN",
        "Haruki Tanabe": "JPN",
    }


def test_sides_other_side_keeps_a_guess_the_person_travels_to_or_a_reading_of_the_text(extractor):
    doc = _doc(extractor, CAPTION.format(tail=NORWAY_TAIL))
    rec = _guessed(doc, "Tomas Brevik", "JPN")
    _other_side(doc, away={rec.key: {"NOR"}})  # "the President's visit to Norway": not his country
    assert rec.country == "JPN"
    _other_side(doc, departed={"NOR"})  # someone leaves for Norway: not the home country
    assert rec.country == "JPN"
    rec = _guessed(doc, "Tomas Brevik", "JPN", 0.45)  # the dateline's domestic rule read the text
    _other_side(doc)
    assert rec.country == "JPN"
    rec = _guessed(doc, "Tomas Brevik", "JPN")
    _other_side(doc)
    assert (rec.country, rec.evidence["country"].confidence) == ("NOR", 0.43)


def test_sides_other_side_keeps_a_guess_of_a_person_listed_with_the_partner(extractor):
    # a roster is one side: the Senator listed with the Japanese Speaker (neither of them first in
    # the list) is not moved to Norway
    text = (
        "The delegation included Senator Rolf Dahl, Senator Ilse Morrow and the Speaker of the Japanese "
        "House of Representatives Haruki Tanabe. " + NORWAY_TAIL + " Norway and Japan signed a plan."
    )
    doc = _doc(extractor, text)
    rec = _guessed(doc, "Ilse Morrow", "JPN")
    _other_side(doc)
    assert rec.country == "JPN"


@pytest.mark.parametrize(
    "text",
    [
        # a joint subject the parser splits: only the Senator's office stands between the names
        "Speaker of the Japanese House of Representatives Haruki Tanabe and Senator Ilse Morrow will be in "
        "Oslo next week. " + NORWAY_TAIL + " Norway and Japan signed a plan.",
        # a roster of names and offices after "met with", separated by semicolons
        "The guests met with Mr. Rolf Dahl, Senator; Ms. Ilse Morrow, Deputy Speaker; and Mr. Haruki "
        "Tanabe, Speaker of the Japanese House of Representatives. " + NORWAY_TAIL + " Norway and Japan met.",
    ],
)
def test_sides_other_side_keeps_a_guess_of_a_person_named_in_one_list_with_the_partner(extractor, text):
    doc = _doc(extractor, text)
    rec = _guessed(doc, "Ilse Morrow", "JPN")
    _other_side(doc, heads=doc._.titles)
    assert rec.country == "JPN"


def test_sides_other_side_moves_a_guess_of_the_partners_co_subject_of_talks(extractor):
    # two subjects of talks are the two sides, though only "and" stands between them
    text = (
        "Senator Ilse Morrow and Speaker of the Japanese House of Representatives Haruki Tanabe held talks "
        "in Oslo. " + NORWAY_TAIL + " Norway and Japan signed a plan."
    )
    doc = _doc(extractor, text)
    rec = _guessed(doc, "Ilse Morrow", "JPN")
    _other_side(doc, heads=doc._.titles)
    assert rec.country == "NOR"


def test_sides_other_side_collects_each_candidate_with_the_rules_choice(extractor):
    from parleys.extract.sides import SIDES_KEY

    doc = _doc(extractor, CAPTION.format(tail=NORWAY_TAIL))
    rec = _guessed(doc, "Tomas Brevik", "JPN")
    _other_side(doc, collect=True)
    (row,) = doc.user_data[SIDES_KEY]
    assert (row["key"], row["guess"], row["other"], row["rule"]) == (rec.key, "JPN", "NOR", True)
    assert row["features"]["rule"] == 1.0 and row["features"]["role_head_of_state"] == 1.0
    doc = _doc(extractor, CAPTION.format(tail=JAPAN_TAIL))
    _guessed(doc, "Tomas Brevik", "JPN")
    _other_side(doc, collect=True)
    (row,) = doc.user_data[SIDES_KEY]
    assert row["rule"] is False and row["features"]["rule"] == 0.0


def test_sides_side_features_compare_the_two_countries_outside_the_offices():
    from parleys.extract.sides import side_features

    x = side_features(
        guess="JPN",
        other="NOR",
        free={"JPN": 4, "NOR": 2},
        named={"JPN": 6, "NOR": 2},
        first={"JPN": 10, "NOR": 3},
        lead={"NOR"},
        role="speaker",
        partner_roles=["ambassador"],
        first_mention=0,
        partner_first=5,
        n_tokens=100,
    )
    assert x["ratio"] == 0.5 and x["rule"] == 1.0
    assert x["guess_office_share"] == pytest.approx(1 / 3) and x["other_office_share"] == 0.0
    assert x["other_first"] == 1.0 and x["other_lead"] == 1.0 and x["guess_lead"] == 0.0
    assert x["person_first"] == 1.0 and x["partner_ambassador"] == 1.0 and x["role_speaker"] == 1.0
    assert x["role_mp"] == 0.0


def test_sides_the_leader_named_in_a_participle_before_the_delegation_visits(extractor):
    # "Led by X, the delegation met Y": X leads the travelling party, so X is of the delegation's
    # country (named in "a delegation from the Parliament of Norway"), not of the hosts'
    got = _countries(
        extractor,
        "A delegation from the Parliament of Norway is in the country. Led by the Speaker Tor Lunde, the "
        "delegation met with the Speaker Kofi Mensah this morning in Parliament. The visit to Ghana "
        "strengthens ties with Ghana, and the Ghanaian MPs hosted them. A reception will be hosted by the "
        "Norwegian Ambassador Ola Berg.",
    )
    assert got["Tor Lunde"] == "NOR" and got["Kofi Mensah"] == "GHA"


def test_sides_party_countries_reads_a_country_owned_through_a_body_of_the_party(extractor):
    from parleys.extract.sides import party_countries

    def parties(text: str) -> set[str]:
        doc = _doc(extractor, text)
        return set(party_countries(doc, doc._.places))

    assert parties("A delegation from the congress of Norway arrived in Accra on Monday.") == {"NOR"}
    assert parties("The delegation of the Parliament of Norway arrived in Accra on Monday.") == {"NOR"}
    # a country of the place visited, or of a body no party noun governs, is not the party's
    assert parties("The delegation arrived in the capital of Norway on Monday.") == set()
    assert parties("The Speaker of the congress of Norway arrived in Accra on Monday.") == set()


def test_sides_other_side_takes_the_moved_persons_companions_and_colleagues_along(extractor):
    # the President moves to Norway; the minister who accompanies him and an official of his own
    # body, guessed Japanese like him but named apart from the Speaker, follow him; a person with
    # another guess or a body of their own stays
    text = CAPTION.format(tail=NORWAY_TAIL) + (
        " President Brevik was accompanied by Minister Ola Berg. The Deputy Chair Kari Lunde and Senator "
        "Rolf Dahl also attended."
    )
    doc = _doc(extractor, text)
    president = _guessed(doc, "Tomas Brevik", "JPN")
    companion = _guessed(doc, "Ola Berg", "JPN")
    colleague = _guessed(doc, "Kari Lunde", "JPN")
    other = _guessed(doc, "Rolf Dahl", "JPN")
    president.institution, colleague.institution, other.institution = "the Storting", "Storting", "Senate"
    _other_side(doc, heads=doc._.titles)
    assert (president.country, companion.country, colleague.country) == ("NOR", "NOR", "NOR")
    assert companion.evidence["country"].confidence == 0.43
    assert other.country == "JPN"


def test_sides_a_subject_pronoun_stands_for_the_last_person_named_as_a_subject(extractor):
    # "she also met ..." is the visiting Speaker's meeting, not that of the counterpart she met just
    # before: the Prime Minister and the President face the visitor and are of the visited country
    got = _countries(
        extractor,
        "The Speaker of the Seimas of Lithuania, Ona Vaitkute, is on an official visit to Ghana, where she "
        "met with her counterpart, the Speaker of the Parliament of Ghana, Kofi Mensah, on Monday. During "
        "the meeting, the two sides signed a memorandum. On Tuesday she also met with the Prime Minister, "
        "Ama Boateng, and the President, Yaw Owusu. Lithuania and Lithuania's parliament welcomed the visit.",
    )
    assert got == {"Ona Vaitkute": "LTU", "Kofi Mensah": "GHA", "Ama Boateng": "GHA", "Yaw Owusu": "GHA"}


def test_sides_a_name_joined_to_a_verb_or_a_pronoun_heads_no_list_with_it():
    import spacy
    from spacy.tokens import Doc

    from parleys.extract.sides import _conj_top

    vocab = spacy.blank("en").vocab

    def parsed(words, heads, deps, pos):
        return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos)

    # "Ola met Kari and Per": Per is listed with Kari
    doc = parsed(
        ["Ola", "met", "Kari", "and", "Per"],
        [1, 1, 1, 2, 2],
        ["nsubj", "ROOT", "dobj", "cc", "conj"],
        ["PROPN", "VERB", "PROPN", "CCONJ", "PROPN"],
    )
    assert _conj_top(doc[4]).i == 2
    # "Ola will meet Kari, and Per": the parser joined Per to the verb; Per heads its own list
    doc = parsed(
        ["Ola", "will", "meet", "Kari", ",", "and", "Per"],
        [2, 2, 2, 2, 2, 2, 2],
        ["nsubj", "aux", "ROOT", "dobj", "punct", "cc", "conj"],
        ["PROPN", "AUX", "VERB", "PROPN", "PUNCT", "CCONJ", "PROPN"],
    )
    assert _conj_top(doc[6]).i == 6
    # "he will be received by ..., the Minister Per": a name set beside a pronoun is not the pronoun
    doc = parsed(
        ["he", "the", "Minister", "Per"],
        [0, 2, 0, 2],
        ["ROOT", "det", "appos", "appos"],
        ["PRON", "DET", "PROPN", "PROPN"],
    )
    assert _conj_top(doc[2]).i == 2


def test_sides_senders_of_condolences_are_not_of_the_country_that_receives_them(extractor):
    # Chile is named most, as the country the earthquake strikes and the messages go to; the
    # senders are of the country that stands with it, and the addressee stays of Chile
    got = _countries(
        extractor,
        "President Tomas Brevik and Prime Minister Odile Marchetti expressed deep shock over the "
        "earthquake in Chile. In his message to President Ranulf Okoye, Brevik said the people and the "
        "government of Finland stand in solidarity with the people of Chile. Chile lost hundreds of "
        "lives. Rescue teams worked across Chile.",
    )
    assert got == {"Tomas Brevik": "FIN", "Odile Marchetti": "FIN", "Ranulf Okoye": "CHL"}


def test_sides_a_sender_without_a_stated_country_takes_the_one_not_addressed(extractor):
    # no clause names the sender's own country: the most named one the message does not go to
    got = _countries(
        extractor,
        "Foreign Minister Petra Vainio expressed condolences to the government and the people of Peru "
        "over the floods. Peru has asked for help. Peru and Peru's neighbours count the losses. "
        "Norway has sent two aircraft, and Norway will send more.",
    )
    assert got == {"Petra Vainio": "NOR"}


def test_sides_whoever_extends_a_welcome_to_a_delegation_hosts_it(extractor):
    got = _countries(
        extractor,
        "Speaker Halim Rostami extended a warm welcome to members of the Japanese Diet on Monday. "
        "Japan and Japan's parliament sent eight members. Rostami said Pakistan values its ties with "
        "Japan.",
    )
    assert got == {"Halim Rostami": "PAK"}


def test_sides_a_name_in_apposition_to_the_delegation_stands_for_the_visitors(extractor):
    # the parse reads "Led by the Speaker Rt. Hon. A, the delegation met ..." as A in apposition
    # to the delegation: A visits, the Speaker A meets receives
    got = _countries(
        extractor,
        "A delegation from the Parliament of Canada is in the country for a visit.\n\nRanulf Okoye, the "
        "six member delegation met with the Speaker Tomas Brevik this morning in Parliament before "
        "a lunch with other Ghanaian MPs. The Ghanaian MPs thanked the guests.",
    )
    assert got == {"Ranulf Okoye": "CAN", "Tomas Brevik": "GHA"}


def test_sides_whoever_lands_in_a_country_visits_it(extractor):
    # "landed in X" is a trip to X: the minister who lands with the stated visitor is of the
    # visitor's country, not the dateline's
    got = _countries(
        extractor,
        "APIA - Norway's Foreign Minister Kari Nordvik and Samoa's Prime Minister Losa Tuilagi signed "
        "a statement in Apia today.\nNordvik and Minister of Health Dr Ola Brekke landed in Samoa on "
        "Thursday night on the last leg of the trip. Norway and Samoa will work together, Norway said.",
    )
    assert got["Ola Brekke"] == "NOR"


def test_sides_a_recalled_trip_is_not_the_storys_destination():
    # "in my recent visit to London" (a trip recalled) against "a visit to London"
    for words, want in (
        (["in", "my", "recent", "visit", "to", "London"], {}),
        (["on", "a", "visit", "to", "London"], {"GBR": 4}),
    ):
        n = len(words)
        visit = words.index("visit")
        heads = [0] * n
        deps = ["dep"] * n
        heads[0], deps[0] = 0, "ROOT"
        heads[visit], deps[visit] = 0, "pobj"
        for i in range(1, visit):
            heads[i], deps[i] = visit, ("amod" if words[i] == "recent" else "det")
        heads[visit + 1], deps[visit + 1] = visit, "prep"
        heads[visit + 2], deps[visit + 2] = visit + 1, "pobj"
        doc = parsed(words, heads, deps, ["ADP"] + ["X"] * (n - 1), [w.lower() for w in words])
        place = Place(start=n - 1, end=n, kind="city", country="GBR", canonical="London")
        assert trip_destinations(doc, [place]) == want, words


def test_sides_whom_a_visiting_delegation_meets_hosts_it(extractor):
    # "the delegation will be involved in engagements, including a meeting with A": A receives the
    # visitors, so is of the country the visit goes to, though the visitors' country is named most
    got = _countries(
        extractor,
        "Canadian senators set for official visit to Guyana.\n\nAS Canada continues to strengthen "
        "relations with Guyana, one senator and three members of parliament from Canada will be here "
        "next week.\n\nThe delegation will be involved in several high-level engagements, including a "
        "meeting with the Prime Minister, Tomas Brevik, and meetings with several "
        "parliamentarians including Leader of the Opposition, Ranulf Okoye.\n\nThe Canadian "
        "delegates will also visit Canadian firms.",
    )
    assert got == {"Tomas Brevik": "GUY", "Ranulf Okoye": "GUY"}


def test_sides_persons_whose_greetings_a_visitor_conveys_are_of_the_visitors_country(extractor):
    got = _countries(
        extractor,
        "The Speaker of the Storting, Kari Nordvik, met Indonesian party chairwoman Sari Wulandari "
        "in Jakarta as part of her official visit to Indonesia.\n\nKari Nordvik conveyed regards from "
        "President Ola Brekke and Prime Minister Lars Tangen to the party leader, and thanked "
        "Wulandari for her contributions to Indonesia's ties with Norway. Indonesia is a partner.",
    )
    assert got["Kari Nordvik"] == "NOR"
    assert got["Ola Brekke"] == "NOR"
    assert got["Lars Tangen"] == "NOR"


def test_sides_whom_a_visitor_pays_a_courtesy_call_on_hosts_him(extractor):
    # "paid a courtesy call on A and B": both receive the visitor; the Speaker of the House is not
    # kept out of the host's country by the President of the Senate (the other chamber's seat)
    got = _countries(
        extractor,
        "Norwegian minister visits Kenya\nNorwegian Minister of Trade Ola Brekke visited Kenya on "
        "Monday to deepen ties between the two countries.\nOn Tuesday, Brekke also visited the "
        "Parliament in Nairobi.\nHe also paid a courtesy call on President of the Senate Tomas Brevik "
        "and Speaker of the House Petra Vainio.\nThe Speaker's Chair was gifted to Kenya by Norway in "
        "1968. Norway and Norway's firms invest in Kenya.",
    )
    assert got == {"Ola Brekke": "NOR", "Tomas Brevik": "KEN", "Petra Vainio": "KEN"}


def test_sides_a_journeys_later_leg_is_not_the_storys_destination():
    # "before she travelled to London" tells another leg; "she travelled to London" is the trip, and
    # so is "after she travelled to London" (the story happens there)
    for words, deps, heads, want in (
        (
            ["before", "she", "travelled", "to", "London"],
            ["mark", "nsubj", "ROOT", "prep", "pobj"],
            [2, 2, 2, 2, 3],
            {},
        ),
        (
            ["after", "she", "travelled", "to", "London"],
            ["mark", "nsubj", "ROOT", "prep", "pobj"],
            [2, 2, 2, 2, 3],
            {"GBR": 4},
        ),
        (["she", "travelled", "to", "London"], ["nsubj", "ROOT", "prep", "pobj"], [1, 1, 1, 2], {"GBR": 3}),
    ):
        pos = {
            "before": "SCONJ",
            "after": "SCONJ",
            "she": "PRON",
            "travelled": "VERB",
            "to": "ADP",
            "London": "PROPN",
        }
        lemmas = [{"travelled": "travel"}.get(w, w.lower()) for w in words]
        doc = parsed(words, heads, deps, [pos[w] for w in words], lemmas)
        n = len(words)
        place = Place(start=n - 1, end=n, kind="city", country="GBR", canonical="London")
        assert trip_destinations(doc, [place]) == want, words
