"""Persons across the corpus: search, lookup by id or name, office history, events and counts.

Reads the person entities that resolution (``parleys.resolve``) writes, with their offices and
the analyst's corrections applied; their events are the visible clusters of
:mod:`parleys.clusters`. An unknown id raises :class:`~parleys.errors.NotFoundError` (E031), a bad
filter :class:`~parleys.errors.QueryError` (E060).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, exists, func, nulls_last, or_, select
from sqlalchemy.orm import Session

from parleys.clusters import (
    ClusterSummary,
    check_range,
    chunks,
    cluster_select,
    has_reports,
    iso_date,
    newest_first,
    ranked,
)
from parleys.normalize.countries import country_code
from parleys.errors import NotFoundError, QueryError
from parleys.normalize.names import fold
from parleys.records import ROLE_CLASSES
from parleys.store import repository
from parleys.store.models import ClusterParticipantRow, EventClusterRow, OfficeRow, PersonEntityRow


@dataclass(frozen=True, slots=True)
class PersonSummary:
    """One person entity. ``events`` counts its visible events (within the dates asked, if any)."""

    id: int
    key: str
    name: str
    role_class: str
    country: str | None
    title: str | None
    institution: str | None
    first_seen: date | None
    last_seen: date | None
    articles: int
    events: int
    offices: int
    corrected: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "name": self.name,
            "role_class": self.role_class,
            "country": self.country,
            "title": self.title,
            "institution": self.institution,
            "first_seen": iso_date(self.first_seen),
            "last_seen": iso_date(self.last_seen),
            "articles": self.articles,
            "events": self.events,
            "offices": self.offices,
            "corrected": self.corrected,
        }


@dataclass(frozen=True, slots=True)
class Office:
    """An office a person held according to the articles, first and last seen."""

    role_class: str
    title: str | None
    institution: str | None
    country: str | None
    first_seen: date | None
    last_seen: date | None
    reports: int

    def to_json(self) -> dict[str, Any]:
        return {
            "role_class": self.role_class,
            "title": self.title,
            "institution": self.institution,
            "country": self.country,
            "first_seen": iso_date(self.first_seen),
            "last_seen": iso_date(self.last_seen),
            "reports": self.reports,
        }


@dataclass(frozen=True, slots=True)
class PersonDetail:
    """A person with the office history, the events (newest first) and counts of them."""

    person: PersonSummary
    offices: list[Office]
    events: list[ClusterSummary]
    events_by_year: dict[str, int]  # "2024" -> events; "undated" for events without a date
    events_by_type: dict[str, int]
    partners: dict[str, int]  # country -> events with a participant of it (own country excluded)

    def to_json(self) -> dict[str, Any]:
        return {
            **self.person.to_json(),
            "office_history": [o.to_json() for o in self.offices],
            "events_by_year": dict(self.events_by_year),
            "events_by_type": dict(self.events_by_type),
            "partners": dict(self.partners),
            "event_list": [e.to_json() for e in self.events],
        }


def _name_tokens(name: str) -> list[list[str]]:
    """The words of a searched name under both folds in use (entity rows may hold either)."""
    variants: list[list[str]] = []
    for words in (fold(name).split(), [w for w in re.split(r"[\W_]+", repository.fold(name)) if w]):
        if words and words not in variants:
            variants.append(words)
    return variants


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _visible_events_of_entity(since: date | None = None, until: date | None = None) -> Any:
    stmt = (
        select(func.count())
        .select_from(ClusterParticipantRow)
        .join(EventClusterRow, EventClusterRow.id == ClusterParticipantRow.cluster_id)
        .where(
            ClusterParticipantRow.entity_id == PersonEntityRow.id, EventClusterRow.hidden == 0, has_reports()
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
        variants = _name_tokens(name)
        if not variants:
            raise QueryError(f"the name {name!r} has no letters or digits to search for")
        stmt = stmt.where(
            or_(
                *(
                    and_(
                        *(
                            PersonEntityRow.name_folded.like(f"%{_escape_like(w)}%", escape="\\")
                            for w in words
                        )
                    )
                    for words in variants
                )
            )
        )
    if country is not None:
        stmt = stmt.where(PersonEntityRow.country == country_code(country))
    if role is not None:
        role = role.strip().lower()
        if role not in ROLE_CLASSES:
            raise QueryError(f"unknown role class {role!r}: one of {', '.join(ROLE_CLASSES)}")
        # the role now, or an office held at some time
        stmt = stmt.where(
            or_(
                PersonEntityRow.role_class == role,
                exists().where(OfficeRow.entity_id == PersonEntityRow.id, OfficeRow.role_class == role),
            )
        )
    return stmt


def _summary(row: PersonEntityRow, events: int, offices: int) -> PersonSummary:
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
) -> list[PersonSummary]:
    """Persons whose name contains every word of ``name`` (ignoring case, diacritics and
    punctuation), of ``country`` (code or name), who have or had the role class ``role``; the
    ones with most events first, then by name."""
    if limit is not None and limit < 0:
        raise QueryError("limit must be zero or more")
    stmt = _person_select(name, country, role)
    stmt = stmt.order_by(stmt.selected_columns.events.desc(), PersonEntityRow.name_folded, PersonEntityRow.id)
    if limit is not None:
        stmt = stmt.limit(limit)
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


def _entity(session: Session, entity_id: int) -> PersonEntityRow:
    row = session.get(PersonEntityRow, entity_id)
    if row is None:
        raise NotFoundError(f"no person with id {entity_id}")
    return row


def resolve_person(session: Session, ref: str) -> int:
    """The id of the person ``ref`` names: an id, or a name only one person matches (an exact
    name wins over partial matches). :class:`NotFoundError` (E031) when none matches,
    :class:`QueryError` (E060) listing the candidates when several do."""
    text = ref.strip()
    if text.isdigit():
        return _entity(session, int(text)).id
    found = find_persons(session, name=text)
    exact = [p for p in found if fold(p.name) == fold(text)]
    if len(exact) == 1 or len(found) == 1:
        return (exact or found)[0].id
    if not found:
        raise NotFoundError(f"no person matches {ref!r}")
    shown = "; ".join(f"{p.id} {p.name} ({p.country or '?'})" for p in found[:10])
    more = f" and {len(found) - 10} more" if len(found) > 10 else ""
    raise QueryError(f"{len(found)} persons match {ref!r}: {shown}{more}; give an id")


def office_history(session: Session, entity_id: int) -> list[Office]:
    """The offices a person held, in the order first seen (undated last)."""
    _entity(session, entity_id)
    rows = session.scalars(
        select(OfficeRow)
        .where(OfficeRow.entity_id == entity_id)
        .order_by(nulls_last(OfficeRow.first_seen.asc()), nulls_last(OfficeRow.last_seen.asc()), OfficeRow.id)
    ).all()
    return [
        Office(r.role_class, r.title, r.institution, r.country, r.first_seen, r.last_seen, r.reports)
        for r in rows
    ]


def person_events(
    session: Session, entity_id: int, *, since: date | None = None, until: date | None = None
) -> list[ClusterSummary]:
    """The visible events a person took part in, newest first (undated last)."""
    check_range(since, until)
    _entity(session, entity_id)
    return newest_first(session, cluster_select(since=since, until=until, entity_id=entity_id))


def get_person(
    session: Session, entity_id: int, *, since: date | None = None, until: date | None = None
) -> PersonDetail:
    """A person with office history, events (within the dates, if given) and counts of them."""
    row = _entity(session, entity_id)
    found = person_events(session, entity_id, since=since, until=until)
    offices = office_history(session, entity_id)
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
