"""Dependencies of the routes: a session per request, the event filter from the query string, and
the bounded parameter types every route shares (ids, offsets, page sizes, dates).

Every integer the client sends is bounded (a 10^30 id or offset is a 400, never a database
overflow), ``limit`` has a maximum, and an empty form field (``since=``) means "not given".
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from typing import Annotated

from fastapi import Depends, Path, Query, Request
from pydantic import BeforeValidator, StringConstraints
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from parleys.errors import QueryError
from parleys.kb.filters import COUNTRY_BY, DEFAULT_LIMIT, EventFilter, parse_limit
from parleys.kb.units import reads_only

MAX_ID = 2**31 - 1  # the largest id the store's INTEGER columns hold on every backend
MAX_LIMIT = 1000  # the largest page; 0 or "all" ask for this many
MAX_QUERY_CHARS = 200  # a filter value longer than this is a 400


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A session for the request, closed after it. A GET (or HEAD) only reads: its session keeps the
    answers that cannot change while nothing is written (:func:`parleys.kb.units.reads_only`).

    Made on the event loop (a session connects on its first statement, in the route's worker
    thread). Closing it returns the connection, which rolls back: a server's round trip, done in a
    worker thread, but on SQLite a call into the library of microseconds, done here, since handing
    it to a thread and back costs more (and under load the wait for the thread to be scheduled
    grows with the machine's load, where the call does not)."""
    session = request.app.state.sessions()
    if request.method in ("GET", "HEAD"):
        reads_only(session)
    try:
        yield session
    finally:
        if request.app.state.engine.dialect.name == "sqlite":
            session.close()
        else:
            await run_in_threadpool(session.close)


SessionDep = Annotated[Session, Depends(get_session)]


def _blank_is_none(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


def page_size(value: str | None, maximum: int = MAX_LIMIT) -> int:
    """A page size for the API: 1 to ``maximum``; 0, ``all`` or empty ask for the maximum."""
    size = parse_limit(value)
    if size is None:
        return maximum
    if size > maximum:
        raise QueryError(f"limit must be at most {maximum}")
    return size


Id = Annotated[int, Path(ge=1, le=MAX_ID, description="an id as the API shows it")]
Offset = Annotated[int, Query(ge=0, le=MAX_ID, description="skip this many")]
Limit = Annotated[str, Query(max_length=12, description=f"a number up to {MAX_LIMIT}; 0 or all: {MAX_LIMIT}")]
Short = Annotated[str, StringConstraints(max_length=MAX_QUERY_CHARS)]
Text = Annotated[Short | None, BeforeValidator(_blank_is_none)]  # an empty field is None
Since = Annotated[
    date | None,
    BeforeValidator(_blank_is_none),
    Query(description="on or after this date (YYYY-MM-DD; empty: no limit)"),
]
Until = Annotated[
    date | None,
    BeforeValidator(_blank_is_none),
    Query(description="on or before this date (YYYY-MM-DD; empty: no limit)"),
]


def event_filter(
    country: Annotated[Text, Query(description="this country takes part (code, name, demonym)")] = None,
    country_by: Annotated[str, Query(max_length=20, description=" | ".join(COUNTRY_BY))] = "either",
    partner: Annotated[Text, Query(description="a participant represents this country")] = None,
    person: Annotated[Text, Query(description="a participant's name contains this")] = None,
    institution: Annotated[
        Text, Query(description="a participant's institution contains these words")
    ] = None,
    type: Annotated[Text, Query(description="event type")] = None,
    topic: Annotated[Text, Query(description="topic code of the article")] = None,
    organization: Annotated[Text, Query(description="an organization the article names (code)")] = None,
    q: Annotated[Text, Query(description="full text: every word in the article's title or text")] = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = str(DEFAULT_LIMIT),
    offset: Offset = 0,
) -> EventFilter:
    """The same filters as ``parleys events``; empty form fields count as not given."""
    return EventFilter(
        country=country,
        country_by=country_by or "either",
        partner=partner,
        person=person,
        institution=institution,
        type=type,
        topic=topic,
        organization=organization,
        text=q,
        since=since,
        until=until,
        limit=page_size(limit),
        offset=offset,
    )


EventFilterDep = Annotated[EventFilter, Depends(event_filter)]
