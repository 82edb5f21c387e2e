"""Response models: the shape of every answer, so the OpenAPI document describes each one.

The answers of the knowledge base are derived (:func:`derived`) from the read types of
:mod:`parleys.kb.types` and the fields' JSON metadata, the same that writes their JSON
(:func:`parleys.kb.types.shape`), so a field added to a type is in its answer and its schema at
once; the pages, the errors and the request bodies are written here.
"""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from datetime import date, datetime
from types import UnionType
from typing import Any, Union, get_args, get_origin, get_type_hints

from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field, create_model

from parleys.kb import types
from parleys.kb.network import Edge, Network, Node
from parleys.records import Evidence
from parleys.resolve.run import ResolveSummary


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


# The answers of the knowledge base: one model per read type of parleys.kb, derived from the type's
# fields and their JSON metadata (the same that writes its JSON), under the names the API had.
NAMES: dict[type, str] = {
    types.Participant: "ParticipantOut",
    types.EventSummary: "EventOut",
    types.ArticleInfo: "ArticleOut",
    types.Label: "LabelOut",
    types.ParticipantDetail: "ParticipantDetailOut",
    types.EventDetail: "EventDetailOut",
    types.RejectionItem: "RejectionOut",
    types.StoreSummary: "SummaryOut",
    types.PersonSummary: "PersonOut",
    types.Office: "OfficeOut",
    types.PersonDetail: "PersonDetailOut",
    types.YearCounts: "YearCountsOut",
    types.CountryDossier: "DossierOut",
    types.PairTimeline: "TimelineOut",
    Node: "NodeOut",
    Edge: "EdgeOut",
    Network: "NetworkOut",
    ResolveSummary: "ResolutionOut",
}
_DERIVED: dict[str, type[Model]] = {}


def _json_type(hint: Any) -> Any:
    """The type of a field's JSON value: dates are ISO text, read types their derived models."""
    if hint in (date, datetime):
        return str
    if hint is Evidence:
        return EvidenceOut
    if isinstance(hint, type) and is_dataclass(hint):
        return derived(hint)
    origin, args = get_origin(hint), get_args(hint)
    if origin in (Union, UnionType):
        return Union[tuple(_json_type(a) for a in args)]  # noqa: UP007 - built from a tuple
    if origin is list:
        return list[_json_type(args[0])]  # type: ignore[misc,valid-type]
    if origin is dict:
        return dict[args[0], _json_type(args[1])]  # type: ignore[misc,valid-type]
    return hint


def derived(cls: type) -> type[Model]:
    """The response model of a read type: a field per JSON key of :func:`parleys.kb.types.shape`
    (renamed, grouped, inlined as the field's metadata says), every one required."""
    name = NAMES.get(cls, f"{cls.__name__}Out")
    if name in _DERIVED:
        return _DERIVED[name]
    hints = get_type_hints(cls)
    found: dict[str, Any] = {}
    groups: dict[str, dict[str, Any]] = {}
    for f in fields(cls):
        meta = f.metadata
        if meta.get("inline"):
            for key, info in derived(hints[f.name]).model_fields.items():
                found[key] = (info.annotation, ...)
            continue
        key = meta.get("json") or f.name
        if meta.get("group"):
            groups.setdefault(meta["group"], {})[key] = (_json_type(hints[f.name]), ...)
            found.setdefault(meta["group"], None)  # its place among the keys
        else:
            found[key] = (_json_type(hints[f.name]), ...)
    for group, members in groups.items():
        title = group.title()
        nested = _DERIVED.get(title) or create_model(title, __base__=Model, **members)
        _DERIVED[title] = nested
        found[group] = (nested, ...)
    model = create_model(name, __base__=Model, __doc__=(cls.__doc__ or "").strip() or None, **found)
    _DERIVED[name] = model
    return model


ParticipantOut = derived(types.Participant)
EventOut = derived(types.EventSummary)
EventDetailOut = derived(types.EventDetail)
RejectionOut = derived(types.RejectionItem)
SummaryOut = derived(types.StoreSummary)
PersonOut = derived(types.PersonSummary)
PersonDetailOut = derived(types.PersonDetail)
DossierOut = derived(types.CountryDossier)
TimelineOut = derived(types.PairTimeline)
NetworkOut = derived(Network)
ResolutionOut = derived(ResolveSummary)


class EventPage(Model):
    total: int
    limit: int | None
    offset: int
    filter: dict[str, Any]
    events: list[EventOut]  # type: ignore[valid-type]  # a derived model


class RejectionPage(Model):
    total: int
    limit: int | None
    offset: int
    rejections: list[RejectionOut]  # type: ignore[valid-type]  # a derived model


class PersonPage(Model):
    total: int
    limit: int | None
    offset: int
    filter: dict[str, str | None]
    persons: list[PersonOut]  # type: ignore[valid-type]  # a derived model


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


class CorrectionMade(Model):
    correction: CorrectionOut
    resolution: ResolutionOut  # type: ignore[valid-type]  # a derived model


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


def answer(content: dict[str, Any]) -> JSONResponse:
    """A read answer as it is: the JSON of the kb types, whose models are derived from the same
    fields (and pinned by tests), so it is not validated again on every request (that cost more
    than the person page's queries)."""
    return JSONResponse(content)
