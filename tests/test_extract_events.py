"""Events: type from triggers, participants, relative dates, and place."""

from __future__ import annotations

from datetime import date

import pytest

from parleys.documents import Article

pytestmark = pytest.mark.model


def _event(extractor, text: str, published: date | None = date(2024, 3, 6)):
    rec = extractor.extract(Article(id="t", source="test", text=text, published=published))
    assert rec.events, "no event found"
    ev = rec.events[0]
    names = sorted(rec.person(k).name for k in ev.participants)
    return rec, ev, names


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Speaker of the Senate Arman Dosov met with Ambassador of Japan Kenji Tanabe.", "meeting"),
        (
            "President of Kazakhstan Daniyar Bekov had a telephone conversation with "
            "President of Uzbekistan Rustam Karimov.",
            "call",
        ),
        (
            "President Daniyar Bekov sent a letter of welcome to the participants of the forum. "
            "Speaker of the Senate Arman Dosov read out the letter.",
            "message",
        ),
        (
            "Speaker of the Milli Majlis Leyla Hasanli paid an official visit to Hungary "
            "and toured the parliament building.",
            "visit",
        ),
        (
            "Speaker of the Mazhilis Nurbek Saparov took part in the plenary session "
            "of the Asian Parliamentary Assembly.",
            "forum",
        ),
        (
            "Secretary-General of the Parliament of Mongolia Bat Erdene and Secretary-General "
            "of the National Assembly of Hungary Laszlo Kiss signed a memorandum of cooperation.",
            "agreement",
        ),
    ],
)
def test_events_type_from_triggers(extractor, text, kind):
    _rec, ev, _names = _event(extractor, text)
    assert ev.type == kind
    assert ev.evidence["type"].confidence > 0


def test_events_participants_and_countries(extractor):
    text = (
        "ASTANA. KAZINFORM Chairman of the Mazhilis Nurbek Saparov met today with Speaker of the National "
        "Assembly of Armenia Vahan Petrosyan. Saparov noted the reforms initiated by President Daniyar "
        "Bekov."
    )
    rec, ev, names = _event(extractor, text)
    assert names == ["Nurbek Saparov", "Vahan Petrosyan"]
    assert ev.countries == ["ARM", "KAZ"]
    assert ev.date == date(2024, 3, 6)
    assert (ev.city, ev.country) == ("Astana", "KAZ")
    assert any(p.name == "Daniyar Bekov" for p in rec.persons)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Monday", date(2024, 3, 4)),
        ("yesterday", date(2024, 3, 5)),
        ("today", date(2024, 3, 6)),
        ("on 2 March", date(2024, 3, 2)),
        ("on March 1, 2024", date(2024, 3, 1)),
    ],
)
def test_events_relative_dates_resolve_against_publication(extractor, phrase, expected):
    text = f"Speaker of the Senate Arman Dosov met {phrase} with Ambassador of Japan Kenji Tanabe."
    _rec, ev, _names = _event(extractor, text)
    assert ev.date == expected
    assert phrase.split()[-1] in ev.evidence["date"].text


def test_events_undated_article_without_publication_has_no_date(extractor):
    _rec, ev, _ = _event(
        extractor,
        "Speaker of the Senate Arman Dosov met with Ambassador of Japan Kenji Tanabe.",
        published=None,
    )
    assert ev.date is None


def test_events_place_named_in_text_wins_over_dateline(extractor):
    text = (
        "ASTANA. KAZINFORM On the sidelines of the assembly in Geneva, Speaker of the Mazhilis "
        "Nurbek Saparov met with Speaker of the State Duma Ivan Sokolov."
    )
    _rec, ev, _ = _event(extractor, text)
    assert (ev.city, ev.country) == ("Geneva", "CHE")


def test_events_a_signing_at_a_meeting_is_a_second_event(extractor):
    text = (
        "Speaker of the Mazhilis Nurbek Saparov met with Chairman of the State Great Khural Bat Erdene. "
        "The sides discussed interparliamentary ties and signed a memorandum of cooperation."
    )
    rec, ev, names = _event(extractor, text)
    assert ev.type == "meeting"
    assert [e.type for e in rec.events] == ["meeting", "agreement"]
    signing = rec.events[1]
    assert (signing.date, signing.participants) == (ev.date, ev.participants)
    assert "signed" in signing.evidence["type"].text


def test_events_the_day_something_was_said_is_not_the_event_date(extractor):
    text = (
        "Speaker of the Mazhilis Nurbek Saparov has arrived in Moscow for an official visit, a member of "
        "the upper house said on Monday. Saparov arrived in Russia on an official visit on March 3."
    )
    _rec, ev, _ = _event(extractor, text, published=date(2024, 3, 5))
    assert ev.date == date(2024, 3, 3)


def test_events_may_the_month_and_may_the_verb(extractor):
    _rec, ev, _ = _event(
        extractor,
        "Speaker of the Senate Arman Dosov met Ambassador of Japan Kenji Tanabe on May 29.",
        published=date(2024, 5, 30),
    )
    assert ev.date == date(2024, 5, 29)


