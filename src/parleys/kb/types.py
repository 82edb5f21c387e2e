"""The read types of the knowledge base: what every kb function returns, each with ``to_json()``.

The bottom of :mod:`parleys.kb`: it imports nothing of the package but the record types, so
the readers above it, the CLI, the API and the exports can all share it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from parleys.records import Evidence

Day = date  # for fields declared after a field named ``date``


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def rounded(value: float | None) -> float | None:
    return round(value, 3) if value is not None else None


def ranked(counts: Counter[str]) -> dict[str, int]:
    """Counts, the largest first, then by key."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


# --- events --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Participant:
    """A participant of a listed event: a person entity once resolved, else the article's person."""

    person_id: int
    name: str
    role_class: str
    country: str | None

    @property
    def id(self) -> int:
        return self.person_id

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.person_id,
            "name": self.name,
            "role_class": self.role_class,
            "country": self.country,
        }


@dataclass(frozen=True, slots=True)
class EventSummary:
    """One row of an event listing: one real event, however many articles report it.

    ``article``, ``title``, ``url``, ``site`` and ``published`` are those of the earliest report;
    ``evidence`` and ``confidence`` those of its event type (the sentence that states the event).
    """

    id: int
    article_id: int
    article: str  # the article's external id (file name without extension)
    title: str | None
    url: str | None
    date: date | None
    type: str
    city: str | None
    country: str | None  # where it took place
    countries: list[str]  # represented by the participants, sorted
    participants: list[Participant]
    topics: list[str]
    reports: int = 1  # how many articles report the event (merged by resolution)
    sources: list[str] = field(default_factory=list)  # their external ids, the earliest report first
    key: str | None = None  # anchor key of the earliest report (what corrections name)
    corrected: bool = False  # an analyst's correction applies
    site: str | None = None  # the outlet of the earliest report
    published: Day | None = None  # its publication date
    evidence: str | None = None  # the sentence that states the event
    confidence: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article_id": self.article_id,
            "article": self.article,
            "title": self.title,
            "url": self.url,
            "site": self.site,
            "published": iso_date(self.published),
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
            "evidence": self.evidence,
            "confidence": rounded(self.confidence),
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
        return {
            "id": self.id,
            "external_id": self.external_id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "site": self.site,
            "published": iso_date(self.published),
            "pipeline_version": self.pipeline_version,
        }


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
            "id": self.person_id,
            "key": self.key,
            "name": self.name,
            "role_class": self.role_class,
            "country": self.country,
            "title": self.title,
            "institution": self.institution,
            "confidence": rounded(self.confidence),
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
            "confidence": rounded(self.confidence),
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


# --- the store -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RejectionItem:
    id: int
    run_id: int | None
    source: str
    reason: str
    detail: str
    created_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "run_id": self.run_id,
            "source": self.source,
            "reason": self.reason,
            "detail": self.detail,
            "created_at": self.created_at.isoformat(),
        }


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
            "articles": self.articles,
            "events": self.events,
            "persons": self.persons,
            "rejections": self.rejections,
            "runs": self.runs,
            "events_by_type": dict(self.events_by_type),
            "events_by_country": dict(self.events_by_country),
            "rejections_by_reason": dict(self.rejections_by_reason),
            "topics": dict(self.topics),
        }


# --- people --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonSummary:
    """One person entity. ``events`` counts its visible events (within the dates asked, if any)."""

    id: int
    key: str
    name: str
    role_class: str
    country: str | None
    title: str | None
    institution: str | None
    first_seen: date | None
    last_seen: date | None
    articles: int
    events: int
    offices: int
    corrected: bool

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "name": self.name,
            "role_class": self.role_class,
            "country": self.country,
            "title": self.title,
            "institution": self.institution,
            "first_seen": iso_date(self.first_seen),
            "last_seen": iso_date(self.last_seen),
            "articles": self.articles,
            "events": self.events,
            "offices": self.offices,
            "corrected": self.corrected,
        }


@dataclass(frozen=True, slots=True)
class Office:
    """An office a person held according to the articles, first and last seen."""

    role_class: str
    title: str | None
    institution: str | None
    country: str | None
    first_seen: date | None
    last_seen: date | None
    reports: int

    def to_json(self) -> dict[str, Any]:
        return {
            "role_class": self.role_class,
            "title": self.title,
            "institution": self.institution,
            "country": self.country,
            "first_seen": iso_date(self.first_seen),
            "last_seen": iso_date(self.last_seen),
            "reports": self.reports,
        }


@dataclass(frozen=True, slots=True)
class PersonDetail:
    """A person with the office history, the events (newest first) and counts of them."""

    person: PersonSummary
    offices: list[Office]
    events: list[EventSummary]
    events_by_year: dict[str, int]  # "2024" -> events; "undated" for events without a date
    events_by_type: dict[str, int]
    partners: dict[str, int]  # country -> events with a participant of it (own country excluded)

    def to_json(self) -> dict[str, Any]:
        return {
            **self.person.to_json(),
            "office_history": [o.to_json() for o in self.offices],
            "events_by_year": dict(self.events_by_year),
            "events_by_type": dict(self.events_by_type),
            "partners": dict(self.partners),
            "event_list": [e.to_json() for e in self.events],
        }


# --- countries -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearCounts:
    """For one year (``None``: undated events): how many events, and counts by code, most first."""

    year: int | None
    events: int
    counts: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return {"year": self.year, "events": self.events, "counts": dict(self.counts)}


@dataclass(frozen=True, slots=True)
class CountryDossier:
    """A country's events within the dates: partners and topics by year, and its top persons."""

    country: str
    name: str | None
    since: date | None
    until: date | None
    events: int
    partners: list[YearCounts]
    topics: list[YearCounts]
    persons: list[PersonSummary]  # the country's persons with the most events in the range

    def to_json(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "name": self.name,
            "since": iso_date(self.since),
            "until": iso_date(self.until),
            "events": self.events,
            "partners_by_year": [y.to_json() for y in self.partners],
            "topics_by_year": [y.to_json() for y in self.topics],
            "top_persons": [p.to_json() for p in self.persons],
        }


@dataclass(frozen=True, slots=True)
class PairTimeline:
    """The events in which both countries took part, oldest first (undated last): ``contacts``
    is the page from ``offset`` (all of them when ``limit`` is ``None``), ``total`` counts them all."""

    a: str
    b: str
    a_name: str | None
    b_name: str | None
    contacts: list[EventSummary]
    total: int
    limit: int | None = None
    offset: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "a_name": self.a_name,
            "b_name": self.b_name,
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "contacts": [c.to_json() for c in self.contacts],
        }
