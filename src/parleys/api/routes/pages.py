"""HTML pages; each names its JSON twin (``json_url``) and links to it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from parleys import query
from parleys.api.deps import EventFilterDep, SessionDep
from parleys.records import EVENT_TYPES

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def events_page(request: Request, session: SessionDep, flt: EventFilterDep) -> HTMLResponse:
    qs = request.url.query
    return request.app.state.templates.TemplateResponse(request, "events.html", {
        "events": query.list_events(session, flt),
        "total": query.count_events(session, flt),
        "summary": query.summary(session),
        "params": dict(request.query_params),
        "event_types": EVENT_TYPES,
        "json_url": "/api/events" + (f"?{qs}" if qs else ""),
    })


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: int, session: SessionDep) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, "event.html", {
        "event": query.get_event(session, event_id),
        "json_url": f"/api/events/{event_id}",
    })
