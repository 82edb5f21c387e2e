"""``/api/countries/{code}/dossier`` (``parleys dossier``) and ``/api/timeline`` (``parleys timeline``)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query

from parleys.api.deps import SessionDep
from parleys.kb import dossier

router = APIRouter(prefix="/api", tags=["countries"])

Since = Annotated[date | None, Query(description="on or after this date")]
Until = Annotated[date | None, Query(description="on or before this date")]


@router.get("/countries/{code}/dossier")
def country_dossier(
    code: str, session: SessionDep, since: Since = None, until: Until = None,
    top: Annotated[int, Query(ge=0, le=1000, description="how many top persons")] = dossier.TOP_PERSONS,
) -> dict[str, Any]:
    return dossier.country_dossier(session, code, since=since, until=until, top=top).to_json()


@router.get("/timeline")
def timeline(
    session: SessionDep,
    a: Annotated[str, Query(description="a country (code or name)")],
    b: Annotated[str, Query(description="another country")],
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    return dossier.pair_timeline(session, a, b, since=since, until=until).to_json()
