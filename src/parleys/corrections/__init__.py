"""Analysts' corrections: merge and split persons, set values, hide events, change participants.

Each function validates its input, adds one :class:`~parleys.store.models.CorrectionRow` (or, for
:func:`revoke`, marks one revoked) and returns it; none commits, and none changes machine output.
Targets are given as the ids that ``parleys events`` and ``show`` print (an entity id for a
person, a cluster or report id for an event) or as anchor keys, and are stored as anchor keys
(:mod:`parleys.keys`), which name content and so survive re-extraction and re-resolution. The
caller runs :func:`parleys.resolve.resolve_all` afterwards, which applies every correction in
force, and commits.

Values: ``role_class`` from ``records.ROLE_CLASSES``, ``type`` from ``records.EVENT_TYPES``, a
country as an alpha-3 code or a name the lexicons know, a date as ``YYYY-MM-DD``; ``none`` (or an
empty text) clears a title, institution, city or country.
"""

from __future__ import annotations

import getpass
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from parleys.corrections.targets import (
    entity_members,
    event_ref,
    event_with_key,
    person_ref,
    persons_with_key,
)
from parleys.errors import CorrectionError, NotFoundError, QueryError
from parleys.kb.detail import live_cluster_of
from parleys.keys import anchor_fold, person_key
from parleys.normalize.countries import country_code
from parleys.records import EVENT_TYPES, ROLE_CLASSES
from parleys.resolve import ResolveSummary, resolve_all
from parleys.resolve.corrected import EVENT_FIELDS, PERSON_FIELDS, SPLIT_BY
from parleys.store.models import ArticleRow, CorrectionRow, PersonLinkRow
from parleys.store.repository import now

AUTHOR_ENV = "PARLEYS_AUTHOR"
CLEARS = ("", "none", "null")


def default_author() -> str:
    """``PARLEYS_AUTHOR``, else the user the process runs as."""
    try:
        fallback = getpass.getuser()
    except (KeyError, OSError):  # no user name in a bare container
        fallback = "unknown"
    return os.environ.get(AUTHOR_ENV) or fallback


# --- values --------------------------------------------------------------------------------------


def _country(value: str | None) -> str | None:
    """The alpha-3 code of a country as the one country normaliser reads it (codes, names,
    aliases, demonyms); ``none`` clears it."""
    if value is None or value.strip().lower() in CLEARS:
        return None
    try:
        return country_code(value)
    except QueryError as exc:  # a bad value of a correction is a correction error (E070)
        raise CorrectionError(str(exc).removeprefix("[E060] ")) from None


def _text(value: str | None) -> str | None:
    return None if value is None or value.strip().lower() in CLEARS else " ".join(value.split())


def validate(kind: str, field: str, value: str | None) -> Any:
    """The value to store for ``field`` of a person or event; :class:`CorrectionError` if invalid."""
    fields = PERSON_FIELDS if kind == "person" else EVENT_FIELDS
    if field not in fields:
        raise CorrectionError(f"a {kind} has no field {field!r} to correct: one of {', '.join(fields)}")
    if field == "country":
        return _country(value)
    if field == "role_class":
        role = (value or "").strip().lower()
        if role not in ROLE_CLASSES:
            raise CorrectionError(f"unknown role class {value!r}: one of {', '.join(ROLE_CLASSES)}")
        return role
    if field == "type":
        kind_ = (value or "").strip().lower()
        if kind_ not in EVENT_TYPES:
            raise CorrectionError(f"unknown event type {value!r}: one of {', '.join(EVENT_TYPES)}")
        return kind_
    if field == "date":
        try:
            return date.fromisoformat((value or "").strip()).isoformat()
        except ValueError:
            raise CorrectionError(f"invalid date {value!r}: give YYYY-MM-DD") from None
    return _text(value)


def _row(
    session: Session,
    *,
    kind: str,
    key: str,
    action: str,
    author: str,
    reason: str,
    field: str | None = None,
    value: Any = None,
    other: str | None = None,
) -> CorrectionRow:
    if not reason or not reason.strip():
        raise CorrectionError("a correction needs a reason (--reason)")
    if not author or not author.strip():
        raise CorrectionError("a correction needs an author (--author or PARLEYS_AUTHOR)")
    row = CorrectionRow(
        target_kind=kind,
        target_key=key,
        action=action,
        field=field,
        value=json.dumps(value, ensure_ascii=False) if field or value is not None else None,
        other_key=other,
        author=author.strip(),
        reason=reason.strip(),
        created_at=now(),
    )
    session.add(row)
    session.flush()
    return row