def test_events_a_sentence_opening_on_the_past_adds_no_participants(extractor):
    rec, ev, _ = _event(
        extractor,
        "ASTANA. Chairman of the Mazhilis Nurbek Saparov met with Speaker of the National Assembly of "
        "Hungary Istvan Varga. The parties discussed trade. Earlier, Deputy Minister of Foreign Affairs "
        "of Kazakhstan Aidos Temirov held talks with Deputy Secretary of State of Hungary Gabor Nemes.",
    )
    names = {rec.person(k).name for k in ev.participants}
    assert names == {"Nurbek Saparov", "Istvan Varga"}
    assert {p.name for p in rec.persons} >= {"Aidos Temirov", "Gabor Nemes"}  # still persons


def test_events_also_held_meetings_is_a_further_meeting_of_its_own(extractor):
    rec, ev, names = _event(
        extractor,
        "MINSK. Chairman of the Mazhilis Nurbek Saparov took part in the plenary session of the "
        "Parliamentary Assembly. The session discussed regional security. Saparov also held meetings "
        "with Pavel Lisovsky, Chair of the House of Representatives of Belarus, and Bakyt Usenov, "
        "Speaker of the Supreme Council of Kyrgyzstan.",
    )
    assert names == ["Nurbek Saparov"]
    side = rec.events[-1]
    assert side.type == "meeting"
    side_names = [rec.person(k).name for k in side.participants]
    assert side_names == ["Nurbek Saparov", "Pavel Lisovsky", "Bakyt Usenov"]
    assert side.countries == ["BLR", "KAZ", "KGZ"]
    assert (side.date, side.city) == (ev.date, ev.city)
    assert "also held meetings" in side.evidence["type"].text


@pytest.mark.parametrize(
    "dateline",
    ["YEREVAN, MARCH 14, ARMENPRESS.", "MOSCOW, March 14. /TASS/.", "Belgrade, 14 March 2024 –"],
)
def test_events_the_datelines_date_when_the_lead_gives_none(extractor, dateline):
    rec, ev, _ = _event(
        extractor,
        f"{dateline} Speaker of the Senate Arman Dosov met with Ambassador of Japan Kenji Tanabe.",
        published=date(2024, 3, 15),
    )
    assert ev.date == date(2024, 3, 14)
    assert ev.evidence["date"].text.lower() in ("march 14", "14 march 2024")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Chairman of the State Duma Ivan Sokolov will arrive in Dushanbe on March 8 on a three-day "
            "official visit, a spokesman for the Majlisi Namoyandagon said.",
            "visit",
        ),
        (
            "The statement was made by NA Vice Chairman Tran Van Minh at a reception for Secretary of the "
            "Party Committee Serik Omarov in Hanoi on March 5.",
            "meeting",
        ),
    ],
)
def test_events_announced_arrivals_and_receptions(extractor, text, kind):
    _rec, ev, _names = _event(extractor, text)
    assert ev.type == kind


def test_events_a_hyphenated_city_written_with_a_space_after_a_printed_date(extractor):
    _rec, ev, _ = _event(
        extractor,
        "2019-09-29 NUR SULTAN. KAZINFORM Speaker Amal Rashid was received by Chairperson of the "
        "Senate of Kazakhstan Dana Serikova.",
        published=date(2019, 9, 29),
    )
    assert (ev.city, ev.country) == ("Nur Sultan", "KAZ")


def test_events_a_trip_is_where_it_is_bound_for(extractor):
    _rec, ev, _ = _event(
        extractor,
        "BAKU, Azerbaijan, September 6. Azerbaijani Parliament's Chairperson Leyla Mammadova will leave "
        "for Tashkent on September 7 to take part in the Summit of Women Speakers of Parliament.",
        published=date(2024, 9, 6),
    )
    assert (ev.type, ev.city, ev.country) == ("forum", "Tashkent", "UZB")


def test_events_a_sentence_the_parser_broke_mid_line_is_mended(extractor):
    from parleys.extract.when_where import whole_sentences

    doc = extractor.nlp.make_doc(
        "Chairman of the Khural (Mongolia's parliament) Bat Erdene arrived on June 18. He met the "
        "Speaker.\nRead also"
    )
    breaks = {doc.text.index(w) for w in ("Bat Erdene", "He met", "Read also")}
    for tok in doc:
        tok.is_sent_start = tok.i == 0 or tok.idx in breaks
    assert [s.text for s in whole_sentences(doc)] == [
        "Chairman of the Khural (Mongolia's parliament) Bat Erdene arrived on June 18.",
        "He met the Speaker.\n",
        "Read also",
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # no trigger phrase of the rules: the learned typer reads the cue words
        (
            "Ambassador of Norway Lars Hegge paid a courtesy call on the Speaker of the National "
            "Assembly Tomas Berat on Monday.",
            "meeting",
        ),
        (
            "Speaker of the Senate Arman Dosov held talks by telephone with Speaker of the Saeima "
            "Ilze Berzina.",
            "call",
        ),
    ],
)
def test_events_learned_type_where_the_rules_find_no_trigger(extractor, text, kind):
    _rec, ev, _names = _event(extractor, text)
    assert ev.type == kind


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("will travel to Oslo on Monday", date(2024, 3, 11)),  # published on a Wednesday
        ("travelled to Oslo on Monday", date(2024, 3, 4)),
        ("will visit Norway from 12 to 14 March", date(2024, 3, 12)),
    ],
)
def test_events_announced_weekdays_go_forward_and_ranges_keep_their_first_day(extractor, phrase, expected):
    _rec, ev, _names = _event(extractor, f"Speaker of the Senate Arman Dosov {phrase}.")
    assert ev.date == expected


