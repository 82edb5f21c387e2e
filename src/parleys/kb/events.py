"""The one event reader: listing events with filters (:func:`list_events`, :func:`count_events`).

Every reader of events goes through here: ``parleys events``, ``/api/events``, the exports, and
the knowledge-base questions (:mod:`parleys.kb.people`, :mod:`parleys.kb.dossier`,
:mod:`parleys.kb.network`), which ask for ``linked_only`` events. :mod:`parleys.kb.units` says
which events there are; this module adds their participants, countries, topics and sources.

A listed event's city is its canonical name ("Nur-Sultan" is listed as Astana; ``show`` keeps the
spelling its evidence supports). A participant of a resolved event is a person entity: its name
and country are the entity's; its role, title and institution are what the report said at the
time, unless an analyst corrected them. A participant of an event stored since the last
resolution is the article's person.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Integer, Select, bindparam, case, func, nulls_last, select
from sqlalchemy.orm import Session

from parleys.kb.filters import EventFilter
from parleys.kb.types import EventSummary, Participant
from parleys.kb.units import VISIBLE, Shape, criteria, filtered, settled
from parleys.keys import event_key
from parleys.normalize.places import canonical_city
from parleys.normalize.sql import chunks
from parleys.store.models import (
    ArticleRow,
    ClusterCountryRow,
    ClusterParticipantRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventCountryRow,
    EventRow,
    EvidenceRow,
    ParticipantRow,
    PersonEntityRow,
    PersonLinkRow,
    PersonRow,
    TopicRow,
)


def corrected_fields(text: str | None) -> list[str]:
    return list(json.loads(text)) if text else []


# --- participants, countries, topics, sources of clusters ------------------------------------------


@dataclass(frozen=True, slots=True)
class Reported:
    """A cluster participant as one of its reports names it."""

    person_id: int
    key: str
    role_class: str
    country: str | None
    title: str | None
    institution: str | None
    confidence: float | None


def _earliest_first() -> tuple[Any, ...]:
    """Reports of a cluster in order: the representative report, then by publication date."""
    return (
        case((EventClusterMemberRow.event_id == EventClusterMemberRow.cluster_id, 0), else_=1),
        nulls_last(ArticleRow.published),
        ArticleRow.content_hash,
    )


# The statements below read a page of events by id lists. Each is built once (``cache``) with an
# expanding ``IN`` parameter: building a statement and hashing it for the compiled cache cost more
# than running it on a page of events.


def _ids() -> Any:
    return bindparam("ids", expanding=True)


def run(session: Session, stmt: Any, params: dict[str, Any]) -> Any:
    """The rows of a built statement, executed on the session's connection: the ORM's execution
    path costs more than the query on a small page, and these selects load no objects. Pending
    changes are flushed first, as the session would."""
    if session.autoflush:
        session.flush()
    return session.connection().execute(stmt, params)


def _by_ids(session: Session, stmt: Any, ids: Sequence[int]) -> Sequence[Any]:
    """All rows of a statement of ``_ids()`` for these ids (fetched at once, not row by row)."""
    return run(session, stmt, {"ids": list(ids)}).all()  # type: ignore[no-any-return]


@cache
def _reported_statement() -> Any:
    return (
        select(
            EventClusterMemberRow.cluster_id,
            PersonLinkRow.entity_id,
            PersonRow.id,
            PersonRow.key,
            PersonRow.role_class,
            PersonRow.country,
            PersonRow.title,
            PersonRow.institution,
            PersonRow.confidence,
        )
        .join(ParticipantRow, ParticipantRow.event_id == EventClusterMemberRow.event_id)
        .join(PersonRow, PersonRow.id == ParticipantRow.person_id)
        .join(PersonLinkRow, PersonLinkRow.person_id == PersonRow.id)
        .join(EventRow, EventRow.id == EventClusterMemberRow.event_id)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(EventClusterMemberRow.cluster_id.in_(_ids()))
        .order_by(*_earliest_first(), ParticipantRow.position)
    )


def reported(session: Session, cluster_ids: Sequence[int]) -> dict[tuple[int, int], Reported]:
    """(cluster, entity) -> the person row of its earliest report that names the entity."""
    found: dict[tuple[int, int], Reported] = {}
    for chunk in chunks(cluster_ids):
        for row in _by_ids(session, _reported_statement(), chunk):  # columns, not ORM objects
            cluster_id, entity_id, *said = row
            if (cluster_id, entity_id) not in found:
                found[(cluster_id, entity_id)] = Reported(*said)  # type: ignore[arg-type]  # columns in field order
    return found


@dataclass(frozen=True, slots=True)
class Entity:
    """The columns of a person entity that a listing shows (read as columns: loading ORM objects
    cost more than the query on a page of events)."""

    id: int
    key: str
    name: str
    role_class: str
    title: str | None
    institution: str | None
    country: str | None
    corrected_fields: str | None


def participant_values(entity: Entity | PersonEntityRow, said: Reported | None) -> dict[str, Any]:
    """Name and country of the entity; role, title, institution as reported, unless corrected."""
    fixed = set(corrected_fields(entity.corrected_fields))

    def pick(field: str, value: Any, *, weak: Any = None) -> Any:
        if field in fixed or said is None or value in (None, weak):
            return getattr(entity, field)
        return value

    return {
        "name": entity.name,
        "role_class": pick("role_class", said.role_class if said else None, weak="other"),
        "title": pick("title", said.title if said else None),
        "institution": pick("institution", said.institution if said else None),
        "country": entity.country if ("country" in fixed or entity.country or said is None) else said.country,
    }


def _listed(entity: Entity, said: Reported | None) -> Participant:
    """A participant as a listing shows it: :func:`participant_values`' name, role and country."""
    if entity.corrected_fields or said is None:
        shown = participant_values(entity, said)
        return Participant(entity.id, shown["name"], shown["role_class"], shown["country"])
    role = entity.role_class if said.role_class in (None, "other") else said.role_class
    return Participant(entity.id, entity.name, role, entity.country or said.country)


