"""Dependencies of the routes: a session per request, and the event filter from the query string."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from parleys.kb.filters import COUNTRY_BY, DEFAULT_LIMIT, EventFilter, parse_limit


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def event_filter(
    country: Annotated[str | None, Query(description="this country takes part (code, name, demonym)")] = None,
    country_by: Annotated[str, Query(description=" | ".join(COUNTRY_BY))] = "either",
    partner: Annotated[str | None, Query(description="a participant represents this country")] = None,
    person: Annotated[str | None, Query(description="a participant's name contains this")] = None,
    type: Annotated[str | None, Query(description="event type")] = None,
    topic: Annotated[str | None, Query(description="topic code of the article")] = None,
    since: Annotated[date | None, Query(description="on or after this date")] = None,
    until: Annotated[date | None, Query(description="on or before this date")] = None,
    limit: Annotated[str, Query(description="a number; 0 or all: all")] = str(DEFAULT_LIMIT),
    offset: Annotated[int, Query(ge=0)] = 0,
) -> EventFilter:
    """The same filters as ``parleys events``; empty form fields count as not given."""
    return EventFilter(country=country or None, country_by=country_by, partner=partner or None,
                       person=person or None, type=type or None, topic=topic or None, since=since,
                       until=until, limit=parse_limit(limit), offset=offset)


EventFilterDep = Annotated[EventFilter, Depends(event_filter)]
