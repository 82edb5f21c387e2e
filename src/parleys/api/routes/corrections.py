"""``/api/corrections``: list, make and revoke analysts' corrections (as ``parleys corrections``).

Making or revoking one resolves the store again, so the change shows at once in ``/api/events``.
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict
from sqlalchemy.orm import Session

from parleys import corrections as fixes
from parleys.api.deps import SessionDep
from parleys.errors import CorrectionError
from parleys.resolve import resolve_all
from parleys.store.models import CorrectionRow

router = APIRouter(prefix="/api/corrections", tags=["corrections"])

Action = Literal[
    "merge", "split", "set_person", "set_event", "hide", "unhide", "add_participant", "remove_participant"
]


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


def _need(value: str | int | None, what: str) -> str | int:
    if value is None:
        raise CorrectionError(f"this correction needs {what!r}")
    return value


def _make(session: Session, body: CorrectionIn) -> CorrectionRow:
    who = {"author": body.author or fixes.default_author(), "reason": body.reason}
    if body.action == "merge":
        return fixes.merge_persons(session, _need(body.person, "person"), _need(body.other, "other"), **who)
    if body.action == "split":
        return fixes.split_person(
            session, _need(body.person, "person"), article=body.article, name=body.name, **who
        )
    if body.action == "set_person":
        return fixes.set_person(
            session,
            _need(body.person, "person"),
            field=str(_need(body.field, "field")),
            value=body.value,
            **who,
        )
    if body.action == "set_event":
        return fixes.set_event(
            session,
            _need(body.event, "event"),
            field=str(_need(body.field, "field")),
            value=body.value,
            **who,
        )
    if body.action in ("hide", "unhide"):
        return fixes.hide_event(session, _need(body.event, "event"), hidden=body.action == "hide", **who)
    return fixes.change_participant(
        session,
        _need(body.event, "event"),
        _need(body.person, "person"),
        add=body.action == "add_participant",
        **who,
    )


@router.get("")
def list_corrections(session: SessionDep, status: str | None = None) -> dict[str, Any]:
    items = fixes.list_corrections(session, status=status or None)
    return {"total": len(items), "corrections": [i.to_json() for i in items]}


@router.post("", status_code=201)
def make_correction(body: CorrectionIn, session: SessionDep) -> dict[str, Any]:
    row = _make(session, body)
    summary = resolve_all(session)
    session.commit()
    item = next(i for i in fixes.list_corrections(session) if i.id == row.id)
    return {"correction": item.to_json(), "resolution": summary.to_json()}


@router.post("/{correction_id}/revoke")
def revoke_correction(correction_id: int, session: SessionDep) -> dict[str, Any]:
    fixes.revoke(session, correction_id)
    summary = resolve_all(session)
    session.commit()
    item = next(i for i in fixes.list_corrections(session) if i.id == correction_id)
    return {"correction": item.to_json(), "resolution": summary.to_json()}
