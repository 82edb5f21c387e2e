"""The rows that fill a page of events (:mod:`parleys.kb.events`): participants, countries, topics
and reports, read by id lists (the sentence that states each event comes with the page).

For a cluster, a participant is a person entity (its name and country are the entity's; its role,
title and institution are what its earliest report said, unless an analyst corrected them); for an
event stored since the last resolution, the article's person.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import bindparam, case, nulls_last, select
from sqlalchemy.orm import Session

from parleys.kb.types import Participant
from parleys.normalize.sql import chunks
from parleys.store.models import (
    ArticleRow,
    ClusterCountryRow,
    ClusterParticipantRow,
    EventClusterMemberRow,
    EventCountryRow,
    EventRow,
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


def listed(entity: Entity, said: Reported | None) -> Participant:
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
