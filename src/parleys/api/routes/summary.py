"""``/api/summary``: counts of what the store holds."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from parleys.api.deps import SessionDep
from parleys.api.models import ERRORS, SummaryOut
from parleys.kb.corpus import summary

router = APIRouter(prefix="/api/summary", tags=["summary"])


@router.get("", response_model=SummaryOut, responses=ERRORS)
def get_summary(session: SessionDep) -> dict[str, Any]:
    return summary(session).to_json()
