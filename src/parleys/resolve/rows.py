"""Reading the per-article rows that resolution needs, and writing what it finds.

Reads select plain columns (no ORM objects) and writes go in bulk, so a full rebuild of a large
store stays a matter of seconds. Nothing here commits: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, text
from sqlalchemy.orm import Session

from parleys.consistency import STATED
from parleys.lexicons import fold
from parleys.normalize.sql import chunks
from parleys.resolve.items import Mention, Report
from parleys.store.models import (
    ArticleRow,
    ClusterCountryRow,
    ClusterParticipantRow,
    CorrectionRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventCountryRow,
    EventRow,
    EvidenceRow,
    OfficeRow,
    ParticipantRow,
    PersonEntityRow,
    PersonLinkRow,
    PersonRow,
)

CHUNK = 5_000  # rows per bulk insert
SQLITE_CACHE_KIB = 65_536


@dataclass(slots=True)
class Stored:
    mentions: list[Mention]
    reports: list[Report]
    corrections: list[CorrectionRow]  # in force (not revoked), oldest first


def _copy_key(url: str | None, title: str | None, site: str | None, published: Any) -> str | None:
    """A key that copies of one article share: the URL, else the title on one site on one day."""
    if url:
        return "u:" + url.strip().rstrip("/")
    if title and site:
        return f"t:{fold(title)}@{site}@{published}"
    return None


def load(session: Session) -> Stored:
    stated = set(
        session.scalars(
            select(EvidenceRow.subject_id).where(
                EvidenceRow.subject_kind == "person",
                EvidenceRow.field == "country",
                EvidenceRow.confidence >= STATED,
            )
        )
    )
    mentions = [
        Mention(
            id=r[0],
            article_id=r[1],
            name=r[2],
            role_class=r[3] or "other",
            country=r[4],
            title=r[5],
            institution=r[6],
            content_hash=r[7],
            published=r[8],
            country_stated=r[0] in stated,
        )
        for r in session.execute(
            select(
                PersonRow.id,
                PersonRow.article_id,
                PersonRow.name,
                PersonRow.role_class,
                PersonRow.country,
                PersonRow.title,
                PersonRow.institution,
                ArticleRow.content_hash,
                ArticleRow.published,
            ).join(ArticleRow, ArticleRow.id == PersonRow.article_id)
        )
    ]
    reports = {}
    for r in session.execute(
        select(
            EventRow.id,
            EventRow.article_id,
            EventRow.position,
            EventRow.type,
            EventRow.date,
            EventRow.city,
            EventRow.country,
            ArticleRow.content_hash,
            ArticleRow.published,
            ArticleRow.url,
            ArticleRow.title,
            ArticleRow.site,
        ).join(ArticleRow, ArticleRow.id == EventRow.article_id)
    ):
        reports[r[0]] = Report(
            id=r[0],
            article_id=r[1],
            position=r[2],
            type=r[3],
            date=r[4],
            city=r[5],
            country=r[6],
            content_hash=r[7],
            published=r[8],
            duplicate_of=_copy_key(r[9], r[10], r[11], r[8]),
        )
    for event_id, person_id in session.execute(
        select(ParticipantRow.event_id, ParticipantRow.person_id).order_by(
            ParticipantRow.event_id, ParticipantRow.position
        )
    ):
        reports[event_id].persons.append(person_id)
    for event_id, country in session.execute(
        select(EventCountryRow.event_id, EventCountryRow.country).order_by(
            EventCountryRow.event_id, EventCountryRow.country
        )
    ):
        reports[event_id].countries.append(country)
    corrections = list(
        session.scalars(
            select(CorrectionRow).where(CorrectionRow.revoked_at.is_(None)).order_by(CorrectionRow.id)
        )
    )
    return Stored(mentions, list(reports.values()), corrections)


@dataclass(slots=True)
class Written:
    """Rows to write, as dictionaries of column values."""

    entities: list[dict[str, Any]]
    links: list[dict[str, Any]]
    offices: list[dict[str, Any]]
    clusters: list[dict[str, Any]]
    members: list[dict[str, Any]]
    participants: list[dict[str, Any]]
    countries: list[dict[str, Any]]


KB_TABLES = (
    ClusterCountryRow,
    ClusterParticipantRow,
    EventClusterMemberRow,
    EventClusterRow,
    OfficeRow,
    PersonLinkRow,
    PersonEntityRow,
)


def clear(session: Session) -> None:
    """Delete what resolution wrote before (never the corrections)."""
    for model in KB_TABLES:
        session.execute(delete(model))


def write(session: Session, rows: Written) -> None:
    with _sqlite_cache(session):
        clear(session)
        _insert(session, rows)
    session.flush()


@contextmanager
def _sqlite_cache(session: Session) -> Iterator[None]:
    """On SQLite, a larger page cache while the tables are rewritten (their indexes outgrow the
    default 2 MB on a large store, and every insert then reads pages back); restored afterwards."""
    if session.get_bind().dialect.name != "sqlite":
        yield
        return
    before = session.execute(text("PRAGMA cache_size")).scalar()
    session.execute(text(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}"))
    try:
        yield
    finally:
        session.execute(text(f"PRAGMA cache_size = {int(before or -2000)}"))


def _insert(session: Session, rows: Written) -> None:
    for model, values in (
        (PersonEntityRow, rows.entities),
        (PersonLinkRow, rows.links),
        (OfficeRow, rows.offices),
        (EventClusterRow, rows.clusters),
        (EventClusterMemberRow, rows.members),
        (ClusterParticipantRow, rows.participants),
        (ClusterCountryRow, rows.countries),
    ):
        for chunk in chunks(values, CHUNK):
            session.execute(insert(model), chunk)