# --- the corrections -----------------------------------------------------------------------------


def merge_persons(
    session: Session, person: str | int, other: str | int, *, author: str, reason: str
) -> CorrectionRow:
    """The two persons are one real person."""
    key, _ = person_ref(session, person)
    other_key, _ = person_ref(session, other)
    if key == other_key:
        raise CorrectionError("a person cannot be merged with itself")
    return _row(
        session, kind="person", key=key, action="merge", other=other_key, author=author, reason=reason
    )


def split_person(
    session: Session,
    person: str | int,
    *,
    article: str | None = None,
    name: str | None = None,
    author: str,
    reason: str,
) -> CorrectionRow:
    """Detach from the person the mentions of one article, or those of one name form, into a new one."""
    if (article is None) == (name is None):
        raise CorrectionError("split by exactly one of --article or --name")
    _, row = person_ref(session, person)
    members = entity_members(session, row)
    hashes = {m.id: session.get(ArticleRow, m.article_id).content_hash for m in members}  # type: ignore[union-attr]
    if article is not None:
        found = _article(session, article)
        by, selector = SPLIT_BY[0], found.content_hash[:16]
        detached = [m for m in members if hashes[m.id][:16] == selector]
        what = f"article {found.external_id}"
    else:
        by, selector = SPLIT_BY[1], anchor_fold(name or "")
        detached = [m for m in members if anchor_fold(m.name) == selector]
        what = f"the name {name!r}"
    if not detached:
        raise CorrectionError(f"person {row.id} has no mention in {what}")
    staying = [m for m in members if m not in detached]
    if not staying:
        raise CorrectionError(f"every mention of person {row.id} is in {what}: nothing would remain")
    stay = staying[0]
    return _row(
        session,
        kind="person",
        key=person_key(hashes[stay.id], stay.name),
        action="split",
        field=by,
        value=selector,
        other=person_key(hashes[detached[0].id], detached[0].name),
        author=author,
        reason=reason,
    )


def _article(session: Session, ref: str) -> ArticleRow:
    text = ref.strip()
    found = session.scalar(select(ArticleRow).where(ArticleRow.external_id == text).order_by(ArticleRow.id))
    if found is None and text.isdigit():
        found = session.get(ArticleRow, int(text))
    if found is None:
        raise NotFoundError(f"no article {ref!r}")
    return found


def set_person(
    session: Session, person: str | int, *, field: str, value: str | None, author: str, reason: str
) -> CorrectionRow:
    """Set a person's ``role_class``, ``title``, ``institution`` or ``country``."""
    stored = validate("person", field, value)
    key, _ = person_ref(session, person)
    return _row(
        session, kind="person", key=key, action="set", field=field, value=stored, author=author, reason=reason
    )


def set_event(
    session: Session, event: str | int, *, field: str, value: str | None, author: str, reason: str
) -> CorrectionRow:
    """Set an event's ``type``, ``date``, ``city`` or ``country`` (where it took place)."""
    stored = validate("event", field, value)
    key, _ = event_ref(session, event)
    return _row(
        session, kind="event", key=key, action="set", field=field, value=stored, author=author, reason=reason
    )


def hide_event(
    session: Session, event: str | int, *, hidden: bool = True, author: str, reason: str
) -> CorrectionRow:
    """Hide a wrong event from listings and exports (``hidden=False``: show it again)."""
    key, _ = event_ref(session, event)
    return _row(
        session, kind="event", key=key, action="hide" if hidden else "unhide", author=author, reason=reason
    )


def change_participant(
    session: Session, event: str | int, person: str | int, *, add: bool, author: str, reason: str
) -> CorrectionRow:
    """Add a person to an event's participants, or remove one."""
    key, _ = event_ref(session, event)
    other, _ = person_ref(session, person)
    return _row(
        session,
        kind="event",
        key=key,
        action="add_participant" if add else "remove_participant",
        other=other,
        author=author,
        reason=reason,
    )


def revoke(session: Session, correction_id: int) -> CorrectionRow:
    """Withdraw a correction: it stays listed, marked revoked, and no longer applies."""
    row = session.get(CorrectionRow, correction_id)
    if row is None:
        raise NotFoundError(f"no correction with id {correction_id}")
    if row.revoked_at is not None:
        raise CorrectionError(f"correction {correction_id} is already revoked")
    row.revoked_at = now()
    session.flush()
    return row


