"""The SQL of the one event reader: which events there are (*units*) and which match a filter.

Resolution (:mod:`parleys.resolve`) writes event clusters over person entities, corrections
applied. A unit is every visible cluster whose earliest report still stands (``resolved`` = 1),
plus every event that no such cluster holds yet, stored since the last resolution (``resolved``
= 0), as a unit of its own. A cluster's id is its earliest report's event id, so both kinds share
one id space, and a store that was never resolved lists exactly its extracted events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from sqlalchemy import (
    Integer,
    Select,
    and_,
    bindparam,
    exists,
    func,
    literal,
    literal_column,
    nulls_last,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

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


# a visible cluster, written as the partial index of migration 0011 is (a bound 0 would not let
# the database use that index)
VISIBLE = EventClusterRow.hidden == literal_column("0")


# ``session.info`` key of a session that only reads (the API opens one per GET request): a dict in
# which the answers that cannot change while nothing is written, such as :func:`settled`, are kept
# for the session's life, so that a page that asks several readers asks the store once
READS_ONLY = "parleys.reads_only"


def reads_only(session: Session) -> Session:
    """Mark ``session`` as one that only reads: :func:`settled` is then told once for its life.
    Only for a session that writes nothing (a write would leave the kept answer stale)."""
    session.info.setdefault(READS_ONLY, {})
    return session


def settled(session: Session) -> bool:
    """Every event is held by a live cluster: the units are the visible clusters alone.

    Told by four counts in one query instead of a visit of every event: an event has at most one
    membership and a membership's event and cluster exist (foreign keys, deleted in cascade), so
    the events all have one when there are as many memberships as events, and the clusters all
    still have their earliest report when as many memberships are their cluster's own as there
    are clusters. Counted once for the life of a session marked :func:`reads_only`, on every call
    otherwise."""
    kept: dict[str, Any] | None = session.info.get(READS_ONLY)
    if kept is not None and "settled" in kept:
        return bool(kept["settled"])
    rep = aliased(EventClusterMemberRow)
    counts = select(
        select(func.count()).select_from(EventRow).scalar_subquery(),
        select(func.count()).select_from(EventClusterMemberRow).scalar_subquery(),
        select(func.count()).select_from(EventClusterRow).scalar_subquery(),
        select(func.count()).select_from(rep).where(rep.event_id == rep.cluster_id).scalar_subquery(),
    )
    events, memberships, clusters, standing = session.execute(counts).one()
    found = bool(events == memberships and clusters == standing)
    if kept is not None:
        kept["settled"] = found
    return found


def _live_units(*, settled: bool = False) -> Select[Any]:
    """The visible clusters whose earliest report still stands (all of them in a settled store)."""
    stmt = select(*_columns_resolved())
    if not settled:
        stmt = stmt.join(
            EventClusterMemberRow,
            and_(
                EventClusterMemberRow.event_id == EventClusterRow.id,
                EventClusterMemberRow.cluster_id == EventClusterRow.id,
            ),
        )
    return stmt.join(EventRow, EventRow.id == EventClusterRow.id).where(EventClusterRow.hidden == 0)


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


def _every(column: Any, words: list[Any]) -> Any:
    return and_(*(column.like(w, escape=LIKE_ESCAPE) for w in words))


def _every_any_case(column: Any, words: list[Any]) -> Any:
    """Every word occurs in the (unfolded) column, ignoring case."""
    return and_(*(column.ilike(w, escape=LIKE_ESCAPE) for w in words))


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


# Every value of a filter is a named bound parameter (``criteria`` gives them by name), so the
# statements of one *shape* of filter (which criteria are set, how many words each has) are one
# statement: the event reader builds it once and runs it with each filter's values, instead of
# building and hashing a union of units on every call (more time than the query on a small page).


def _bound(name: str, value: Any) -> Any:
    return bindparam(name, value)


def _word_params(name: str, words: list[str]) -> dict[str, str]:
    return {f"{name}_{i}": contains(w) for i, w in enumerate(words)}


def _person_words(flt: EventFilter) -> list[str]:
    return fold_words(flt.person) if flt.person else []


def _institution_words(flt: EventFilter) -> list[str]:
    return flt.institution.split() if flt.institution else []


def criteria(flt: EventFilter) -> dict[str, Any]:
    """The values of ``flt``'s criteria by the names of the parameters :func:`filtered` binds them
    to: a statement of :func:`shape` ``shape(flt)`` runs with these."""
    values: dict[str, Any] = {
        "f_country": flt.country,
        "f_partner": flt.partner,
        "f_type": flt.type,
        "f_topic": flt.topic,
        "f_organization": flt.organization,
        "f_since": flt.since,
        "f_until": flt.until,
        "f_person_id": flt.person_id,
    }
    values.update(_word_params("f_person", _person_words(flt)))
    values.update(_word_params("f_institution", _institution_words(flt)))
    if flt.text:
        from parleys.kb.search import search_params

        values.update(search_params(flt.text, "f_text"))
    return values


def shape(flt: EventFilter) -> tuple[Any, ...]:
    """What a statement of :func:`filtered` depends on besides the values: which criteria are set,
    how many words each has, the country's sense, the order and ``linked_only``."""
    return (
        flt.country_by if flt.country else None,
        bool(flt.partner),
        len(_person_words(flt)),
        len(_institution_words(flt)),
        bool(flt.type),
        bool(flt.topic),
        bool(flt.organization),
        bool(flt.text),
        bool(flt.since),
        bool(flt.until),
        flt.person_id is not None,
        flt.linked_only,
        flt.order,
    )


