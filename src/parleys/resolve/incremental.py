"""Resolution after a change: re-group only the components of the store that the change touches.

A full rebuild (:func:`parleys.resolve.resolve_all` with ``full=True``, which
:mod:`parleys.resolve.rebuild` runs in chunks of these components) groups every mention and
report. After an ingest of k articles into a store of N, most of that work gives back what is
stored already: person grouping and event clustering only ever compare a row with the rows that
share a blocking key with it (:mod:`parleys.resolve.blocks`), so the store splits into components
that do not affect one another, and grouping one component alone gives exactly what the full run gives for it.

A run here:

1. finds what changed: persons and events above the ids the last run saw, the articles whose
   extraction was replaced (``resolve_queue``), and the corrections made or revoked since;
2. follows the name keys (``resolve_name_keys``, read through its index) from the changed names to
   their whole components, with the names that a correction ties together and the members of the
   entities the names belonged to, and groups those mentions again;
3. marks the reports whose inputs moved (a participant's entity id or country changed, a report
   is new, a correction names it), follows (day, entity), (day, city) and copy keys to their whole
   components, with the members of their old clusters, and clusters those reports again;
4. replaces the entities and clusters of those components, corrections applied as in a full run.

The cost is the size of the touched components, each found through indexes: about k log N when
names and events recur a bounded number of times, whatever N is. A component that holds a person
named in thousands of articles is regrouped whole when one of them changes (its values are
majorities over all its mentions). When the change is a large share of the store, the full rebuild
is cheaper and runs instead. The incremental result equals the full one
(``tests/test_resolve_incremental.py`` checks it); public ids (the earliest mention's or report's
row id) follow from content in both.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, func, select, update
from sqlalchemy.orm import Session

from parleys.lexicons import Lexicons
from parleys.normalize.sql import chunks
from parleys.resolve import blocks, closure
from parleys.resolve import rows as store
from parleys.resolve.build import build_events, build_persons
from parleys.resolve.corrected import APPLIED, CONFLICT, DANGLING, Anchors
from parleys.store.models import (
    CorrectionRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventRow,
    OfficeRow,
    ParticipantRow,
    PersonEntityRow,
    PersonLinkRow,
    PersonRow,
    ResolveNameKeyRow,
    ResolveQueueRow,
    ResolveStateRow,
)

STATE_ID = 1
# past this share of the store's persons changed, one full rebuild costs less than following keys
FULL_SHARE = 0.25
FULL_MIN = 5_000
DAY = timedelta(days=1)


@dataclass(slots=True)
class Change:
    """What changed since the last run."""

    names: set[str] = field(default_factory=set)  # folded names of new or replaced mentions
    reports: set[int] = field(default_factory=set)  # event ids: new, or of a replaced extraction
    entities: set[int] = field(default_factory=set)  # entities that lost a member
    clusters: set[int] = field(default_factory=set)  # clusters that lost a member
    queue_max: int = 0
    persons_max: int = 0
    events_max: int = 0
    new_persons: int = 0


@dataclass(slots=True)
class IncrementalResult:
    mentions: int  # mentions grouped again
    reports: int  # reports clustered again
    statuses: dict[int, str]  # correction id -> status, for every correction in force


def has_state(session: Session) -> bool:
    return session.get(ResolveStateRow, STATE_ID) is not None


def write_state(
    session: Session, *, persons_seen: int, events_seen: int, statuses: dict[int, str], now: Any
) -> None:
    values = {
        "persons_seen": persons_seen,
        "events_seen": events_seen,
        "corrections": json.dumps({str(k): v for k, v in sorted(statuses.items())}),
        "conflicts": json.dumps(sorted(c for c, s in statuses.items() if s == CONFLICT)),
        "resolved_at": now,
    }
    row = session.get(ResolveStateRow, STATE_ID)
    if row is None:
        session.add(ResolveStateRow(id=STATE_ID, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)


def seen_ids(session: Session) -> tuple[int, int]:
    return (
        session.scalar(select(func.max(PersonRow.id))) or 0,
        session.scalar(select(func.max(EventRow.id))) or 0,
    )


# --- the keys table --------------------------------------------------------------------------------


def key_rows(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(folded name, written name) pairs -> (key, folded name, mode) rows of ``resolve_name_keys``
    (distinct, in primary-key order)."""
    found: dict[tuple[str, str], str] = {}
    for folded, name in set(pairs):
        for key, mode in blocks.name_keys(name).items():
            found.setdefault((key, folded), mode)
    return sorted((k, f, m) for (k, f), m in found.items())


def add_keys(session: Session, pairs: Iterable[tuple[str, str]], *, seen_below: int = 0) -> None:
    """Store the keys of these names that are not stored yet. A written name that a person row
    up to ``seen_below`` has (resolved already, so filed) is skipped without computing its keys."""
    wanted = set(pairs)
    if seen_below:
        folds = sorted({f for f, _ in wanted})
        known: set[tuple[str, str]] = set()
        for folds_part in chunks(folds):
            known.update(
                session.execute(
                    select(PersonRow.name_folded, PersonRow.name)
                    .distinct()
                    .where(PersonRow.name_folded.in_(folds_part), PersonRow.id <= seen_below)
                ).all()
            )
        wanted -= known
    rows = key_rows(wanted)
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as insert_new
    else:
        from sqlalchemy.dialects.sqlite import insert as insert_new  # type: ignore[assignment]
    statement = insert_new(ResolveNameKeyRow.__table__).on_conflict_do_nothing()  # type: ignore[arg-type]
    for part1 in chunks(rows, store.CHUNK):
        session.execute(statement, [{"key": k, "name_folded": f, "mode": m} for k, f, m in part1])


