"""The one query layer: the CLI, the API and the exports all read the store through here.

Every function takes a Session and returns typed rows with a ``to_json()``; nothing here
writes. Filters are validated when an :class:`EventFilter` is built, so a bad country or type
raises :class:`~parleys.errors.QueryError` (E060) before any SQL runs.
"""

from __future__ import annotations

import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pycountry
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parleys.clusters import iso_date
from parleys.consistency import consistent
from parleys.errors import REJECTION_REASONS, QueryError
from parleys.records import EVENT_TYPES, ArticleRecord, Evidence
from parleys.store import repository
from parleys.store.models import (
    ArticleRow,
    EventCountryRow,
    EventRow,
    OrganizationRow,
    ParticipantRow,
    PersonRow,
    RejectionRow,
    Run,
    TopicRow,
)

DEFAULT_LIMIT = 100


def normalize_country(value: str) -> str:
    """An ISO 3166-1 alpha-3 code from a code or an English name ("kz", "KAZ", "Kazakhstan")."""
    text = value.strip()
    try:
        return str(pycountry.countries.lookup(text).alpha_3)
    except LookupError:
        pass
    if len(text) == 3 and text.isalpha():  # codes outside ISO, such as XKX, pass as they are
        return text.upper()
    raise QueryError(f"unknown country {value!r}: give an ISO alpha-3 code such as KAZ, or a name")


@dataclass(slots=True)
class EventFilter:
    """Which events to list. Every criterion is optional; together they must all hold.

    - ``country``: the event involves it: a participant represents it or it took place there.
    - ``partner``: a participant represents it (with ``country``: events between the two).
    - ``person``: a participant's name contains this, ignoring case and diacritics.
    - ``type``: one of ``records.EVENT_TYPES``; ``topic``: a topic code of the event's article.
    - ``date_from`` / ``date_to``: the event date lies within them, both inclusive.
    - ``limit`` (``None`` = all) and ``offset`` page through the events, newest first.
    """

    country: str | None = None
    partner: str | None = None
    person: str | None = None
    type: str | None = None
    topic: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    limit: int | None = DEFAULT_LIMIT
    offset: int = 0

    def __post_init__(self) -> None:
        self.country = normalize_country(self.country) if self.country else None
        self.partner = normalize_country(self.partner) if self.partner else None
        self.person = self.person.strip() if self.person and self.person.strip() else None
        self.topic = self.topic.strip() if self.topic else None
        if self.type is not None:
            self.type = self.type.strip().lower()
            if self.type not in EVENT_TYPES:
                raise QueryError(f"unknown event type {self.type!r}: one of {', '.join(EVENT_TYPES)}")
        if self.limit is not None and self.limit < 0:
            raise QueryError("limit must be zero or more")
        if self.offset < 0:
            raise QueryError("offset must be zero or more")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise QueryError(f"the date range is empty: {self.date_from} is after {self.date_to}")


# --- typed rows ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Participant:
    person_id: int
    name: str
    role_class: str
    country: str | None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.person_id, "name": self.name, "role_class": self.role_class,
                "country": self.country}


@dataclass(frozen=True, slots=True)
class EventSummary:
    """One row of an event listing."""

    id: int
    article_id: int
    article: str  # the article's external id (file name without extension)
    title: str | None
    url: str | None
    date: date | None
    type: str
    city: str | None
    country: str | None
    countries: list[str]
    participants: list[Participant]
    topics: list[str]
    reports: int = 1  # how many articles report the event (merged by resolution)
    sources: list[str] = field(default_factory=list)  # their external ids, the earliest report first
    key: str | None = None  # anchor key of the earliest report (what corrections name)
    corrected: bool = False  # an analyst's correction applies

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "article": self.article,
            "title": self.title,
            "url": self.url,
            "date": iso_date(self.date),
            "type": self.type,
            "location": {"city": self.city, "country": self.country},
            "countries": list(self.countries),
            "participants": [p.to_json() for p in self.participants],
            "topics": list(self.topics),
            "reports": self.reports,
            "sources": list(self.sources),
            "key": self.key,
            "corrected": self.corrected,
        }


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    id: int
    external_id: str
    title: str | None
    url: str | None
    source: str
    site: str | None
    published: date | None
    pipeline_version: str

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "external_id": self.external_id, "title": self.title, "url": self.url,
                "source": self.source, "site": self.site, "published": iso_date(self.published),
                "pipeline_version": self.pipeline_version}


@dataclass(frozen=True, slots=True)
class Label:
    code: str
    evidence: Evidence | None

    def to_json(self) -> dict[str, Any]:
        return {"code": self.code, "evidence": self.evidence.to_json() if self.evidence else None}


