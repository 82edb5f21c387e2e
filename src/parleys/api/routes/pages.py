"""HTML pages; each names its JSON twin (``json_url``) and links to it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from parleys.api.deps import EventFilterDep, SessionDep
from parleys.kb.corpus import summary
from parleys.kb.detail import get_event
from parleys.kb.events import count_events, list_events
from parleys.records import EVENT_TYPES

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def events_page(request: Request, session: SessionDep, flt: EventFilterDep) -> HTMLResponse:
    qs = request.url.query
    return request.app.state.templates.TemplateResponse(request, "events.html", {
        "events": list_events(session, flt),
        "total": count_events(session, flt),
        "summary": summary(session),
        "params": dict(request.query_params),
        "event_types": EVENT_TYPES,
        "json_url": "/api/events" + (f"?{qs}" if qs else ""),
    })


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: int, session: SessionDep) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, "event.html", {
        "event": get_event(session, event_id),
        "json_url": f"/api/events/{event_id}",
    })
