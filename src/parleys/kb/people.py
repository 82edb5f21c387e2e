"""Persons across the corpus: search, lookup by id or name, office history, events and counts.

Reads the person entities that resolution (``parleys.resolve``) writes, with their offices and
the analyst's corrections applied; their events come from the one event reader
(:mod:`parleys.kb.events`, linked events only). An unknown id raises
:class:`~parleys.errors.NotFoundError` (E031), a bad filter :class:`~parleys.errors.QueryError` (E060).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

from sqlalchemy import Select, and_, bindparam, exists, func, nulls_last, or_, select
from sqlalchemy.orm import Session

from parleys.errors import NotFoundError, QueryError
from parleys.kb.event_rows import run
from parleys.kb.events import list_events
from parleys.kb.filters import EventFilter, check_range
from parleys.kb.types import EventSummary, Office, PersonDetail, PersonSummary, ranked
from parleys.kb.units import live_cluster
from parleys.normalize import codes
from parleys.normalize.countries import country_code
from parleys.normalize.names import fold_words
from parleys.normalize.sql import LIKE_ESCAPE, chunks, contains
from parleys.store.models import ClusterParticipantRow, EventClusterRow, OfficeRow, PersonEntityRow


def _visible_events_of_entity(since: date | None = None, until: date | None = None) -> Any:
    stmt = (
        select(func.count())
        .select_from(ClusterParticipantRow)
        .join(EventClusterRow, EventClusterRow.id == ClusterParticipantRow.cluster_id)
        .where(
            ClusterParticipantRow.entity_id == PersonEntityRow.id,
            EventClusterRow.hidden == 0,
            live_cluster(),
        )
    )
    if since:
        stmt = stmt.where(EventClusterRow.date >= since)
    if until:
        stmt = stmt.where(EventClusterRow.date <= until)
    return stmt.scalar_subquery()


def _offices_of_entity() -> Any:
    return (
        select(func.count())
        .select_from(OfficeRow)
        .where(OfficeRow.entity_id == PersonEntityRow.id)
        .scalar_subquery()
    )


def _person_select(name: str | None, country: str | None, role: str | None) -> Select[Any]:
    """Entities with their counts of visible events (column ``events``) and of offices."""
    stmt = select(
        PersonEntityRow, _visible_events_of_entity().label("events"), _offices_of_entity().label("offices")
    )
    if name is not None:
        words = fold_words(name)
        if not words:
            raise QueryError(f"the name {name!r} has no letters or digits to search for")
        stmt = stmt.where(
            and_(*(PersonEntityRow.name_folded.like(contains(w), escape=LIKE_ESCAPE) for w in words))
        )
    if country is not None:
        stmt = stmt.where(PersonEntityRow.country == country_code(country))
    if role is not None:
        role = codes.role_class(role)
        # the role now, or an office held at some time
        stmt = stmt.where(
            or_(
                PersonEntityRow.role_class == role,
                exists().where(OfficeRow.entity_id == PersonEntityRow.id, OfficeRow.role_class == role),
            )
        )
    return stmt


def _summary(row: Any, events: int, offices: int) -> PersonSummary:
    """A person entity (a row object, or a row of :func:`_entity_columns`) with its counts."""
    return PersonSummary(
        id=row.id,
        key=row.key,
        name=row.name,
        role_class=row.role_class,
        country=row.country,
        title=row.title,
        institution=row.institution,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        articles=row.articles,
        events=int(events or 0),
        offices=int(offices or 0),
        corrected=bool(row.corrected),
    )


def find_persons(
    session: Session,
    *,
    name: str | None = None,
    country: str | None = None,
    role: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[PersonSummary]:
    """Persons whose name contains every word of ``name`` (ignoring case, diacritics and
    punctuation), of ``country`` (code or name), who have or had the role class ``role``; the
    ones with most events first, then by name."""
    if limit is not None and limit < 0:
        raise QueryError("limit must be zero (all) or more")
    stmt = _person_select(name, country, role)
    stmt = stmt.order_by(stmt.selected_columns.events.desc(), PersonEntityRow.name_folded, PersonEntityRow.id)
    if limit:  # None or 0: all
        stmt = stmt.limit(limit)
    if offset:
        stmt = stmt.offset(offset)
    return [_summary(row, events, offices) for row, events, offices in session.execute(stmt)]


def count_persons(
    session: Session, *, name: str | None = None, country: str | None = None, role: str | None = None
) -> int:
    """How many persons :func:`find_persons` finds without a limit."""
    stmt = _person_select(name, country, role)
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


def person_summaries(
    session: Session, ids: Sequence[int], *, since: date | None = None, until: date | None = None
) -> list[PersonSummary]:
    """The persons with these ids, their visible events counted within the dates; in no
    particular order, unknown ids left out."""
    people: list[PersonSummary] = []
    for chunk in chunks(ids):
        stmt = select(PersonEntityRow, _visible_events_of_entity(since, until), _offices_of_entity()).where(
            PersonEntityRow.id.in_(chunk)
        )
        people.extend(_summary(*r) for r in session.execute(stmt))
    return people


def resolve_person(session: Session, ref: str) -> int:
    """The id of the person ``ref`` names: an id, or a name only one person matches (an exact
    name wins over partial matches). :class:`NotFoundError` (E031) when none matches,
    :class:`QueryError` (E060) listing the candidates when several do."""
    text = ref.strip()
    if text.isdigit():
        return int(_entity_columns(session, int(text)).id)
    found = find_persons(session, name=text)
    exact = [p for p in found if fold_words(p.name) == fold_words(text)]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0].id
    if not found:
        raise NotFoundError(f"no person matches {ref!r}")
    shown = "; ".join(f"{p.id} {p.name} ({p.country or '?'})" for p in found[:10])
    more = f" and {len(found) - 10} more" if len(found) > 10 else ""
    raise QueryError(f"{len(found)} persons match {ref!r}: {shown}{more}; give an id")


@cache
def _entity_statement() -> Any:
    """A person entity's columns that :func:`_summary` reads (built once; a row of columns costs
    less than loading the ORM object, which the person page does not change)."""
    e = PersonEntityRow
    columns = (e.id, e.key, e.name, e.role_class, e.country, e.title, e.institution, e.first_seen)
    return select(*columns, e.last_seen, e.articles, e.corrected).where(e.id == bindparam("entity_id"))


def _entity_columns(session: Session, entity_id: int) -> Any:
    """A person entity's row of columns (:func:`_entity_statement`); :class:`NotFoundError` when
    there is none."""
    row = run(session, _entity_statement(), {"entity_id": entity_id}).first()
    if row is None:
        raise NotFoundError(f"no person with id {entity_id}")
    return row


@cache
def _offices_statement() -> Any:
    """A person's offices as columns (built once; loading ORM objects cost more than the query)."""
    return (
        select(
            OfficeRow.role_class,
            OfficeRow.title,
            OfficeRow.institution,
            OfficeRow.country,
            OfficeRow.first_seen,
            OfficeRow.last_seen,
            OfficeRow.reports,
        )
        .where(OfficeRow.entity_id == bindparam("entity_id"))
        .order_by(nulls_last(OfficeRow.first_seen.asc()), nulls_last(OfficeRow.last_seen.asc()), OfficeRow.id)
    )


