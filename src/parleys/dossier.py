"""Questions across the corpus about one person or one country, over the linked knowledge base.

Reads what resolution (``parleys.resolve``) writes: person entities and their offices, event
clusters (one per real event, however many articles report it) and the entities taking part,
with the analyst's corrections already applied there. Hidden events never appear, nor do events
whose every report was extracted again since the last resolution (resolve again to see them).

A country *takes part* in an event when a participant represents it (the cluster's countries, as
resolution stores them, like the ``countries`` of an event record in FORMAT.md); the place alone
does not count, so that a forum held in Geneva does
not make Switzerland everyone's partner. Countries are accepted as codes, names, aliases or
demonyms (:func:`country_code`); a bad one raises :class:`~parleys.errors.QueryError` (E060).

``graph.py`` and the knowledge-base exports read clusters through :func:`list_clusters` too.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, NoReturn

import pycountry
from sqlalchemy import Select, and_, exists, func, nulls_last, or_, select
from sqlalchemy.orm import Session

from parleys.errors import NotFoundError, QueryError
from parleys.keys import fold_name
from parleys.lexicons import Lexicons, load_lexicons
from parleys.records import ROLE_CLASSES
from parleys.store import repository
from parleys.store.models import (
    ArticleRow,
    ClusterCountryRow,
    ClusterParticipantRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventRow,
    OfficeRow,
    PersonEntityRow,
    TopicRow,
)

TOP_PERSONS = 10
_CHUNK = 500  # ids per IN (...) list: SQLite limits the number of bound parameters


# --- typed rows ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class EntityRef:
    """A person entity as a participant of an event."""

    id: int
    name: str
    role_class: str
    country: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "role_class": self.role_class, "country": self.country}


@dataclass(frozen=True, slots=True)
class ClusterSummary:
    """One real event: its values, the entities taking part, and the articles that report it."""

    id: int
    key: str
    type: str
    date: date | None
    city: str | None
    country: str | None  # where it took place
    reports: int
    corrected: bool
    countries: list[str]  # represented by the participants, sorted
    participants: list[EntityRef]  # in the order of the earliest report
    topics: list[str]  # of the reporting articles, first seen first
    sources: list[str]  # external ids of the reporting articles, the earliest first

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "key": self.key, "type": self.type, "date": _iso(self.date),
            "location": {"city": self.city, "country": self.country},
            "countries": list(self.countries),
            "participants": [p.to_json() for p in self.participants],
            "topics": list(self.topics), "reports": self.reports, "sources": list(self.sources),
            "corrected": self.corrected,
        }


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
            "id": self.id, "key": self.key, "name": self.name, "role_class": self.role_class,
            "country": self.country, "title": self.title, "institution": self.institution,
            "first_seen": _iso(self.first_seen), "last_seen": _iso(self.last_seen),
            "articles": self.articles, "events": self.events, "offices": self.offices,
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
        return {"role_class": self.role_class, "title": self.title, "institution": self.institution,
                "country": self.country, "first_seen": _iso(self.first_seen),
                "last_seen": _iso(self.last_seen), "reports": self.reports}


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
        return {**self.person.to_json(), "office_history": [o.to_json() for o in self.offices],
                "events_by_year": dict(self.events_by_year), "events_by_type": dict(self.events_by_type),
                "partners": dict(self.partners), "event_list": [e.to_json() for e in self.events]}


@dataclass(frozen=True, slots=True)
class YearCounts:
    """For one year (``None``: undated events): how many events, and counts by code, most first."""

    year: int | None
    events: int
    counts: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {"year": self.year, "events": self.events, "counts": dict(self.counts)}


@dataclass(frozen=True, slots=True)
class CountryDossier:
    country: str
    name: str | None
    since: date | None
    until: date | None
    events: int
    partners: list[YearCounts]
    topics: list[YearCounts]
    persons: list[PersonSummary]  # the country's persons with the most events in the range

    def to_json(self) -> dict[str, Any]:
        return {"country": self.country, "name": self.name, "since": _iso(self.since),
                "until": _iso(self.until), "events": self.events,
                "partners_by_year": [y.to_json() for y in self.partners],
                "topics_by_year": [y.to_json() for y in self.topics],
                "top_persons": [p.to_json() for p in self.persons]}


@dataclass(frozen=True, slots=True)
class PairTimeline:
    """The events in which both countries took part, oldest first (undated last)."""

    a: str
    b: str
    a_name: str | None
    b_name: str | None
    contacts: list[ClusterSummary]

    def to_json(self) -> dict[str, Any]:
        return {"a": self.a, "b": self.b, "a_name": self.a_name, "b_name": self.b_name,
                "total": len(self.contacts), "contacts": [c.to_json() for c in self.contacts]}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


# --- countries -----------------------------------------------------------------------------------

def country_code(value: str, *, lexicons: Lexicons | None = None) -> str:
    """The alpha-3 code of a country given as a code, name, alias or demonym ("kz", "KAZ",
    "Türkiye", "turkey", "Kazakh"); :class:`QueryError` (E060) when it names no country."""
    text = " ".join(value.split())
    if not text:
        _unknown(value)
    lex = lexicons or load_lexicons()
    if len(text) == 3 and text.upper() in lex.countries:
        return text.upper()
    # the lexicons match lower-case names, and abbreviations in any case but capitals, only exactly
    spellings = (text, text.title(), text.upper() if len(text) <= 4 else text)
    for candidate in dict.fromkeys(spellings):
        found = lex.country(candidate) or lex.demonym(candidate)
        if found:
            return found
    try:
        return str(pycountry.countries.lookup(text).alpha_3)
    except LookupError:
        _unknown(value)


def _unknown(value: str) -> NoReturn:
    raise QueryError(f"unknown country {value!r}: give an ISO alpha-3 code such as KAZ, or a name")


def country_name(code: str, *, lexicons: Lexicons | None = None) -> str | None:
    name = (lexicons or load_lexicons()).country_name(code)
    if name is None:
        found = pycountry.countries.get(alpha_3=code)
        name = str(found.name) if found else None
    return name


def _check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise QueryError(f"the date range is empty: {since} is after {until}")


# --- events (clusters) ---------------------------------------------------------------------------

def _has_reports() -> Any:
    """A cluster still has a report: re-extracting an article since resolution drops its members."""
    return exists().where(EventClusterMemberRow.cluster_id == EventClusterRow.id)


def _cluster_select(*, since: date | None, until: date | None, countries: Sequence[str] = (),
                    entity_id: int | None = None) -> Select[Any]:
    stmt = select(EventClusterRow).where(EventClusterRow.hidden == 0, _has_reports())
    if since:
        stmt = stmt.where(EventClusterRow.date >= since)
    if until:
        stmt = stmt.where(EventClusterRow.date <= until)
    if entity_id is not None:
        stmt = stmt.where(exists().where(ClusterParticipantRow.cluster_id == EventClusterRow.id,
                                         ClusterParticipantRow.entity_id == entity_id))
    for code in countries:
        stmt = stmt.where(exists().where(ClusterCountryRow.cluster_id == EventClusterRow.id,
                                         ClusterCountryRow.country == code))
    return stmt


def list_clusters(session: Session, *, since: date | None = None, until: date | None = None,
                  country: str | None = None) -> list[ClusterSummary]:
    """Visible events, newest first (undated last); ``country``: one of them takes part."""
    _check_range(since, until)
    countries = [country_code(country)] if country else []
    return _newest_first(session, _cluster_select(since=since, until=until, countries=countries))


def _newest_first(session: Session, stmt: Select[Any]) -> list[ClusterSummary]:
    rows = session.scalars(stmt.order_by(nulls_last(EventClusterRow.date.desc()), EventClusterRow.id)).all()
    return summarize(session, rows)


def summarize(session: Session, rows: Sequence[EventClusterRow]) -> list[ClusterSummary]:
    """Cluster rows with their participants, countries, topics and reporting articles."""
    ids = [r.id for r in rows]
    people = _participants(session, ids)
    countries = _countries(session, ids)
    articles, topics = _reports(session, ids)
    return [
        ClusterSummary(
            id=r.id, key=r.key, type=r.type, date=r.date, city=r.city, country=r.country,
            reports=r.reports, corrected=bool(r.corrected),
            countries=countries.get(r.id, []),
            participants=people.get(r.id, []), topics=topics.get(r.id, []),
            sources=articles.get(r.id, []),
        )
        for r in rows
    ]


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start:start + _CHUNK]


def _participants(session: Session, cluster_ids: Sequence[int]) -> dict[int, list[EntityRef]]:
    found: dict[int, list[EntityRef]] = defaultdict(list)
    for chunk in _chunks(cluster_ids):
        stmt = (
            select(ClusterParticipantRow.cluster_id, PersonEntityRow.id, PersonEntityRow.name,
                   PersonEntityRow.role_class, PersonEntityRow.country)
            .join(PersonEntityRow, PersonEntityRow.id == ClusterParticipantRow.entity_id)
            .where(ClusterParticipantRow.cluster_id.in_(chunk))
            .order_by(ClusterParticipantRow.cluster_id, ClusterParticipantRow.position,
                      PersonEntityRow.name_folded, PersonEntityRow.id)
        )
        for cluster_id, entity_id, name, role, country in session.execute(stmt):
            found[cluster_id].append(EntityRef(entity_id, name, role, country))
    return found


def _countries(session: Session, cluster_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(cluster_ids):
        stmt = (select(ClusterCountryRow.cluster_id, ClusterCountryRow.country)
                .where(ClusterCountryRow.cluster_id.in_(chunk))
                .order_by(ClusterCountryRow.cluster_id, ClusterCountryRow.country))
        for cluster_id, country in session.execute(stmt):
            found[cluster_id].append(country)
    return found


def _reports(session: Session, cluster_ids: Sequence[int]) -> tuple[dict[int, list[str]],
                                                                    dict[int, list[str]]]:
    """Per cluster: the external ids of its reporting articles, and their topics."""
    article_ids: dict[int, list[int]] = defaultdict(list)
    names: dict[int, str] = {}
    for chunk in _chunks(cluster_ids):
        stmt = (
            select(EventClusterMemberRow.cluster_id, ArticleRow.id, ArticleRow.external_id)
            .join(EventRow, EventRow.id == EventClusterMemberRow.event_id)
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .where(EventClusterMemberRow.cluster_id.in_(chunk))
            .order_by(EventClusterMemberRow.cluster_id, ArticleRow.published, ArticleRow.id)
        )
        for cluster_id, article_id, external_id in session.execute(stmt):
            if article_id not in article_ids[cluster_id]:
                article_ids[cluster_id].append(article_id)
            names[article_id] = external_id
    codes: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(sorted(names)):
        topic_stmt = (select(TopicRow.article_id, TopicRow.code).where(TopicRow.article_id.in_(chunk))
                      .order_by(TopicRow.article_id, TopicRow.position))
        for article_id, code in session.execute(topic_stmt):
            codes[article_id].append(code)
    articles = {c: [names[a] for a in ids] for c, ids in article_ids.items()}
    topics = {c: list(dict.fromkeys(code for a in ids for code in codes.get(a, [])))
              for c, ids in article_ids.items()}
    return articles, topics


# --- persons -------------------------------------------------------------------------------------

def _name_tokens(name: str) -> list[list[str]]:
    """The words of a searched name under both folds in use (entity rows may hold either)."""
    variants: list[list[str]] = []
    for words in (fold_name(name).split(), [w for w in re.split(r"[\W_]+", repository.fold(name)) if w]):
        if words and words not in variants:
            variants.append(words)
    return variants


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _visible_events_of_entity(since: date | None = None, until: date | None = None) -> Any:
    stmt = (select(func.count()).select_from(ClusterParticipantRow)
            .join(EventClusterRow, EventClusterRow.id == ClusterParticipantRow.cluster_id)
            .where(ClusterParticipantRow.entity_id == PersonEntityRow.id, EventClusterRow.hidden == 0,
                   _has_reports()))
    if since:
        stmt = stmt.where(EventClusterRow.date >= since)
    if until:
        stmt = stmt.where(EventClusterRow.date <= until)
    return stmt.scalar_subquery()


def _offices_of_entity() -> Any:
    return (select(func.count()).select_from(OfficeRow)
            .where(OfficeRow.entity_id == PersonEntityRow.id).scalar_subquery())


def _person_select(name: str | None, country: str | None, role: str | None) -> Select[Any]:
    """Entities with their counts of visible events (column ``events``) and of offices."""
    stmt = select(PersonEntityRow, _visible_events_of_entity().label("events"),
                  _offices_of_entity().label("offices"))
    if name is not None:
        variants = _name_tokens(name)
        if not variants:
            raise QueryError(f"the name {name!r} has no letters or digits to search for")
        stmt = stmt.where(or_(*(
            and_(*(PersonEntityRow.name_folded.like(f"%{_escape_like(w)}%", escape="\\") for w in words))
            for words in variants)))
    if country is not None:
        stmt = stmt.where(PersonEntityRow.country == country_code(country))
    if role is not None:
        role = role.strip().lower()
        if role not in ROLE_CLASSES:
            raise QueryError(f"unknown role class {role!r}: one of {', '.join(ROLE_CLASSES)}")
        # the role now, or an office held at some time
        stmt = stmt.where(or_(PersonEntityRow.role_class == role, exists().where(
            OfficeRow.entity_id == PersonEntityRow.id, OfficeRow.role_class == role)))
    return stmt


def _summary(row: PersonEntityRow, events: int, offices: int) -> PersonSummary:
    return PersonSummary(
        id=row.id, key=row.key, name=row.name, role_class=row.role_class, country=row.country,
        title=row.title, institution=row.institution, first_seen=row.first_seen, last_seen=row.last_seen,
        articles=row.articles, events=int(events or 0), offices=int(offices or 0),
        corrected=bool(row.corrected),
    )


def find_persons(session: Session, *, name: str | None = None, country: str | None = None,
                 role: str | None = None, limit: int | None = None) -> list[PersonSummary]:
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


def count_persons(session: Session, *, name: str | None = None, country: str | None = None,
                  role: str | None = None) -> int:
    """How many persons :func:`find_persons` finds without a limit."""
    stmt = _person_select(name, country, role)
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


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
    exact = [p for p in found if fold_name(p.name) == fold_name(text)]
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
        select(OfficeRow).where(OfficeRow.entity_id == entity_id)
        .order_by(nulls_last(OfficeRow.first_seen.asc()), nulls_last(OfficeRow.last_seen.asc()), OfficeRow.id)
    ).all()
    return [Office(r.role_class, r.title, r.institution, r.country, r.first_seen, r.last_seen, r.reports)
            for r in rows]


def person_events(session: Session, entity_id: int, *, since: date | None = None,
                  until: date | None = None) -> list[ClusterSummary]:
    """The visible events a person took part in, newest first (undated last)."""
    _check_range(since, until)
    _entity(session, entity_id)
    return _newest_first(session, _cluster_select(since=since, until=until, entity_id=entity_id))


def get_person(session: Session, entity_id: int, *, since: date | None = None,
               until: date | None = None) -> PersonDetail:
    """A person with office history, events (within the dates, if given) and counts of them."""
    row = _entity(session, entity_id)
    found = person_events(session, entity_id, since=since, until=until)
    offices = office_history(session, entity_id)
    years = Counter(str(e.date.year) if e.date else "undated" for e in found)
    partners = Counter(c for e in found for c in e.countries if c != row.country)
    return PersonDetail(
        person=_summary(row, len(found), len(offices)), offices=offices, events=found,
        events_by_year=dict(sorted(years.items(), key=lambda kv: (kv[0] == "undated", kv[0]))),
        events_by_type=_ranked(Counter(e.type for e in found)),
        partners=_ranked(partners),
    )


def _ranked(counts: Counter[str]) -> dict[str, int]:
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# --- countries: partners, topics, persons, pairs -------------------------------------------------

def _country_events(session: Session, code: str, since: date | None,
                    until: date | None) -> list[ClusterSummary]:
    _check_range(since, until)
    return _newest_first(session, _cluster_select(since=since, until=until, countries=[code]))


def _by_year(events: Iterable[ClusterSummary], codes_of: Any) -> list[YearCounts]:
    totals: Counter[int | None] = Counter()
    counts: dict[int | None, Counter[str]] = defaultdict(Counter)
    for ev in events:
        year = ev.date.year if ev.date else None
        totals[year] += 1
        counts[year].update(set(codes_of(ev)))
    years = sorted(totals, key=lambda y: (y is None, y or 0))
    return [YearCounts(y, totals[y], _ranked(counts[y])) for y in years]


def _partners(code: str, events: Iterable[ClusterSummary]) -> list[YearCounts]:
    return _by_year(events, lambda ev: [c for c in ev.countries if c != code])


def _topics(events: Iterable[ClusterSummary]) -> list[YearCounts]:
    return _by_year(events, lambda ev: ev.topics)


def country_partners(session: Session, country: str, *, since: date | None = None,
                     until: date | None = None) -> list[YearCounts]:
    """Per year (oldest first, undated last): the country's events, and for each partner country
    the number of those events in which the partner took part too."""
    code = country_code(country)
    return _partners(code, _country_events(session, code, since, until))


def country_topics(session: Session, country: str, *, since: date | None = None,
                   until: date | None = None) -> list[YearCounts]:
    """Per year: the country's events, and for each topic the number of those events whose
    reporting articles name it."""
    code = country_code(country)
    return _topics(_country_events(session, code, since, until))


def _top_persons(session: Session, code: str, events: Iterable[ClusterSummary], top: int,
                 since: date | None, until: date | None) -> list[PersonSummary]:
    counts = Counter(p.id for ev in events for p in ev.participants if p.country == code)
    if not counts or top == 0:
        return []
    cutoff = sorted(counts.values(), reverse=True)[min(top, len(counts)) - 1]
    wanted = [i for i, n in counts.items() if n >= cutoff]  # ties at the cut are ordered by name below
    people: list[PersonSummary] = []
    for chunk in _chunks(wanted):
        stmt = select(PersonEntityRow, _visible_events_of_entity(since, until), _offices_of_entity()).where(
            PersonEntityRow.id.in_(chunk))
        people.extend(_summary(*r) for r in session.execute(stmt))
    people.sort(key=lambda p: (-p.events, fold_name(p.name), p.id))
    return people[:top]


def top_persons(session: Session, country: str, *, since: date | None = None, until: date | None = None,
                top: int = TOP_PERSONS) -> list[PersonSummary]:
    """The country's persons with the most visible events within the dates, most first."""
    code = country_code(country)
    return _top_persons(session, code, _country_events(session, code, since, until), top, since, until)


def country_dossier(session: Session, country: str, *, since: date | None = None,
                    until: date | None = None, top: int = TOP_PERSONS) -> CountryDossier:
    """Partners by year, topics by year and top persons of a country, from one reading."""
    if top < 0:
        raise QueryError("top must be zero or more")
    code = country_code(country)
    events = _country_events(session, code, since, until)
    return CountryDossier(
        country=code, name=country_name(code), since=since, until=until, events=len(events),
        partners=_partners(code, events), topics=_topics(events),
        persons=_top_persons(session, code, events, top, since, until),
    )


def pair_timeline(session: Session, a: str, b: str, *, since: date | None = None,
                  until: date | None = None) -> PairTimeline:
    """The events in which both countries took part, oldest first (undated last)."""
    code_a, code_b = country_code(a), country_code(b)
    if code_a == code_b:
        raise QueryError(f"a timeline needs two different countries, not {code_a} twice")
    _check_range(since, until)
    stmt = _cluster_select(since=since, until=until, countries=[code_a, code_b])
    rows = session.scalars(stmt.order_by(nulls_last(EventClusterRow.date.asc()), EventClusterRow.id)).all()
    return PairTimeline(code_a, code_b, country_name(code_a), country_name(code_b), summarize(session, rows))
