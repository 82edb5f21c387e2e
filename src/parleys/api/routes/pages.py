"""The dashboard: server-rendered pages over the same kb functions as ``/api``.

Every page has a JSON twin: the same path ending in ``.json``, or the page asked for with
``Accept: application/json`` (as datasette does); each page links to it (``json_url``).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from parleys import corrections as fixes
from parleys.api.deps import MAX_QUERY_CHARS, EventFilterDep, Id, Offset, SessionDep, Since, Text, Until
from parleys.export.tables import read_table
from parleys.kb import dossier, people
from parleys.kb.article import highlighted_text
from parleys.kb.corpus import list_rejections, summary
from parleys.kb.detail import get_event
from parleys.kb.events import list_events, page_events
from parleys.kb.filters import EventFilter
from parleys.kb.network import build_network
from parleys.kb.overview import contacts_per_month, organization_counts, partner_counts
from parleys.normalize.codes import topic_codes
from parleys.normalize.countries import country_code, country_name
from parleys.records import EVENT_TYPES

router = APIRouter(tags=["pages"], include_in_schema=False)

LATEST = 10
TIMELINE_PAGE = 100  # contacts of a pair per page
TOP_PARTNERS = 15
FORMULA = ("=", "+", "-", "@", "\t", "\r")  # a CSV cell starting so would be a spreadsheet formula


def wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _json_url(request: Request) -> str:
    path = request.url.path.removesuffix(".json")
    path = "/index" if path == "/" else path
    qs = request.url.query
    return f"{path}.json" + (f"?{qs}" if qs else "")


def _render(
    request: Request, template: str, data: Callable[[], dict[str, Any]], context: dict[str, Any]
) -> Response:
    if wants_json(request):
        return JSONResponse(data())
    return request.app.state.templates.TemplateResponse(
        request, template, {**context, "json_url": _json_url(request)}
    )


def _month_bars(months: list[Any]) -> dict[str, Any]:
    """Bars of a chart of events per month, in SVG units (the template draws them)."""
    width, height = 720, 160
    top = max((m.events for m in months), default=0) or 1
    step = width / max(len(months), 1)
    bars = [
        {
            "x": round(i * step, 1),
            "w": max(round(step - 1, 1), 1),
            "h": round(m.events / top * (height - 20), 1),
            "month": m.month,
            "events": m.events,
        }
        for i, m in enumerate(months)
    ]
    return {"width": width, "height": height, "top": top, "bars": bars}


def _shades(counts: dict[str, int]) -> dict[str, int]:
    """A shade 1-5 per country by its count (log scale against the largest); absent: none."""
    top = max(counts.values(), default=0)
    if not top:
        return {}
    return {c: 1 + min(4, int(math.log1p(n) / math.log1p(top) * 4.999)) for c, n in counts.items() if n}


@router.get("/", response_class=HTMLResponse)
@router.get("/index.json")
def overview_page(
    request: Request,
    session: SessionDep,
    country: Annotated[Text, Query(description="the country the map is about")] = None,
) -> Response:
    counts = summary(session)
    months = contacts_per_month(session)
    latest = list_events(session, EventFilter(limit=LATEST))
    partners = list(counts.events_by_country.items())[:TOP_PARTNERS]
    chosen = country_code(country) if country else (partners[0][0] if partners else None)
    contacts = partner_counts(session, chosen) if chosen else {}
    world = request.app.state.world
    return _render(
        request,
        "overview.html",
        lambda: {
            "summary": counts.to_json(),
            "contacts_per_month": [m.to_json() for m in months],
            "top_countries": dict(partners),
            "map": {"country": chosen, "contacts": contacts},
            "latest": [e.to_json() for e in latest],
        },
        {
            "summary": counts,
            "chart": _month_bars(months),
            "partners": partners,
            "names": {c: country_name(c) for c, _ in partners},
            "latest": latest,
            "world": world,
            "chosen": chosen,
            "chosen_name": country_name(chosen) if chosen else None,
            "contacts": contacts,
            "shades": _shades(contacts),
        },
    )


def _pages(flt: EventFilter, total: int) -> dict[str, int | None]:
    size = flt.limit or total or 1
    return {
        "prev": max(flt.offset - size, 0) if flt.offset else None,
        "next": flt.offset + size if flt.offset + size < total else None,
        "first": flt.offset + 1 if total else 0,
        "last": min(flt.offset + size, total),
    }


@router.get("/events", response_class=HTMLResponse)
@router.get("/events.json")
def events_page(request: Request, session: SessionDep, flt: EventFilterDep) -> Response:
    events, total = page_events(session, flt)
    params = {k: v for k, v in request.query_params.items() if k != "offset"}
    return _render(
        request,
        "events.html",
        lambda: {
            "total": total,
            "limit": flt.limit,
            "offset": flt.offset,
            "filter": flt.to_json(),
            "events": [e.to_json() for e in events],
        },
        {
            "events": events,
            "total": total,
            "flt": flt,
            "params": dict(request.query_params),
            "keep": params,
            "pages": _pages(flt, total),
            "event_types": EVENT_TYPES,
            "topics": topic_codes(),
            "organizations": organization_counts(session),
        },
    )


@router.get("/events.csv")
def events_csv(session: SessionDep, flt: EventFilterDep) -> Response:
    """The filtered events as CSV (every matching event, not one page; cells never start a formula)."""
    everything = EventFilter(**{**{f: getattr(flt, f) for f in flt.__slots__}, "limit": None, "offset": 0})
    columns, rows = read_table(session, "events", everything)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _kind in columns])
    for row in rows:
        cells = ["" if v is None else ";".join(map(str, v)) if isinstance(v, list) else str(v) for v in row]
        writer.writerow(["'" + c if c.startswith(FORMULA) else c for c in cells])
    return Response(
        out.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="parleys-events.csv"'},
    )


@router.get("/events/{event_id}", response_class=HTMLResponse)
@router.get("/events/{event_id}.json")
def event_page(request: Request, event_id: Id, session: SessionDep) -> Response:
    event = get_event(session, event_id)
    spans = highlighted_text(session, event)
    return _render(
        request,
        "event.html",
        lambda: {**event.to_json(), "text": [s.to_json() for s in spans]},
        {"event": event, "spans": spans},
    )


@router.get("/persons/{person_id}", response_class=HTMLResponse)
@router.get("/persons/{person_id}.json")
def person_page(
    request: Request, person_id: Id, session: SessionDep, since: Since = None, until: Until = None
) -> Response:
    person = people.get_person(session, person_id, since=since, until=until)
    counterparts: dict[int, list[Any]] = {}
    for event in person.events:
        for p in event.participants:
            if p.person_id != person_id:
                counterparts.setdefault(p.person_id, [p, 0])[1] += 1
    ranked = sorted(counterparts.values(), key=lambda pc: (-pc[1], pc[0].name))
    return _render(request, "person.html", person.to_json, {"person": person, "counterparts": ranked})


@router.get("/countries/{code}", response_class=HTMLResponse)
@router.get("/countries/{code}.json")
def country_page(
    request: Request,
    code: Annotated[str, Path(max_length=MAX_QUERY_CHARS)],
    session: SessionDep,
    since: Since = None,
    until: Until = None,
    partner: Annotated[Text, Query(description="a partner country for the timeline")] = None,
    offset: Offset = 0,
) -> Response:
    found = dossier.country_dossier(session, code, since=since, until=until)
    timeline = (
        dossier.pair_timeline(
            session, found.country, partner, since=since, until=until, limit=TIMELINE_PAGE, offset=offset
        )
        if partner
        else None
    )
    keep = {k: v for k, v in request.query_params.items() if k != "offset"}
    partners = sorted({c for y in found.partners for c in y.counts})
    topics = sorted({c for y in found.topics for c in y.counts})
    return _render(
        request,
        "country.html",
        lambda: {**found.to_json(), "timeline": timeline.to_json() if timeline else None},
        {
            "dossier": found,
            "timeline": timeline,
            "partner_codes": partners,
            "topic_codes": topics,
            "names": {c: country_name(c) for c in partners},
            "partner": partner or "",
            "keep": keep,
            "pages": _pages(EventFilter(limit=TIMELINE_PAGE, offset=offset), timeline.total)
            if timeline
            else None,
        },
    )


@router.get("/network", response_class=HTMLResponse)
@router.get("/network.json")
def network_page(
    request: Request, session: SessionDep, country: Text = None, since: Since = None, until: Until = None
) -> Response:
    if country:
        country = country_code(country)
    if wants_json(request):
        return JSONResponse(build_network(session, country=country, since=since, until=until).to_json())
    params = {
        "country": country or "",
        "since": since.isoformat() if since else "",
        "until": until.isoformat() if until else "",
    }
    return _render(request, "network.html", dict, {"params": params})


@router.get("/review", response_class=HTMLResponse)
@router.get("/review.json")
def review_page(request: Request, session: SessionDep) -> Response:
    items = fixes.list_corrections(session)
    return _render(
        request,
        "review.html",
        lambda: {"corrections": [i.to_json() for i in items]},
        {"corrections": items, "writable": request.app.state.tokens.writable, "actions": fixes.ACTIONS},
    )


@router.get("/rejections", response_class=HTMLResponse)
@router.get("/rejections.json")
def rejections_page(request: Request, session: SessionDep) -> Response:
    found = list_rejections(session)
    return _render(
        request,
        "rejections.html",
        lambda: {"rejections": [r.to_json() for r in found]},
        {"rejections": found},
    )
