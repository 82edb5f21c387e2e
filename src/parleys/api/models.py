"""Response models: the shape of every answer, so the OpenAPI document describes each one.

They mirror the ``to_json`` of the knowledge-base types (:mod:`parleys.kb.types`); a test checks
that every route answers with data these models validate, so the two cannot drift apart silently.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ErrorDetail(Model):
    code: str = Field(description="E0xx for our own errors (see the README), HTTP<status> otherwise")
    message: str


class ErrorOut(Model):
    """The one error shape of the whole API."""

    error: ErrorDetail


class EvidenceOut(Model):
    start: int
    end: int
    text: str
    confidence: float
    article: str | None = Field(None, exclude_if=lambda v: v is None, description="set when another report")


class Location(Model):
    city: str | None
    country: str | None


class ParticipantOut(Model):
    id: int
    name: str
    role_class: str
    country: str | None


class EventOut(Model):
    """One real event, however many articles report it."""

    id: int
    article_id: int
    article: str = Field(description="the earliest report's external id")
    title: str | None
    url: str | None = Field(description="as the article gave it: untrusted, may be any scheme")
    site: str | None
    published: str | None
    date: str | None
    type: str
    location: Location
    countries: list[str]
    participants: list[ParticipantOut]
    topics: list[str]
    reports: int
    sources: list[str]
    key: str | None
    corrected: bool
    evidence: str | None
    confidence: float | None


class EventPage(Model):
    total: int
    limit: int | None
    offset: int
    filter: dict[str, Any]
    events: list[EventOut]


class ArticleOut(Model):
    id: int
    external_id: str
    title: str | None
    url: str | None
    source: str
    site: str | None
    published: str | None
    pipeline_version: str


class LabelOut(Model):
    code: str
    evidence: EvidenceOut | None


class ParticipantDetailOut(Model):
    id: int
    key: str
    name: str
    role_class: str
    country: str | None
    title: str | None
    institution: str | None
    confidence: float | None
    evidence: dict[str, EvidenceOut]
    mentions: list[EvidenceOut]
    entity_key: str | None
    corrected_fields: list[str]


class ReportOut(Model):
    event_id: int
    article: str
    key: str
    type: str
    date: str | None


class EventDetailOut(Model):
    id: int
    article: ArticleOut
    position: int
    type: str
    date: str | None
    location: Location
    countries: list[str]
    confidence: float | None
    evidence: dict[str, EvidenceOut]
    participants: list[ParticipantDetailOut]
    topics: list[LabelOut]
    organizations: list[LabelOut]
    key: str | None
    reports: list[ReportOut]
    hidden: bool
    corrected_fields: list[str]
    corrections: list[dict[str, Any]]


class RejectionOut(Model):
    id: int
    run_id: int | None
    source: str
    reason: str
    detail: str
    created_at: str


class RejectionPage(Model):
    total: int
    limit: int | None
    offset: int
    rejections: list[RejectionOut]


class SummaryOut(Model):
    articles: int
    events: int
    persons: int
    rejections: int
    runs: int
    events_by_type: dict[str, int]
    events_by_country: dict[str, int]
    rejections_by_reason: dict[str, int]
    topics: dict[str, int]


class PersonOut(Model):
    id: int
    key: str
    name: str
    role_class: str
    country: str | None
    title: str | None
    institution: str | None
    first_seen: str | None
    last_seen: str | None
    articles: int
    events: int
    offices: int
    corrected: bool


class PersonPage(Model):
    total: int
    limit: int | None
    offset: int
    filter: dict[str, str | None]
    persons: list[PersonOut]


class OfficeOut(Model):
    role_class: str
    title: str | None
    institution: str | None
    country: str | None
    first_seen: str | None
    last_seen: str | None
    reports: int


class PersonDetailOut(PersonOut):
    office_history: list[OfficeOut]
    events_by_year: dict[str, int]
    events_by_type: dict[str, int]
    partners: dict[str, int]
    event_list: list[EventOut]


class YearCountsOut(Model):
    year: int | None
    events: int
    counts: dict[str, int]


class DossierOut(Model):
    country: str
    name: str | None
    since: str | None
    until: str | None
    events: int
    partners_by_year: list[YearCountsOut]
    topics_by_year: list[YearCountsOut]
    top_persons: list[PersonOut]


class TimelineOut(Model):
    a: str
    b: str
    a_name: str | None
    b_name: str | None
    total: int
    limit: int | None
    offset: int
    contacts: list[EventOut]


class NodeOut(Model):
    id: str
    label: str
    kind: str
    country: str | None
    role_class: str | None
    events: int


class EdgeOut(Model):
    source: str
    target: str
    kind: str
    weight: int


class NetworkOut(Model):
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class CorrectionOut(Model):
    id: int
    target_kind: str
    target_key: str
    target_id: int | None
    action: str
    field: str | None
    value: Any
    other_key: str | None
    author: str
    reason: str
    created_at: str
    revoked_at: str | None
    status: str


class CorrectionPage(Model):
    total: int
    limit: int | None
    offset: int
    corrections: list[CorrectionOut]


class ResolutionOut(Model):
    mentions: int
    entities: int
    reports: int
    clusters: int
    corrections: int
    dangling: list[int]
    conflicts: list[int]
    seconds: float
    incremental: bool
    regrouped_mentions: int
    regrouped_reports: int


class CorrectionMade(Model):
    correction: CorrectionOut
    resolution: ResolutionOut


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "an invalid parameter, body or filter value (E060, E070)"},
    404: {"model": ErrorOut, "description": "no such item (E031)"},
    413: {"model": ErrorOut, "description": "the request body is over max_body_bytes"},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    401: {"model": ErrorOut, "description": "no valid 'Authorization: Bearer <token>' header"},
    403: {"model": ErrorOut, "description": "the server is read-only: no api_tokens configured"},
}
