"""``/api/events``: the event listing (same filters as ``parleys events``) and one event."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from parleys import query
from parleys.api.deps import EventFilterDep, SessionDep

router = APIRouter(prefix="/api/events", tags=["events"])


def filter_json(flt: query.EventFilter) -> dict[str, Any]:
    return {
        "country": flt.country, "partner": flt.partner, "person": flt.person, "type": flt.type,
        "topic": flt.topic, "since": flt.date_from.isoformat() if flt.date_from else None,
        "until": flt.date_to.isoformat() if flt.date_to else None,
    }


@router.get("")
def list_events(session: SessionDep, flt: EventFilterDep) -> dict[str, Any]:
    events = query.list_events(session, flt)
    return {
        "total": query.count_events(session, flt),
        "limit": flt.limit,
        "offset": flt.offset,
        "filter": filter_json(flt),
        "events": [ev.to_json() for ev in events],
    }


@router.get("/{event_id}")
def get_event(event_id: int, session: SessionDep) -> dict[str, Any]:
    return query.get_event(session, event_id).to_json()
