"""``/api/events``: the event listing (same filters as ``parleys events``) and one event."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from parleys.api.deps import EventFilterDep, Id, SessionDep
from parleys.api.models import ERRORS, EventDetailOut, EventPage, answer
from parleys.kb.detail import get_event as event_detail
from parleys.kb.events import page_events

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("", response_model=EventPage, responses=ERRORS)
def list_events(session: SessionDep, flt: EventFilterDep) -> Response:
    events, total = page_events(session, flt)
    return answer(
        {
            "total": total,
            "limit": flt.limit,
            "offset": flt.offset,
            "filter": flt.to_json(),
            "events": [ev.to_json() for ev in events],
        }
    )


@router.get("/{event_id}", response_model=EventDetailOut, responses=ERRORS)
def get_event(event_id: Id, session: SessionDep) -> Response:
    return answer(event_detail(session, event_id).to_json())