@cache
def _entities_statement() -> Any:
    return (
        select(
            ClusterParticipantRow.cluster_id,
            PersonEntityRow.id,
            PersonEntityRow.key,
            PersonEntityRow.name,
            PersonEntityRow.role_class,
            PersonEntityRow.title,
            PersonEntityRow.institution,
            PersonEntityRow.country,
            PersonEntityRow.corrected_fields,
        )
        .join(PersonEntityRow, PersonEntityRow.id == ClusterParticipantRow.entity_id)
        .where(ClusterParticipantRow.cluster_id.in_(_ids()))
        .order_by(ClusterParticipantRow.cluster_id, ClusterParticipantRow.position, PersonEntityRow.id)
    )


def cluster_participants(
    session: Session, cluster_ids: Sequence[int]
) -> dict[int, list[tuple[Entity, Reported | None]]]:
    """Cluster -> its entities in order, each with what its earliest report said (two queries: a
    window in SQL picking each entity's earliest report cost more than reading every mention)."""
    said = reported(session, cluster_ids)
    found: dict[int, list[tuple[Entity, Reported | None]]] = defaultdict(list)
    for chunk in chunks(cluster_ids):
        for cluster_id, *columns in _by_ids(session, _entities_statement(), chunk):
            entity = Entity(*columns)  # type: ignore[arg-type]  # columns in field order
            found[cluster_id].append((entity, said.get((cluster_id, entity.id))))
    return found


@cache
def _cluster_countries_statement() -> Any:
    return (
        select(ClusterCountryRow.cluster_id, ClusterCountryRow.country)
        .where(ClusterCountryRow.cluster_id.in_(_ids()))
        .order_by(ClusterCountryRow.cluster_id, ClusterCountryRow.country)
    )


