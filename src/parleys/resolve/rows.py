"""Reading the per-article rows that resolution needs, and writing what it finds.

Reads select plain columns (no ORM objects) and writes go in bulk, so a full rebuild of a large
store stays a matter of seconds. Nothing here commits: the caller owns the transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, delete, insert, select, text
from sqlalchemy.orm import Session

from parleys.consistency import STATED
from parleys.lexicons import fold
from parleys.normalize.sql import chunks
from parleys.resolve.items import Mention, Report
from parleys.store import pgcopy
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
    ResolveNameKeyRow,
    ResolveQueueRow,
)

CHUNK = 5_000  # rows per bulk insert
CHUNK_IN = 900  # ids per IN (...) list (parleys.normalize.sql.CHUNK)
SQLITE_CACHE_KIB = 65_536


@dataclass(slots=True)
class Stored:
    mentions: list[Mention]
    reports: list[Report]
    corrections: list[CorrectionRow]  # in force (not revoked), oldest first


def copy_key(url: str | None, title: str | None, site: str | None, published: Any) -> str | None:
    """A key that copies of one article share: the URL, else the title on one site on one day."""
    if url:
        return "u:" + url.strip().rstrip("/")
    if title and site:
        return f"t:{fold(title)}@{site}@{published}"
    return None


def load(session: Session) -> Stored:
    mentions = load_mentions(session)
    reports = load_reports(session)
    corrections = list(
        session.scalars(
            select(CorrectionRow).where(CorrectionRow.revoked_at.is_(None)).order_by(CorrectionRow.id)
        )
    )
    return Stored(mentions, reports, corrections)


def load_mentions(session: Session, ids: Sequence[int] | None = None) -> list[Mention]:
    """The mentions of the store, or of the given person ids."""
    if ids is None:
        return _mentions(session, None)
    ordered = sorted(set(ids))
    return [m for chunk in chunks(ordered, CHUNK_IN) for m in _mentions(session, chunk)]


def _mentions(session: Session, ids: Sequence[int] | None) -> list[Mention]:
    evidence = select(EvidenceRow.subject_id).where(
        EvidenceRow.subject_kind == "person",
        EvidenceRow.field == "country",
        EvidenceRow.confidence >= STATED,
    )
    if ids is not None:
        evidence = evidence.where(EvidenceRow.subject_id.in_(ids))
    stated = set(session.scalars(evidence))
    query = select(
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
    if ids is not None:
        query = query.where(PersonRow.id.in_(ids))
    query = query.order_by(PersonRow.id)  # mentions of one article with one name tie on their order
    return [
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
        for r in session.execute(query)
    ]


def load_reports(session: Session, ids: Sequence[int] | None = None) -> list[Report]:
    """The reports of the store, or of the given event ids, with their persons and countries."""
    if ids is None:
        return list(_reports(session, None).values())
    ordered = sorted(set(ids))
    return [r for chunk in chunks(ordered, CHUNK_IN) for r in _reports(session, chunk).values()]


def _reports(session: Session, ids: Sequence[int] | None) -> dict[int, Report]:
    reports = reports_where(session, EventRow.id.in_(ids) if ids is not None else None)
    participants = select(ParticipantRow.event_id, ParticipantRow.person_id).order_by(
        ParticipantRow.event_id, ParticipantRow.position
    )
    if ids is not None:
        participants = participants.where(ParticipantRow.event_id.in_(ids))
    for event_id, person_id in session.execute(participants):
        reports[event_id].persons.append(person_id)
    return reports


def reports_where(session: Session, where: Any) -> dict[int, Report]:
    """Event id -> its report with its countries (persons not filled), of the events ``where``
    selects (every event when it is ``None``), in id order."""
    query = select(
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
    countries = select(EventCountryRow.event_id, EventCountryRow.country).order_by(
        EventCountryRow.event_id, EventCountryRow.country
    )
    if where is not None:
        query = query.where(where)
        countries = countries.join(EventRow, EventRow.id == EventCountryRow.event_id).where(where)
    reports = {
        r[0]: Report(
            id=r[0],
            article_id=r[1],
            position=r[2],
            type=r[3],
            date=r[4],
            city=r[5],
            country=r[6],
            content_hash=r[7],
            published=r[8],
            duplicate_of=copy_key(r[9], r[10], r[11], r[8]),
        )
        for r in session.execute(query.order_by(EventRow.id))
    }
    for event_id, country in session.execute(countries):
        reports[event_id].countries.append(country)
    return reports


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
    ResolveQueueRow,
    ResolveNameKeyRow,
)


def clear(session: Session) -> None:
    """Delete what resolution wrote before (never the corrections)."""
    for model in KB_TABLES:
        session.execute(delete(model))


def write(session: Session, rows: Written, keys: Sequence[tuple[str, str, str]] | None = None) -> None:
    """Replace what resolution wrote with ``rows`` and the names' blocking ``keys``."""
    with sqlite_cache(session):
        clear(session)
        insert_rows(session, rows)
        insert_keys(session, keys or [])
    session.flush()


def insert_keys(session: Session, keys: Sequence[tuple[str, str, str]]) -> None:
    """Write (key, folded name, mode) rows into the emptied ``resolve_name_keys``, in key order.

    The table is written as a whole by every full rebuild (about 27 rows per distinct name), so
    it skips SQLAlchemy's per-row parameter processing: a driver-level executemany of tuples in
    primary-key order on SQLite (appends to the clustered table), COPY on PostgreSQL."""
    ordered = sorted(keys)
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        pgcopy.copy_rows(session, "resolve_name_keys", ("key", "name_folded", "mode"), ordered)
        return
    statement = "INSERT INTO resolve_name_keys (key, name_folded, mode) VALUES (?, ?, ?)"
    for chunk in chunks(ordered, CHUNK * 4):
        connection.exec_driver_sql(statement, chunk)  # type: ignore[arg-type]


def names(session: Session) -> list[tuple[str, str]]:
    """Every distinct (folded, written) person name of the store."""
    return list(session.execute(select(PersonRow.name_folded, PersonRow.name).distinct()).all())


@contextmanager
def sqlite_cache(session: Session) -> Iterator[None]:
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


def insert_rows(session: Session, rows: Written) -> None:
    """Insert ``rows`` (each table's dictionaries share their keys): with COPY on PostgreSQL, in
    chunks of Core inserts elsewhere."""
    copy = session.get_bind().dialect.name == "postgresql"
    for model, values in (
        (PersonEntityRow, rows.entities),
        (PersonLinkRow, rows.links),
        (OfficeRow, rows.offices),
        (EventClusterRow, rows.clusters),
        (EventClusterMemberRow, rows.members),
        (ClusterParticipantRow, rows.participants),
        (ClusterCountryRow, rows.countries),
    ):
        table = cast(Table, model.__table__)
        if copy and values and _copyable(table, values[0]):
            columns = list(values[0])
            pgcopy.copy_rows(session, table.name, columns, ([row[c] for c in columns] for row in values))
            continue
        for chunk in chunks(values, CHUNK):  # the table, not the ORM class: no ORM bulk machinery
            session.execute(insert(table), chunk)


def _copyable(table: Table, row: dict[str, Any]) -> bool:
    """Whether COPY of rows with ``row``'s keys writes what a Core insert would: every column left
    out has no default of SQLAlchemy's (COPY fills those from the table's own defaults, a serial
    id's sequence included)."""
    return all(c.name in row or c.default is None for c in table.columns)
