"""``/api/corrections``: list, make and revoke analysts' corrections (as ``parleys corrections``).

Making or revoking one is a write: it needs a bearer token, and the correction's author is the
token's holder. It resolves the store again, so the change shows at once in ``/api/events``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field, field_validator

from parleys import corrections as fixes
from parleys.api.deps import MAX_ID, Id, SessionDep
from parleys.api.models import ERRORS, WRITE_ERRORS, CorrectionMade, CorrectionPage
from parleys.api.security import WriterDep

router = APIRouter(prefix="/api/corrections", tags=["corrections"])

Action = Literal[
    "merge", "split", "set_person", "set_event", "hide", "unhide", "add_participant", "remove_participant"
]  # corrections.ACTIONS
MAX_REASON_CHARS = 2000
MAX_VALUE_CHARS = 500
MAX_KEY_CHARS = 200

Ref = Annotated[int, Field(ge=1, le=MAX_ID)] | Annotated[str, Field(min_length=1, max_length=MAX_KEY_CHARS)]


class CorrectionIn(BaseModel):
    """A correction: ``person``/``other``/``event`` are ids as the API shows them, or anchor keys.

    There is no ``author``: the author is the holder of the bearer token that makes it.
    """

    model_config = ConfigDict(extra="forbid")

    action: Action
    reason: str = Field(min_length=1, max_length=MAX_REASON_CHARS)
    person: Ref | None = None
    other: Ref | None = None
    event: Ref | None = None
    field: str | None = Field(None, max_length=40)
    value: str | None = Field(None, max_length=MAX_VALUE_CHARS)
    article: str | None = Field(None, max_length=MAX_KEY_CHARS)
    name: str | None = Field(None, max_length=MAX_KEY_CHARS)

    @field_validator("person", "other", "event")
    @classmethod
    def _bounded_digits(cls, value: int | str | None) -> int | str | None:
        """An id written as digits is an id, and bounded like one."""
        if isinstance(value, str) and value.strip().isdigit():
            number = int(value.strip())
            if not 1 <= number <= MAX_ID:
                raise ValueError(f"an id is between 1 and {MAX_ID}")
            return number
        return value


@router.get("", response_model=CorrectionPage, responses=ERRORS)
def list_corrections(
    session: SessionDep,
    status: Annotated[str | None, Query(max_length=20, description="active | revoked | conflict")] = None,
) -> dict[str, Any]:
    items = fixes.list_corrections(session, status=status or None)
    return {"total": len(items), "limit": None, "offset": 0, "corrections": [i.to_json() for i in items]}


@router.post("", status_code=201, response_model=CorrectionMade, responses=WRITE_ERRORS)
def make_correction(body: CorrectionIn, session: SessionDep, writer: WriterDep) -> dict[str, Any]:
    done = fixes.apply(session, lambda s: [fixes.make(s, **body.model_dump(), author=writer)])
    item = next(i for i in fixes.list_corrections(session) if i.id == done.rows[0].id)
    return {"correction": item.to_json(), "resolution": done.resolution.to_json()}


@router.post("/{correction_id}/revoke", response_model=CorrectionMade, responses=WRITE_ERRORS)
def revoke_correction(correction_id: Id, session: SessionDep, writer: WriterDep) -> dict[str, Any]:
    done = fixes.apply(session, lambda s: [fixes.revoke(s, correction_id)])
    item = next(i for i in fixes.list_corrections(session) if i.id == correction_id)
    return {"correction": item.to_json(), "resolution": done.resolution.to_json()}
