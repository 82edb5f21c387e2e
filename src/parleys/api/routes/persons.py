"""``/api/persons``: person entities across the corpus (same search as ``parleys persons``) and one
person with office history and events (``parleys person``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from parleys.api.deps import Id, Limit, Offset, SessionDep, Since, Text, Until, page_size
from parleys.api.models import ERRORS, PersonDetailOut, PersonPage, answer
from parleys.kb import people
from parleys.kb.filters import DEFAULT_LIMIT

router = APIRouter(prefix="/api/persons", tags=["persons"])


@router.get("", response_model=PersonPage, responses=ERRORS)
def list_persons(
    session: SessionDep,
    name: Annotated[Text, Query(description="the name contains these words")] = None,
    country: Annotated[Text, Query(description="country (code or name)")] = None,
    role: Annotated[Text, Query(description="role class now or in an earlier office")] = None,
    limit: Limit = str(DEFAULT_LIMIT),
    offset: Offset = 0,
) -> Response:
    criteria = {"name": name or None, "country": country or None, "role": role or None}
    size = page_size(limit)
    found = people.find_persons(session, **criteria, limit=size, offset=offset)
    return answer(
        {
            "total": people.count_persons(session, **criteria),
            "limit": size,
            "offset": offset,
            "filter": criteria,
            "persons": [p.to_json() for p in found],
        }
    )


@router.get("/{person_id}", response_model=PersonDetailOut, responses=ERRORS)
def get_person(
    person_id: Id,
    session: SessionDep,
    since: Since = None,
    until: Until = None,
) -> Response:
    return answer(people.get_person(session, person_id, since=since, until=until).to_json())
