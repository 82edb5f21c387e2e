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

from sqlalchemy import Integer, Text, distinct, extract, func, literal_column, null, or_, select, union_all
from sqlalchemy import cast as sql_cast
from sqlalchemy.orm import Session

from parleys.errors import QueryError
from parleys.kb.event_rows import corrected_fields, reported
from parleys.kb.events import page_events
from parleys.kb.filters import EventFilter
from parleys.kb.people import person_summaries
from parleys.kb.types import CountryDossier, PairTimeline, PersonSummary, YearCounts, ranked
from parleys.kb.units import filtered
from parleys.normalize.countries import country_code, country_name
from parleys.normalize.names import fold
from parleys.normalize.sql import chunks
from parleys.store.models import (
    ClusterCountryRow,
    ClusterParticipantRow,
    EventClusterMemberRow,
    EventRow,
    PersonEntityRow,
    TopicRow,
)

TOP_PERSONS = 10


def _country_units(code: str, since: date | None, until: date | None) -> Any:
    """The country's events as a subquery (linked events in which a participant represents it):
    the events :func:`parleys.kb.events.list_events` lists for the same filter, counted in SQL."""
    flt = EventFilter(
        country=code, country_by="participant", since=since, until=until, linked_only=True, limit=None
    )
    stmt, _u = filtered(flt)
    return stmt.subquery("country_units")


def _year(column: Any) -> Any:
    """The year as an integer: PostgreSQL's EXTRACT gives a numeric (a Decimal in Python)."""
    return sql_cast(extract("year", column), Integer)


def _year_totals(session: Session, units: Any) -> dict[int | None, int]:
    """Year -> the country's events in it (``None``: undated)."""
    year = _year(units.c.date)
    return {y: int(n) for y, n in session.execute(select(year, func.count()).group_by(year))}


def _by_year(totals: dict[int | None, int], counted: Iterable[Any]) -> list[YearCounts]:
    """Per year (oldest first, undated last): the events, and ``counted`` rows (year, code, n)."""
    counts: dict[int | None, Counter[str]] = defaultdict(Counter)
    for y, code, n in counted:
        counts[None if y is None else int(y)][code] += int(n)
    years = sorted(totals, key=lambda y: (y is None, y or 0))
    return [YearCounts(y, totals[y], ranked(counts[y])) for y in years]


def _partners(session: Session, code: str, units: Any, totals: dict[int | None, int]) -> list[YearCounts]:
    year = _year(units.c.date)
    counted = (
        select(year, ClusterCountryRow.country, func.count())
        .join(ClusterCountryRow, ClusterCountryRow.cluster_id == units.c.id)
        .where(ClusterCountryRow.country != code)
        .group_by(year, ClusterCountryRow.country)
    )
    return _by_year(totals, session.execute(counted))


def _topics(session: Session, units: Any, totals: dict[int | None, int]) -> list[YearCounts]:
    """An event counts once for each topic that one of its reporting articles names."""
    year = _year(units.c.date)
    counted = (
        select(year, TopicRow.code, func.count(distinct(units.c.id)))
        .join(EventClusterMemberRow, EventClusterMemberRow.cluster_id == units.c.id)
        .join(EventRow, EventRow.id == EventClusterMemberRow.event_id)
        .join(TopicRow, TopicRow.article_id == EventRow.article_id)
        .group_by(year, TopicRow.code)
    )
    return _by_year(totals, session.execute(counted))


def country_partners(
    session: Session, country: str, *, since: date | None = None, until: date | None = None
) -> list[YearCounts]:
    """Per year (oldest first, undated last): the country's events, and for each partner country
    the number of those events in which the partner took part too."""
    code = country_code(country)
    units = _country_units(code, since, until)
    return _partners(session, code, units, _year_totals(session, units))


def country_topics(
    session: Session, country: str, *, since: date | None = None, until: date | None = None
) -> list[YearCounts]:
    """Per year: the country's events, and for each topic the number of those events whose
    reporting articles name it."""
    code = country_code(country)
    units = _country_units(code, since, until)
    return _topics(session, units, _year_totals(session, units))


def _participations(session: Session, code: str, units: Any) -> Counter[int]:
    """Entity -> the country's events in which it takes part as a person of the country.

    A participant's country is its entity's; an entity without one (and whose country no analyst
    set) takes the country its earliest report of the event gave (as the event list shows it), so
    only those participations are looked up in the reports. The participants are read from the
    country's events alone (one list of ids, whatever indexes the store has).
    """
    mine = ClusterParticipantRow.cluster_id.in_(select(units.c.id))
    # grouped by entity alone: a condition on the entity's country would let the database start
    # from the country's entities and probe the participants of each (seconds, not milliseconds)
    grouped = session.execute(
        select(
            PersonEntityRow.country,
            ClusterParticipantRow.entity_id,
            PersonEntityRow.corrected_fields,
            func.count(),
        )
        .join(PersonEntityRow, PersonEntityRow.id == ClusterParticipantRow.entity_id)
        .where(mine)
        .group_by(ClusterParticipantRow.entity_id, PersonEntityRow.country, PersonEntityRow.corrected_fields)
    )
    return _counted(session, code, units, grouped)


