"""Publication dates: the `` date YYYY-MM-DD`` header, printed timestamps near the top of a text,
and date strings from JSON records and feeds.

Only the shapes in ``data/dates.json`` are searched, and only in the first lines of a text:
a fuzzy search over the whole article is slow and picks up the dates of the events it reports.
"""

from __future__ import annotations

import email.utils
import functools
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from types import MappingProxyType

from parleys.ingest.language import english_stopwords

HEADER = re.compile(r"\A\ufeff?[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+|(?=[\r\n])|\Z)")
MIN_YEAR, MAX_YEAR = 1900, 2100
PROSE_WORDS = 12  # a line of this many words is a paragraph of the article, not page furniture


@dataclass(frozen=True, slots=True)
class DateRules:
    shapes: tuple[re.Pattern[str], ...]
    yearless: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]
    label_before: re.Pattern[str]
    months: MappingProxyType[str, int]
    time: re.Pattern[str]
    residue: re.Pattern[str]
    max_residual_words: int
    search_lines: int
    search_chars: int


@functools.cache
def load_date_rules() -> DateRules:
    """The compiled shapes of ``data/dates.json`` (read once; the result is immutable)."""
    data = json.loads(resources.files("parleys.ingest").joinpath("data/dates.json").read_text("utf-8"))
    months = MappingProxyType(dict(data["months"]))
    month_alt = "|".join(sorted(months, key=len, reverse=True))

    def shape(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern.replace("{month}", month_alt), re.IGNORECASE)

    def words(items: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))

    residue = "|".join(
        [
            data["time"],
            data["zone"],
            rf"\b(?:{words(data['labels'])})\b",
            rf"\b(?:{words(data['weekdays'])})\b\.?",
            r"\b\d+\b",
            r"[|,/—–\-−()\[\]:•·.@+]",
        ]
    )
    return DateRules(
        shapes=tuple(shape(p) for p in data["shapes"]),
        yearless=tuple(shape(p) for p in data["yearless_shapes"]),
        datelines=tuple(re.compile(p) for p in data["datelines"]),
        label_before=re.compile(rf"\b(?:{words(data['labels'])})\s*[:\-–]?\s*\Z", re.IGNORECASE),
        months=months,
        time=re.compile(data["time"]),
        residue=re.compile(residue, re.IGNORECASE),
        max_residual_words=int(data["max_residual_words"]),
        search_lines=int(data["search_lines"]),
        search_chars=int(data["search_chars"]),
    )


def split_header(text: str) -> tuple[date | None, str]:
    """Strip a leading `` date YYYY-MM-DD `` prefix; the rest of that line is kept."""
    match = HEADER.match(text)
    if not match:
        return None, text
    found = _valid(*map(int, match.group(1).split("-")))
    if found is None:
        return None, text
    return found, text[match.end() :]


def _valid(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _to_date(match: re.Match[str], months: MappingProxyType[str, int]) -> date | None:
    groups = match.groupdict()
    month = int(groups["mo"]) if groups.get("mo") else months.get(groups["m"].lower().rstrip("."))
    if month is None:
        return None
    day = int(groups["d"])
    if groups.get("mo") and month > 12 >= day:  # 04/25/2023: month first, as in the United States
        day, month = month, day
    return _valid(int(groups["y"]), month, day)


def _first_date(line: str, rules: DateRules) -> tuple[re.Match[str], date] | None:
    """The leftmost date with a year in ``line``."""
    best: tuple[re.Match[str], date] | None = None
    for pattern in rules.shapes:
        for match in pattern.finditer(line):
            found = _to_date(match, rules.months)
            if found is not None:
                if best is None or match.start() < best[0].start():
                    best = (match, found)
                break
    return best


def stamp(line: str) -> tuple[bool, date | None]:
    """Is ``line`` a printed timestamp ("21:00, 09 February 2022 | GMT +6"), and its date.

    A timestamp line holds a date (or a day and month with a clock time) and at most a few
    other words: a place, a section, a byline. A sentence that mentions a date is not one.
    """
    if not line or len(line) > 120 or not any(ch.isdigit() for ch in line):
        return False, None
    rules = load_date_rules()
    found = _first_date(line, rules)
    if found is not None:
        match, when = found
    else:
        if not rules.time.search(line):
            return False, None
        yearless = next((m for p in rules.yearless if (m := p.search(line))), None)
        if yearless is None:
            return False, None
        match, when = yearless, None
    if when is not None and rules.label_before.search(line[: match.start()]):
        return True, when  # "Published: 27 May 2016 at 13.42 ♦ (Agency)": the label says what it is
    rest = rules.residue.sub(" ", _without_dates(line, rules)).split()
    stopwords = english_stopwords()
    if len(rest) > rules.max_residual_words or any(w.lower() in stopwords for w in rest):
        return False, None
    return True, when


def _without_dates(line: str, rules: DateRules) -> str:
    """``line`` less every date in it ("01 May 2024 | Last Updated: 01 May 2024")."""
    for pattern in (*rules.shapes, *rules.yearless):
        line = pattern.sub(" ", line)
    return line


def dateline_date(line: str) -> date | None:
    """The date of a dateline that carries a year: "DUSHANBE, 19.05.2023 (NIAT Khovar) – ..."."""
    rules = load_date_rules()
    # a dateline glued to a caption before it: "... (Photo: Agency)MILAN, 7 December 2018 – ..."
    glued = re.search(r"\)(?=[A-Z][A-Z .'’-]+,)", line[:400])
    if glued is not None:
        line = line[glued.end() :]
    for prefix in rules.datelines:
        head = prefix.match(line)
        if head is None:
            continue
        for pattern in rules.shapes:
            match = pattern.match(line, head.end())
            if match is not None and (found := _to_date(match, rules.months)) is not None:
                return found
    return None


def find_published(lines: Iterable[str]) -> date | None:
    """The earliest printed timestamp or dated dateline in the first lines of a text, else None.

    The earliest, not the first: a page header's clock ("Tuesday Nov 26, 2024") is the day the
    page was fetched, and an "Updated" stamp comes after the publication, never before it. Only
    the stamps above the article's first paragraph (and its dateline) are compared."""
    rules = load_date_rules()
    seen = chars = 0
    found: list[date] = []
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if seen >= rules.search_lines or chars >= rules.search_chars:
            break
        seen += 1
        chars += len(line)
        is_stamp, when = stamp(line)
        if when is None and not is_stamp:
            when = dateline_date(line)
        if when is not None:
            found.append(when)
        if found and len(line.split()) >= PROSE_WORDS:
            break  # the article has begun: dates below it are related items' and the article's own
    return min(found, default=None)


def parse_date_string(value: object) -> date | None:
    """A date from a metadata string: ISO 8601, RFC 822 (feeds), or a common printed shape."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return datetime.fromisoformat(text).date()
        except ValueError:
            return _valid(*map(int, text[:10].split("-")))
    try:
        return email.utils.parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        pass
    found = _first_date(text, load_date_rules())
    if found is not None:
        return found[1]
    return _dateparser(text)


def _dateparser(text: str) -> date | None:
    import dateparser  # slow to import; only loose date strings from records need it

    parsed = dateparser.parse(
        text[:100], languages=["en"], settings={"REQUIRE_PARTS": ["day", "month", "year"]}
    )
    return parsed.date() if parsed is not None else None
