"""``/api/network``: the actor network as JSON, GraphML or GEXF (``parleys network``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from parleys.api.deps import MAX_ID, SessionDep, Since, Text, Until
from parleys.api.models import ERRORS, NetworkOut
from parleys.export import network as files
from parleys.kb.network import build_network

router = APIRouter(prefix="/api/network", tags=["network"])


@router.get(
    "",
    responses={
        **ERRORS,
        200: {
            "model": NetworkOut,
            "description": "the network; GraphML or GEXF with format=graphml|gexf",
            "content": {"application/graphml+xml": {}, "application/gexf+xml": {}},
        },
    },
)
def get_network(
    session: SessionDep,
    format: Annotated[str, Query(max_length=20, description="json | graphml | gexf")] = "json",
    country: Annotated[Text, Query(description="events this country took part in")] = None,
    since: Since = None,
    until: Until = None,
    min_weight: Annotated[
        int, Query(ge=1, le=MAX_ID, description="leave out lighter co-participation edges")
    ] = 1,
) -> Response:
    fmt = files.network_format(format)
    found = build_network(session, country=country, since=since, until=until, min_weight=min_weight)
    headers = {} if fmt == "json" else {"Content-Disposition": f'attachment; filename="parleys.{fmt}"'}
    return Response(files.render(found, fmt), media_type=files.MEDIA_TYPES[fmt], headers=headers)
