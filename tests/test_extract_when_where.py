"""When and where: dates and places tied to the event's own predicate, wherever the article gives
them, and not those of other events that the lead mentions."""

from __future__ import annotations

from datetime import date

import pytest

from parleys.documents import Article

pytestmark = pytest.mark.model

PUBLISHED = date(2024, 3, 6)  # a Wednesday
LEAD = "Speaker of the Senate Arman Dosov met with Speaker of the Saeima Ilze Berzina.\n\n"
FILLER = "The parliaments have cooperated for years. Trade grew last year.\n\n"


def _main_event(extractor, text: str, published: date | None = PUBLISHED):
    rec = extractor.extract(Article(id="t", source="test", text=text, published=published))
    assert rec.events, "no event found"
    return rec.events[0]


def test_when_where_a_later_sentence_that_says_when_it_was_held_dates_the_event(extractor):
    ev = _main_event(extractor, LEAD + FILLER + "The meeting was held in Vienna on Monday.")
    assert ev.date == date(2024, 3, 4)


@pytest.mark.parametrize(
    "later",
    [
        "After Dosov was welcomed to Latvia on March 1, he toured the city.",
        "Dosov also sent a letter to the Speaker of the Storting on Monday.",
        "Trade between the two countries grew on Monday.",
    ],
)
def test_when_where_other_later_dates_leave_the_publication_date(extractor, later):
    ev = _main_event(extractor, LEAD + FILLER + later)
    assert ev.date == PUBLISHED


def test_when_where_the_date_and_place_of_another_event_in_the_lead_are_not_the_events(extractor):
    text = (
        "Speaker of the Senate Arman Dosov met with Speaker of the Saeima Ilze Berzina and invited "
        "her to an event to be held on 17 March in Geneva."
    )
    ev = _main_event(extractor, text)
    assert ev.date == PUBLISHED


def test_when_where_the_forums_own_dates_win_over_the_day_of_departure(extractor):
    text = (
        "Speaker of the Senate Arman Dosov left for Geneva today to take part in the assembly of "
        "the Inter-Parliamentary Union scheduled to be held on 23-27 March."
    )
    ev = _main_event(extractor, text)
    assert ev.type == "forum"
    assert ev.date == date(2024, 3, 23)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the explicit date after a weekday says which Monday
        ("Speaker of the Saeima Ilze Berzina will arrive in Norway on Monday 18 March.", date(2024, 3, 18)),
        # an announcement's own clause: the date belongs to the visit, not to the announcing
        (
            "The Senate has announced that Speaker Ilze Berzina will be here from March 13 – 18.",
            date(2024, 3, 13),
        ),
    ],
)
def test_when_where_weekday_with_a_date_and_announced_visits(extractor, sentence, expected):
    ev = _main_event(extractor, sentence)
    assert ev.date == expected


def test_when_where_without_publication_a_weekday_in_brackets_anchors_the_date(extractor):
    text = (
        "Parliament speakers meet\n\n"
        "We are close neighbours, the host said. Our relations are important.\n\n"
        "Speaker Arman Dosov today (Tuesday 20 November 2018) met Speaker Ilze Berzina."
    )
    ev = _main_event(extractor, text, published=None)
    assert ev.date == date(2018, 11, 20)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        # a town no gazetteer lists, read from the parser's entities
        (
            "Members of the assembly have gathered in Zembrock for the opening of its session.\n\n"
            "Speaker Arman Dosov took part in the plenary session.",
            "Zembrock",
        ),
        # a dateline with a city no gazetteer lists
        ("ZEMBROCK, December 1. /Wire/. Speaker Arman Dosov met with Speaker Ilze Berzina.", "Zembrock"),
        # a city-state named by its country
        ("Speaker Arman Dosov met Speaker Ilze Berzina in Singapore on Tuesday.", "Singapore"),
        (
            "KUWAIT: Speaker Arman Dosov yesterday held official talks with Speaker Ilze Berzina.",
            "Kuwait City",
        ),
        # a dateline glued to the caption before it
        ("Speaker Ilze Berzina.Hanoi (Wire) – Speaker Arman Dosov sent a message to Ilze Berzina.", "Hanoi"),
    ],
)
def test_when_where_unlisted_cities_city_states_and_glued_datelines(extractor, text, city):
    ev = _main_event(extractor, text)
    assert ev.city == city


def test_when_where_an_unlisted_name_after_to_is_no_city(extractor):
    ev = _main_event(extractor, "Speaker Arman Dosov handed a letter to Zembrock Ilzevna on Monday.")
    assert ev.city is None


def test_when_where_a_calls_place_is_the_dateline_not_another_events(extractor):
    text = (
        "OSLO: Prime Minister Arman Dosov on Tuesday held a telephone conversation with his Latvian "
        "counterpart Ilze Berzina to discuss bilateral ties and the conference scheduled to take "
        "place on 9 March in Geneva."
    )
    ev = _main_event(extractor, text)
    assert ev.type == "call"
    assert ev.city == "Oslo"
    assert ev.date == date(2024, 3, 5)


