"""Dates: ranges dated by their first day, weekdays resolved backward or (for what is to come) forward."""

from __future__ import annotations

from datetime import date

import pytest

from parleys.extract.dates import explicit_dates, pinned_weekdays, relative_dates

PUBLISHED = date(2024, 6, 7)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from 3 to 5 June", date(2024, 6, 3)),
        ("3-5 June", date(2024, 6, 3)),
        ("June 3 and 4", date(2024, 6, 3)),
        ("from June 3 until 6", date(2024, 6, 3)),
        ("November 13 – 18, 2023", date(2023, 11, 13)),
    ],
)
def test_dates_a_range_is_dated_by_its_first_day(text, expected):
    assert [d for d, _s, _e in explicit_dates(text, PUBLISHED)] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("on Monday", date(2024, 6, 3)),
        ("this Sunday", date(2024, 6, 2)),  # a weekday, not the publication day
        ("last evening", date(2024, 6, 6)),
        ("last night", date(2024, 6, 6)),
        ("this morning", PUBLISHED),
        ("next Monday", date(2024, 6, 10)),
    ],
)
def test_dates_relative_words_resolve_against_publication(text, expected):
    assert [d for d, _s, _e in relative_dates(text, PUBLISHED)] == [expected]


def test_dates_a_weekday_of_what_is_to_come_goes_forward():
    said = []

    def future(offset: int) -> bool:
        said.append(offset)
        return True

    assert [d for d, _s, _e in relative_dates("will travel on Monday", PUBLISHED, future)] == [
        date(2024, 6, 10)
    ]
    assert said == [len("will travel ")]
    # the publication weekday itself, announced, is that very day
    assert [d for d, _s, _e in relative_dates("on Friday", PUBLISHED, lambda _i: True)] == [PUBLISHED]
    # "last Monday" is past whatever the sentence says
    assert [d for d, _s, _e in relative_dates("last Monday", PUBLISHED, lambda _i: True)] == [
        date(2024, 6, 3)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("will run from 15 May to 2 June 2023", date(2023, 5, 15)),  # the end's year dates the start
        ("from May 30 - June 2, 2023", date(2023, 5, 30)),
        ("London, 21-28, July 2011", date(2011, 7, 21)),
        ("on November 30,2022", date(2022, 11, 30)),
        ("received a delegation – 16.06.17", date(2017, 6, 16)),
    ],
)
def test_dates_cross_month_ranges_and_compact_shapes_without_publication(text, expected):
    assert [d for d, _s, _e in explicit_dates(text, None)][0] == expected


def test_dates_a_version_number_is_not_a_date():
    assert explicit_dates("release 1.2.3 of the software", None) == []


def test_dates_a_weekday_written_beside_its_date_is_pinned_to_it():
    text = "The Speaker is to visit Norway next Monday, June 10. On Friday 7 June she met the press."
    assert pinned_weekdays(text, PUBLISHED) == {"monday": date(2024, 6, 10), "friday": date(2024, 6, 7)}
    # "(Monday)" after the date pins it as well
    assert pinned_weekdays("on 10 June (Monday)", PUBLISHED) == {"monday": date(2024, 6, 10)}
    # a date that falls on another weekday, or far from publication, pins nothing
    assert pinned_weekdays("Tuesday, June 10", PUBLISHED) == {}
    assert pinned_weekdays("Monday, July 15", PUBLISHED) == {}
    assert pinned_weekdays("next Monday, June 10", None) == {}