# --- what changed ------------------------------------------------------------------------------------


def changes(session: Session, state: ResolveStateRow) -> Change:
    change = Change()
    change.persons_max, change.events_max = seen_ids(session)
    queued: list[int] = []
    for qid, kind, value in session.execute(
        select(ResolveQueueRow.id, ResolveQueueRow.kind, ResolveQueueRow.value)
    ):
        change.queue_max = max(change.queue_max, qid)
        if kind == "article":
            queued.append(int(value))
        elif kind == "name":
            change.names.add(value)
        elif kind == "entity":
            change.entities.add(int(value))
        elif kind == "cluster":
            change.clusters.add(int(value))
    new_persons = list(
        session.execute(
            select(PersonRow.name_folded, PersonRow.name).where(PersonRow.id > state.persons_seen)
        ).all()
    )
    change.reports.update(session.scalars(select(EventRow.id).where(EventRow.id > state.events_seen)))
    for part2 in chunks(sorted(set(queued))):
        new_persons += session.execute(
            select(PersonRow.name_folded, PersonRow.name).where(PersonRow.article_id.in_(part2))
        ).all()
        change.reports.update(session.scalars(select(EventRow.id).where(EventRow.article_id.in_(part2))))
    change.new_persons = len(new_persons)
    add_keys(session, new_persons, seen_below=state.persons_seen)
    change.names.update(f for f, _ in new_persons)
    return change


def too_large(change: Change, state: ResolveStateRow) -> bool:
    return change.new_persons > max(FULL_MIN, FULL_SHARE * state.persons_seen)


def _replace_entities(
    session: Session, rows: store.Written, old_entities: set[int], person_ids: Sequence[int]
) -> None:
    """Write the regrouped entities: an entity that keeps its id is updated in place (deleting it
    would take its rows in clusters that this run does not rebuild), the others deleted or added."""
    new_ids = {row["id"] for row in rows.entities}
    for part14 in chunks(sorted(old_entities - new_ids)):
        session.execute(delete(PersonEntityRow).where(PersonEntityRow.id.in_(part14)))
    for part15 in chunks(sorted(old_entities & new_ids)):
        session.execute(delete(OfficeRow).where(OfficeRow.entity_id.in_(part15)))
    for part16 in chunks(sorted(person_ids)):
        session.execute(delete(PersonLinkRow).where(PersonLinkRow.person_id.in_(part16)))
    kept = [row for row in rows.entities if row["id"] in old_entities]
    if kept:
        table = cast(Table, PersonEntityRow.__table__)
        columns = [c for c in kept[0] if c != "id"]
        statement = (
            update(table).where(table.c.id == bindparam("_id")).values({c: bindparam(c) for c in columns})
        )
        for kept_part in chunks(kept, store.CHUNK):
            session.execute(statement, [{**{c: r[c] for c in columns}, "_id": r["id"]} for r in kept_part])
    added = store.Written(
        [row for row in rows.entities if row["id"] not in old_entities],
        rows.links,
        rows.offices,
        [],
        [],
        [],
        [],
    )
    store.insert_rows(session, added)
    session.flush()


# --- one run -----------------------------------------------------------------------------------------


def corrections_in_force(session: Session) -> list[CorrectionRow]:
    """The corrections not revoked, in the order they were made."""
    return list(
        session.scalars(
            select(CorrectionRow).where(CorrectionRow.revoked_at.is_(None)).order_by(CorrectionRow.id)
        )
    )


