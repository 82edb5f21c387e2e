"""Finding the target of a correction: a person or event named by an id (as ``parleys events``
and ``show`` print them) or by an anchor key (:mod:`parleys.keys`), which names content and so
survives re-extraction and re-resolution.
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from parleys.errors import NotFoundError
from parleys.keys import anchor_fold, event_key, person_key
from parleys.store.models import ArticleRow, EventRow, PersonLinkRow, PersonRow

PERSON_KEY = re.compile(r"^p:([0-9a-f]{16}):(.*)$")
EVENT_KEY = re.compile(r"^e:([0-9a-f]{16}):(\d+)$")


def _articles_by_prefix(session: Session, prefix: str) -> list[ArticleRow]:
    return list(
        session.scalars(
            select(ArticleRow).where(
                ArticleRow.content_hash >= prefix, ArticleRow.content_hash < prefix + "g"
            )
        )
    )


def persons_with_key(session: Session, key: str) -> list[PersonRow]:
    """The person rows an anchor key names (none once re-extraction dropped the person)."""
    m = PERSON_KEY.match(key.split("#")[0])
    if not m:
        return []
    found = []
    for article in _articles_by_prefix(session, m.group(1)):
        found += [
            p
            for p in session.scalars(
                select(PersonRow).where(PersonRow.article_id == article.id).order_by(PersonRow.position)
            )
            if anchor_fold(p.name) == m.group(2)
        ]
    return found


def event_with_key(session: Session, key: str) -> EventRow | None:
    m = EVENT_KEY.match(key)
    if not m:
        return None
    for article in _articles_by_prefix(session, m.group(1)):
        row = session.scalar(
            select(EventRow).where(EventRow.article_id == article.id, EventRow.position == int(m.group(2)))
        )
        if row is not None:
            return row
    return None


def _key_of_person(session: Session, row: PersonRow) -> str:
    return person_key(session.get(ArticleRow, row.article_id).content_hash, row.name)  # type: ignore[union-attr]


def person_ref(session: Session, ref: str | int) -> tuple[str, PersonRow]:
    """(anchor key, person row) of a person id (an entity id is one) or an anchor key."""
    text = str(ref).strip()
    if text.isdigit():
        row = session.get(PersonRow, int(text))
        if row is None:
            raise NotFoundError(f"no person with id {text}")
        return _key_of_person(session, row), row
    rows = persons_with_key(session, text)
    if not rows:
        raise NotFoundError(f"no person with key {text!r}")
    return text.split("#")[0], rows[0]


def event_ref(session: Session, ref: str | int) -> tuple[str, EventRow]:
    """(anchor key, event row) of an event id as ``parleys events`` shows it, or an anchor key."""
    text = str(ref).strip()
    if text.isdigit():
        row = session.get(EventRow, int(text))
        if row is None:
            raise NotFoundError(f"no event with id {text}")
        article = session.get(ArticleRow, row.article_id)
        return event_key(article.content_hash, row.position), row  # type: ignore[union-attr]
    found = event_with_key(session, text)
    if found is None:
        raise NotFoundError(f"no event with key {text!r}")
    return text, found


def entity_members(session: Session, row: PersonRow) -> list[PersonRow]:
    """The person rows of the row's entity (the row alone when the store is not resolved)."""
    entity_id = session.scalar(select(PersonLinkRow.entity_id).where(PersonLinkRow.person_id == row.id))
    if entity_id is None:
        return [row]
    return list(
        session.scalars(
            select(PersonRow)
            .join(PersonLinkRow, PersonLinkRow.person_id == PersonRow.id)
            .where(PersonLinkRow.entity_id == entity_id)
            .order_by(PersonRow.id)
        )
    )
