"""``/api/network``: the actor network as JSON, GraphML or GEXF (``parleys network``)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from parleys.api.deps import SessionDep
from parleys.export import network as files
from parleys.kb.network import build_network

router = APIRouter(prefix="/api/network", tags=["network"])


@router.get("")
def get_network(
    session: SessionDep,
    format: Annotated[str, Query(description="json | graphml | gexf")] = "json",
    country: Annotated[str | None, Query(description="events this country took part in")] = None,
    since: Annotated[date | None, Query(description="on or after this date")] = None,
    until: Annotated[date | None, Query(description="on or before this date")] = None,
    min_weight: Annotated[int, Query(ge=1, description="leave out lighter co-participation edges")] = 1,
) -> Response:
    fmt = files.network_format(format)
    found = build_network(session, country=country or None, since=since, until=until,
                                min_weight=min_weight)
    headers = {} if fmt == "json" else {"Content-Disposition": f'attachment; filename="parleys.{fmt}"'}
    return Response(files.render(found, fmt), media_type=files.MEDIA_TYPES[fmt], headers=headers)
