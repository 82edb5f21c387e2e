"""The store as a whole: counts (:func:`summary`), rejections, and the article records of every
stored article with corrections applied (:func:`article_records`, what ``export records`` writes).
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parleys.consistency import consistent
from parleys.kb.overlay import RecordOverlay
from parleys.kb.types import RejectionItem, StoreSummary, ranked
from parleys.normalize import codes
from parleys.records import ArticleRecord
from parleys.store import repository, stored
from parleys.store.models import ArticleRow, EventCountryRow, EventRow, PersonRow, RejectionRow, Run, TopicRow


def list_rejections(session: Session, reason: str | None = None) -> list[RejectionItem]:
    """Stored rejections in the order they happened, optionally of one reason code (E060 for an
    unknown one)."""
    stmt = select(RejectionRow).order_by(RejectionRow.id)
    if reason is not None:
        stmt = stmt.where(RejectionRow.reason == codes.rejection_reason(reason))
    return [
        RejectionItem(r.id, r.run_id, r.source, r.reason, r.detail, r.created_at)
        for r in session.scalars(stmt)
    ]


def summary(session: Session) -> StoreSummary:
    """Counts of articles, events, persons, rejections and runs, with breakdowns."""

    def count(model: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)

    def grouped(column: Any) -> dict[str, int]:
        rows = session.execute(select(column, func.count()).group_by(column)).all()
        return ranked(Counter({str(key): int(n) for key, n in rows if key is not None}))

    return StoreSummary(
        articles=count(ArticleRow),
        events=count(EventRow),
        persons=count(PersonRow),
        rejections=count(RejectionRow),
        runs=count(Run),
        events_by_type=grouped(EventRow.type),
        events_by_country=grouped(EventCountryRow.country),
        rejections_by_reason=grouped(RejectionRow.reason),
        topics=grouped(TopicRow.code),
    )


def article_records(session: Session, *, corpus_persons: bool = True) -> Iterator[ArticleRecord]:
    """The FORMAT.md records of all stored articles, rebuilt from the store, in storage order,
    with analysts' corrections applied (a hidden event is left out).

    With ``corpus_persons``, a person's guessed country (or missing role) gives way to one an office
    states for the same name in another stored article (``parleys.consistency``: each record is read
    once and spooled while the store is learnt); corrections are applied after that, so an analyst's
    value always stands.
    """
    overlay = RecordOverlay.load(session)
    ids = session.scalars(select(ArticleRow.id).order_by(ArticleRow.id)).all()
    records = (stored.load_article_record(session, repository.get_article(session, i)) for i in ids)
    with tempfile.TemporaryFile() as spool:
        for article_id, record in zip(ids, consistent(records, spool, apply=corpus_persons), strict=True):
            yield overlay.apply(article_id, record)