@dataclass(frozen=True, slots=True)
class ParticipantDetail:
    person_id: int
    key: str
    name: str
    role_class: str
    country: str | None
    title: str | None
    institution: str | None
    confidence: float | None
    evidence: dict[str, Evidence]  # field -> evidence
    mentions: list[Evidence]
    entity_key: str | None = None  # the person entity's key, once resolved
    corrected_fields: list[str] = field(default_factory=list)  # the values an analyst set

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.person_id, "key": self.key, "name": self.name, "role_class": self.role_class,
            "country": self.country, "title": self.title, "institution": self.institution,
            "confidence": _round(self.confidence),
            "evidence": {k: v.to_json() for k, v in self.evidence.items()},
            "mentions": [m.to_json() for m in self.mentions],
            "entity_key": self.entity_key,
            "corrected_fields": list(self.corrected_fields),
        }


@dataclass(frozen=True, slots=True)
class EventDetail:
    """One event with its article, participants, labels and the evidence of every value."""

    id: int
    article: ArticleInfo
    position: int
    type: str
    date: date | None
    city: str | None
    country: str | None
    countries: list[str]
    confidence: float | None
    evidence: dict[str, Evidence]
    participants: list[ParticipantDetail]
    topics: list[Label]
    organizations: list[Label]
    key: str | None = None  # anchor key of the earliest report
    reports: list[dict[str, Any]] = field(default_factory=list)  # every report: event id, article, key
    hidden: bool = False
    corrected_fields: list[str] = field(default_factory=list)
    corrections: list[dict[str, Any]] = field(default_factory=list)  # in force, oldest first

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article.to_json(),
            "position": self.position,
            "type": self.type,
            "date": iso_date(self.date),
            "location": {"city": self.city, "country": self.country},
            "countries": list(self.countries),
            "confidence": _round(self.confidence),
            "evidence": {k: v.to_json() for k, v in self.evidence.items()},
            "participants": [p.to_json() for p in self.participants],
            "topics": [t.to_json() for t in self.topics],
            "organizations": [o.to_json() for o in self.organizations],
            "key": self.key,
            "reports": list(self.reports),
            "hidden": self.hidden,
            "corrected_fields": list(self.corrected_fields),
            "corrections": list(self.corrections),
        }


@dataclass(frozen=True, slots=True)
class RejectionItem:
    id: int
    run_id: int | None
    source: str
    reason: str
    detail: str
    created_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "run_id": self.run_id, "source": self.source, "reason": self.reason,
                "detail": self.detail, "created_at": self.created_at.isoformat()}


@dataclass(frozen=True, slots=True)
class StoreSummary:
    """Counts of what the store holds."""

    articles: int
    events: int
    persons: int
    rejections: int
    runs: int
    events_by_type: dict[str, int] = field(default_factory=dict)
    events_by_country: dict[str, int] = field(default_factory=dict)
    rejections_by_reason: dict[str, int] = field(default_factory=dict)
    topics: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles, "events": self.events, "persons": self.persons,
            "rejections": self.rejections, "runs": self.runs,
            "events_by_type": dict(self.events_by_type),
            "events_by_country": dict(self.events_by_country),
            "rejections_by_reason": dict(self.rejections_by_reason),
            "topics": dict(self.topics),
        }


def _round(value: float | None) -> float | None:
    return round(value, 3) if value is not None else None


# --- queries -------------------------------------------------------------------------------------

def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# The listing and the detail read the merged, corrected events (``parleys.merged``, which builds the
# typed rows above and so is imported where it is used).

def count_events(session: Session, flt: EventFilter | None = None) -> int:
    """How many events match (ignoring limit and offset)."""
    from parleys import merged

    return merged.count_events(session, flt or EventFilter())


def list_events(session: Session, flt: EventFilter | None = None) -> list[EventSummary]:
    """Events that match, newest first (undated last), each with participants and topics.

    An event reported by several articles is listed once (``reports``, ``sources``), with its
    participants as person entities and analysts' corrections applied; hidden events are left out.
    """
    from parleys import merged

    return merged.list_events(session, flt or EventFilter())


def _participants(session: Session, event_ids: list[int]) -> dict[int, list[Participant]]:
    found: dict[int, list[Participant]] = defaultdict(list)
    if event_ids:
        stmt = (
            select(ParticipantRow.event_id, PersonRow.id, PersonRow.name, PersonRow.role_class,
                   PersonRow.country)
            .join(PersonRow, PersonRow.id == ParticipantRow.person_id)
            .where(ParticipantRow.event_id.in_(event_ids))
            .order_by(ParticipantRow.event_id, ParticipantRow.position)
        )
        for event_id, person_id, name, role, country in session.execute(stmt):
            found[event_id].append(Participant(person_id, name, role, country))
    return found


