"""The merged events of the linked knowledge base, as the cross-corpus questions read them.

Reads what resolution (``parleys.resolve``) writes: event clusters (one per real event, however
many articles report it) and the person entities taking part, with the analyst's corrections
already applied there. Hidden events never appear, nor do events whose every report was extracted
again since the last resolution (resolve again to see them).

A country *takes part* in an event when a participant represents it (the cluster's countries, as
resolution stores them, like the ``countries`` of an event record in FORMAT.md); the place alone
does not count, so that a forum held in Geneva does not make Switzerland everyone's partner.

:mod:`parleys.people`, :mod:`parleys.dossier`, :mod:`parleys.graph` and the knowledge-base exports
read clusters through :func:`list_clusters`, or build on :func:`cluster_select` and
:func:`summarize`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Select, exists, nulls_last, select
from sqlalchemy.orm import Session

from parleys.normalize.countries import country_code
from parleys.errors import QueryError
from parleys.store.models import (
    ArticleRow,
    ClusterCountryRow,
    ClusterParticipantRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventRow,
    PersonEntityRow,
    TopicRow,
)

_CHUNK = 500  # ids per IN (...) list: SQLite limits the number of bound parameters


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
            "id": self.id,
            "key": self.key,
            "type": self.type,
            "date": iso_date(self.date),
            "location": {"city": self.city, "country": self.country},
            "countries": list(self.countries),
            "participants": [p.to_json() for p in self.participants],
            "topics": list(self.topics),
            "reports": self.reports,
            "sources": list(self.sources),
            "corrected": self.corrected,
        }


# --- small shared helpers ------------------------------------------------------------------------


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def check_range(since: date | None, until: date | None) -> None:
    """:class:`QueryError` (E060) when ``since`` is after ``until``."""
    if since and until and since > until:
        raise QueryError(f"the date range is empty: {since} is after {until}")


def chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    """``ids`` in slices short enough for one ``IN (...)`` list."""
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def ranked(counts: Counter[str]) -> dict[str, int]:
    """Counts, the largest first, then by key."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# --- events (clusters) ---------------------------------------------------------------------------


def has_reports() -> Any:
    """A cluster still has a report: re-extracting an article since resolution drops its members."""
    return exists().where(EventClusterMemberRow.cluster_id == EventClusterRow.id)


def cluster_select(
    *, since: date | None, until: date | None, countries: Sequence[str] = (), entity_id: int | None = None
) -> Select[Any]:
    """Visible clusters within the dates, in which every one of ``countries`` (alpha-3 codes)
    and the entity ``entity_id`` took part; unordered."""
    stmt = select(EventClusterRow).where(EventClusterRow.hidden == 0, has_reports())
    if since:
        stmt = stmt.where(EventClusterRow.date >= since)
    if until:
        stmt = stmt.where(EventClusterRow.date <= until)
    if entity_id is not None:
        stmt = stmt.where(
            exists().where(
                ClusterParticipantRow.cluster_id == EventClusterRow.id,
                ClusterParticipantRow.entity_id == entity_id,
            )
        )
    for code in countries:
        stmt = stmt.where(
            exists().where(
                ClusterCountryRow.cluster_id == EventClusterRow.id, ClusterCountryRow.country == code
            )
        )
    return stmt


def list_clusters(
    session: Session, *, since: date | None = None, until: date | None = None, country: str | None = None
) -> list[ClusterSummary]:
    """Visible events, newest first (undated last); ``country``: one of them takes part."""
    check_range(since, until)
    countries = [country_code(country)] if country else []
    return newest_first(session, cluster_select(since=since, until=until, countries=countries))


def newest_first(session: Session, stmt: Select[Any]) -> list[ClusterSummary]:
    """The clusters ``stmt`` selects, summarized, newest first (undated last)."""
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
            id=r.id,
            key=r.key,
            type=r.type,
            date=r.date,
            city=r.city,
            country=r.country,
            reports=r.reports,
            corrected=bool(r.corrected),
            countries=countries.get(r.id, []),
            participants=people.get(r.id, []),
            topics=topics.get(r.id, []),
            sources=articles.get(r.id, []),
        )
        for r in rows
    ]


def _participants(session: Session, cluster_ids: Sequence[int]) -> dict[int, list[EntityRef]]:
    found: dict[int, list[EntityRef]] = defaultdict(list)
    for chunk in chunks(cluster_ids):
        stmt = (
            select(
                ClusterParticipantRow.cluster_id,
                PersonEntityRow.id,
                PersonEntityRow.name,
                PersonEntityRow.role_class,
                PersonEntityRow.country,
            )
            .join(PersonEntityRow, PersonEntityRow.id == ClusterParticipantRow.entity_id)
            .where(ClusterParticipantRow.cluster_id.in_(chunk))
            .order_by(
                ClusterParticipantRow.cluster_id,
                ClusterParticipantRow.position,
                PersonEntityRow.name_folded,
                PersonEntityRow.id,
            )
        )
        for cluster_id, entity_id, name, role, country in session.execute(stmt):
            found[cluster_id].append(EntityRef(entity_id, name, role, country))
    return found


def _countries(session: Session, cluster_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for chunk in chunks(cluster_ids):
        stmt = (
            select(ClusterCountryRow.cluster_id, ClusterCountryRow.country)
            .where(ClusterCountryRow.cluster_id.in_(chunk))
            .order_by(ClusterCountryRow.cluster_id, ClusterCountryRow.country)
        )
        for cluster_id, country in session.execute(stmt):
            found[cluster_id].append(country)
    return found


def _reports(
    session: Session, cluster_ids: Sequence[int]
) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Per cluster: the external ids of its reporting articles, and their topics."""
    article_ids: dict[int, list[int]] = defaultdict(list)
    names: dict[int, str] = {}
    for chunk in chunks(cluster_ids):
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
    for chunk in chunks(sorted(names)):
        topic_stmt = (
            select(TopicRow.article_id, TopicRow.code)
            .where(TopicRow.article_id.in_(chunk))
            .order_by(TopicRow.article_id, TopicRow.position)
        )
        for article_id, code in session.execute(topic_stmt):
            codes[article_id].append(code)
    articles = {c: [names[a] for a in ids] for c, ids in article_ids.items()}
    topics = {
        c: list(dict.fromkeys(code for a in ids for code in codes.get(a, [])))
        for c, ids in article_ids.items()
    }
    return articles, topics
