"""The read types of the knowledge base: what every kb function returns, and their one JSON shape.

The bottom of :mod:`parleys.kb`: it imports nothing of the package but the record types, so
the readers above it, the CLI, the API and the exports can all share it.

Every type's JSON comes from its fields (:func:`shape`): dates as ISO text, nested types as their
own shapes, and what a field's ``metadata`` says (:func:`json_as`): another name, rounding, a
group (``city`` and ``country`` under ``location``) or its fields inlined. The API's response
models are derived from the same fields (:mod:`parleys.api.models`), so the JSON and the OpenAPI
document cannot drift apart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from functools import cache
from operator import attrgetter
from types import UnionType
from typing import Any, ClassVar, Union, get_args, get_origin, get_type_hints

from typing_extensions import TypedDict  # pydantic reads it on Python 3.11 (the API derives its models)

from parleys.records import Evidence

Day = date  # for fields declared after a field named ``date``


def iso_date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def rounded(value: float | None) -> float | None:
    return round(value, 3) if value is not None else None


def ranked(counts: Counter[str]) -> dict[str, int]:
    """Counts, the largest first, then by key."""
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def json_as(
    *, name: str | None = None, digits: int | None = None, group: str | None = None, inline: bool = False
) -> dict[str, Any]:
    """A field's JSON shape, as ``field(metadata=json_as(...))``: ``name`` in the JSON, ``digits``
    to round to, the ``group`` object it sits in, or ``inline``: its own fields written in its place."""
    return {"json": name, "digits": digits, "group": group, "inline": inline}


_PLAIN = frozenset({str, int, float, bool, type(None)})


def jsonable(value: Any) -> Any:
    """A value as JSON writes it: dates as ISO text, shaped types as their shapes, containers
    element by element."""
    kind = type(value)
    if kind in _PLAIN:  # most values: nothing to do (checked first, a page has thousands)
        return value
    if isinstance(value, Shaped) or isinstance(value, Evidence):
        return value.to_json()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


@cache
def _plan(kind: Any) -> tuple[tuple[tuple[str, str, int | None, str | None, bool], ...], tuple[str, ...]]:
    """How :func:`shape` writes a class: per field (name, JSON key, digits, group, inline), and
    ``JSON_ORDER``; read from the fields once per class rather than on every object."""
    plan = tuple(
        (
            f.name,
            f.metadata.get("json") or f.name,
            f.metadata.get("digits"),
            f.metadata.get("group"),
            bool(f.metadata.get("inline")),
        )
        for f in fields(kind)
    )
    return plan, tuple(getattr(kind, "JSON_ORDER", ()))


def _shape_fields(obj: Any) -> dict[str, Any]:
    """:func:`shape` read from the plan field by field (the reference the writers are built to)."""
    kind: Any = type(obj)
    plan, order = _plan(kind)
    out: dict[str, Any] = {}
    for name, key, digits, group, inline in plan:
        value = getattr(obj, name)
        if inline:
            out.update(shape(value))
            continue
        if digits is not None and value is not None:
            value = round(value, digits)
        if group:
            out.setdefault(group, {})[key] = jsonable(value)
        else:
            out[key] = jsonable(value)
    if order:
        out = {k: out[k] for k in order if k in out} | {k: v for k, v in out.items() if k not in order}
    return out


def _converter(hint: Any, digits: int | None) -> Callable[[Any], Any] | None:
    """How a field's value becomes JSON, from its declared type: ``None`` when it already is JSON
    (text, a number, a boolean, None), so most fields of a page's thousand objects cost nothing."""
    if digits is not None:
        return lambda v: None if v is None else round(v, digits)
    union = get_origin(hint) in (Union, UnionType)
    kinds = [a for a in get_args(hint) if a is not type(None)] if union else [hint]
    if all(k in _PLAIN for k in kinds):
        return None
    if kinds in ([date], [datetime]):
        return iso_date
    if not union and get_origin(hint) is list:
        (item,) = get_args(hint)
        if item in _PLAIN:
            return list
        if isinstance(item, type) and issubclass(item, Shaped):
            return lambda v: [shape(x) for x in v]
    return jsonable


@cache
def _writer(kind: Any) -> Callable[[Any], dict[str, Any]]:
    """The function that writes :func:`shape` of a class: each field's value read at once
    (``attrgetter``), converted only where its type needs it, the keys put in ``JSON_ORDER`` when
    the writer is built rather than on every object. A class that inlines a field is written by
    the plan, field by field."""
    plan, order = _plan(kind)
    if any(inline for *_, inline in plan):
        return _shape_fields
    hints = get_type_hints(kind)
    steps: dict[str, Any] = {}  # JSON key -> its index among the values, or a group's {key: index}
    converters = []
    for i, (name, key, digits, group, _inline) in enumerate(plan):
        converters.append((i, _converter(hints[name], digits)))
        if group:
            steps.setdefault(group, {})[key] = i
        else:
            steps[key] = i
    keys = [k for k in order if k in steps] + [k for k in steps if k not in order]
    ordered = [(k, steps[k]) for k in keys]
    converting = [(i, c) for i, c in converters if c is not None]
    read = attrgetter(*(name for name, *_ in plan))
    single = len(plan) == 1

    def write(obj: Any) -> dict[str, Any]:
        values = [read(obj)] if single else list(read(obj))
        for i, convert in converting:
            values[i] = convert(values[i])
        return {
            k: values[at] if type(at) is int else {g: values[j] for g, j in at.items()} for k, at in ordered
        }

    return write


