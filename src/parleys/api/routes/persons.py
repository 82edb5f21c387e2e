"""``/api/persons``: person entities across the corpus (same search as ``parleys persons``) and one
person with office history and events (``parleys person``)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from parleys.api.deps import SessionDep
from parleys.kb import people
from parleys.kb.filters import DEFAULT_LIMIT, parse_limit

router = APIRouter(prefix="/api/persons", tags=["persons"])


@router.get("")
def list_persons(
    session: SessionDep,
    name: Annotated[str | None, Query(description="the name contains these words")] = None,
    country: Annotated[str | None, Query(description="country (code or name)")] = None,
    role: Annotated[str | None, Query(description="role class now or in an earlier office")] = None,
    limit: Annotated[str, Query(description="a number; 0 or all: all")] = str(DEFAULT_LIMIT),
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    criteria = {"name": name or None, "country": country or None, "role": role or None}
    size = parse_limit(limit)
    found = people.find_persons(session, **criteria, limit=size, offset=offset)
    return {
        "total": people.count_persons(session, **criteria),
        "limit": size,
        "offset": offset,
        "filter": criteria,
        "persons": [p.to_json() for p in found],
    }


@router.get("/{person_id}")
def get_person(
    person_id: int,
    session: SessionDep,
    since: Annotated[date | None, Query(description="events on or after this date")] = None,
    until: Annotated[date | None, Query(description="events on or before this date")] = None,
) -> dict[str, Any]:
    return people.get_person(session, person_id, since=since, until=until).to_json()
