"""The full rebuild in bounded memory: the store resolved one chunk of components at a time.

Grouping one blocking component alone gives what grouping the whole store gives for it
(:mod:`parleys.resolve.blocks`; :mod:`parleys.resolve.incremental` relies on the same), so a full
rebuild need not hold every mention and report at once. It runs in three streamed passes, inside
the caller's transaction (which :func:`parleys.store.db.lock_for_resolution` has locked, so every
chunk reads the same state of the store):

1. **Names.** The distinct written names are read a page of folded names at a time, and their
   blocking keys are written to ``resolve_name_keys``. The keys are then read back in key order (a
   page at a time) and names that share a linking key (:func:`blocks.links`), or that one person
   correction names together, are joined (union-find over the folded names). The components are
   packed into chunks of about ``mentions`` mentions; each chunk's mentions are loaded, grouped
   (:func:`build.build_persons`) and written before the next is read.
2. **Reports, pass one.** Reports are read a window of days at a time (with the last day of the
   window before, since reports a day apart may be one event) and each candidate pair of
   :mod:`parleys.resolve.events` that is compatible joins the two reports (union-find over those
   report ids only). Copies of one article (same URL, or same title and site) may be any days
   apart: a 64-bit hash of their copy key joins them (a collision only makes a component larger,
   which changes nothing in its grouping).
3. **Reports, pass two.** The same windows are read again; a report that joined nothing is a
   cluster of its own, and a component is clustered (:func:`build.build_events`) once all its
   reports have been read, in chunks of about ``reports`` reports.

What stays in memory across chunks is each distinct folded name with a few integers, one slot
per joined report, and the components still open at a window's end; the rows of a chunk are
written and dropped.
Corrections go to the chunk that holds what they name, so they apply as in one pass.

The result is the one of :func:`parleys.resolve.run.build` over the whole store (the same rows,
keys and ids; ``tests/test_resolve_rebuild.py`` compares them), except the serial ids of
``offices`` rows, which are written chunk by chunk (their order within an entity is kept).
"""

from __future__ import annotations

import gc
import hashlib
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from parleys.lexicons import Lexicons
from parleys.normalize.sql import chunks
from parleys.resolve import blocks, closure
from parleys.resolve import rows as store
from parleys.resolve.build import build_events, build_persons, city_key
from parleys.resolve.corrected import DANGLING, PERSON_ACTIONS, Anchors
from parleys.resolve.events import _candidate_pairs, compatible
from parleys.resolve.incremental import key_rows
from parleys.resolve.items import Mention, Report
from parleys.store.models import (
    CorrectionRow,
    EventRow,
    ParticipantRow,
    PersonEntityRow,
    PersonLinkRow,
    PersonRow,
    ResolveNameKeyRow,
)

MENTIONS = 20_000  # mentions grouped at a time (whole components: one larger component goes alone)
REPORTS = 10_000  # reports read and clustered at a time (a day with more is read whole)
NAMES_PAGE = 2_000  # folded names per page when the keys are written
KEYS_PAGE = 20_000  # key rows per page when they are read back


@dataclass(slots=True)
class Rebuilt:
    """Counts of a rebuild and the status it gave each correction."""

    mentions: int = 0
    entities: int = 0
    reports: int = 0
    clusters: int = 0
    status: dict[int, str] = field(default_factory=dict)


def rebuild(
    session: Session,
    corrections: Sequence[CorrectionRow],
    lexicons: Lexicons,
    *,
    mentions: int = MENTIONS,
    reports: int = REPORTS,
) -> Rebuilt:
    """Replace what resolution wrote with a full rebuild, chunk by chunk (no commit)."""
    done = Rebuilt()
    with store.sqlite_cache(session):
        store.clear(session)
        _persons(session, corrections, lexicons, done, max(1, mentions))
        _events(session, corrections, lexicons, done, max(1, reports))
    session.flush()
    return done


# --- union-find ------------------------------------------------------------------------------------


