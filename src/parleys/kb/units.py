"""The SQL of the one event reader: which events there are (*units*) and which match a filter.

Resolution (:mod:`parleys.resolve`) writes event clusters over person entities, corrections
applied. A unit is every visible cluster whose earliest report still stands (``resolved`` = 1),
plus every event that no such cluster holds yet, stored since the last resolution (``resolved``
= 0), as a unit of its own. A cluster's id is its earliest report's event id, so both kinds share
one id space, and a store that was never resolved lists exactly its extracted events.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, Select, and_, exists, literal, or_, select, union_all
from sqlalchemy.orm import aliased

from parleys.kb.filters import EventFilter
from parleys.normalize.names import fold_words
from parleys.normalize.sql import LIKE_ESCAPE, contains
from parleys.store.models import (
    ClusterCountryRow,
    ClusterParticipantRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventCountryRow,
    EventRow,
    ParticipantRow,
    PersonEntityRow,
    PersonLinkRow,
    PersonRow,
    TopicRow,
)


def live_cluster() -> Any:
    """The cluster (``EventClusterRow``) still has its earliest report: an article extracted again
    since the last resolution drops it (resolve again to see the event)."""
    return exists().where(
        EventClusterMemberRow.event_id == EventClusterRow.id,
        EventClusterMemberRow.cluster_id == EventClusterRow.id,
    )


def units() -> Any:
    """The units as a subquery: id, resolved, type, date, city, country, article_id, position, reports."""
    live = (
        select(
            EventClusterRow.id.label("id"),
            literal(1, Integer).label("resolved"),
            EventClusterRow.type.label("type"),
            EventClusterRow.date.label("date"),
            EventClusterRow.city.label("city"),
            EventClusterRow.country.label("country"),
            EventRow.article_id.label("article_id"),
            EventRow.position.label("position"),
            EventClusterRow.reports.label("reports"),
        )
        .join(
            EventClusterMemberRow,
            and_(
                EventClusterMemberRow.event_id == EventClusterRow.id,
                EventClusterMemberRow.cluster_id == EventClusterRow.id,
            ),
        )
        .join(EventRow, EventRow.id == EventClusterRow.id)
        .where(EventClusterRow.hidden == 0)
    )
    mine, rep = aliased(EventClusterMemberRow), aliased(EventClusterMemberRow)
    unresolved = select(
        EventRow.id,
        literal(0, Integer),
        EventRow.type,
        EventRow.date,
        EventRow.city,
        EventRow.country,
        EventRow.article_id,
        EventRow.position,
        literal(1, Integer),
    ).where(
        ~exists().where(
            mine.event_id == EventRow.id, rep.cluster_id == mine.cluster_id, rep.event_id == mine.cluster_id
        )
    )
    return union_all(live, unresolved).subquery("units")


def _has_country(u: Any, code: str) -> Any:
    """A participant represents the country (the countries resolution or extraction stored)."""
    return or_(
        and_(
            u.c.resolved == 1,
            exists().where(ClusterCountryRow.cluster_id == u.c.id, ClusterCountryRow.country == code),
        ),
        and_(
            u.c.resolved == 0,
            exists().where(EventCountryRow.event_id == u.c.id, EventCountryRow.country == code),
        ),
    )


def _takes_part(u: Any, code: str, by: str) -> Any:
    if by == "participant":
        return _has_country(u, code)
    if by == "place":
        return u.c.country == code
    return or_(u.c.country == code, _has_country(u, code))


def _has_person(u: Any, words: list[str]) -> Any:
    """A participant's name (or a spelling an article used for the entity) holds every word."""

    def every(column: Any) -> Any:
        return and_(*(column.like(contains(w), escape=LIKE_ESCAPE) for w in words))

    named = or_(
        every(PersonEntityRow.name_folded),
        exists().where(
            PersonLinkRow.entity_id == PersonEntityRow.id,
            PersonRow.id == PersonLinkRow.person_id,
            every(PersonRow.name_folded),
        ),
    )
    person = aliased(PersonRow)
    return or_(
        and_(
            u.c.resolved == 1,
            exists().where(
                ClusterParticipantRow.cluster_id == u.c.id,
                PersonEntityRow.id == ClusterParticipantRow.entity_id,
                named,
            ),
        ),
        and_(
            u.c.resolved == 0,
            exists().where(
                ParticipantRow.event_id == u.c.id,
                person.id == ParticipantRow.person_id,
                every(person.name_folded),
            ),
        ),
    )


def _has_entity(u: Any, entity_id: int) -> Any:
    return and_(
        u.c.resolved == 1,
        exists().where(
            ClusterParticipantRow.cluster_id == u.c.id, ClusterParticipantRow.entity_id == entity_id
        ),
    )


def _has_topic(u: Any, code: str) -> Any:
    report = aliased(EventRow)
    return or_(
        and_(
            u.c.resolved == 1,
            exists().where(
                EventClusterMemberRow.cluster_id == u.c.id,
                report.id == EventClusterMemberRow.event_id,
                TopicRow.article_id == report.article_id,
                TopicRow.code == code,
            ),
        ),
        and_(u.c.resolved == 0, exists().where(TopicRow.article_id == u.c.article_id, TopicRow.code == code)),
    )


def filtered(flt: EventFilter) -> tuple[Select[Any], Any]:
    """The units that match ``flt`` (all columns of the unit, unordered), and the units subquery."""
    u = units()
    stmt = select(u)
    if flt.linked_only:
        stmt = stmt.where(u.c.resolved == 1)
    if flt.country:
        stmt = stmt.where(_takes_part(u, flt.country, flt.country_by))
    if flt.partner:
        stmt = stmt.where(_has_country(u, flt.partner))
    if flt.person:
        words = fold_words(flt.person)
        if words:
            stmt = stmt.where(_has_person(u, words))
    if flt.person_id is not None:
        stmt = stmt.where(_has_entity(u, flt.person_id))
    if flt.type:
        stmt = stmt.where(u.c.type == flt.type)
    if flt.topic:
        stmt = stmt.where(_has_topic(u, flt.topic))
    if flt.text:
        from parleys.kb.search import article_matches

        stmt = stmt.where(article_matches(u.c.article_id, flt.text))
    if flt.since:
        stmt = stmt.where(u.c.date >= flt.since)
    if flt.until:
        stmt = stmt.where(u.c.date <= flt.until)
    return stmt, u
