"""``/api/rejections``: inputs that did not become articles, with their reason."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from parleys.api.deps import SessionDep, Text
from parleys.api.models import ERRORS, RejectionPage
from parleys.kb.corpus import list_rejections as rejections_of

router = APIRouter(prefix="/api/rejections", tags=["rejections"])


@router.get("", response_model=RejectionPage, responses=ERRORS)
def list_rejections(
    session: SessionDep, reason: Annotated[Text, Query(description="only this reason code")] = None
) -> dict[str, Any]:
    found = rejections_of(session, reason=reason or None)
    return {"total": len(found), "limit": None, "offset": 0, "rejections": [r.to_json() for r in found]}
