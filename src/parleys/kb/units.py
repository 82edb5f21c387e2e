"""The SQL of the one event reader: which events there are (*units*) and which match a filter.

Resolution (:mod:`parleys.resolve`) writes event clusters over person entities, corrections
applied. A unit is every visible cluster whose earliest report still stands (``resolved`` = 1),
plus every event that no such cluster holds yet, stored since the last resolution (``resolved``
= 0), as a unit of its own. A cluster's id is its earliest report's event id, so both kinds share
one id space, and a store that was never resolved lists exactly its extracted events.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import Integer, Select, and_, exists, literal, nulls_last, or_, select, union_all
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
    OrganizationRow,
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


def _columns_resolved() -> list[Any]:
    return [
        EventClusterRow.id.label("id"),
        literal(1, Integer).label("resolved"),
        EventClusterRow.type.label("type"),
        EventClusterRow.date.label("date"),
        EventClusterRow.city.label("city"),
        EventClusterRow.country.label("country"),
        EventRow.article_id.label("article_id"),
        EventRow.position.label("position"),
        EventClusterRow.reports.label("reports"),
    ]


def _live_units() -> Select[Any]:
    """The visible clusters whose earliest report still stands."""
    return (
        select(*_columns_resolved())
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


def _unresolved_units() -> Select[Any]:
    """The events no live cluster holds (stored since the last resolution): an event has at most
    one membership and its cluster at most one earliest report, so outer joins find the events
    without both in one pass (cheaper than a correlated ``NOT EXISTS`` per event)."""
    mine, rep = aliased(EventClusterMemberRow), aliased(EventClusterMemberRow)
    stmt = (
        select(
            EventRow.id,
            literal(0, Integer),
            EventRow.type,
            EventRow.date,
            EventRow.city,
            EventRow.country,
            EventRow.article_id,
            EventRow.position,
            literal(1, Integer),
        )
        .outerjoin(mine, mine.event_id == EventRow.id)
        .outerjoin(rep, and_(rep.event_id == mine.cluster_id, rep.cluster_id == mine.cluster_id))
        .where(rep.event_id.is_(None))
    )
    return cast(Select[Any], stmt)  # nine typed columns; the union reads them by position


def units() -> Any:
    """The units as a subquery: id, resolved, type, date, city, country, article_id, position, reports."""
    return union_all(_live_units(), _unresolved_units()).subquery("units")


def _in(column: Any, ids: Select[Any]) -> Any:
    """``column IN (ids)``, the subquery read once on its own (it names tables of the unit too)."""
    return column.in_(ids.correlate(None))


def _every(column: Any, words: list[str]) -> Any:
    return and_(*(column.like(contains(w), escape=LIKE_ESCAPE) for w in words))


def _every_any_case(column: Any, words: list[str]) -> Any:
    """Every word occurs in the (unfolded) column, ignoring case."""
    return and_(*(column.ilike(contains(w), escape=LIKE_ESCAPE) for w in words))


class _Live:
    """Conditions on a live cluster (``EventClusterRow`` joined to its earliest report ``EventRow``)."""

    id, date, type, place, article_id, position = (
        EventClusterRow.id,
        EventClusterRow.date,
        EventClusterRow.type,
        EventClusterRow.country,
        EventRow.article_id,
        EventRow.position,
    )

    @staticmethod
    def has_country(code: str) -> Any:
        """A participant represents the country (the countries resolution stored)."""
        return _in(
            EventClusterRow.id, select(ClusterCountryRow.cluster_id).where(ClusterCountryRow.country == code)
        )

    @staticmethod
    def _participant_where(condition: Any) -> Any:
        """A cluster with a participant whose entity row meets ``condition``."""
        return _in(
            EventClusterRow.id,
            select(ClusterParticipantRow.cluster_id)
            .join(PersonEntityRow, PersonEntityRow.id == ClusterParticipantRow.entity_id)
            .where(condition),
        )

    @staticmethod
    def _reported_as(condition: Any) -> Any:
        """The entity has a person row (a report's mention of it) that meets ``condition``."""
        return exists().where(
            PersonLinkRow.entity_id == PersonEntityRow.id,
            PersonRow.id == PersonLinkRow.person_id,
            condition,
        )

    @classmethod
    def has_person(cls, words: list[str]) -> Any:
        """A participant's name (or a spelling an article used for the entity) holds every word."""
        return cls._participant_where(
            or_(
                _every(PersonEntityRow.name_folded, words),
                cls._reported_as(_every(PersonRow.name_folded, words)),
            )
        )

    @classmethod
    def has_institution(cls, words: list[str]) -> Any:
        """A participant's institution (the entity's, or one a report gave it) holds every word."""
        return cls._participant_where(
            or_(
                _every_any_case(PersonEntityRow.institution, words),
                cls._reported_as(_every_any_case(PersonRow.institution, words)),
            )
        )

    @staticmethod
    def has_organization(code: str) -> Any:
        """A report of the cluster names the organization."""
        member, report = aliased(EventClusterMemberRow), aliased(EventRow)
        return _in(
            EventClusterRow.id,
            select(member.cluster_id)
            .join(report, report.id == member.event_id)
            .join(OrganizationRow, OrganizationRow.article_id == report.article_id)
            .where(OrganizationRow.code == code),
        )

    @staticmethod
    def has_entity(entity_id: int) -> Any:
        return _in(
            EventClusterRow.id,
            select(ClusterParticipantRow.cluster_id).where(ClusterParticipantRow.entity_id == entity_id),
        )

    @staticmethod
    def has_topic(code: str) -> Any:
        """A report of the cluster has the topic."""
        member, report = aliased(EventClusterMemberRow), aliased(EventRow)
        return _in(
            EventClusterRow.id,
            select(member.cluster_id)
            .join(report, report.id == member.event_id)
            .join(TopicRow, TopicRow.article_id == report.article_id)
            .where(TopicRow.code == code),
        )


class _Single:
    """Conditions on an event stored since the last resolution (``EventRow``)."""

    id, date, type, place, article_id, position = (
        EventRow.id,
        EventRow.date,
        EventRow.type,
        EventRow.country,
        EventRow.article_id,
        EventRow.position,
    )

    @staticmethod
    def has_country(code: str) -> Any:
        """A participant represents the country (the countries extraction stored)."""
        return _in(EventRow.id, select(EventCountryRow.event_id).where(EventCountryRow.country == code))

    @staticmethod
    def _participant_where(condition: Any) -> Any:
        """An event with a participant whose person row meets ``condition``."""
        return _in(
            EventRow.id,
            select(ParticipantRow.event_id)
            .join(PersonRow, PersonRow.id == ParticipantRow.person_id)
            .where(condition),
        )

    @classmethod
    def has_person(cls, words: list[str]) -> Any:
        return cls._participant_where(_every(PersonRow.name_folded, words))

    @staticmethod
    def has_topic(code: str) -> Any:
        return _in(EventRow.article_id, select(TopicRow.article_id).where(TopicRow.code == code))

    @classmethod
    def has_institution(cls, words: list[str]) -> Any:
        return cls._participant_where(_every_any_case(PersonRow.institution, words))

    @staticmethod
    def has_organization(code: str) -> Any:
        named = select(OrganizationRow.article_id).where(OrganizationRow.code == code)
        return _in(EventRow.article_id, named)


def _conditions(flt: EventFilter, side: Any) -> list[Any]:
    """The criteria of ``flt`` (other than ``linked_only`` and ``person_id``) on one kind of unit."""
    out: list[Any] = []
    if flt.country:
        if flt.country_by == "participant":
            out.append(side.has_country(flt.country))
        elif flt.country_by == "place":
            out.append(side.place == flt.country)
        else:
            out.append(or_(side.place == flt.country, side.has_country(flt.country)))
    if flt.partner:
        out.append(side.has_country(flt.partner))
    if flt.person:
        words = fold_words(flt.person)
        if words:
            out.append(side.has_person(words))
    if flt.institution:
        out.append(side.has_institution(flt.institution.split()))
    if flt.type:
        out.append(side.type == flt.type)
    if flt.topic:
        out.append(side.has_topic(flt.topic))
    if flt.organization:
        out.append(side.has_organization(flt.organization))
    if flt.text:
        from parleys.kb.search import article_matches

        out.append(article_matches(side.article_id, flt.text))
    if flt.since:
        out.append(side.date >= flt.since)
    if flt.until:
        out.append(side.date <= flt.until)
    return out


def _first(branch: Select[Any], side: Any, order: str, top: int) -> Select[Any]:
    """The ``top`` first units of one kind in the listing's order (a page of the union lies
    within the pages of its parts), read as a subquery so a compound select may hold it."""
    when = side.date.desc() if order == "newest" else side.date.asc()
    first = branch.order_by(nulls_last(when), side.article_id, side.position).limit(top)
    return select(first.subquery())


def filtered(flt: EventFilter, *, top: int | None = None) -> tuple[Select[Any], Any]:
    """The units that match ``flt`` (all columns of the unit, unordered), and the units subquery.

    Each criterion is applied inside each kind of unit (a live cluster, an event stored since the
    last resolution) rather than on their union, so the database can start from the most selective
    index (a country, a person, a word) instead of reading every unit. With ``top``, the
    clusters give only their ``top`` first in ``flt.order`` (enough for a page ending at ``top``).
    """
    live = _live_units().where(*_conditions(flt, _Live))
    if flt.person_id is not None:
        live = live.where(_Live.has_entity(flt.person_id))
    if top is not None:
        live = _first(live, _Live, flt.order, top)
    if flt.linked_only or flt.person_id is not None:  # only clusters have person entities
        u = live.subquery("units")
    else:
        # not cut: events stored since the last resolution are few, and an ordered walk of every
        # event to find them would cost more than reading them through the filter's own index
        single = _unresolved_units().where(*_conditions(flt, _Single))
        u = union_all(live, single).subquery("units")
    return select(u), u
