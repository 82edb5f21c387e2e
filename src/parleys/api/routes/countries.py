"""``/api/countries/{code}/dossier`` (``parleys dossier``) and ``/api/timeline`` (``parleys timeline``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from parleys.api.deps import MAX_QUERY_CHARS, Limit, Offset, SessionDep, Since, Until, page_size
from parleys.api.models import ERRORS, DossierOut, TimelineOut, answer
from parleys.kb import dossier
from parleys.kb.filters import DEFAULT_LIMIT

router = APIRouter(prefix="/api", tags=["countries"])


@router.get("/countries/{code}/dossier", response_model=DossierOut, responses=ERRORS)
def country_dossier(
    code: Annotated[str, Path(max_length=MAX_QUERY_CHARS, description="a country (code, name, demonym)")],
    session: SessionDep,
    since: Since = None,
    until: Until = None,
    top: Annotated[int, Query(ge=0, le=1000, description="how many top persons")] = dossier.TOP_PERSONS,
) -> Response:
    return answer(dossier.country_dossier(session, code, since=since, until=until, top=top).to_json())


@router.get("/timeline", response_model=TimelineOut, responses=ERRORS)
def timeline(
    session: SessionDep,
    a: Annotated[str, Query(max_length=MAX_QUERY_CHARS, description="a country (code or name)")],
    b: Annotated[str, Query(max_length=MAX_QUERY_CHARS, description="another country")],
    since: Since = None,
    until: Until = None,
    limit: Limit = str(DEFAULT_LIMIT),
    offset: Offset = 0,
) -> Response:
    found = dossier.pair_timeline(
        session, a, b, since=since, until=until, limit=page_size(limit), offset=offset
    )
    return answer(found.to_json())
