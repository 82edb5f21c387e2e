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
from typing import Any

from sqlalchemy import Select, case, func, nulls_last, select
from sqlalchemy.orm import Session

from parleys.kb.filters import EventFilter
from parleys.kb.types import EventSummary, Participant
from parleys.kb.units import filtered
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


def reported(session: Session, cluster_ids: Sequence[int]) -> dict[tuple[int, int], Reported]:
    """(cluster, entity) -> the person row of its earliest report that names the entity."""
    found: dict[tuple[int, int], Reported] = {}
    for chunk in chunks(cluster_ids):
        stmt = (
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
            .where(EventClusterMemberRow.cluster_id.in_(chunk))
            .order_by(*_earliest_first(), ParticipantRow.position)
        )
        for row in session.execute(stmt):  # columns, not ORM objects
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


def cluster_participants(
    session: Session, cluster_ids: Sequence[int]
) -> dict[int, list[tuple[Entity, Reported | None]]]:
    """Cluster -> its entities in order, each with what its earliest report said."""
    said = reported(session, cluster_ids)
    found: dict[int, list[tuple[Entity, Reported | None]]] = defaultdict(list)
    for chunk in chunks(cluster_ids):
        stmt = (
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
            .where(ClusterParticipantRow.cluster_id.in_(chunk))
            .order_by(ClusterParticipantRow.cluster_id, ClusterParticipantRow.position, PersonEntityRow.id)
        )
        for cluster_id, *columns in session.execute(stmt):
            entity = Entity(*columns)  # type: ignore[arg-type]  # columns in field order
            found[cluster_id].append((entity, said.get((cluster_id, entity.id))))
    return found


def cluster_countries(session: Session, cluster_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks(cluster_ids):
        for cid, code in session.execute(
            select(ClusterCountryRow.cluster_id, ClusterCountryRow.country)
            .where(ClusterCountryRow.cluster_id.in_(chunk))
            .order_by(ClusterCountryRow.cluster_id, ClusterCountryRow.country)
        ):
            found[cid].append(code)
    return found


@dataclass(frozen=True, slots=True)
class Member:
    event_id: int
    article_id: int
    external_id: str
    content_hash: str
    position: int


def members(session: Session, cluster_ids: Sequence[int]) -> dict[int, list[Member]]:
    """Cluster -> its reports, the earliest report first, then by publication date."""
    found: dict[int, list[Member]] = defaultdict(list)
    for chunk in chunks(cluster_ids):
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
            .where(EventClusterMemberRow.cluster_id.in_(chunk))
            .order_by(EventClusterMemberRow.cluster_id, *_earliest_first(), EventRow.position)
        )
        for cid, event_id, article_id, external_id, content_hash, position in session.execute(stmt):
            found[cid].append(Member(event_id, article_id, external_id, content_hash, position))
    return found


def _flags(session: Session, cluster_ids: Sequence[int]) -> dict[int, bool]:
    found: dict[int, bool] = {}
    for chunk in chunks(cluster_ids):
        for cid, corrected in session.execute(
            select(EventClusterRow.id, EventClusterRow.corrected).where(EventClusterRow.id.in_(chunk))
        ):
            found[cid] = bool(corrected)
    return found


# --- events stored since the last resolution ---------------------------------------------------------


def event_participants(session: Session, event_ids: Sequence[int]) -> dict[int, list[Participant]]:
    found: dict[int, list[Participant]] = defaultdict(list)
    for chunk in chunks(event_ids):
        stmt = (
            select(
                ParticipantRow.event_id, PersonRow.id, PersonRow.name, PersonRow.role_class, PersonRow.country
            )
            .join(PersonRow, PersonRow.id == ParticipantRow.person_id)
            .where(ParticipantRow.event_id.in_(chunk))
            .order_by(ParticipantRow.event_id, ParticipantRow.position)
        )
        for event_id, person_id, name, role, country in session.execute(stmt):
            found[event_id].append(Participant(person_id, name, role, country))
    return found


