"""``/api/summary``: counts of what the store holds."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from parleys import query
from parleys.api.deps import SessionDep

router = APIRouter(prefix="/api/summary", tags=["summary"])


@router.get("")
def get_summary(session: SessionDep) -> dict[str, Any]:
    return query.summary(session).to_json()