@pytest.mark.parametrize(
    ("text", "city"),
    [
        (
            "Speaker Arman Dosov said after his meeting with Ilze Berzina in the Vatican on Saturday.",
            "Vatican City",
        ),
        (
            "Speaker Ilze Berzina hosted a lunch for Arman Dosov at the Harbour Museum, Nukuvalu on Friday.",
            "Nukuvalu",
        ),
        ("Hanoi The Speaker Arman Dosov received a cable of congratulations from Ilze Berzina.", "Hanoi"),
    ],
)
def test_when_where_a_city_state_as_a_noun_a_venue_before_an_unlisted_town_a_bare_dateline(
    extractor, text, city
):
    ev = _main_event(extractor, text)
    assert ev.city == city


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date that dates the meeting noun, though the verb above it is "said"
        (
            "Ties should grow, said Speaker of the Storting Arman Dosov at a March 4 meeting with "
            "Speaker of the Saeima Ilze Berzina.",
            date(2024, 3, 4),
        ),
        # what was written is the message itself, not a report of something else
        (
            "Speaker of the Senate Arman Dosov wrote a condolence message to Ilze Berzina yesterday "
            "and met the Ambassador of Latvia.",
            date(2024, 3, 5),
        ),
    ],
)
def test_when_where_a_reporting_verb_over_the_events_own_noun_keeps_its_date(extractor, text, expected):
    ev = _main_event(extractor, text)
    assert ev.date == expected


def test_when_where_a_lead_that_opens_on_its_date_gives_it_however_long_ago(extractor):
    text = (
        "On 26 November 2022, Speaker of the Senate Arman Dosov delivered a speech at the "
        "conference of the Inter-Parliamentary Union.\n\n" + FILLER
    )
    assert _main_event(extractor, text).date == date(2022, 11, 26)
    # the same date told of something else, after the predicate, is background
    text = (
        "Speaker of the Senate Arman Dosov met with Speaker of the Saeima Ilze Berzina. They recalled "
        "the treaty that the parliaments ratified on 26 November 2022.\n\n"
    )
    assert _main_event(extractor, text).date == PUBLISHED


def test_when_where_a_weekday_tied_to_a_date_elsewhere_in_the_article_is_that_date(extractor):
    text = (
        "Speaker of the Saeima Ilze Berzina will visit Norway.\n\n"
        "Berzina is to arrive in Oslo on Monday, with talks with Speaker of the Storting Arman Dosov. "
        "She will come next Monday, March 11."
    )
    assert _main_event(extractor, text).date == date(2024, 3, 11)


def test_when_where_a_calls_date_is_not_that_of_the_session_it_invites_to(extractor):
    text = (
        "Speaker of the Senate Arman Dosov held a phone conversation with Speaker of the Saeima "
        "Ilze Berzina. During the conversation, an invitation was made to Berzina to take part in "
        "the 12th Plenary Session of the Assembly, to be held March 12-13 in Geneva."
    )
    ev = _main_event(extractor, text)
    assert ev.type == "call"
    assert ev.date == PUBLISHED


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the body's present tense is the timetable: the coming Monday
        (
            "Speaker of the Storting Arman Dosov begins a three-day official visit to Latvia on Monday, "
            "at the invitation of Speaker of the Saeima Ilze Berzina.",
            date(2024, 3, 11),
        ),
        # a headline's present tells of what happened
        (
            "Dosov meets Berzina on Monday\n\nSpeaker of the Storting Arman Dosov met with Speaker of "
            "the Saeima Ilze Berzina in Riga.",
            date(2024, 3, 4),
        ),
    ],
)
def test_when_where_a_weekday_in_the_bodys_present_tense_is_to_come(extractor, text, expected):
    assert _main_event(extractor, text).date == expected


def test_when_where_an_unlisted_suburb_before_a_listed_city_is_in_that_city(extractor):
    text = (
        "Speaker of the Senate Arman Dosov took part in the session of the assembly.\n\n"
        "The session was held in Zembrock, Johannesburg on Monday."
    )
    assert _main_event(extractor, text).city == "Johannesburg"


def test_when_where_a_later_sentence_that_says_where_the_summit_is_organized(extractor):
    text = (
        "Speaker Arman Dosov on Friday met Speaker of the Saeima Ilze Berzina on the sidelines of "
        "the Speakers' Summit here.\n\n" + FILLER + "The Speakers' Summit is being organized in Rome "
        "from March 7 to 8."
    )
    assert _main_event(extractor, text).city == "Rome"