def cluster_countries(session: Session, cluster_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks(cluster_ids):
        for cid, code in _by_ids(session, _cluster_countries_statement(), chunk):
            found[cid].append(code)
    return found


@dataclass(frozen=True, slots=True)
class Member:
    event_id: int
    article_id: int
    external_id: str
    content_hash: str
    position: int


def _members_statement(*, with_topics: bool) -> Any:
    """Reports of clusters, the earliest report first, then by publication date; ``with_topics``:
    a row per topic of each report's article (in the article's order), a report without one once."""
    stmt = (
        select(
            EventClusterMemberRow.cluster_id,
            EventRow.id,
            EventRow.article_id,
            ArticleRow.external_id,
            ArticleRow.content_hash,
            EventRow.position,
        )
        .join(EventRow, EventRow.id == EventClusterMemberRow.event_id)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(EventClusterMemberRow.cluster_id.in_(_ids()))
        .order_by(EventClusterMemberRow.cluster_id, *_earliest_first(), EventRow.position)
    )
    if with_topics:
        stmt = (
            stmt.add_columns(TopicRow.code)
            .outerjoin(TopicRow, TopicRow.article_id == EventRow.article_id)
            .order_by(TopicRow.position)
        )
    return stmt


_plain_members, _members_with_topics = (
    cache(lambda: _members_statement(with_topics=False)),
    cache(lambda: _members_statement(with_topics=True)),
)


def members(session: Session, cluster_ids: Sequence[int]) -> dict[int, list[Member]]:
    """Cluster -> its reports, the earliest report first, then by publication date."""
    found: dict[int, list[Member]] = defaultdict(list)
    for chunk in chunks(cluster_ids):
        for cid, *columns in _by_ids(session, _plain_members(), chunk):
            found[cid].append(Member(*columns))
    return found


def members_and_topics(
    session: Session, cluster_ids: Sequence[int]
) -> tuple[dict[int, list[Member]], dict[int, list[str]]]:
    """:func:`members`, and cluster -> the topics of its reports' articles (each once, in the
    order of the reports and of each article's topics), from one query."""
    found: dict[int, list[Member]] = defaultdict(list)
    topics: dict[int, dict[str, None]] = defaultdict(dict)
    for chunk in chunks(cluster_ids):
        for cid, event_id, *columns, topic in _by_ids(session, _members_with_topics(), chunk):
            mine = found[cid]
            if not mine or mine[-1].event_id != event_id:  # a report's topic rows are adjacent
                mine.append(Member(event_id, *columns))
            if topic is not None:
                topics[cid][topic] = None
    return found, {cid: list(codes) for cid, codes in topics.items()}


# --- events stored since the last resolution ---------------------------------------------------------


@cache
def _event_participants_statement() -> Any:
    return (
        select(ParticipantRow.event_id, PersonRow.id, PersonRow.name, PersonRow.role_class, PersonRow.country)
        .join(PersonRow, PersonRow.id == ParticipantRow.person_id)
        .where(ParticipantRow.event_id.in_(_ids()))
        .order_by(ParticipantRow.event_id, ParticipantRow.position)
    )


def event_participants(session: Session, event_ids: Sequence[int]) -> dict[int, list[Participant]]:
    found: dict[int, list[Participant]] = defaultdict(list)
    for chunk in chunks(event_ids):
        for event_id, *columns in _by_ids(session, _event_participants_statement(), chunk):
            found[event_id].append(Participant(*columns))
    return found


@cache
def _event_countries_statement() -> Any:
    return (
        select(EventCountryRow.event_id, EventCountryRow.country)
        .where(EventCountryRow.event_id.in_(_ids()))
        .order_by(EventCountryRow.event_id, EventCountryRow.country)
    )


def event_countries(session: Session, event_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks(event_ids):
        for event_id, country in _by_ids(session, _event_countries_statement(), chunk):
            found[event_id].append(country)
    return found


@cache
def _topics_statement() -> Any:
    return (
        select(TopicRow.article_id, TopicRow.code)
        .where(TopicRow.article_id.in_(_ids()))
        .order_by(TopicRow.article_id, TopicRow.position)
    )


def article_topics(session: Session, article_ids: Iterable[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks(sorted(set(article_ids))):
        for article_id, code in _by_ids(session, _topics_statement(), chunk):
            found[article_id].append(code)
    return found


@cache
def _statements_statement() -> Any:
    """Per event: its confidence, the sentence that states it (its type's evidence, else the
    first), and whether an analyst corrected the cluster it represents (a cluster's id is its
    earliest report's)."""
    sentence = (
        select(EvidenceRow.text)
        .where(EvidenceRow.subject_kind == "event", EvidenceRow.subject_id == EventRow.id)
        .order_by(case((EvidenceRow.field == "type", 0), else_=1), EvidenceRow.id)
        .limit(1)
        .scalar_subquery()
    )
    return (
        select(EventRow.id, sentence, EventRow.confidence, EventClusterRow.corrected)
        .outerjoin(EventClusterRow, EventClusterRow.id == EventRow.id)
        .where(EventRow.id.in_(_ids()))
    )


def _statements(
    session: Session, event_ids: Sequence[int]
) -> dict[int, tuple[str | None, float | None, bool]]:
    """Event -> (the sentence that states it, its confidence, its cluster corrected)."""
    found: dict[int, tuple[str | None, float | None, bool]] = {}
    for chunk in chunks(event_ids):
        for event_id, text, confidence, corrected in _by_ids(session, _statements_statement(), chunk):
            found[event_id] = (text, confidence, bool(corrected))
    return found


# --- listing -------------------------------------------------------------------------------------
# A listing's statement is built once per shape of filter (:class:`parleys.kb.units.Shape`) and
# run with the filter's values (:func:`parleys.kb.units.criteria`), its page bounds parameters too.


def _bounds(flt: EventFilter) -> dict[str, Any]:
    top = None if flt.limit is None else flt.offset + flt.limit
    return {"f_offset": flt.offset, "f_limit": flt.limit, "f_top": top}


def _offset() -> Any:
    return bindparam("f_offset", type_=Integer)


def _limit() -> Any:
    return bindparam("f_limit", type_=Integer)


def _unfiltered(flt: EventFilter) -> bool:
    """No criterion: every unit matches, the events no live cluster holds too."""
    return not flt.linked_only and not any(v for k, v in flt.to_json().items() if k != "country_by")


def _settled(session: Session, flt: EventFilter) -> bool:
    """Read the clusters alone: an unfiltered listing in a store where every event is resolved
    (:func:`parleys.kb.units.settled`, a few counts), since finding the events no live cluster
    holds visits every event; a filter finds them through its own index, cheaply."""
    return _unfiltered(flt) and settled(session)


@lru_cache(maxsize=256)
def _count_statement(spec: Shape) -> Select[Any]:
    if spec.key[-1]:  # settled and unfiltered: every visible cluster is a unit (an index count)
        return select(func.count()).select_from(EventClusterRow).where(VISIBLE)
    stmt, _ = filtered(spec.flt)
    return select(func.count()).select_from(stmt.subquery())


def _count(session: Session, flt: EventFilter, *, clusters_only: bool) -> int:
    return int(run(session, _count_statement(Shape.of(flt, clusters_only)), criteria(flt)).scalar() or 0)


def count_events(session: Session, flt: EventFilter | None = None) -> int:
    """How many events match (ignoring limit and offset)."""
    flt = flt or EventFilter()
    return _count(session, flt, clusters_only=_settled(session, flt))


# what a listed event shows of its (earliest report's) article
_ARTICLE_COLUMNS = (
    ArticleRow.external_id,
    ArticleRow.title,
    ArticleRow.url,
    ArticleRow.content_hash,
    ArticleRow.site,
    ArticleRow.published,
)


@lru_cache(maxsize=256)
def _list_statement(spec: Shape) -> Select[Any]:
    flt = spec.flt
    top = None if flt.limit is None else flt.offset + flt.limit
    stmt, u = filtered(flt, top=top, settled=spec.key[-1])
    stmt = (
        stmt.add_columns(*_ARTICLE_COLUMNS)
        .join(ArticleRow, ArticleRow.id == u.c.article_id)
        .order_by(*_in_order(u, flt.order))
        .offset(_offset())
    )
    return stmt if flt.limit is None else stmt.limit(_limit())


def _list(session: Session, flt: EventFilter, *, clusters_only: bool) -> list[EventSummary]:
    stmt = _list_statement(Shape.of(flt, flt.limit is None, clusters_only))
    rows = run(session, stmt, {**criteria(flt), **_bounds(flt)}).mappings().all()
    return summarize(session, rows)


def list_events(session: Session, flt: EventFilter | None = None) -> list[EventSummary]:
    """Events that match, newest (or oldest) first, undated last, each with participants and topics.

    An event reported by several articles is listed once (``reports``, ``sources``), with its
    participants as person entities and analysts' corrections applied; hidden events are left out.
    """
    flt = flt or EventFilter()
    return _list(session, flt, clusters_only=_settled(session, flt))


def _with_articles(page: Any) -> Select[Any]:
    """The columns of a page of units and of their earliest report's article."""
    return select(page, *_ARTICLE_COLUMNS).join(ArticleRow, ArticleRow.id == page.c.article_id)


def _in_order(u: Any, order: str) -> tuple[Any, ...]:
    when = u.c.date.desc() if order == "newest" else u.c.date.asc()
    return (nulls_last(when), u.c.article_id, u.c.position)


@lru_cache(maxsize=256)
def _page_statement(spec: Shape) -> Select[Any]:
    flt = spec.flt
    _stmt, u = filtered(flt)
    cut = select(u, func.count().over().label("total")).order_by(*_in_order(u, flt.order)).offset(_offset())
    if flt.limit is not None:
        cut = cut.limit(_limit())
    page = cut.subquery("page")
    return _with_articles(page).order_by(*_in_order(page, flt.order))


def page_events(session: Session, flt: EventFilter | None = None) -> tuple[list[EventSummary], int]:
    """A page of :func:`list_events` and how many events match in all, from one query.

    The filter runs once: the matches are counted by a window over them (``count(*) OVER ()``)
    while the page is cut, instead of a listing and a separate count that each run the filter.
    """
    flt = flt or EventFilter()
    if _unfiltered(flt):
        # every unit matches: each part is cut by its date index and the count is cheap, where a
        # window would sort every unit
        clusters_only = settled(session)
        return _list(session, flt, clusters_only=clusters_only), _count(
            session, flt, clusters_only=clusters_only
        )
    stmt = _page_statement(Shape.of(flt, flt.limit is None))
    rows = run(session, stmt, {**criteria(flt), **_bounds(flt)}).mappings().all()
    if rows:
        total = int(rows[0]["total"])
    else:  # past the last page (or nothing matches): the window saw no row
        total = count_events(session, flt) if flt.offset else 0
    return summarize(session, rows), total


def summarize(session: Session, rows: Sequence[Any]) -> list[EventSummary]:
    """The summaries of unit rows (the columns of :func:`list_events`' select): for the clusters,
    their participants (two queries: the entities, what their earliest reports said), their
    reports with their articles' topics, their countries; for events stored since the last
    resolution, their persons, countries and topics; for both, the sentence that states each."""
    resolved = [r["id"] for r in rows if r["resolved"]]
    single = [r["id"] for r in rows if not r["resolved"]]
    people = cluster_participants(session, resolved)
    reports, cluster_topics = members_and_topics(session, resolved)
    countries = cluster_countries(session, resolved)
    single_people: dict[int, list[Participant]] = {}
    topics_by_article: dict[int, list[str]] = {}
    if single:  # none in a store just resolved
        countries = {**event_countries(session, single), **countries}
        single_people = event_participants(session, single)
        topics_by_article = article_topics(session, {r["article_id"] for r in rows if not r["resolved"]})
    statements = _statements(session, [r["id"] for r in rows])
    cities = {c: canonical_city(c) for c in {r["city"] for r in rows}}  # a gazetteer look-up each
    out = []
    for r in rows:
        cid = r["id"]
        evidence, confidence, corrected = statements.get(cid, (None, None, False))
        if r["resolved"]:
            participants = [_listed(entity, said) for entity, said in people.get(cid, [])]
            topics = cluster_topics.get(cid, [])
            sources = [m.external_id for m in reports.get(cid, [])]
        else:
            participants = single_people.get(cid, [])
            topics = topics_by_article.get(r["article_id"], [])
            sources = [r["external_id"]]
            corrected = False  # only a cluster is corrected
        out.append(
            EventSummary(
                id=cid,
                article_id=r["article_id"],
                article=r["external_id"],
                title=r["title"],
                url=r["url"],
                date=r["date"],
                type=r["type"],
                city=cities[r["city"]],
                country=r["country"],
                countries=countries.get(cid, []),
                participants=participants,
                topics=topics,
                reports=r["reports"],
                sources=sources,
                key=event_key(r["content_hash"], r["position"]),
                corrected=corrected,
                site=r["site"],
                published=r["published"],
                evidence=evidence,
                confidence=confidence,
            )
        )
    return out
