"""``/api/corrections``: list, make and revoke analysts' corrections (as ``parleys corrections``).

Making or revoking one resolves the store again, so the change shows at once in ``/api/events``.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict

from parleys import corrections as fixes
from parleys.api.deps import SessionDep

router = APIRouter(prefix="/api/corrections", tags=["corrections"])

Action = Literal[
    "merge", "split", "set_person", "set_event", "hide", "unhide", "add_participant", "remove_participant"
]  # corrections.ACTIONS


class CorrectionIn(BaseModel):
    """A correction: ``person``/``other``/``event`` are ids as the API shows them, or anchor keys."""

    model_config = ConfigDict(extra="forbid")

    action: Action
    reason: str
    author: str | None = None
    person: str | int | None = None
    other: str | int | None = None
    event: str | int | None = None
    field: str | None = None
    value: str | None = None
    article: str | None = None
    name: str | None = None


@router.get("")
def list_corrections(session: SessionDep, status: str | None = None) -> dict[str, Any]:
    items = fixes.list_corrections(session, status=status or None)
    return {"total": len(items), "limit": None, "offset": 0, "corrections": [i.to_json() for i in items]}


@router.post("", status_code=201)
def make_correction(body: CorrectionIn, session: SessionDep) -> dict[str, Any]:
    done = fixes.apply(session, lambda s: [fixes.make(s, **body.model_dump())])
    item = next(i for i in fixes.list_corrections(session) if i.id == done.rows[0].id)
    return {"correction": item.to_json(), "resolution": done.resolution.to_json()}


@router.post("/{correction_id}/revoke")
def revoke_correction(correction_id: int, session: SessionDep) -> dict[str, Any]:
    done = fixes.apply(session, lambda s: [fixes.revoke(s, correction_id)])
    item = next(i for i in fixes.list_corrections(session) if i.id == correction_id)
    return {"correction": item.to_json(), "resolution": done.resolution.to_json()}
