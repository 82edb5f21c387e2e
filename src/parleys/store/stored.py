"""Reading stored extractions back: an event row, evidence rows by subject, and the whole
:class:`ArticleRecord` stored for one article (the writing side is ``repository``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from parleys.errors import NotFoundError
from parleys.records import ArticleRecord, EventRecord, Evidence, LabelRecord, PersonRecord
from parleys.store.models import (
    ArticleRow,
    EventCountryRow,
    EventRow,
    EvidenceRow,
    OrganizationRow,
    ParticipantRow,
    PersonRow,
    TopicRow,
)


def get_event(session: Session, event_id: int) -> EventRow:
    row = session.get(EventRow, event_id)
    if row is None:
        raise NotFoundError(f"no event with id {event_id}")
    return row


def evidence_of(session: Session, kind: str, subject_ids: Iterable[int]) -> dict[int, list[EvidenceRow]]:
    """Evidence rows of the given subjects, by subject id, in the order they were stored."""
    ids = list(subject_ids)
    found: dict[int, list[EvidenceRow]] = defaultdict(list)
    if not ids:
        return found
    rows = session.scalars(
        select(EvidenceRow)
        .where(EvidenceRow.subject_kind == kind, EvidenceRow.subject_id.in_(ids))
        .order_by(EvidenceRow.id)
    )
    for row in rows:
        found[row.subject_id].append(row)
    return found


def to_evidence(row: EvidenceRow) -> Evidence:
    return Evidence(row.start, row.end, row.text, row.confidence)


def by_field(rows: Iterable[EvidenceRow]) -> dict[str, Evidence]:
    """A subject's evidence rows as its evidence by field."""
    return {r.field: to_evidence(r) for r in rows}


def load_article_record(session: Session, article: ArticleRow) -> ArticleRecord:
    """Rebuild the :class:`ArticleRecord` that was stored for one article."""
    aid = article.id
    person_rows = list(
        session.scalars(select(PersonRow).where(PersonRow.article_id == aid).order_by(PersonRow.position))
    )
    event_rows = list(
        session.scalars(select(EventRow).where(EventRow.article_id == aid).order_by(EventRow.position))
    )
    org_rows = list(
        session.scalars(
            select(OrganizationRow)
            .where(OrganizationRow.article_id == aid)
            .order_by(OrganizationRow.position)
        )
    )
    topic_rows = list(
        session.scalars(select(TopicRow).where(TopicRow.article_id == aid).order_by(TopicRow.position))
    )
    evidence: dict[tuple[str, int], list[EvidenceRow]] = defaultdict(list)
    for ev_row in session.scalars(
        select(EvidenceRow).where(EvidenceRow.article_id == aid).order_by(EvidenceRow.id)
    ):
        evidence[(ev_row.subject_kind, ev_row.subject_id)].append(ev_row)
    keys = {p.id: p.key for p in person_rows}
    event_ids = [e.id for e in event_rows]
    participants: dict[int, list[str]] = defaultdict(list)
    countries: dict[int, list[str]] = defaultdict(list)
    if event_ids:
        for link in session.scalars(
            select(ParticipantRow)
            .where(ParticipantRow.event_id.in_(event_ids))
            .order_by(ParticipantRow.event_id, ParticipantRow.position)
        ):
            participants[link.event_id].append(keys[link.person_id])
        for c in session.scalars(
            select(EventCountryRow)
            .where(EventCountryRow.event_id.in_(event_ids))
            .order_by(EventCountryRow.country)
        ):
            countries[c.event_id].append(c.country)

    def label(kind: str, row: OrganizationRow | TopicRow) -> LabelRecord:
        found = evidence.get((kind, row.id))
        return LabelRecord(row.code, to_evidence(found[0]) if found else None)

    return ArticleRecord(
        id=article.external_id,
        published=article.published,
        title=article.title,
        source=article.source,
        url=article.url,
        events=[
            EventRecord(
                type=e.type,
                date=e.date,
                city=e.city,
                country=e.country,
                participants=participants.get(e.id, []),
                countries=countries.get(e.id, []),
                evidence=by_field(evidence.get(("event", e.id), [])),
            )
            for e in event_rows
        ],
        persons=[
            PersonRecord(
                key=p.key,
                name=p.name,
                role_class=p.role_class,
                country=p.country,
                title=p.title,
                institution=p.institution,
                mentions=[to_evidence(r) for r in evidence.get(("mention", p.id), [])],
                evidence=by_field(evidence.get(("person", p.id), [])),
            )
            for p in person_rows
        ],
        organizations=[label("organization", o) for o in org_rows],
        topics=[label("topic", t) for t in topic_rows],
        pipeline_version=article.pipeline_version,
    )
