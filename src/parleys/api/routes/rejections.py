"""``/api/rejections``: inputs that did not become articles, with their reason."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from parleys import query
from parleys.api.deps import SessionDep

router = APIRouter(prefix="/api/rejections", tags=["rejections"])


@router.get("")
def list_rejections(
    session: SessionDep, reason: Annotated[str | None, Query(description="only this reason code")] = None
) -> dict[str, Any]:
    found = query.list_rejections(session, reason=reason or None)
    return {"total": len(found), "rejections": [r.to_json() for r in found]}