@dataclass(frozen=True, slots=True)
class Shape:
    """A filter as a cache key: equal (and hashed) by :func:`shape` alone, so a cache of statements
    keyed by it builds one statement per shape from the first filter of that shape."""

    key: tuple[Any, ...]
    flt: EventFilter = field(compare=False, hash=False)

    @classmethod
    def of(cls, flt: EventFilter, *extra: Any) -> Shape:
        return cls((*shape(flt), *extra), flt)


def _conditions(flt: EventFilter, side: Any) -> list[Any]:
    """The criteria of ``flt`` (other than ``linked_only`` and ``person_id``) on one kind of unit,
    each value a parameter named as :func:`criteria` names it."""
    out: list[Any] = []
    if flt.country:
        country = _bound("f_country", flt.country)
        if flt.country_by == "participant":
            out.append(side.has_country(country))
        elif flt.country_by == "place":
            out.append(side.place == country)
        else:
            out.append(or_(side.place == country, side.has_country(country)))
    if flt.partner:
        out.append(side.has_country(_bound("f_partner", flt.partner)))
    words = _word_params("f_person", _person_words(flt))
    if words:
        out.append(side.has_person([_bound(k, v) for k, v in words.items()]))
    words = _word_params("f_institution", _institution_words(flt))
    if words:
        out.append(side.has_institution([_bound(k, v) for k, v in words.items()]))
    if flt.type:
        out.append(side.type == _bound("f_type", flt.type))
    if flt.topic:
        out.append(side.has_topic(_bound("f_topic", flt.topic)))
    if flt.organization:
        out.append(side.has_organization(_bound("f_organization", flt.organization)))
    if flt.text:
        from parleys.kb.search import article_matches

        out.append(article_matches(side.article_id, flt.text, name="f_text"))
    if flt.since:
        out.append(side.date >= _bound("f_since", flt.since))
    if flt.until:
        out.append(side.date <= _bound("f_until", flt.until))
    return out


def _first(branch: Select[Any], side: Any, order: str, top: int) -> Select[Any]:
    """The ``top`` first units of one kind in the listing's order (a page of the union lies
    within the pages of its parts), read as a subquery so a compound select may hold it."""
    when = side.date.desc() if order == "newest" else side.date.asc()
    cut = bindparam("f_top", top, type_=Integer)
    first = branch.order_by(nulls_last(when), side.article_id, side.position).limit(cut)
    return select(first.subquery())


def filtered(flt: EventFilter, *, top: int | None = None, settled: bool = False) -> tuple[Select[Any], Any]:
    """The units that match ``flt`` (all columns of the unit, unordered), and the units subquery.

    Each criterion is applied inside each kind of unit (a live cluster, an event stored since the
    last resolution) rather than on their union, so the database can start from the most selective
    index (a country, a person, a word) instead of reading every unit. With ``top``, the
    clusters give only their ``top`` first in ``flt.order`` (enough for a page ending at ``top``).
    ``settled``: the caller saw :func:`settled` hold, so the clusters alone are read.
    """
    live = _live_units(settled=settled).where(*_conditions(flt, _Live))
    if flt.person_id is not None:
        live = live.where(_Live.has_entity(_bound("f_person_id", flt.person_id)))
    if top is not None:
        live = _first(live, _Live, flt.order, top)
    if settled or flt.linked_only or flt.person_id is not None:  # only clusters have person entities
        u = live.subquery("units")
    else:
        # not cut: events stored since the last resolution are few, and an ordered walk of every
        # event to find them would cost more than reading them through the filter's own index
        single = _unresolved_units().where(*_conditions(flt, _Single))
        u = union_all(live, single).subquery("units")
    return select(u), u
