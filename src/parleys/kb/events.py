"""The one event reader: listing events with filters (:func:`list_events`, :func:`count_events`).

Every reader of events goes through here: ``parleys events``, ``/api/events``, the exports, and
the knowledge-base questions (:mod:`parleys.kb.people`, :mod:`parleys.kb.dossier`,
:mod:`parleys.kb.network`), which ask for ``linked_only`` events. :mod:`parleys.kb.units` says
which events there are; :mod:`parleys.kb.event_rows` reads their participants, topics
and sources (their countries and the sentence that states each come with the page).

A listed event's city is its canonical name ("Nur-Sultan" is listed as Astana; ``show`` keeps the
spelling its evidence supports). A participant of a resolved event is a person entity: its name
and country are the entity's; its role, title and institution are what the report said at the
time, unless an analyst corrected them. A participant of an event stored since the last
resolution is the article's person.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from sqlalchemy import Integer, Select, bindparam, case, func, literal_column, nulls_last, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.functions import aggregate_strings

from parleys.kb.event_rows import (
    article_topics,
    cluster_participants,
    event_participants,
    listed,
    members_and_topics,
    run,
)
from parleys.kb.filters import EventFilter
from parleys.kb.types import EventSummary, Participant
from parleys.kb.units import VISIBLE, Shape, criteria, filtered, settled
from parleys.keys import event_key
from parleys.normalize.places import canonical_city
from parleys.store.models import (
    ArticleRow,
    ClusterCountryRow,
    EventClusterRow,
    EventCountryRow,
    EventRow,
    EvidenceRow,
)

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
    cut = stmt.order_by(*_in_order(u, flt.order)).offset(_offset())
    page = (cut if flt.limit is None else cut.limit(_limit())).subquery("page")
    return _with_articles(page).order_by(*_in_order(page, flt.order))


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
    """The columns of a page of units, of their earliest report's article, the sentence that states
    each (:func:`_stated`), its confidence (a unit's id is its earliest report's event id), whether
    an analyst corrected its cluster, and its countries (:func:`_countries`): read after the page
    is cut, for its rows alone, in the page's statement (two statements fewer per page)."""
    report, cluster = aliased(EventRow), aliased(EventClusterRow)
    return (
        select(
            page,
            *_ARTICLE_COLUMNS,
            _stated(page.c.id).label("evidence"),
            report.confidence.label("confidence"),
            cluster.corrected.label("corrected"),
            _countries(page).label("countries"),
        )
        .join(ArticleRow, ArticleRow.id == page.c.article_id)
        .outerjoin(report, report.id == page.c.id)
        .outerjoin(cluster, cluster.id == page.c.id)
    )


# written into the statement (a bound separator would be rendered again on every run); country
# codes are three letters, a comma never occurs in one
_SEPARATOR: Any = literal_column("','")


def _countries(page: Any) -> Any:
    """The countries represented in each unit of a page, as one text (codes joined by commas, in
    no particular order): a cluster's as resolution stored them, an event's as extraction did."""
    by_cluster = select(aggregate_strings(ClusterCountryRow.country, _SEPARATOR))
    by_event = select(aggregate_strings(EventCountryRow.country, _SEPARATOR))
    return case(
        (page.c.resolved == 1, by_cluster.where(ClusterCountryRow.cluster_id == page.c.id).scalar_subquery()),
        else_=by_event.where(EventCountryRow.event_id == page.c.id).scalar_subquery(),
    )


def _stated(event_id: Any) -> Any:
    """The sentence that states an event: its type's evidence, else the first."""
    return (
        select(EvidenceRow.text)
        .where(EvidenceRow.subject_kind == "event", EvidenceRow.subject_id == event_id)
        .order_by(case((EvidenceRow.field == "type", 0), else_=1), EvidenceRow.id)
        .limit(1)
        .scalar_subquery()
    )


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
    """The summaries of unit rows (the columns of :func:`_with_articles`, the sentence that states
    each event among them): for the clusters, their participants (two queries: the entities, what
    their earliest reports said), their reports with their articles' topics; for events stored
    since the last resolution, their persons and topics (the countries of both come with the page)."""
    resolved = [r["id"] for r in rows if r["resolved"]]
    single = [r["id"] for r in rows if not r["resolved"]]
    people = cluster_participants(session, resolved)
    reports, cluster_topics = members_and_topics(session, resolved)
    single_people: dict[int, list[Participant]] = {}
    topics_by_article: dict[int, list[str]] = {}
    if single:  # none in a store just resolved
        single_people = event_participants(session, single)
        topics_by_article = article_topics(session, {r["article_id"] for r in rows if not r["resolved"]})
    cities = {c: canonical_city(c) for c in {r["city"] for r in rows}}  # a gazetteer look-up each
    out = []
    for r in rows:
        cid = r["id"]
        corrected = bool(r["corrected"])
        if r["resolved"]:
            participants = [listed(entity, said) for entity, said in people.get(cid, [])]
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
                countries=sorted(r["countries"].split(",")) if r["countries"] else [],
                participants=participants,
                topics=topics,
                reports=r["reports"],
                sources=sources,
                key=event_key(r["content_hash"], r["position"]),
                corrected=corrected,
                site=r["site"],
                published=r["published"],
                evidence=r["evidence"],
                confidence=r["confidence"],
            )
        )
    return out