def resolve_changes(
    session: Session, state: ResolveStateRow, change: Change, lexicons: Lexicons
) -> IncrementalResult:
    """Regroup the components the change touches and replace their rows (no commit)."""
    corrections = corrections_in_force(session)
    before: dict[int, str] = {int(k): v for k, v in json.loads(state.corrections or "{}").items()}
    in_force = {c.id for c in corrections}
    moved = (in_force ^ set(before)) if before or in_force else set()
    changed_rows = [c for c in corrections if c.id in moved] + list(
        session.scalars(select(CorrectionRow).where(CorrectionRow.id.in_(sorted(moved - in_force))))
    )

    # names tied by a person correction; the names and reports that a changed correction names
    person_of: dict[int, list[tuple[int, str]]] = {}
    for c in corrections:
        if c.target_kind == "person":
            person_of[c.id] = closure.correction_persons(session, c)
    ties = [{f for _, f in found} for found in person_of.values() if found]
    event_target: dict[int, int | None] = {}
    participant_of: dict[int, list[tuple[int, str]]] = {}
    for c in corrections:
        if c.target_kind == "event":
            event_target[c.id] = closure.event_of_anchor(session, c.target_key)
            if c.action in ("add_participant", "remove_participant"):
                participant_of[c.id] = closure.persons_of_anchor(session, c.other_key)
    seeds_names = set(change.names)
    seeds_reports = set(change.reports)
    for c in changed_rows:
        if c.target_kind == "person":
            seeds_names |= {f for _, f in (person_of.get(c.id) or closure.correction_persons(session, c))}
        else:
            target = event_target.get(c.id, closure.event_of_anchor(session, c.target_key))
            if target is not None:
                seeds_reports.add(target)

    # persons
    names, old_entities = closure.name_closure(session, seeds_names, ties, change.entities)
    person_ids: list[int] = []
    for part18 in chunks(sorted(names)):
        person_ids += session.scalars(select(PersonRow.id).where(PersonRow.name_folded.in_(part18)))
    mentions = store.load_mentions(session, person_ids)
    old_link: dict[int, int] = {}
    for part19 in chunks(sorted(person_ids)):
        old_link.update(
            session.execute(
                select(PersonLinkRow.person_id, PersonLinkRow.entity_id).where(
                    PersonLinkRow.person_id.in_(part19)
                )
            ).all()
        )
    old_country: dict[int, str | None] = {}
    for part20 in chunks(sorted(old_entities)):
        old_country.update(
            session.execute(
                select(PersonEntityRow.id, PersonEntityRow.country).where(PersonEntityRow.id.in_(part20))
            ).all()
        )
    status: dict[int, str] = {}
    anchors = Anchors(mentions, [])
    people = build_persons(mentions, corrections, anchors, lexicons, status)
    _replace_entities(session, people.rows, old_entities, person_ids)

    # reports whose inputs moved: a participant's entity or its country, or a correction on them
    moved_persons = [
        m.id
        for m in mentions
        if old_link.get(m.id) != people.entity_of.get(m.id)
        or old_country.get(people.entity_of[m.id], "?") != people.entity_country.get(people.entity_of[m.id])
    ]
    for part21 in chunks(sorted(moved_persons)):
        seeds_reports.update(
            session.scalars(select(ParticipantRow.event_id).where(ParticipantRow.person_id.in_(part21)))
        )
    for cid, found in participant_of.items():
        if any(pid in people.mentions for pid, _ in found) or cid in moved:
            target = event_target.get(cid)
            if target is not None:
                seeds_reports.add(target)
    for part22 in chunks(sorted(change.clusters)):
        seeds_reports.update(
            session.scalars(
                select(EventClusterMemberRow.event_id).where(EventClusterMemberRow.cluster_id.in_(part22))
            )
        )

    reports, old_clusters = closure.report_closure(session, seeds_reports, lexicons)
    old_clusters |= change.clusters
    report_persons = sorted({p for r in reports for p in r.persons})
    extra_persons = sorted({pid for found in participant_of.values() for pid, _ in found})
    event_mentions = {m.id: m for m in store.load_mentions(session, report_persons + extra_persons)}
    entity_of: dict[int, int] = {}
    for part23 in chunks(sorted(event_mentions)):
        entity_of.update(
            session.execute(
                select(PersonLinkRow.person_id, PersonLinkRow.entity_id).where(
                    PersonLinkRow.person_id.in_(part23)
                )
            ).all()
        )
    entity_country: dict[int, str | None] = {}
    for part24 in chunks(sorted(set(entity_of.values()))):
        entity_country.update(
            session.execute(
                select(PersonEntityRow.id, PersonEntityRow.country).where(PersonEntityRow.id.in_(part24))
            ).all()
        )
    event_anchors = Anchors(list(event_mentions.values()), reports)
    rows = store.Written([], [], [], [], [], [], [])
    event_status: dict[int, str] = {}
    build_events(
        rows,
        reports,
        corrections,
        event_anchors,
        entity_of,
        entity_country,
        {m.id: m.country for m in event_mentions.values()},
        lexicons,
        event_status,
    )
    for part25 in chunks(sorted(old_clusters)):
        session.execute(delete(EventClusterRow).where(EventClusterRow.id.in_(part25)))
    for part26 in chunks(sorted(r.id for r in reports)):
        session.execute(delete(EventClusterMemberRow).where(EventClusterMemberRow.event_id.in_(part26)))
    store.insert_rows(session, rows)
    session.flush()

    # statuses: those of the corrections this run applied again, the others as they were
    statuses = {cid: s for cid, s in before.items() if cid in in_force}
    regrouped = {m.id for m in mentions}
    report_ids = {r.id for r in reports}
    for c in corrections:
        if c.target_kind == "person":
            found = person_of.get(c.id) or []
            if not found:
                statuses[c.id] = DANGLING
            elif any(pid in regrouped for pid, _ in found):
                statuses[c.id] = status.get(c.id, DANGLING)
        else:
            target = event_target.get(c.id)
            if target is None:
                statuses[c.id] = DANGLING
            elif target in report_ids:
                statuses[c.id] = event_status.get(c.id, DANGLING)
        statuses.setdefault(c.id, APPLIED)
    return IncrementalResult(len(mentions), len(reports), statuses)