def _countries(session: Session, event_ids: list[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    if event_ids:
        stmt = (select(EventCountryRow.event_id, EventCountryRow.country)
                .where(EventCountryRow.event_id.in_(event_ids))
                .order_by(EventCountryRow.event_id, EventCountryRow.country))
        for event_id, country in session.execute(stmt):
            found[event_id].append(country)
    return found


def _topics(session: Session, article_ids: set[int]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = defaultdict(list)
    if article_ids:
        stmt = (select(TopicRow.article_id, TopicRow.code).where(TopicRow.article_id.in_(article_ids))
                .order_by(TopicRow.article_id, TopicRow.position))
        for article_id, code in session.execute(stmt):
            found[article_id].append(code)
    return found


def get_event(session: Session, event_id: int) -> EventDetail:
    """One event with the evidence of each value; :class:`NotFoundError` (E031) when absent.

    ``event_id`` is an id that ``list_events`` shows, or the event id of any of its reports.
    """
    from parleys import merged

    return merged.get_event(session, event_id)


def _single_event(session: Session, event_id: int) -> EventDetail:
    """An event that no resolution run has merged yet, as its article reports it."""
    ev = repository.get_event(session, event_id)
    article = repository.get_article(session, ev.article_id)
    people = session.execute(
        select(PersonRow)
        .join(ParticipantRow, ParticipantRow.person_id == PersonRow.id)
        .where(ParticipantRow.event_id == ev.id)
        .order_by(ParticipantRow.position)
    ).scalars().all()
    person_ids = [p.id for p in people]
    person_evidence = repository.evidence_of(session, "person", person_ids)
    mentions = repository.evidence_of(session, "mention", person_ids)
    orgs = session.scalars(select(OrganizationRow).where(OrganizationRow.article_id == article.id)
                           .order_by(OrganizationRow.position)).all()
    topics = session.scalars(select(TopicRow).where(TopicRow.article_id == article.id)
                             .order_by(TopicRow.position)).all()
    org_evidence = repository.evidence_of(session, "organization", [o.id for o in orgs])
    topic_evidence = repository.evidence_of(session, "topic", [t.id for t in topics])

    def first(found: dict[int, list[Any]], key: int) -> Evidence | None:
        rows = found.get(key)
        return repository.to_evidence(rows[0]) if rows else None

    return EventDetail(
        id=ev.id,
        article=ArticleInfo(article.id, article.external_id, article.title, article.url, article.source,
                            article.site, article.published, article.pipeline_version),
        position=ev.position, type=ev.type, date=ev.date, city=ev.city, country=ev.country,
        countries=_countries(session, [ev.id]).get(ev.id, []),
        confidence=ev.confidence,
        evidence={r.field: repository.to_evidence(r)
                  for r in repository.evidence_of(session, "event", [ev.id]).get(ev.id, [])},
        participants=[
            ParticipantDetail(
                person_id=p.id, key=p.key, name=p.name, role_class=p.role_class, country=p.country,
                title=p.title, institution=p.institution, confidence=p.confidence,
                evidence={r.field: repository.to_evidence(r) for r in person_evidence.get(p.id, [])},
                mentions=[repository.to_evidence(r) for r in mentions.get(p.id, [])],
            )
            for p in people
        ],
        topics=[Label(t.code, first(topic_evidence, t.id)) for t in topics],
        organizations=[Label(o.code, first(org_evidence, o.id)) for o in orgs],
    )


def list_rejections(session: Session, reason: str | None = None) -> list[RejectionItem]:
    """Stored rejections in the order they happened, optionally of one reason code."""
    stmt = select(RejectionRow).order_by(RejectionRow.id)
    if reason is not None:
        if reason not in REJECTION_REASONS:
            raise QueryError(f"unknown rejection reason {reason!r}: one of {', '.join(REJECTION_REASONS)}")
        stmt = stmt.where(RejectionRow.reason == reason)
    return [RejectionItem(r.id, r.run_id, r.source, r.reason, r.detail, r.created_at)
            for r in session.scalars(stmt)]


def summary(session: Session) -> StoreSummary:
    """Counts of articles, events, persons, rejections and runs, with breakdowns."""

    def count(model: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)

    def grouped(column: Any) -> dict[str, int]:
        rows = session.execute(select(column, func.count()).group_by(column)).all()
        counted = Counter({str(key): int(n) for key, n in rows if key is not None})
        return dict(sorted(counted.items(), key=lambda kv: (-kv[1], kv[0])))

    return StoreSummary(
        articles=count(ArticleRow), events=count(EventRow), persons=count(PersonRow),
        rejections=count(RejectionRow), runs=count(Run),
        events_by_type=grouped(EventRow.type),
        events_by_country=grouped(EventCountryRow.country),
        rejections_by_reason=grouped(RejectionRow.reason),
        topics=grouped(TopicRow.code),
    )


def article_records(session: Session, *, corpus_persons: bool = True) -> Iterator[ArticleRecord]:
    """The FORMAT.md records of all stored articles, rebuilt from the store, in storage order,
    with analysts' corrections applied (a hidden event is left out).

    With ``corpus_persons``, a person's guessed country (or missing role) gives way to one an office
    states for the same name in another stored article (``parleys.consistency``: each record is read
    once and spooled while the store is learnt); corrections are applied after that, so an analyst's
    value always stands.
    """
    from parleys.overlay import RecordOverlay

    overlay = RecordOverlay.load(session)
    ids = session.scalars(select(ArticleRow.id).order_by(ArticleRow.id)).all()
    stored = (repository.load_article_record(session, repository.get_article(session, i)) for i in ids)
    with tempfile.TemporaryFile() as spool:
        for article_id, record in zip(ids, consistent(stored, spool, apply=corpus_persons), strict=True):
            yield overlay.apply(article_id, record)