# --- listing -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorrectionItem:
    id: int
    target_kind: str
    target_key: str
    action: str
    field: str | None
    value: Any
    other_key: str | None
    author: str
    reason: str
    created_at: datetime
    revoked_at: datetime | None
    status: str  # active | dangling | revoked
    target_id: int | None  # the id ``parleys events`` / ``show`` shows for the target now

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "target_kind": self.target_kind,
            "target_key": self.target_key,
            "target_id": self.target_id,
            "action": self.action,
            "field": self.field,
            "value": self.value,
            "other_key": self.other_key,
            "author": self.author,
            "reason": self.reason,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
            "status": self.status,
        }


def _current_id(session: Session, kind: str, key: str) -> int | None:
    if kind == "person":
        rows = persons_with_key(session, key)
        if not rows:
            return None
        entity = session.scalar(select(PersonLinkRow.entity_id).where(PersonLinkRow.person_id == rows[0].id))
        return entity if entity is not None else rows[0].id
    row = event_with_key(session, key)
    if row is None:
        return None
    cluster = live_cluster_of(session, row.id)
    return cluster.id if cluster is not None else row.id


def list_corrections(session: Session, *, status: str | None = None) -> list[CorrectionItem]:
    """Every correction, oldest first, with its status; ``dangling``: a target no longer exists."""
    items = []
    for c in session.scalars(select(CorrectionRow).order_by(CorrectionRow.id)):
        target = _current_id(session, c.target_kind, c.target_key)
        other_ok = c.other_key is None or bool(persons_with_key(session, c.other_key))
        state = "revoked" if c.revoked_at else ("active" if target is not None and other_ok else "dangling")
        items.append(
            CorrectionItem(
                c.id,
                c.target_kind,
                c.target_key,
                c.action,
                c.field,
                json.loads(c.value) if c.value is not None else None,
                c.other_key,
                c.author,
                c.reason,
                c.created_at,
                c.revoked_at,
                state,
                target,
            )
        )
    if status is not None:
        if status not in ("active", "dangling", "revoked"):
            raise CorrectionError(f"unknown status {status!r}: one of active, dangling, revoked")
        items = [i for i in items if i.status == status]
    return items


# --- making corrections: one orchestration for the CLI and the API ---------------------------------

ACTIONS = (
    "merge",
    "split",
    "set_person",
    "set_event",
    "hide",
    "unhide",
    "add_participant",
    "remove_participant",
)


def _need(value: str | int | None, what: str) -> str | int:
    if value is None:
        raise CorrectionError(f"this correction needs {what!r}")
    return value


def make(
    session: Session,
    action: str,
    *,
    reason: str,
    author: str | None = None,
    person: str | int | None = None,
    other: str | int | None = None,
    event: str | int | None = None,
    field: str | None = None,
    value: str | None = None,
    article: str | None = None,
    name: str | None = None,
) -> CorrectionRow:
    """One correction of ``action`` (one of ``ACTIONS``) with the targets it needs; no commit."""
    who = {"author": author or default_author(), "reason": reason}
    if action == "merge":
        return merge_persons(session, _need(person, "person"), _need(other, "other"), **who)
    if action == "split":
        return split_person(session, _need(person, "person"), article=article, name=name, **who)
    if action == "set_person":
        return set_person(
            session, _need(person, "person"), field=str(_need(field, "field")), value=value, **who
        )
    if action == "set_event":
        return set_event(session, _need(event, "event"), field=str(_need(field, "field")), value=value, **who)
    if action in ("hide", "unhide"):
        return hide_event(session, _need(event, "event"), hidden=action == "hide", **who)
    if action in ("add_participant", "remove_participant"):
        return change_participant(
            session, _need(event, "event"), _need(person, "person"), add=action == "add_participant", **who
        )
    raise CorrectionError(f"unknown correction {action!r}: one of {', '.join(ACTIONS)}")


@dataclass(frozen=True, slots=True)
class Applied:
    """Corrections made (or revoked), and the resolution that applied them."""

    rows: list[CorrectionRow]
    resolution: ResolveSummary


def apply(session: Session, change: Callable[[Session], list[CorrectionRow]]) -> Applied:
    """Make the corrections ``change`` makes, resolve the store so they show at once, commit."""
    rows = change(session)
    # incremental: the corrections made or revoked since the last resolution say what to regroup
    # (a store with no resolution state yet is rebuilt in full)
    resolution = resolve_all(session, full=False)
    session.commit()
    return Applied(rows, resolution)