def event_countries(session: Session, event_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks(event_ids):
        stmt = (
            select(EventCountryRow.event_id, EventCountryRow.country)
            .where(EventCountryRow.event_id.in_(chunk))
            .order_by(EventCountryRow.event_id, EventCountryRow.country)
        )
        for event_id, country in session.execute(stmt):
            found[event_id].append(country)
    return found


def article_topics(session: Session, article_ids: Iterable[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks(sorted(set(article_ids))):
        stmt = (
            select(TopicRow.article_id, TopicRow.code)
            .where(TopicRow.article_id.in_(chunk))
            .order_by(TopicRow.article_id, TopicRow.position)
        )
        for article_id, code in session.execute(stmt):
            found[article_id].append(code)
    return found


def _statements(session: Session, event_ids: Sequence[int]) -> dict[int, tuple[str | None, float | None]]:
    """Event -> (the sentence that states it: its type's evidence, its confidence)."""
    found: dict[int, tuple[str | None, float | None]] = {}
    for chunk in chunks(event_ids):
        for event_id, confidence in session.execute(
            select(EventRow.id, EventRow.confidence).where(EventRow.id.in_(chunk))
        ):
            found[event_id] = (None, confidence)
        stmt = (
            select(EvidenceRow.subject_id, EvidenceRow.field, EvidenceRow.text)
            .where(EvidenceRow.subject_kind == "event", EvidenceRow.subject_id.in_(chunk))
            .order_by(EvidenceRow.subject_id, case((EvidenceRow.field == "type", 0), else_=1), EvidenceRow.id)
        )
        for event_id, _field, text in session.execute(stmt):
            if event_id in found and found[event_id][0] is None:
                found[event_id] = (text, found[event_id][1])
    return found


# --- listing -------------------------------------------------------------------------------------


def count_events(session: Session, flt: EventFilter | None = None) -> int:
    """How many events match (ignoring limit and offset)."""
    stmt, _ = filtered(flt or EventFilter())
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


# what a listed event shows of its (earliest report's) article
_ARTICLE_COLUMNS = (
    ArticleRow.external_id,
    ArticleRow.title,
    ArticleRow.url,
    ArticleRow.content_hash,
    ArticleRow.site,
    ArticleRow.published,
)


def list_events(session: Session, flt: EventFilter | None = None) -> list[EventSummary]:
    """Events that match, newest (or oldest) first, undated last, each with participants and topics.

    An event reported by several articles is listed once (``reports``, ``sources``), with its
    participants as person entities and analysts' corrections applied; hidden events are left out.
    """
    flt = flt or EventFilter()
    stmt, u = filtered(flt, top=None if flt.limit is None else flt.offset + flt.limit)
    when = u.c.date.desc() if flt.order == "newest" else u.c.date.asc()
    stmt = (
        stmt.add_columns(*_ARTICLE_COLUMNS)
        .join(ArticleRow, ArticleRow.id == u.c.article_id)
        .order_by(nulls_last(when), u.c.article_id, u.c.position)
        .offset(flt.offset)
    )
    if flt.limit is not None:
        stmt = stmt.limit(flt.limit)
    rows = session.execute(stmt).mappings().all()
    return summarize(session, rows)


def _with_articles(page: Any) -> Select[Any]:
    """The columns of a page of units and of their earliest report's article."""
    return select(page, *_ARTICLE_COLUMNS).join(ArticleRow, ArticleRow.id == page.c.article_id)


def _in_order(u: Any, order: str) -> tuple[Any, ...]:
    when = u.c.date.desc() if order == "newest" else u.c.date.asc()
    return (nulls_last(when), u.c.article_id, u.c.position)


def page_events(session: Session, flt: EventFilter | None = None) -> tuple[list[EventSummary], int]:
    """A page of :func:`list_events` and how many events match in all, from one query.

    The filter runs once: the matches are counted by a window over them (``count(*) OVER ()``)
    while the page is cut, instead of a listing and a separate count that each run the filter.
    """
    flt = flt or EventFilter()
    if not any(v for k, v in flt.to_json().items() if k != "country_by"):
        # every unit matches: each part is cut by its date index and the count is cheap, where a
        # window would sort every unit
        return list_events(session, flt), count_events(session, flt)
    _stmt, u = filtered(flt)
    cut = select(u, func.count().over().label("total")).order_by(*_in_order(u, flt.order)).offset(flt.offset)
    if flt.limit is not None:
        cut = cut.limit(flt.limit)
    page = cut.subquery("page")
    rows = session.execute(_with_articles(page).order_by(*_in_order(page, flt.order))).mappings().all()
    if rows:
        total = int(rows[0]["total"])
    else:  # past the last page (or nothing matches): the window saw no row
        total = count_events(session, flt) if flt.offset else 0
    return summarize(session, rows), total


def summarize(session: Session, rows: Sequence[Any]) -> list[EventSummary]:
    """The summaries of unit rows (the columns of :func:`list_events`' select)."""
    resolved = [r["id"] for r in rows if r["resolved"]]
    single = [r["id"] for r in rows if not r["resolved"]]
    people = cluster_participants(session, resolved)
    reports = members(session, resolved)
    countries = {**event_countries(session, single), **cluster_countries(session, resolved)}
    single_people = event_participants(session, single)
    topics_by_article = article_topics(
        session,
        {r["article_id"] for r in rows if not r["resolved"]}
        | {m.article_id for ms in reports.values() for m in ms},
    )
    flags = _flags(session, resolved)
    statements = _statements(session, [r["id"] for r in rows])
    cities = {c: canonical_city(c) for c in {r["city"] for r in rows}}  # a gazetteer look-up each
    out = []
    for r in rows:
        cid = r["id"]
        if r["resolved"]:
            participants = []
            for entity, said in people.get(cid, []):
                participants.append(_listed(entity, said))
            mine = reports.get(cid, [])
            topics = list(dict.fromkeys(c for m in mine for c in topics_by_article.get(m.article_id, [])))
            sources = [m.external_id for m in mine]
        else:
            participants = single_people.get(cid, [])
            topics = topics_by_article.get(r["article_id"], [])
            sources = [r["external_id"]]
        evidence, confidence = statements.get(cid, (None, None))
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
                corrected=flags.get(cid, False),
                site=r["site"],
                published=r["published"],
                evidence=evidence,
                confidence=confidence,
            )
        )
    return out