class _Joined:
    """Union-find over hashable items; an item never joined has no slot."""

    __slots__ = ("parent",)

    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        parent = self.parent
        root = x
        while (up := parent.get(root, root)) != root:
            root = up
        while x != root:  # path compression
            parent[x], x = root, parent[x]
        return root

    def join(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
            self.parent.setdefault(min(ra, rb), min(ra, rb))

    def __contains__(self, x: Any) -> bool:
        return x in self.parent


# --- persons ---------------------------------------------------------------------------------------


def _persons(
    session: Session, corrections: Sequence[CorrectionRow], lexicons: Lexicons, done: Rebuilt, size: int
) -> None:
    index: dict[str, int] = {}  # folded name -> its number (the order of the names)
    weight: list[int] = []  # mentions per folded name
    for folded, n in _name_pages(session):
        index[folded] = len(weight)
        weight.append(n)
    joined = _Joined()
    _join_by_keys(session, index, joined)
    owner: dict[int, int] = {}  # correction id -> a name it names
    for c in corrections:
        if c.target_kind != "person":
            continue
        named = sorted({index[f] for _, f in closure.correction_persons(session, c) if f in index})
        if not named:
            if c.action in PERSON_ACTIONS:
                done.status[c.id] = DANGLING  # no mention to apply to, as in one pass
            continue
        owner[c.id] = named[0]
        for other in named[1:]:
            joined.join(named[0], other)
    members: dict[int, list[int]] = defaultdict(list)
    for number in range(len(weight)):
        members[joined.find(number)].append(number)
    names = list(index)
    del index
    by_root: dict[int, list[CorrectionRow]] = defaultdict(list)
    for c in corrections:
        if c.id in owner:
            by_root[joined.find(owner[c.id])].append(c)
    for roots in _packed(members, weight, size):
        mentions = _mentions_named(session, [names[n] for root in roots for n in members[root]])
        mine = [c for root in roots for c in by_root.get(root, ())]
        mine.sort(key=lambda c: c.id)
        people = build_persons(mentions, mine, Anchors(mentions, []), lexicons, done.status)
        store.insert_rows(session, people.rows)
        done.mentions += len(mentions)
        done.entities += len(people.rows.entities)
        del mentions, people
        gc.collect()


def _name_pages(session: Session) -> Iterator[tuple[str, int]]:
    """(folded name, its mentions) in folded order, a page at a time; the keys of each page's
    written names are written to ``resolve_name_keys`` as it is read."""
    last: str | None = None
    while True:
        page = select(PersonRow.name_folded).distinct().order_by(PersonRow.name_folded).limit(NAMES_PAGE)
        if last is not None:
            page = page.where(PersonRow.name_folded > last)
        folds = list(session.scalars(page))
        if not folds:
            return
        last = folds[-1]
        mentions: dict[str, int] = defaultdict(int)
        written: list[tuple[str, str]] = []
        for part in chunks(folds):
            for folded, name, n in session.execute(
                select(PersonRow.name_folded, PersonRow.name, func.count())
                .where(PersonRow.name_folded.in_(part))
                .group_by(PersonRow.name_folded, PersonRow.name)
            ):
                mentions[folded] += n
                written.append((folded, name))
        store.insert_keys(session, key_rows(written))
        for folded in folds:
            yield folded, mentions[folded]


def _join_by_keys(session: Session, index: dict[str, int], joined: _Joined) -> None:
    """Join the names that share a linking key, reading ``resolve_name_keys`` in key order."""
    table = ResolveNameKeyRow.__table__
    current: str | None = None
    both: list[int] = []
    offer: list[int] = []
    lookup: list[int] = []

    def close() -> None:
        for n in both[1:]:
            joined.join(both[0], n)
        if offer and lookup:
            for n in offer + lookup:
                joined.join(offer[0], n)

    after: tuple[str, str] | None = None
    while True:
        page = select(table.c.key, table.c.name_folded, table.c.mode).order_by(
            table.c.key, table.c.name_folded
        )
        if after is not None:
            page = page.where(tuple_(table.c.key, table.c.name_folded) > tuple_(*after))
        rows = session.execute(page.limit(KEYS_PAGE)).all()
        if not rows:
            break
        after = (rows[-1][0], rows[-1][1])
        for key, folded, mode in rows:
            if key != current:
                close()
                current, both, offer, lookup = key, [], [], []
            number = index[folded]
            (both if mode == blocks.BOTH else offer if mode == blocks.OFFER else lookup).append(number)
    close()


def _packed(members: dict[int, list[int]], weight: Sequence[int], size: int) -> Iterator[list[int]]:
    """Component roots in chunks of about ``size`` mentions."""
    chunk: list[int] = []
    total = 0
    for root, numbers in members.items():
        chunk.append(root)
        total += sum(weight[n] for n in numbers)
        if total >= size:
            yield chunk
            chunk, total = [], 0
    if chunk:
        yield chunk


def _mentions_named(session: Session, folded: Sequence[str]) -> list[Mention]:
    ids: list[int] = []
    for part in chunks(sorted(folded)):
        ids += session.scalars(select(PersonRow.id).where(PersonRow.name_folded.in_(part)))
    return store.load_mentions(session, ids)


# --- events ----------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Window:
    """The reports of some days, and what their participants are (person -> entity, countries)."""

    reports: list[Report]
    entity_of: dict[int, int]
    person_country: dict[int, str | None]
    entity_country: dict[int, str | None]


@dataclass(slots=True)
class _EventCorrections:
    """Event corrections by the report they target, and the mentions that participant
    corrections name (with their entities)."""

    of_report: dict[int, list[CorrectionRow]]
    mentions: dict[int, list[Mention]]  # correction id -> the mentions of its other key
    entity_of: dict[int, int]
    entity_country: dict[int, str | None]


def _events(
    session: Session, corrections: Sequence[CorrectionRow], lexicons: Lexicons, done: Rebuilt, size: int
) -> None:
    key = lambda city: city_key(city, lexicons)  # noqa: E731
    fixes = _event_corrections(session, corrections, done)
    windows = _windows(session, size)
    joined = _Joined()
    copies: list[int] = []  # (64-bit hash of the copy key) << 40 | report id
    carry: list[Report] = []
    for window in windows:
        loaded = _load(session, window).reports
        for r in loaded:
            if r.duplicate_of:
                copies.append(_hash(r.duplicate_of) << 40 | r.id)
        _join_compatible(carry, loaded, joined, key)
        last = max((r.date for r in loaded if r.date is not None), default=None)
        carry = [r for r in loaded if last is not None and r.date == last]
        del loaded
    carry = []
    copies.sort()
    for a, b in zip(copies, copies[1:], strict=False):
        if a >> 40 == b >> 40:
            joined.join(a & ((1 << 40) - 1), b & ((1 << 40) - 1))
    del copies
    sizes: dict[int, int] = defaultdict(int)
    for rid in list(joined.parent):
        sizes[joined.find(rid)] += 1
    pending: dict[int, list[Report]] = {}
    batch: list[Report] = []
    info = _Window([], {}, {}, {})
    for window in windows:
        loaded_window = _load(session, window)
        _merge(info, loaded_window)
        for r in loaded_window.reports:
            done.reports += 1
            if r.id not in joined:
                batch.append(r)
                continue
            root = joined.find(r.id)
            pending.setdefault(root, []).append(r)
            if len(pending[root]) == sizes[root]:
                batch += pending.pop(root)
        if len(batch) >= size:
            _cluster(session, batch, info, fixes, corrections, lexicons, done)
            batch = []
            info = _kept(info, pending)
            gc.collect()
    assert not pending, "every component is complete once every window is read"
    if batch:
        _cluster(session, batch, info, fixes, corrections, lexicons, done)


def _hash(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def _windows(session: Session, size: int) -> list[tuple[date | None, date | None]]:
    """(first day, last day) of each window, in date order; (None, None): the undated reports."""
    days = session.execute(
        select(EventRow.date, func.count()).group_by(EventRow.date).order_by(EventRow.date)
    ).all()
    windows: list[tuple[date | None, date | None]] = []
    first: date | None = None
    total = 0
    previous: date | None = None
    for day, n in days:
        if day is None:
            windows.insert(0, (None, None))
            continue
        if first is not None and total + n > size:
            windows.append((first, previous))
            first, total = None, 0
        if first is None:
            first = day
        total += n
        previous = day
    if first is not None:
        windows.append((first, previous))
    return windows


def _load(session: Session, window: tuple[date | None, date | None]) -> _Window:
    first, last = window
    where = EventRow.date.is_(None) if first is None else EventRow.date.between(first, last)
    reports = store.reports_where(session, where)
    out = _Window(list(reports.values()), {}, {}, {})
    participants = (
        select(
            ParticipantRow.event_id,
            ParticipantRow.person_id,
            PersonRow.country,
            PersonLinkRow.entity_id,
            PersonEntityRow.country,
        )
        .join(EventRow, EventRow.id == ParticipantRow.event_id)
        .join(PersonRow, PersonRow.id == ParticipantRow.person_id)
        .outerjoin(PersonLinkRow, PersonLinkRow.person_id == ParticipantRow.person_id)
        .outerjoin(PersonEntityRow, PersonEntityRow.id == PersonLinkRow.entity_id)
        .where(where)
        .order_by(ParticipantRow.event_id, ParticipantRow.position)
    )
    for event_id, person_id, person_country, entity_id, entity_country in session.execute(participants):
        reports[event_id].persons.append(person_id)
        out.person_country[person_id] = person_country
        if entity_id is not None:
            out.entity_of[person_id] = entity_id
            out.entity_country[entity_id] = entity_country
    for report in out.reports:  # as build_events fills them
        report.entities = list(dict.fromkeys(out.entity_of[p] for p in report.persons if p in out.entity_of))
    return out


def _join_compatible(carry: list[Report], loaded: list[Report], joined: _Joined, key: Any) -> None:
    """Join the compatible candidate pairs among the window's reports and the day before it."""
    reports = carry + loaded
    for i, j in _candidate_pairs(reports, key):
        if j < len(carry):  # both of the day before: seen with its own window
            continue
        if compatible(reports[i], reports[j], city_key=key) is not None:
            joined.join(reports[i].id, reports[j].id)


def _merge(into: _Window, window: _Window) -> None:
    into.entity_of.update(window.entity_of)
    into.person_country.update(window.person_country)
    into.entity_country.update(window.entity_country)


def _kept(info: _Window, pending: dict[int, list[Report]]) -> _Window:
    """What the reports still pending need of ``info``."""
    kept = _Window([], {}, {}, {})
    for reports in pending.values():
        for r in reports:
            for p in r.persons:
                kept.person_country[p] = info.person_country.get(p)
                if p in info.entity_of:
                    entity = info.entity_of[p]
                    kept.entity_of[p] = entity
                    kept.entity_country[entity] = info.entity_country.get(entity)
    return kept


def _event_corrections(
    session: Session, corrections: Sequence[CorrectionRow], done: Rebuilt
) -> _EventCorrections:
    fixes = _EventCorrections(defaultdict(list), {}, {}, {})
    for c in corrections:
        if c.target_kind != "event":
            continue
        target = closure.event_of_anchor(session, c.target_key)
        if target is None:
            done.status[c.id] = DANGLING  # as event_fixes marks a correction whose report is gone
            continue
        fixes.of_report[target].append(c)
        if c.action in ("add_participant", "remove_participant"):
            ids = [pid for pid, _ in closure.persons_of_anchor(session, c.other_key)]
            fixes.mentions[c.id] = store.load_mentions(session, ids)
            for part in chunks(sorted(ids)):
                for pid, entity, country in session.execute(
                    select(PersonLinkRow.person_id, PersonLinkRow.entity_id, PersonEntityRow.country)
                    .join(PersonEntityRow, PersonEntityRow.id == PersonLinkRow.entity_id)
                    .where(PersonLinkRow.person_id.in_(part))
                ):
                    fixes.entity_of[pid] = entity
                    fixes.entity_country[entity] = country
    return fixes


def _cluster(
    session: Session,
    batch: list[Report],
    info: _Window,
    fixes: _EventCorrections,
    corrections: Sequence[CorrectionRow],
    lexicons: Lexicons,
    done: Rebuilt,
) -> None:
    """Cluster a batch of whole components and write their rows."""
    targeted = {c.id for r in batch for c in fixes.of_report.get(r.id, ())}
    mine = [c for c in corrections if c.id in targeted]
    named = [m for c in mine for m in fixes.mentions.get(c.id, ())]
    entity_of = dict(info.entity_of)
    entity_country = dict(info.entity_country)
    for m in named:
        if m.id in fixes.entity_of:
            entity_of[m.id] = fixes.entity_of[m.id]
            entity_country[fixes.entity_of[m.id]] = fixes.entity_country[fixes.entity_of[m.id]]
    rows = store.Written([], [], [], [], [], [], [])
    build_events(
        rows,
        batch,
        mine,
        Anchors(named, batch),
        entity_of,
        entity_country,
        info.person_country,
        lexicons,
        done.status,
    )
    store.insert_rows(session, rows)
    done.clusters += len(rows.clusters)