def _offices(session: Session, entity_id: int) -> list[Office]:
    return [Office(*r) for r in run(session, _offices_statement(), {"entity_id": entity_id}).all()]


def office_history(session: Session, entity_id: int) -> list[Office]:
    """The offices a person held, in the order first seen (undated last)."""
    _entity_columns(session, entity_id)  # NotFoundError when there is no such person
    return _offices(session, entity_id)


def _events(entity_id: int, since: date | None, until: date | None) -> EventFilter:
    check_range(since, until)
    return EventFilter(person_id=entity_id, since=since, until=until, linked_only=True, limit=None)


def person_events(
    session: Session, entity_id: int, *, since: date | None = None, until: date | None = None
) -> list[EventSummary]:
    """The visible events a person took part in, newest first (undated last)."""
    flt = _events(entity_id, since, until)
    _entity_columns(session, entity_id)  # NotFoundError when there is no such person
    return list_events(session, flt)


def get_person(
    session: Session, entity_id: int, *, since: date | None = None, until: date | None = None
) -> PersonDetail:
    """A person with office history, events (within the dates, if given) and counts of them (the
    entity read once, its events and offices each by one statement)."""
    row = _entity_columns(session, entity_id)
    found = list_events(session, _events(entity_id, since, until))
    offices = _offices(session, entity_id)
    years = Counter(str(e.date.year) if e.date else "undated" for e in found)
    partners = Counter(c for e in found for c in e.countries if c != row.country)
    return PersonDetail(
        person=_summary(row, len(found), len(offices)),
        offices=offices,
        events=found,
        events_by_year=dict(sorted(years.items(), key=lambda kv: (kv[0] == "undated", kv[0]))),
        events_by_type=ranked(Counter(e.type for e in found)),
        partners=ranked(partners),
    )