def test_events_without_publication_date_a_later_sentence_dates_the_event(extractor):
    text = (
        "Speaker of the Senate Arman Dosov met with Speaker of the Saeima Ilze Berzina.\n\n"
        "The parliaments have cooperated for years. Trade grew last year.\n\n"
        "Dosov and Berzina met on 14 May 2021 in the Senate building."
    )
    _rec, ev, _names = _event(extractor, text, published=None)
    assert ev.date == date(2021, 5, 14)


@pytest.mark.parametrize(
    ("sentence", "city"),
    [
        ("Speaker Arman Dosov met Speaker Ilze Berzina in the capital city of Latvia, Riga.", "Riga"),
        ("Speaker Arman Dosov met Speaker Ilze Berzina in Norway's Bergen city.", "Bergen"),
        ("Speaker Arman Dosov met Speaker Ilze Berzina at the Grand Palace Hotel, Vienna.", "Vienna"),
        ("Speaker Arman Dosov met Speaker Ilze Berzina in Washington, D.C. on Monday.", "Washington"),
        ("Speaker Arman Dosov left here for Geneva to meet Speaker Ilze Berzina.", "Geneva"),
    ],
)
def test_events_place_after_a_capital_phrase_a_venue_or_a_trip(extractor, sentence, city):
    _rec, ev, _names = _event(extractor, sentence)
    assert ev.city == city


def test_events_without_publication_date_a_recalled_sentence_does_not_date_the_event(extractor):
    text = (
        "Speaker of the Senate Arman Dosov met with Speaker of the Saeima Ilze Berzina.\n\n"
        "The parliaments have cooperated for years. Trade grew last year.\n\n"
        "Earlier, Berzina took the oath of office on 14 May 2021 in Riga."
    )
    _rec, ev, _names = _event(extractor, text, published=None)
    assert ev.date is None


def test_events_place_held_in_a_later_sentence_when_the_lead_and_dateline_give_none(extractor):
    text = (
        "Speaker of the Senate Arman Dosov met with Speaker of the Saeima Ilze Berzina.\n\n"
        "The parliaments have cooperated for years. Trade grew last year.\n\n"
        "The meeting was held in Vienna under the chairmanship of the host."
    )
    _rec, ev, _names = _event(extractor, text)
    assert ev.city == "Vienna"
    # a city only named later, not as where the contact was held, gives no place
    _rec, ev, _names = _event(
        extractor, text.replace("The meeting was held in Vienna", "Trade in Vienna grew")
    )
    assert ev.city is None


@pytest.mark.parametrize("opening", ["NordWire, Bergen - ", "NWA-Bergen (Norway) "])
def test_events_dateline_after_an_agency_name(extractor, opening):
    text = f"{opening}Speaker of the Senate Arman Dosov met with Speaker of the Saeima Ilze Berzina."
    _rec, ev, _names = _event(extractor, text)
    assert ev.city == "Bergen"


def test_events_a_headline_to_visit_on_a_weekday_goes_forward(extractor):
    # published on Wednesday 6 March 2024: "to visit ... on Monday" is Monday 11 March
    text = (
        "Latvian parliament speaker to visit Norway on Monday\n\n"
        "Speaker of the Saeima Ilze Berzina will visit Norway."
    )
    _rec, ev, _names = _event(extractor, text)
    assert ev.date == date(2024, 3, 11)


def test_events_the_day_of_something_told_in_a_relative_clause_is_not_the_event_date(extractor):
    text = (
        "Speaker of the Senate Arman Dosov sent a condolence message to Speaker Ilze Berzina over "
        "the storm that hit the coast on Friday."
    )
    _rec, ev, _names = _event(extractor, text)
    assert ev.date == date(2024, 3, 6)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "Speaker of the Storting Arman Dosov cancelled his planned visit to Latvia, where he was "
            "to meet Speaker of the Saeima Ilze Berzina.",
            "other",
        ),
        (
            "Speaker of the Storting Arman Dosov demanded a meeting with Speaker of the Saeima Ilze Berzina.",
            "other",
        ),
        ("Speaker of the Storting Arman Dosov refused to meet Speaker of the Saeima Ilze Berzina.", "other"),
        # one contact that happened is enough
        (
            "Speaker Arman Dosov met Speaker Ilze Berzina and demanded a meeting with Speaker Jon Tarvo.",
            "meeting",
        ),
    ],
)
def test_events_a_contact_called_off_refused_or_demanded_is_no_contact(extractor, text, kind):
    _rec, ev, _names = _event(extractor, text)
    assert ev.type == kind
