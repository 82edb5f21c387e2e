"""A country across the corpus: its partners and topics by year and its top persons (the
dossier, one grouped statement), and the timeline of a pair of countries.

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


def _by_year(totals: dict[int | None, int], counted: Iterable[Any]) -> list[YearCounts]:
    """Per year (oldest first, undated last): the events, and ``counted`` rows (year, code, n)."""
    counts: dict[int | None, Counter[str]] = defaultdict(Counter)
    for y, code, n in counted:
        counts[None if y is None else int(y)][code] += int(n)
    years = sorted(totals, key=lambda y: (y is None, y or 0))
    return [YearCounts(y, totals[y], ranked(counts[y])) for y in years]


# the sections of the dossier's one grouped statement (:func:`_sections`)
_TOTALS, _PARTNERS, _TOPICS, _PERSONS = 0, 1, 2, 3


def _section(number: int) -> Any:
    return literal_column(str(number), Integer)


def _sections(session: Session, code: str, units: Any, wanted: Iterable[int]) -> dict[int, list[Any]]:
    """The ``wanted`` sections of a country's events, grouped in one statement: the year totals,
    the partners by year (the other countries represented), the topics by year (an event counts
    once for each topic that one of its reporting articles names) and the participations by
    entity. The country's events are read once (a common table expression that each section
    reads, so the database materialises it once) instead of once per section.

    Rows: (year, code, entity, its corrected fields, n), by section; a section's unused columns
    are NULL. The participations keep only the entities of the country or of none (the others
    count for nothing in :func:`_counted`), after grouping, so the plan still starts from the
    country's events (a condition on the entity's country would let the database start from the
    country's entities and probe the participants of each: seconds, not milliseconds).
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
    built = {_TOTALS: totals, _PARTNERS: partners, _TOPICS: topics, _PERSONS: persons}
    out: dict[int, list[Any]] = {number: [] for number in wanted}
    parts = [built[number] for number in out]
    stmt = parts[0] if len(parts) == 1 else union_all(*parts)
    for section, *row in session.execute(stmt):
        out[int(section)].append(row)
    return out


def _counted(session: Session, code: str, units: Any, grouped: Iterable[Any]) -> Counter[int]:
    """Entity -> the country's events in which it takes part as a person of the country, from the
    participations section's rows grouped by entity: (entity's country, entity, its corrected
    fields, n).

    A participant's country is its entity's; an entity without one (and whose country no analyst
    set) takes the country its earliest report of the event gave (as the event list shows it), so
    only those participations are looked up in the reports (read from the country's events alone).
    """
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


def _top(
    session: Session,
    code: str,
    units: Any,
    participations: list[Any],
    *,
    top: int,
    since: date | None,
    until: date | None,
) -> list[PersonSummary]:
    """The ``top`` persons by their participations (the rows of the participations section), ties
    at the cut ordered by name."""
    counts = _counted(session, code, units, (r[1:] for r in participations))
    if not counts or top == 0:
        return []
    cutoff = sorted(counts.values(), reverse=True)[min(top, len(counts)) - 1]
    wanted = [i for i, n in counts.items() if n >= cutoff]  # ties at the cut are ordered by name below
    people = person_summaries(session, wanted, since=since, until=until)
    people.sort(key=lambda p: (-p.events, fold(p.name), p.id))
    return people[:top]


def _checked_top(top: int) -> int:
    if top < 0:
        raise QueryError("top must be zero or more")
    return top


def top_persons(
    session: Session,
    country: str,
    *,
    since: date | None = None,
    until: date | None = None,
    top: int = TOP_PERSONS,
) -> list[PersonSummary]:
    """The country's persons with the most visible events within the dates, most first (the
    dossier's persons, read without its other sections)."""
    top = _checked_top(top)
    code = country_code(country)
    units = _country_units(code, since, until)
    rows = _sections(session, code, units, (_PERSONS,)) if top else {_PERSONS: []}
    return _top(session, code, units, rows[_PERSONS], top=top, since=since, until=until)


def country_dossier(
    session: Session,
    country: str,
    *,
    since: date | None = None,
    until: date | None = None,
    top: int = TOP_PERSONS,
) -> CountryDossier:
    """The country's events within the dates: per year (oldest first, undated last) how many, and
    for each partner country the number of them in which it took part too, and for each topic
    the number of them whose reporting articles name it; and the ``top`` persons (0: none).
    Counted in SQL: one grouped statement over the country's events, read once."""
    top = _checked_top(top)
    code = country_code(country)
    units = _country_units(code, since, until)
    rows = _sections(session, code, units, (_TOTALS, _PARTNERS, _TOPICS, _PERSONS)[: 4 if top else 3])
    totals = {None if y is None else int(y): int(n) for y, _c, _e, _f, n in rows[_TOTALS]}
    partners = _by_year(totals, [(y, c, n) for y, c, _e, _f, n in rows[_PARTNERS]])
    persons = _top(session, code, units, rows[_PERSONS], top=top, since=since, until=until) if top else []
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
