"""The merged, corrected events that :mod:`parleys.query` lists and shows.

Resolution (:mod:`parleys.resolve`) writes event clusters over person entities, corrections
applied. A listing reads those *units*: every visible cluster whose earliest report still stands,
plus every event that no such cluster holds yet (stored since the last resolution) as a unit of
its own. A cluster's id is its earliest report's event id, so both kinds share one id space and
a store that was never resolved lists exactly its extracted events.

A participant of a cluster is an entity: its name and country are the entity's; its role, title
and institution are what the report said at the time, unless an analyst corrected them.

This module builds the typed rows of :mod:`parleys.query` (which imports it lazily).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, Select, and_, case, exists, func, literal, nulls_last, or_, select, union_all
from sqlalchemy.orm import Session, aliased

from parleys import query
from parleys.keys import event_key
from parleys.records import Evidence
from parleys.store import repository
from parleys.store.models import (
    ArticleRow,
    ClusterCountryRow,
    ClusterParticipantRow,
    CorrectionRow,
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

CHUNK = 900
EVENT_FIELDS = ("type", "date", "city", "country")


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def corrected_fields(text: str | None) -> list[str]:
    return list(json.loads(text)) if text else []


# --- the units: live clusters and unresolved events ----------------------------------------------


def _units() -> Any:
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


def _has_person(u: Any, needle: str) -> Any:
    named = or_(
        PersonEntityRow.name_folded.like(needle, escape="\\"),
        exists().where(
            PersonLinkRow.entity_id == PersonEntityRow.id,
            PersonRow.id == PersonLinkRow.person_id,
            PersonRow.name_folded.like(needle, escape="\\"),
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
                person.name_folded.like(needle, escape="\\"),
            ),
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


def filtered(flt: query.EventFilter) -> tuple[Select[Any], Any]:
    """The units that match ``flt`` (all columns of the unit), and the units subquery."""
    u = _units()
    stmt = select(u)
    if flt.country:
        stmt = stmt.where(or_(u.c.country == flt.country, _has_country(u, flt.country)))
    if flt.partner:
        stmt = stmt.where(_has_country(u, flt.partner))
    if flt.person:
        stmt = stmt.where(_has_person(u, "%" + query._escape_like(repository.fold(flt.person)) + "%"))
    if flt.type:
        stmt = stmt.where(u.c.type == flt.type)
    if flt.topic:
        stmt = stmt.where(_has_topic(u, flt.topic))
    if flt.date_from:
        stmt = stmt.where(u.c.date >= flt.date_from)
    if flt.date_to:
        stmt = stmt.where(u.c.date <= flt.date_to)
    return stmt, u


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


def _reported(session: Session, cluster_ids: Sequence[int]) -> dict[tuple[int, int], Reported]:
    """(cluster, entity) -> the person row of its earliest report that names the entity."""
    found: dict[tuple[int, int], Reported] = {}
    for chunk in _chunks(cluster_ids):
        stmt = (
            select(EventClusterMemberRow.cluster_id, PersonLinkRow.entity_id, PersonRow)
            .join(ParticipantRow, ParticipantRow.event_id == EventClusterMemberRow.event_id)
            .join(PersonRow, PersonRow.id == ParticipantRow.person_id)
            .join(PersonLinkRow, PersonLinkRow.person_id == PersonRow.id)
            .join(EventRow, EventRow.id == EventClusterMemberRow.event_id)
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .where(EventClusterMemberRow.cluster_id.in_(chunk))
            .order_by(
                case((EventClusterMemberRow.event_id == EventClusterMemberRow.cluster_id, 0), else_=1),
                nulls_last(ArticleRow.published),
                ArticleRow.content_hash,
                ParticipantRow.position,
            )
        )
        for cluster_id, entity_id, p in session.execute(stmt):
            found.setdefault(
                (cluster_id, entity_id),
                Reported(p.id, p.key, p.role_class, p.country, p.title, p.institution, p.confidence),
            )
    return found


def participant_values(entity: PersonEntityRow, said: Reported | None) -> dict[str, Any]:
    """Name and country of the entity; role, title, institution as reported, unless corrected."""
    fixed = set(corrected_fields(entity.corrected_fields))

    def pick(field: str, reported: Any, *, weak: Any = None) -> Any:
        if field in fixed or said is None or reported in (None, weak):
            return getattr(entity, field)
        return reported

    return {
        "name": entity.name,
        "role_class": pick("role_class", said.role_class if said else None, weak="other"),
        "title": pick("title", said.title if said else None),
        "institution": pick("institution", said.institution if said else None),
        "country": entity.country if ("country" in fixed or entity.country or said is None) else said.country,
    }


def _cluster_participants(
    session: Session, cluster_ids: Sequence[int]
) -> tuple[dict[int, list[tuple[PersonEntityRow, Reported | None]]], dict[tuple[int, int], Reported]]:
    reported = _reported(session, cluster_ids)
    found: dict[int, list[tuple[PersonEntityRow, Reported | None]]] = defaultdict(list)
    for chunk in _chunks(cluster_ids):
        stmt = (
            select(ClusterParticipantRow.cluster_id, PersonEntityRow)
            .join(PersonEntityRow, PersonEntityRow.id == ClusterParticipantRow.entity_id)
            .where(ClusterParticipantRow.cluster_id.in_(chunk))
            .order_by(ClusterParticipantRow.cluster_id, ClusterParticipantRow.position)
        )
        for cluster_id, entity in session.execute(stmt):
            found[cluster_id].append((entity, reported.get((cluster_id, entity.id))))
    return found, reported


def _cluster_countries(session: Session, cluster_ids: Sequence[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(cluster_ids):
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


def _members(session: Session, cluster_ids: Sequence[int]) -> dict[int, list[Member]]:
    """Cluster -> its reports, the earliest report first, then by publication date."""
    found: dict[int, list[Member]] = defaultdict(list)
    for chunk in _chunks(cluster_ids):
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
            .order_by(
                EventClusterMemberRow.cluster_id,
                case((EventClusterMemberRow.event_id == EventClusterMemberRow.cluster_id, 0), else_=1),
                nulls_last(ArticleRow.published),
                ArticleRow.content_hash,
                EventRow.position,
            )
        )
        for cid, *rest in session.execute(stmt):
            found[cid].append(Member(*rest))
    return found


def _topics_of(members: Iterable[Member], by_article: dict[int, list[str]]) -> list[str]:
    return list(dict.fromkeys(code for m in members for code in by_article.get(m.article_id, [])))


# --- listing -------------------------------------------------------------------------------------


def count_events(session: Session, flt: query.EventFilter) -> int:
    stmt, _ = filtered(flt)
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


def list_events(session: Session, flt: query.EventFilter) -> list[query.EventSummary]:
    stmt, u = filtered(flt)
    stmt = (
        stmt.add_columns(ArticleRow.external_id, ArticleRow.title, ArticleRow.url, ArticleRow.content_hash)
        .join(ArticleRow, ArticleRow.id == u.c.article_id)
        .order_by(nulls_last(u.c.date.desc()), u.c.article_id, u.c.position)
        .offset(flt.offset)
    )
    if flt.limit is not None:
        stmt = stmt.limit(flt.limit)
    rows = session.execute(stmt).mappings().all()
    resolved = [r["id"] for r in rows if r["resolved"]]
    single = [r["id"] for r in rows if not r["resolved"]]
    people, _ = _cluster_participants(session, resolved)
    members = _members(session, resolved)
    countries = {**query._countries(session, single), **_cluster_countries(session, resolved)}
    single_people = query._participants(session, single)
    topics_by_article = query._topics(
        session,
        {r["article_id"] for r in rows if not r["resolved"]}
        | {m.article_id for ms in members.values() for m in ms},
    )
    flags = _flags(session, resolved)
    out = []
    for r in rows:
        cid = r["id"]
        if r["resolved"]:
            participants = [
                query.Participant(
                    e.id,
                    **{
                        k: v
                        for k, v in participant_values(e, said).items()
                        if k in ("name", "role_class", "country")
                    },
                )
                for e, said in people.get(cid, [])
            ]
            topics = _topics_of(members.get(cid, []), topics_by_article)
            sources = [m.external_id for m in members.get(cid, [])]
        else:
            participants = single_people.get(cid, [])
            topics = topics_by_article.get(r["article_id"], [])
            sources = [r["external_id"]]
        out.append(
            query.EventSummary(
                id=cid,
                article_id=r["article_id"],
                article=r["external_id"],
                title=r["title"],
                url=r["url"],
                date=r["date"],
                type=r["type"],
                city=r["city"],
                country=r["country"],
                countries=countries.get(cid, []),
                participants=participants,
                topics=topics,
                reports=r["reports"],
                sources=sources,
                key=event_key(r["content_hash"], r["position"]),
                corrected=flags.get(cid, False),
            )
        )
    return out


def _flags(session: Session, cluster_ids: Sequence[int]) -> dict[int, bool]:
    found: dict[int, bool] = {}
    for chunk in _chunks(cluster_ids):
        for cid, corrected in session.execute(
            select(EventClusterRow.id, EventClusterRow.corrected).where(EventClusterRow.id.in_(chunk))
        ):
            found[cid] = bool(corrected)
    return found


# --- one event -----------------------------------------------------------------------------------


def live_cluster_of(session: Session, event_id: int) -> EventClusterRow | None:
    """The live cluster with this id, else the live cluster that holds this event as a report."""
    cluster_id = session.scalar(
        select(EventClusterMemberRow.cluster_id).where(EventClusterMemberRow.event_id == event_id)
    )
    if cluster_id is None:
        return None
    alive = session.scalar(
        select(EventClusterMemberRow.event_id).where(
            EventClusterMemberRow.event_id == cluster_id, EventClusterMemberRow.cluster_id == cluster_id
        )
    )
    return session.get(EventClusterRow, cluster_id) if alive is not None else None


def get_event(session: Session, event_id: int) -> query.EventDetail:
    cluster = live_cluster_of(session, event_id)
    if cluster is None:
        repository.get_event(session, event_id)  # NotFoundError when there is no such event
        return query._single_event(session, event_id)
    return _cluster_detail(session, cluster)


def _article_info(article: ArticleRow) -> query.ArticleInfo:
    return query.ArticleInfo(
        article.id,
        article.external_id,
        article.title,
        article.url,
        article.source,
        article.site,
        article.published,
        article.pipeline_version,
    )


def _cluster_detail(session: Session, cluster: EventClusterRow) -> query.EventDetail:
    members = _members(session, [cluster.id])[cluster.id]
    events = {m.event_id: repository.get_event(session, m.event_id) for m in members}
    rep = events[cluster.id]
    article = repository.get_article(session, rep.article_id)
    fixed = corrected_fields(cluster.corrected_fields)
    evidence_rows = repository.evidence_of(session, "event", list(events))
    values = {"type": cluster.type, "date": cluster.date, "city": cluster.city, "country": cluster.country}
    evidence: dict[str, Evidence] = {}
    for m in members:  # each value's evidence from the earliest report that gives that value
        for row in evidence_rows.get(m.event_id, []):
            if row.field in evidence or row.field in fixed:
                continue
            if row.field in values and getattr(events[m.event_id], row.field) != values[row.field]:
                continue
            evidence[row.field] = repository.to_evidence(row)
    people, _ = _cluster_participants(session, [cluster.id])
    said_ids = [said.person_id for _, said in people.get(cluster.id, []) if said]
    person_evidence = repository.evidence_of(session, "person", said_ids)
    mentions = repository.evidence_of(session, "mention", said_ids)
    participants = []
    for entity, said in people.get(cluster.id, []):
        shown = participant_values(entity, said)
        entity_fixed = corrected_fields(entity.corrected_fields)
        participants.append(
            query.ParticipantDetail(
                person_id=entity.id,
                key=said.key if said else entity.key,
                **shown,
                confidence=said.confidence if said else None,
                evidence={
                    r.field: repository.to_evidence(r)
                    for r in person_evidence.get(said.person_id, [])
                    if r.field not in entity_fixed
                }
                if said
                else {},
                mentions=[repository.to_evidence(r) for r in mentions.get(said.person_id, [])]
                if said
                else [],
                entity_key=entity.key,
                corrected_fields=entity_fixed,
            )
        )
    topics, organizations = _labels(session, [m.article_id for m in members])
    reports = [
        {
            "event_id": m.event_id,
            "article": m.external_id,
            "key": event_key(m.content_hash, m.position),
            "type": events[m.event_id].type,
            "date": events[m.event_id].date.isoformat() if events[m.event_id].date else None,
        }
        for m in members
    ]
    return query.EventDetail(
        id=cluster.id,
        article=_article_info(article),
        position=rep.position,
        type=cluster.type,
        date=cluster.date,
        city=cluster.city,
        country=cluster.country,
        countries=_cluster_countries(session, [cluster.id]).get(cluster.id, []),
        confidence=rep.confidence,
        evidence=evidence,
        participants=participants,
        topics=topics,
        organizations=organizations,
        key=cluster.key,
        reports=reports,
        hidden=bool(cluster.hidden),
        corrected_fields=fixed,
        corrections=_corrections_of(session, [r["key"] for r in reports]),
    )


def _labels(session: Session, article_ids: Sequence[int]) -> tuple[list[query.Label], list[query.Label]]:
    """Topics and organizations of the reports' articles, the earliest report's first, each once."""
    out: dict[str, dict[str, query.Label]] = {"topic": {}, "organization": {}}
    for article_id in dict.fromkeys(article_ids):
        for kind, model in (("topic", TopicRow), ("organization", OrganizationRow)):
            rows = session.scalars(
                select(model)
                .where(model.article_id == article_id)  # type: ignore[attr-defined]
                .order_by(model.position)
            ).all()  # type: ignore[attr-defined]
            found = repository.evidence_of(session, kind, [r.id for r in rows])
            for r in rows:
                if r.code not in out[kind]:
                    ev = found.get(r.id)
                    out[kind][r.code] = query.Label(r.code, repository.to_evidence(ev[0]) if ev else None)
    return list(out["topic"].values()), list(out["organization"].values())


def _corrections_of(session: Session, keys: Sequence[str]) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(CorrectionRow)
        .where(
            CorrectionRow.target_kind == "event",
            CorrectionRow.target_key.in_(list(keys)),
            CorrectionRow.revoked_at.is_(None),
        )
        .order_by(CorrectionRow.id)
    )
    return [
        {
            "id": c.id,
            "action": c.action,
            "field": c.field,
            "value": json.loads(c.value) if c.value is not None else None,
            "other_key": c.other_key,
            "author": c.author,
            "reason": c.reason,
            "created_at": c.created_at.isoformat(),
        }
        for c in rows
    ]
