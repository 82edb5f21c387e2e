"""One event in full (:func:`get_event`): every value with the evidence that supports it, every
report, the corrections in force. ``parleys show`` and ``/api/events/{id}`` read it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parleys.kb.event_rows import (
    cluster_countries,
    cluster_participants,
    corrected_fields,
    event_countries,
    members,
)
from parleys.kb.event_rows import participant_values as shown_values
from parleys.kb.types import ArticleInfo, EventDetail, Label, ParticipantDetail, ReportRef, iso_date
from parleys.keys import event_key
from parleys.records import Evidence
from parleys.store import repository, stored
from parleys.store.models import (
    ArticleRow,
    CorrectionRow,
    EventClusterMemberRow,
    EventClusterRow,
    OrganizationRow,
    ParticipantRow,
    PersonRow,
    TopicRow,
)


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


def get_event(session: Session, event_id: int) -> EventDetail:
    """One event with the evidence of each value; :class:`NotFoundError` (E031) when absent.

    ``event_id`` is an id that ``list_events`` shows, or the event id of any of its reports.
    """
    cluster = live_cluster_of(session, event_id)
    if cluster is None:
        stored.get_event(session, event_id)  # NotFoundError when there is no such event
        return _single_event(session, event_id)
    return _cluster_detail(session, cluster)


def article_info(article: ArticleRow) -> ArticleInfo:
    return ArticleInfo(
        article.id,
        article.external_id,
        article.title,
        article.url,
        article.source,
        article.site,
        article.published,
        article.pipeline_version,
    )


def _first(found: dict[int, list[Any]], key: int) -> Evidence | None:
    rows = found.get(key)
    return stored.to_evidence(rows[0]) if rows else None


def _single_event(session: Session, event_id: int) -> EventDetail:
    """An event that no resolution run has merged yet, as its article reports it."""
    ev = stored.get_event(session, event_id)
    article = repository.get_article(session, ev.article_id)
    people = (
        session.execute(
            select(PersonRow)
            .join(ParticipantRow, ParticipantRow.person_id == PersonRow.id)
            .where(ParticipantRow.event_id == ev.id)
            .order_by(ParticipantRow.position)
        )
        .scalars()
        .all()
    )
    person_ids = [p.id for p in people]
    person_evidence = stored.evidence_of(session, "person", person_ids)
    mentions = stored.evidence_of(session, "mention", person_ids)
    topics, organizations = _labels(session, [article.id])
    return EventDetail(
        id=ev.id,
        article=article_info(article),
        position=ev.position,
        type=ev.type,
        date=ev.date,
        city=ev.city,
        country=ev.country,
        countries=event_countries(session, [ev.id]).get(ev.id, []),
        confidence=ev.confidence,
        evidence=stored.by_field(stored.evidence_of(session, "event", [ev.id]).get(ev.id, [])),
        participants=[
            ParticipantDetail(
                person_id=p.id,
                key=p.key,
                name=p.name,
                role_class=p.role_class,
                country=p.country,
                title=p.title,
                institution=p.institution,
                confidence=p.confidence,
                evidence=stored.by_field(person_evidence.get(p.id, [])),
                mentions=[stored.to_evidence(r) for r in mentions.get(p.id, [])],
            )
            for p in people
        ],
        topics=topics,
        organizations=organizations,
        key=event_key(article.content_hash, ev.position),
    )


def _cluster_detail(session: Session, cluster: EventClusterRow) -> EventDetail:
    reports_of = members(session, [cluster.id])[cluster.id]
    events = {m.event_id: stored.get_event(session, m.event_id) for m in reports_of}
    rep = events[cluster.id]
    article = repository.get_article(session, rep.article_id)
    fixed = corrected_fields(cluster.corrected_fields)
    evidence_rows = stored.evidence_of(session, "event", list(events))
    values = {"type": cluster.type, "date": cluster.date, "city": cluster.city, "country": cluster.country}
    evidence: dict[str, Evidence] = {}
    for m in reports_of:  # each value's evidence from the earliest report that gives that value
        for row in evidence_rows.get(m.event_id, []):
            if row.field in evidence or row.field in fixed:
                continue
            if row.field in values and getattr(events[m.event_id], row.field) != values[row.field]:
                continue
            evidence[row.field] = stored.to_evidence(row)
    people = cluster_participants(session, [cluster.id])
    said_ids = [said.person_id for _, said in people.get(cluster.id, []) if said]
    person_evidence = stored.evidence_of(session, "person", said_ids)
    mentions = stored.evidence_of(session, "mention", said_ids)
    participants = []
    for entity, said in people.get(cluster.id, []):
        entity_fixed = corrected_fields(entity.corrected_fields)
        participants.append(
            ParticipantDetail(
                person_id=entity.id,
                key=said.key if said else entity.key,
                **shown_values(entity, said),
                confidence=said.confidence if said else None,
                evidence=stored.by_field(
                    r for r in person_evidence.get(said.person_id, []) if r.field not in entity_fixed
                )
                if said
                else {},
                mentions=[stored.to_evidence(r) for r in mentions.get(said.person_id, [])] if said else [],
                entity_key=entity.key,
                corrected_fields=entity_fixed,
            )
        )
    topics, organizations = _labels(session, [m.article_id for m in reports_of])
    reports: list[ReportRef] = [
        {
            "event_id": m.event_id,
            "article": m.external_id,
            "key": event_key(m.content_hash, m.position),
            "type": events[m.event_id].type,
            "date": iso_date(events[m.event_id].date),
        }
        for m in reports_of
    ]
    return EventDetail(
        id=cluster.id,
        article=article_info(article),
        position=rep.position,
        type=cluster.type,
        date=cluster.date,
        city=cluster.city,
        country=cluster.country,
        countries=cluster_countries(session, [cluster.id]).get(cluster.id, []),
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


def _labels(session: Session, article_ids: Sequence[int]) -> tuple[list[Label], list[Label]]:
    """Topics and organizations of the reports' articles, the earliest report's first, each once."""
    topics: dict[str, Label] = {}
    organizations: dict[str, Label] = {}
    for article_id in dict.fromkeys(article_ids):
        topic_rows = session.scalars(
            select(TopicRow).where(TopicRow.article_id == article_id).order_by(TopicRow.position)
        ).all()
        org_rows = session.scalars(
            select(OrganizationRow)
            .where(OrganizationRow.article_id == article_id)
            .order_by(OrganizationRow.position)
        ).all()
        for kind, rows, out in (("topic", topic_rows, topics), ("organization", org_rows, organizations)):
            found = stored.evidence_of(session, kind, [r.id for r in rows])
            for r in rows:
                if r.code not in out:
                    out[r.code] = Label(r.code, _first(found, r.id))
    return list(topics.values()), list(organizations.values())


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