def _counted(session: Session, code: str, units: Any, grouped: Iterable[Any]) -> Counter[int]:
    """:func:`_participations` from its rows grouped by entity: (entity's country, entity, its
    corrected fields, n)."""
    mine = ClusterParticipantRow.cluster_id.in_(select(units.c.id))
    counts: Counter[int] = Counter()
    stateless_entities = []
    for country, entity_id, fixed, n in grouped:
        if country == code:
            counts[entity_id] += int(n)
        elif not country and "country" not in corrected_fields(fixed):
            stateless_entities.append(entity_id)
    stateless: list[tuple[int, int]] = []
    for chunk in chunks(stateless_entities):
        stateless.extend(
            (cluster_id, entity_id)
            for cluster_id, entity_id in session.execute(
                select(ClusterParticipantRow.cluster_id, ClusterParticipantRow.entity_id).where(
                    mine, ClusterParticipantRow.entity_id.in_(chunk)
                )
            )
        )
    if stateless:
        said = reported(session, sorted({c for c, _ in stateless}))
        for pair in stateless:
            report = said.get(pair)
            if report is not None and report.country == code:
                counts[pair[1]] += 1
    return counts


def _top_persons(
    session: Session,
    code: str,
    units: Any,
    top: int,
    since: date | None,
    until: date | None,
) -> list[PersonSummary]:
    return _top(session, _participations(session, code, units), top, since, until)


def _top(
    session: Session,
    counts: Counter[int],
    top: int,
    since: date | None,
    until: date | None,
) -> list[PersonSummary]:
    """The ``top`` persons by their participations ``counts``, ties at the cut ordered by name."""
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
    return _top_persons(session, code, _country_units(code, since, until), top, since, until)


# the sections of the dossier's one grouped statement (:func:`_sections`)
_TOTALS, _PARTNERS, _TOPICS, _PERSONS = 0, 1, 2, 3


def _section(number: int) -> Any:
    return literal_column(str(number), Integer)


def _sections(session: Session, code: str, units: Any) -> dict[int, list[Any]]:
    """The year totals, partners and topics by year and the participations by entity, grouped in
    one statement: the country's events are read once (a common table expression that each
    section reads, so the database materialises it once) instead of once per section.

    Rows: (section, year, code, entity, its corrected fields, n); a section's unused columns are
    NULL. The participations keep only the entities of the country or of none (the others count
    for nothing in :func:`_participations`), after grouping, so the plan still starts from the
    country's events.
    """
    mine = select(units.c.id, _year(units.c.date).label("year")).cte("country_events")
    no_int, no_text = sql_cast(null(), Integer), sql_cast(null(), Text)
    totals = select(_section(_TOTALS), mine.c.year, no_text, no_int, no_text, func.count()).group_by(
        mine.c.year
    )
    partners = (
        select(_section(_PARTNERS), mine.c.year, ClusterCountryRow.country, no_int, no_text, func.count())
        .select_from(mine)
        .join(ClusterCountryRow, ClusterCountryRow.cluster_id == mine.c.id)
        .where(ClusterCountryRow.country != code)
        .group_by(mine.c.year, ClusterCountryRow.country)
    )
    topics = (
        select(
            _section(_TOPICS), mine.c.year, TopicRow.code, no_int, no_text, func.count(distinct(mine.c.id))
        )
        .select_from(mine)
        .join(EventClusterMemberRow, EventClusterMemberRow.cluster_id == mine.c.id)
        .join(EventRow, EventRow.id == EventClusterMemberRow.event_id)
        .join(TopicRow, TopicRow.article_id == EventRow.article_id)
        .group_by(mine.c.year, TopicRow.code)
    )
    persons = (
        select(
            _section(_PERSONS),
            no_int,
            PersonEntityRow.country,
            ClusterParticipantRow.entity_id,
            PersonEntityRow.corrected_fields,
            func.count(),
        )
        .select_from(mine)
        .join(ClusterParticipantRow, ClusterParticipantRow.cluster_id == mine.c.id)
        .join(PersonEntityRow, PersonEntityRow.id == ClusterParticipantRow.entity_id)
        .group_by(ClusterParticipantRow.entity_id, PersonEntityRow.country, PersonEntityRow.corrected_fields)
        .having(
            or_(
                PersonEntityRow.country == code,
                PersonEntityRow.country.is_(None),
                PersonEntityRow.country == "",
            )
        )
    )
    out: dict[int, list[Any]] = {_TOTALS: [], _PARTNERS: [], _TOPICS: [], _PERSONS: []}
    for section, *row in session.execute(union_all(totals, partners, topics, persons)):
        out[int(section)].append(row)
    return out


def country_dossier(
    session: Session,
    country: str,
    *,
    since: date | None = None,
    until: date | None = None,
    top: int = TOP_PERSONS,
) -> CountryDossier:
    """Partners by year, topics by year and top persons of a country, counted in SQL (one grouped
    statement over the country's events, read once)."""
    if top < 0:
        raise QueryError("top must be zero or more")
    code = country_code(country)
    units = _country_units(code, since, until)
    rows = _sections(session, code, units)
    totals = {None if y is None else int(y): int(n) for y, _c, _e, _f, n in rows[_TOTALS]}
    partners = _by_year(totals, [(y, c, n) for y, c, _e, _f, n in rows[_PARTNERS]])
    persons = (
        _top(session, _counted(session, code, units, [r[1:] for r in rows[_PERSONS]]), top, since, until)
        if top
        else []
    )
    return CountryDossier(
        country=code,
        name=country_name(code),
        since=since,
        until=until,
        events=sum(y.events for y in partners),
        partners=partners,
        topics=_by_year(totals, [(y, c, n) for y, c, _e, _f, n in rows[_TOPICS]]),
        persons=persons,
    )


def pair_timeline(
    session: Session,
    a: str,
    b: str,
    *,
    since: date | None = None,
    until: date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> PairTimeline:
    """The events in which both countries took part, oldest first (undated last): ``limit`` of
    them from ``offset`` (``None``: all), cut in SQL, and how many there are in all."""
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
        limit=limit,
        offset=offset,
    )
    contacts, total = page_events(session, flt)
    return PairTimeline(
        code_a, code_b, country_name(code_a), country_name(code_b), contacts, total, flt.limit, flt.offset
    )
