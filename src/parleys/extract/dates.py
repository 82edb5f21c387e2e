"""Event dates: explicit and relative dates resolved against the publication date."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
# a range ("3-5 June", "from 3 to 5 June", "November 13 – 18") is dated by its first day
_RANGE = r"(?:\s*(?:[-–—]|to|and|until|till|through)\s*\d{1,2}(?:st|nd|rd|th)?(?!\d))?"
DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_RANGE},?\s+(?:of\s+)?{_MONTH}"
    rf"(?:(?:,\s*|\s+)(?P<year>\d{{4}}))?\b",
    re.I,
)
MONTH_DAY = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?{_RANGE}"
    rf"(?:(?:,\s*|\s+)(?P<year>\d{{4}}))?\b",
    re.I,
)
_DIGIT = re.compile(r"\d")
ISO = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})\b")
# "19.05.2023", and "16.06.17" (two-digit years are this century's)
DOTTED = re.compile(r"\b(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})(?![\d.]\d)")
# the end of a range that crosses a month: "from 15 May to 2 June 2023" takes its year from the end
RANGE_END = re.compile(r"\s*(?:[-–—]|to|until|till|through)\s*", re.I)
RELATIVE = re.compile(
    r"\b(today|yesterday|tomorrow|tonight|this (?:morning|evening|afternoon)|last (?:evening|night)|"
    r"(?:on |last |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.I,
)


# a weekday written beside a calendar date: "Monday, Nov. 25", "Monday 8 April", "(Monday)"
WEEKDAY_NEXT = re.compile(r"\b(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b[,(\s]{0,3}$", re.I)
WEEKDAY_AFTER = re.compile(r"^[,(\s]{0,3}(?P<weekday>(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.I)
PIN_DAYS = 7  # a pinned weekday within a week of publication: the article's own week


def _build(year: int | None, month: int, day: int, published: date | None) -> date | None:
    if year is None:
        if published is None:
            return None
        year = published.year
        try:
            guess = date(year, month, day)
        except ValueError:
            return None
        # a month well after publication belongs to the previous year ("on 28 December" read in January)
        if (guess - published).days > 60:
            year -= 1
    try:
        return date(year, month, day)
    except ValueError:
        return None


def explicit_dates(text: str, published: date | None) -> list[tuple[date, int, int]]:
    """Every explicit calendar date in ``text``, with its character span, in text order."""
    found: list[tuple[date, int, int]] = []
    if not _DIGIT.search(text):
        return found  # every written date has a day or a year in digits
    for rx in (DAY_MONTH, MONTH_DAY):
        for m in rx.finditer(text):
            month = MONTHS.get(m.group("month").lower().rstrip("."))
            if month is None:
                continue
            if m.group("month") == "may":
                continue  # the month is written "May"; "may" is the verb
            year = int(m.group("year")) if m.group("year") else _range_year(text, m.end())
            d = _build(year, month, int(m.group("day")), published)
            if d:
                found.append((d, m.start(), m.end()))
    for rx in (ISO, DOTTED):
        for m in rx.finditer(text):
            try:
                year = int(m.group("year"))
                found.append(
                    (
                        date(year + 2000 if year < 100 else year, int(m.group("month")), int(m.group("day"))),
                        m.start(),
                        m.end(),
                    )
                )
            except ValueError:
                continue
    found.sort(key=lambda x: x[1])
    # drop hits nested in a longer one
    out: list[tuple[date, int, int]] = []
    for hit in found:
        if out and hit[1] < out[-1][2]:
            continue
        out.append(hit)
    return out


def _range_year(text: str, end: int) -> int | None:
    """The year that ends a range after a yearless date: "15 May to 2 June 2023", "May 30 - June 2, 2023"."""
    step = RANGE_END.match(text, end)
    if step is None or step.end() == end:
        return None
    for rx in (DAY_MONTH, MONTH_DAY):
        m = rx.match(text, step.end())
        if m is not None and m.group("year"):
            return int(m.group("year"))
    return None


def relative_dates(
    text: str, published: date | None, future: Callable[[int], bool] | None = None
) -> list[tuple[date, int, int]]:
    """ "today", "yesterday", "on Tuesday" resolved against ``published``. A weekday goes back to
    the last such day, unless ``future`` (called with the weekday's offset in ``text``) says the
    sentence tells of what is to come ("will travel on Friday"): then it goes forward."""
    if published is None:
        return []
    out = []
    for m in RELATIVE.finditer(text):
        word = m.group(1).lower()
        if word in ("today", "tonight") or word.startswith("this ") and word.split()[1] not in WEEKDAYS:
            out.append((published, m.start(), m.end()))
        elif word == "yesterday" or word.startswith("last ") and word.split()[1] in ("evening", "night"):
            out.append((published - timedelta(days=1), m.start(), m.end()))
        elif word == "tomorrow":
            out.append((published + timedelta(days=1), m.start(), m.end()))
        else:
            day = word.split()[-1]
            delta = (published.weekday() - WEEKDAYS[day]) % 7
            ahead = word.startswith("next ") or (
                not word.startswith("last ") and future is not None and future(m.start())
            )
            if ahead:
                out.append(
                    (
                        published
                        + timedelta(
                            days=(WEEKDAYS[day] - published.weekday()) % 7
                            or (7 if word.startswith("next ") else 0)
                        ),
                        m.start(),
                        m.end(),
                    )
                )
            else:
                out.append((published - timedelta(days=delta), m.start(), m.end()))
    return out


def pinned_weekdays(text: str, published: date | None) -> dict[str, date]:
    """Weekdays that ``text`` ties to a calendar date ("next Monday, Nov. 25", "Friday 4 August",
    "25 November (Monday)"), where the date falls on that weekday and within a week of
    publication: the same weekday elsewhere in the article ("to visit Estonia on Monday") is that
    date, not the Monday before publication."""
    if published is None:
        return {}
    out: dict[str, date] = {}
    for d, s, e in explicit_dates(text, published):
        for m in (WEEKDAY_NEXT.search(text[max(0, s - 14) : s]), WEEKDAY_AFTER.match(text[e : e + 14])):
            if m is None:
                continue
            day = m.group("weekday").lower()
            if WEEKDAYS[day] == d.weekday() and abs((d - published).days) <= PIN_DAYS:
                out.setdefault(day, d)
    return out
