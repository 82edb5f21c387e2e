"""Publication dates: the date header, printed timestamps, datelines and metadata strings."""

from __future__ import annotations

from datetime import date

import pytest

from parleys.ingest.published import dateline_date, find_published, parse_date_string, split_header, stamp


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("21 December 2022, 19:10", date(2022, 12, 21)),
        ("21:00, 09 February 2022 | GMT +6", date(2022, 2, 9)),
        ("13 November 2019, 22:01", date(2019, 11, 13)),
        ("6 May 2023 11:27 (UTC+04:00)", date(2023, 5, 6)),
        ("Monday, 05 December 2022, 11:50:04 — Baku (UTC+4)", date(2022, 12, 5)),
        ("Monday, 9 May 2022", date(2022, 5, 9)),
        ("19 June 2013", date(2013, 6, 19)),
        ("29 September 2021 | 21:09", date(2021, 9, 29)),
        ("Date Added: 12 July 2023", date(2023, 7, 12)),
        ("DATE 2019-12-19", date(2019, 12, 19)),
        ("06.06.2022 288", date(2022, 6, 6)),
        ("Published June 19, 2023 | 02:30 PM", date(2023, 6, 19)),
        ("Mongolia|foreign policy|May 30, 2024 / 04:57 PM", date(2024, 5, 30)),
        ("Sept. 3, 2021", date(2021, 9, 3)),
    ],
)
def test_published_timestamp_line_shapes(line: str, expected: date) -> None:
    assert stamp(line) == (True, expected)
    assert (
        find_published(["Some headline of the day", "", line, "The speaker met the delegation."]) == expected
    )


@pytest.mark.parametrize(
    "line",
    [
        "The visit took place on 5 May 2021 in Astana.",
        "It ended on 5 May 2021.",
        "On September 21, 2021, a Senate delegation visited the Kyrgyz Republic.",
        "The speaker met the delegation.",
    ],
)
def test_published_sentences_with_dates_are_not_timestamps(line: str) -> None:
    assert stamp(line)[0] is False
    assert find_published([line]) is None


def test_published_yearless_stamp_with_time_is_a_timestamp_without_date() -> None:
    assert stamp("23 December 16:52 173") == (True, None)
    assert stamp("Baku, May 17, AZERTAC") == (False, None)
    assert find_published(["32 December 2022, 10:00"]) is None  # no such day


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "DUSHANBE, 19.05.2023 (NIAT Khovar) – On May 18 the delegation arrived in Minsk.",
            date(2023, 5, 19),
        ),
        ("Baku, May 17, 2021, AZERTAC", date(2021, 5, 17)),
        ("MOSCOW (UrduPoint News / Sputnik - 19th June, 2023) The speaker arrived.", date(2023, 6, 19)),
        ("Baku, May 17, AZERTAC", None),
        ("BEIJING, June 28 (Xinhua) -- The top legislator held talks.", None),
        ("ASTANA, Kazakhstan, August 18. The President received the chairwoman.", None),
    ],
)
def test_published_datelines_count_only_with_a_year(line: str, expected: date | None) -> None:
    assert dateline_date(line) == expected
    assert find_published([line]) == expected


def test_published_search_is_limited_to_the_first_lines() -> None:
    lines = [f"Paragraph {n} of the article about the visit." for n in range(30)] + [
        "21 December 2022, 19:10"
    ]
    assert find_published(lines) is None


def test_published_header_is_split_and_the_rest_kept() -> None:
    assert split_header(" date 2024-05-20 Chairman of the Senate met") == (
        date(2024, 5, 20),
        "Chairman of the Senate met",
    )
    assert split_header(" date 2024-05-20\nBody") == (date(2024, 5, 20), "\nBody")
    assert split_header("date 2024-13-45 Body") == (None, "date 2024-13-45 Body")
    assert split_header("The date 2024-05-20 is here") == (None, "The date 2024-05-20 is here")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-05-20", date(2024, 5, 20)),
        ("2024-05-20T23:30:00-05:00", date(2024, 5, 20)),
        ("2024-01-15T08:00:00Z", date(2024, 1, 15)),
        ("Tue, 05 Mar 2024 23:30:00 -0500", date(2024, 3, 5)),
        ("March 5, 2024", date(2024, 3, 5)),
        ("5 March 2024", date(2024, 3, 5)),
        ("not a date", None),
        ("", None),
        (None, None),
        (20240520, None),
    ],
)
def test_published_metadata_strings(value: object, expected: date | None) -> None:
    assert parse_date_string(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # a label says what the date is, whatever else the line holds
        ("Published: 01 May 2024 - 09:34 am | Last Updated: 01 May 2024 - 09:35 am", date(2024, 5, 1)),
        ("Regions › Politics ♦ Published: August 21, 2020; 09:25 ♦ (Examplewire)", date(2020, 8, 21)),
        ("Published: 27 May 2016 at 13.42", date(2016, 5, 27)),
        ("Time:2024-05-21 16:31:18 source:Example news portal", date(2024, 5, 21)),
        # a day written with a dot, a clock glued to a numeric date
        ("Friday, 03. June 2016. 13:49", date(2016, 6, 3)),
        ("11:0730.01.2023", date(2023, 1, 30)),
    ],
)
def test_published_labelled_and_glued_stamps(line: str, expected: date) -> None:
    assert stamp(line) == (True, expected)


def test_published_label_alone_does_not_make_a_sentence_a_stamp() -> None:
    assert stamp("The report was published after the visit on 5 May 2021 in Astana.")[0] is False


def test_published_earliest_stamp_above_the_article_wins() -> None:
    # the page header's clock is the day the page was fetched; the article's own stamp is earlier
    lines = [
        "Tuesday Nov 26, 2024",
        "Saturday, 11 February 2023 01:18",
        "The Speaker of the Assembly of Examplestan sent a message of condolence to his counterpart today.",
        "12 January 2023, 10:00",
    ]
    assert find_published(lines) == date(2023, 2, 11)


def test_published_stamps_below_the_first_paragraph_are_not_compared() -> None:
    lines = [
        "Ambassador pays courtesy call on the Speaker",
        "16 March, 2026",
        "Townsville, Examplestan — The Speaker of the Assembly received the Ambassador of Otherland today.",
        "Related: Speaker opens the new session",
        "09 February, 2026",
    ]
    assert find_published(lines) == date(2026, 3, 16)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "EXAMPLE CITY, (Example Point News - 23rd May, 2021) The Speaker received the envoys.",
            date(2021, 5, 23),
        ),
        (
            "Minister A and Minister B, 6 December 2018. (Photo: Agency)MILAN, 7 December 2018 – The talks",
            date(2018, 12, 7),
        ),
    ],
)
def test_published_datelines_after_a_comma_or_a_caption(line: str, expected: date) -> None:
    assert dateline_date(line) == expected
