"""A country across the corpus: its partners and topics by year and its top persons (the
dossier), and the timeline of a pair of countries.

Built on the one event reader (:mod:`parleys.kb.events`, linked events in which a participant
represents the country: the place alone does not count) and the persons of
:mod:`parleys.kb.people`. Countries are accepted as codes, names, aliases or demonyms
(:func:`parleys.normalize.countries.country_code`); a bad one raises
:class:`~parleys.errors.QueryError` (E060).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from parleys.errors import QueryError
from parleys.kb.events import list_events
from parleys.kb.filters import EventFilter
from parleys.kb.people import person_summaries
from parleys.kb.types import CountryDossier, EventSummary, PairTimeline, PersonSummary, YearCounts, ranked
from parleys.normalize.countries import country_code, country_name
from parleys.normalize.names import fold

TOP_PERSONS = 10


def _country_events(
    session: Session, code: str, since: date | None, until: date | None
) -> list[EventSummary]:
    flt = EventFilter(
        country=code, country_by="participant", since=since, until=until, linked_only=True, limit=None
    )
    return list_events(session, flt)


def _by_year(events: Iterable[EventSummary], codes_of: Any) -> list[YearCounts]:
    totals: Counter[int | None] = Counter()
    counts: dict[int | None, Counter[str]] = defaultdict(Counter)
    for ev in events:
        year = ev.date.year if ev.date else None
        totals[year] += 1
        counts[year].update(set(codes_of(ev)))
    years = sorted(totals, key=lambda y: (y is None, y or 0))
    return [YearCounts(y, totals[y], ranked(counts[y])) for y in years]


def _partners(code: str, events: Iterable[EventSummary]) -> list[YearCounts]:
    return _by_year(events, lambda ev: [c for c in ev.countries if c != code])


def _topics(events: Iterable[EventSummary]) -> list[YearCounts]:
    return _by_year(events, lambda ev: ev.topics)


def country_partners(
    session: Session, country: str, *, since: date | None = None, until: date | None = None
) -> list[YearCounts]:
    """Per year (oldest first, undated last): the country's events, and for each partner country
    the number of those events in which the partner took part too."""
    code = country_code(country)
    return _partners(code, _country_events(session, code, since, until))


def country_topics(
    session: Session, country: str, *, since: date | None = None, until: date | None = None
) -> list[YearCounts]:
    """Per year: the country's events, and for each topic the number of those events whose
    reporting articles name it."""
    code = country_code(country)
    return _topics(_country_events(session, code, since, until))


def _top_persons(
    session: Session,
    code: str,
    events: Iterable[EventSummary],
    top: int,
    since: date | None,
    until: date | None,
) -> list[PersonSummary]:
    counts = Counter(p.id for ev in events for p in ev.participants if p.country == code)
    if not counts or top == 0:
        return []
    cutoff = sorted(counts.values(), reverse=True)[min(top, len(counts)) - 1]
    wanted = [i for i, n in counts.items() if n >= cutoff]  # ties at the cut are ordered by name below
    people = person_summaries(session, wanted, since=since, until=until)
    people.sort(key=lambda p: (-p.events, fold(p.name), p.id))
    return people[:top]


def top_persons(
    session: Session,
    country: str,
    *,
    since: date | None = None,
    until: date | None = None,
    top: int = TOP_PERSONS,
) -> list[PersonSummary]:
    """The country's persons with the most visible events within the dates, most first."""
    code = country_code(country)
    return _top_persons(session, code, _country_events(session, code, since, until), top, since, until)


def country_dossier(
    session: Session,
    country: str,
    *,
    since: date | None = None,
    until: date | None = None,
    top: int = TOP_PERSONS,
) -> CountryDossier:
    """Partners by year, topics by year and top persons of a country, from one reading."""
    if top < 0:
        raise QueryError("top must be zero or more")
    code = country_code(country)
    events = _country_events(session, code, since, until)
    return CountryDossier(
        country=code,
        name=country_name(code),
        since=since,
        until=until,
        events=len(events),
        partners=_partners(code, events),
        topics=_topics(events),
        persons=_top_persons(session, code, events, top, since, until),
    )


def pair_timeline(
    session: Session, a: str, b: str, *, since: date | None = None, until: date | None = None
) -> PairTimeline:
    """The events in which both countries took part, oldest first (undated last)."""
    code_a, code_b = country_code(a), country_code(b)
    if code_a == code_b:
        raise QueryError(f"a timeline needs two different countries, not {code_a} twice")
    flt = EventFilter(
        country=code_a,
        partner=code_b,
        country_by="participant",
        since=since,
        until=until,
        linked_only=True,
        order="oldest",
        limit=None,
    )
    contacts = list_events(session, flt)
    return PairTimeline(code_a, code_b, country_name(code_a), country_name(code_b), contacts)