def test_when_where_a_visit_is_in_the_city_of_the_visited_country_where_its_people_are(extractor):
    text = (
        "Speaker of the Storting Arman Dosov is to visit Latvia next week.\n\n"
        "The parliaments have cooperated for years.\n\n"
        "Trade grew last year.\n\n"
        "Speaker Arman Dosov will lay a wreath at Riga's Freedom Monument."
    )
    ev = _main_event(extractor, text)
    assert ev.type == "visit"
    assert (ev.city, ev.country) == ("Riga", "LVA")
    # a city of another country is not where the visit is
    text = text.replace("Riga's Freedom Monument", "the Oslo embassy of Latvia")
    assert _main_event(extractor, text).city is None


@pytest.mark.parametrize(
    ("place", "city"),
    [
        ("in the Latvian capital", "Riga"),
        ("in the capital of Latvia", "Riga"),
        # a city the text names itself wins over the registry's capital
        ("in the capital of Latvia, Zembrock,", "Zembrock"),
    ],
)
def test_when_where_a_countrys_capital_named_as_such_is_the_registrys(extractor, place, city):
    text = f"Speaker Arman Dosov held talks with Speaker of the Saeima Ilze Berzina {place} on Monday."
    assert _main_event(extractor, text).city == city


def test_when_where_a_dateline_with_diacritics_and_its_country(extractor):
    text = "ZEMBRÖCK, Latvia (Wire) — Speaker Arman Dosov met with Speaker of the Saeima Ilze Berzina."
    ev = _main_event(extractor, text)
    assert (ev.city, ev.country) == ("Zembröck", "LVA")


def test_when_where_without_publication_a_date_of_another_occasion_noun_is_not_the_events(extractor):
    text = (
        "Speaker of the Senate Arman Dosov received Ambassador of Latvia Ilze Berzina.\n\n"
        "She thanked Latvia for its support after the national liberation on Jan. 7, 1979."
    )
    assert _main_event(extractor, text, published=None).date is None
    # the meeting's own noun keeps its date
    text = text.replace("the national liberation on Jan. 7, 1979", "the meeting on Jan. 7, 2024")
    assert _main_event(extractor, text, published=None).date == date(2024, 1, 7)


def test_when_where_a_later_sentence_on_the_forums_own_noun_places_it(extractor):
    text = (
        "Speaker of the Storting Arman Dosov addressed the assembly of the Union.\n\n" + FILLER + "The "
        "assembly, being held this week in Lima, gathers 300 delegates."
    )
    ev = _main_event(extractor, text)
    assert (ev.type, ev.city) == ("forum", "Lima")


def test_when_where_a_listed_city_glued_to_a_dash_is_still_the_city(extractor):
    text = (
        "Speaker Arman Dosov met with Speaker of the Saeima Ilze Berzina on Monday, in Riga- the "
        "capital of Latvia."
    )
    ev = _main_event(extractor, text)
    assert (ev.city, ev.country) == ("Riga", "LVA")


def test_when_where_a_later_visit_places_the_event_but_an_invitation_to_visit_does_not(extractor):
    lead = "Speaker of the Senate Arman Dosov met with Speaker of the Saeima Ilze Berzina.\n\n" + FILLER
    ev = _main_event(
        extractor, lead + "Dosov and Berzina also visited the cathedral in Riga.", published=None
    )
    assert ev.city == "Riga"
    ev = _main_event(
        extractor, lead + "Dosov invited Berzina to visit the cathedral in Riga.", published=None
    )
    assert ev.city is None


def test_when_where_a_future_contact_of_another_type_does_not_date_the_event(extractor):
    text = (
        "Ambassador of Latvia Ilze Berzina yesterday paid a courtesy call on Speaker of the Storting "
        "Arman Dosov, where she announced that a delegation will be visiting Norway from 24-25 August, 2023."
    )
    ev = _main_event(extractor, text, published=None)
    assert ev.type == "meeting"
    assert ev.date is None
    # the announced visit itself keeps its dates
    text = "Speaker of the Saeima Ilze Berzina will be visiting Norway from 24-25 August, 2023."
    assert _main_event(extractor, text, published=None).date == date(2023, 8, 24)


def test_when_where_a_past_weekday_is_not_the_one_the_article_ties_to_a_date(extractor):
    # "next Monday, March 11" pins Monday for the article, not "last Monday"
    text = (
        "Speaker of the Senate Arman Dosov met with Speaker of the Saeima Ilze Berzina last Monday.\n\n"
        "The next session of the assembly opens on Monday, March 11."
    )
    assert _main_event(extractor, text).date == date(2024, 3, 4)


def test_when_where_an_old_date_before_its_predicate_beyond_the_lead_is_background(extractor):
    # only the lead's own clause gives a date however long ago; a later sentence recalls
    text = LEAD + FILLER + "On 26 November 2022, Arman Dosov met Ilze Berzina in Riga.\n\n"
    assert _main_event(extractor, text).date == PUBLISHED