def shape(obj: Any) -> dict[str, Any]:
    """The JSON object of a dataclass, in the order of ``JSON_ORDER`` when the class has one."""
    kind: Any = type(obj)
    return _writer(kind)(obj)


class Shaped:
    """A read type whose JSON is :func:`shape` of its fields."""

    __slots__ = ()

    def to_json(self) -> dict[str, Any]:
        return shape(self)


# --- events --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Participant(Shaped):
    """A participant of a listed event: a person entity once resolved, else the article's person."""

    person_id: int = field(metadata=json_as(name="id"))
    name: str
    role_class: str
    country: str | None

    @property
    def id(self) -> int:
        return self.person_id


@dataclass(frozen=True, slots=True)
class EventSummary(Shaped):
    """One row of an event listing: one real event, however many articles report it.

    ``article``, ``title``, ``url``, ``site`` and ``published`` are those of the earliest report;
    ``evidence`` and ``confidence`` those of its event type (the sentence that states the event).
    """

    JSON_ORDER: ClassVar[tuple[str, ...]] = (
        "id",
        "article_id",
        "article",
        "title",
        "url",
        "site",
        "published",
        "date",
        "type",
        "location",
    )

    id: int
    article_id: int
    article: str  # the article's external id (file name without extension)
    title: str | None
    url: str | None
    date: date | None
    type: str
    city: str | None = field(metadata=json_as(group="location"))
    country: str | None = field(metadata=json_as(group="location"))  # where it took place
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
    confidence: float | None = field(default=None, metadata=json_as(digits=3))


@dataclass(frozen=True, slots=True)
class ArticleInfo(Shaped):
    id: int
    external_id: str
    title: str | None
    url: str | None
    source: str
    site: str | None
    published: date | None
    pipeline_version: str


@dataclass(frozen=True, slots=True)
class Label(Shaped):
    code: str
    evidence: Evidence | None


@dataclass(frozen=True, slots=True)
class ParticipantDetail(Shaped):
    person_id: int = field(metadata=json_as(name="id"))
    key: str
    name: str
    role_class: str
    country: str | None
    title: str | None
    institution: str | None
    confidence: float | None = field(metadata=json_as(digits=3))
    evidence: dict[str, Evidence]  # field -> evidence
    mentions: list[Evidence]
    entity_key: str | None = None  # the person entity's key, once resolved
    corrected_fields: list[str] = field(default_factory=list)  # the values an analyst set


class ReportRef(TypedDict):
    """One report of an event: its event, its article's external id and its anchor key."""

    event_id: int
    article: str
    key: str
    type: str
    date: str | None


@dataclass(frozen=True, slots=True)
class EventDetail(Shaped):
    """One event with its article, participants, labels and the evidence of every value."""

    id: int
    article: ArticleInfo
    position: int
    type: str
    date: date | None
    city: str | None = field(metadata=json_as(group="location"))
    country: str | None = field(metadata=json_as(group="location"))
    countries: list[str]
    confidence: float | None = field(metadata=json_as(digits=3))
    evidence: dict[str, Evidence]
    participants: list[ParticipantDetail]
    topics: list[Label]
    organizations: list[Label]
    key: str | None = None  # anchor key of the earliest report
    reports: list[ReportRef] = field(default_factory=list)  # every report, the earliest first
    hidden: bool = False
    corrected_fields: list[str] = field(default_factory=list)
    corrections: list[dict[str, Any]] = field(default_factory=list)  # in force, oldest first


# --- the store -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RejectionItem(Shaped):
    id: int
    run_id: int | None
    source: str
    reason: str
    detail: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StoreSummary(Shaped):
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


# --- people --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PersonSummary(Shaped):
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


@dataclass(frozen=True, slots=True)
class Office(Shaped):
    """An office a person held according to the articles, first and last seen."""

    role_class: str
    title: str | None
    institution: str | None
    country: str | None
    first_seen: date | None
    last_seen: date | None
    reports: int


@dataclass(frozen=True, slots=True)
class PersonDetail(Shaped):
    """A person with the office history, the events (newest first) and counts of them."""

    person: PersonSummary = field(metadata=json_as(inline=True))
    offices: list[Office] = field(metadata=json_as(name="office_history"))
    events: list[EventSummary] = field(metadata=json_as(name="event_list"))
    events_by_year: dict[str, int]  # "2024" -> events; "undated" for events without a date
    events_by_type: dict[str, int]
    partners: dict[str, int]  # country -> events with a participant of it (own country excluded)


# --- countries -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class YearCounts(Shaped):
    """For one year (``None``: undated events): how many events, and counts by code, most first."""

    year: int | None
    events: int
    counts: dict[str, int]


@dataclass(frozen=True, slots=True)
class CountryDossier(Shaped):
    """A country's events within the dates: partners and topics by year, and its top persons."""

    country: str
    name: str | None
    since: date | None
    until: date | None
    events: int
    partners: list[YearCounts] = field(metadata=json_as(name="partners_by_year"))
    topics: list[YearCounts] = field(metadata=json_as(name="topics_by_year"))
    persons: list[PersonSummary] = field(metadata=json_as(name="top_persons"))  # the most events in the range


@dataclass(frozen=True, slots=True)
class PairTimeline(Shaped):
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
