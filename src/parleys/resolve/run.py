"""One resolution run: rebuild every entity, office and cluster from the per-article rows.

:func:`resolve_all` is idempotent: it reads the stored persons, events and corrections, groups
them (:mod:`~parleys.resolve.persons`, :mod:`~parleys.resolve.events`), applies the corrections,
and replaces what an earlier run wrote, inside the caller's transaction. Keys and ids come from
content (the earliest mention or report), so an unchanged store gets the same keys again.

Another process may be ingesting into the same store: the run first locks it
(:func:`parleys.store.db.lock_for_resolution`), so that everything it reads belongs to one state
of the store and no other resolution writes at the same time; the lock ends when the caller
commits.
"""

from __future__ import annotations

import gc
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from parleys.lexicons import Lexicons, load_lexicons
from parleys.resolve import incremental, rebuild
from parleys.resolve import rows as store
from parleys.resolve.build import build_events, build_persons
from parleys.resolve.corrected import (
    APPLIED,
    CONFLICT,
    DANGLING,
    Anchors,
)
from parleys.store.db import lock_for_resolution
from parleys.store.models import (
    EventClusterRow,
    EventRow,
    PersonEntityRow,
    PersonRow,
    ResolveQueueRow,
    ResolveStateRow,
)
from parleys.store.repository import now


@dataclass(slots=True)
class ResolveSummary:
    """What one run found: counts, and the corrections it could not apply."""

    mentions: int = 0
    entities: int = 0
    reports: int = 0
    clusters: int = 0
    corrections: int = 0  # applied
    dangling: list[int] = field(default_factory=list)  # correction ids whose target is gone
    conflicts: list[int] = field(default_factory=list)  # merges that a split forbids
    seconds: float = 0.0
    incremental: bool = False  # only what changed was regrouped
    regrouped_mentions: int = 0  # of an incremental run: the mentions and reports it grouped again
    regrouped_reports: int = 0

    def to_json(self) -> dict[str, Any]:
        return {
            "mentions": self.mentions,
            "entities": self.entities,
            "reports": self.reports,
            "clusters": self.clusters,
            "corrections": self.corrections,
            "dangling": list(self.dangling),
            "conflicts": list(self.conflicts),
            "seconds": round(self.seconds, 3),
            "incremental": self.incremental,
            "regrouped_mentions": self.regrouped_mentions,
            "regrouped_reports": self.regrouped_reports,
        }


def _by_status(statuses: dict[int, str]) -> dict[str, Any]:
    """The summary's correction fields: how many applied, the dangling and the conflicting ones."""
    return {
        "corrections": sum(1 for s in statuses.values() if s == APPLIED),
        "dangling": sorted(c for c, s in statuses.items() if s == DANGLING),
        "conflicts": sorted(c for c, s in statuses.items() if s == CONFLICT),
    }


def resolve_all(
    session: Session,
    *,
    lexicons: Lexicons | None = None,
    full: bool = True,
    chunk: tuple[int, int] | None = None,
) -> ResolveSummary:
    """Bring the knowledge-base tables up to date with the store, corrections applied (no commit).

    ``full``: rebuild everything. Otherwise only what changed since the last run is regrouped
    (:mod:`parleys.resolve.incremental`), with the same result; a store that no full run has
    resolved since its schema was created (or since a reprocess), or a change that is a large
    share of the store, is rebuilt in full all the same. A full rebuild reads and groups the store
    ``chunk`` = (mentions, reports) at a time (default :data:`rebuild.MENTIONS`,
    :data:`rebuild.REPORTS`), so that its memory does not grow with the store.
    """
    started = time.perf_counter()
    lexicons = lexicons or load_lexicons()
    # millions of small objects and no reference cycles: the cyclic collector would only walk
    # them again and again as they grow (a cost that grows faster than the store)
    collecting = gc.isenabled()
    gc.disable()
    try:
        lock_for_resolution(session)
        summary = None if full else _incremental(session, lexicons)
        if summary is None:
            summary = _full(session, lexicons, chunk)
    finally:
        if collecting:
            gc.enable()
    summary.seconds = time.perf_counter() - started
    return summary


def _full(session: Session, lexicons: Lexicons, chunk: tuple[int, int] | None) -> ResolveSummary:
    """The full rebuild, in chunks of (mentions, reports) (:mod:`parleys.resolve.rebuild`)."""
    corrections = incremental.corrections_in_force(session)
    mentions, reports = chunk or (rebuild.MENTIONS, rebuild.REPORTS)
    done = rebuild.rebuild(session, corrections, lexicons, mentions=mentions, reports=reports)
    persons_seen, events_seen = incremental.seen_ids(session)
    statuses = {c.id: APPLIED for c in corrections}
    statuses.update(done.status)
    incremental.write_state(
        session, persons_seen=persons_seen, events_seen=events_seen, statuses=statuses, now=now()
    )
    session.flush()
    return ResolveSummary(
        mentions=done.mentions,
        entities=done.entities,
        reports=done.reports,
        clusters=done.clusters,
        **_by_status(done.status),
    )


def _incremental(session: Session, lexicons: Lexicons) -> ResolveSummary | None:
    """The incremental run, or ``None`` when a full one must run instead."""
    state = session.get(ResolveStateRow, incremental.STATE_ID)
    if state is None:
        return None
    change = incremental.changes(session, state)
    if incremental.too_large(change, state):
        return None
    result = incremental.resolve_changes(session, state, change, lexicons)
    session.execute(delete(ResolveQueueRow).where(ResolveQueueRow.id <= change.queue_max))
    incremental.write_state(
        session,
        persons_seen=change.persons_max,
        events_seen=change.events_max,
        statuses=result.statuses,
        now=now(),
    )
    session.flush()
    count = lambda model: session.scalar(select(func.count()).select_from(model)) or 0  # noqa: E731
    return ResolveSummary(
        mentions=count(PersonRow),
        entities=count(PersonEntityRow),
        reports=count(EventRow),
        clusters=count(EventClusterRow),
        **_by_status(result.statuses),
        regrouped_mentions=result.mentions,
        regrouped_reports=result.reports,
        incremental=True,
    )


def build(stored: store.Stored, lexicons: Lexicons) -> tuple[ResolveSummary, store.Written]:
    """The rows of a full rebuild, computed from the stored rows alone."""
    status: dict[int, str] = {}
    anchors = Anchors(stored.mentions, stored.reports)
    people = build_persons(stored.mentions, stored.corrections, anchors, lexicons, status)
    rows = people.rows
    build_events(
        rows,
        stored.reports,
        stored.corrections,
        anchors,
        people.entity_of,
        people.entity_country,
        {m.id: m.country for m in stored.mentions},
        lexicons,
        status,
    )
    summary = ResolveSummary(
        mentions=len(stored.mentions),
        entities=len(rows.entities),
        reports=len(stored.reports),
        clusters=len(rows.clusters),
        **_by_status(status),
    )
    return summary, rows
