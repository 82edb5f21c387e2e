"""Events across reports: the per-article events that report one real event become one cluster.

Two reports are of one event when they come from different articles, their types are of one
family (a meeting and a visit are both in person), their dates are equal or a day apart, their
places do not conflict (unless two participants or more are shared: places are often misread), and
either their participants' entities overlap (one set inside the
other, or sharing at least half of their union) or, with no participants on either side, they
name the same countries and city. A report without a date joins only the copies of its own
article (same URL, or same title and site). Pairs are joined strongest first, and only when every
report of one cluster fits every report of the other and the cluster spans at most one day: two
meetings of the same people two days apart stay two events.

Candidates come from an index of (date, entity) and (date, countries, city), so each report is
compared with the few reports of the same people around the same days.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from parleys.resolve.items import Report

FAMILIES = {"meeting": "in_person", "visit": "in_person"}
DAY = timedelta(days=1)
MIN_SHARE = 0.5


def family(event_type: str) -> str:
    return FAMILIES.get(event_type, event_type)


@dataclass(slots=True)
class EventGroups:
    members: list[list[int]]  # report ids per cluster, earliest report first


def compatible(a: Report, b: Report, *, city_key: Callable[[str], str] = str.casefold) -> float | None:
    """How well two reports fit one event (higher is better), or ``None`` when they cannot."""
    if a.article_id == b.article_id or family(a.type) != family(b.type):
        return None
    copies = a.duplicate_of is not None and a.duplicate_of == b.duplicate_of
    if copies and a.position == b.position:
        return 3.0
    if a.date is None or b.date is None:
        return None
    if abs(a.date - b.date) > DAY:
        return None
    mine, theirs = set(a.entities), set(b.entities)
    shared = mine & theirs
    # places are often misread (a capital named in passing); two or more shared participants outweigh them
    if len(shared) < 2 and not _same_place(a, b, city_key):
        return None
    if mine and theirs:
        share = len(shared) / len(mine | theirs)
        if not shared or (share < MIN_SHARE and not (mine <= theirs or theirs <= mine)):
            return None
        score = 1.0 + share
    elif not mine and not theirs:
        if not a.countries or set(a.countries) != set(b.countries):
            return None
        if not (a.city and b.city):
            return None
        score = 1.0
    else:
        return None
    score += 0.5 * (a.date == b.date) + 0.25 * (a.type == b.type) + 0.25 * bool(a.city and a.city == b.city)
    return score


def _same_place(a: Report, b: Report, city_key: Callable[[str], str]) -> bool:
    """No conflict of city or country (an unknown place conflicts with none)."""
    if a.city and b.city and city_key(a.city) != city_key(b.city):
        return False
    return not (a.country and b.country and a.country != b.country)


def _candidate_pairs(reports: Sequence[Report], city_key: Callable[[str], str]) -> list[tuple[int, int]]:
    by_person: dict[tuple[date, int], list[int]] = defaultdict(list)
    by_place: dict[tuple[date, tuple[str, ...], str], list[int]] = defaultdict(list)
    by_copy: dict[str, list[int]] = defaultdict(list)
    for i, r in enumerate(reports):
        if r.duplicate_of:
            by_copy[r.duplicate_of].append(i)
        if r.date is None:
            continue
        for entity in set(r.entities):
            by_person[(r.date, entity)].append(i)
        if not r.entities and r.city:
            by_place[(r.date, tuple(sorted(set(r.countries))), city_key(r.city))].append(i)
    pairs: set[tuple[int, int]] = set()
    for i, r in enumerate(reports):
        found: set[int] = set()
        if r.duplicate_of:
            found.update(by_copy[r.duplicate_of])
        if r.date is not None:
            for day in (r.date - DAY, r.date, r.date + DAY):
                for entity in set(r.entities):
                    found.update(by_person.get((day, entity), ()))
                if not r.entities and r.city:
                    found.update(by_place.get((day, tuple(sorted(set(r.countries))), city_key(r.city)), ()))
        pairs.update((i, j) for j in found if j > i)
    return sorted(pairs)


def group_reports(reports: Sequence[Report], *, city_key: Callable[[str], str] = str.casefold) -> EventGroups:
    """Cluster reports; deterministic for the same reports in any order."""
    reports = sorted(reports, key=lambda r: r.order)
    scored = []
    for i, j in _candidate_pairs(reports, city_key):
        score = compatible(reports[i], reports[j], city_key=city_key)
        if score is not None:
            scored.append((-score, i, j))
    scored.sort()
    cluster = list(range(len(reports)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(reports))}
    for _, i, j in scored:
        ci, cj = cluster[i], cluster[j]
        if ci == cj or not _joinable(members[ci], members[cj], reports, city_key):
            continue
        keep, gone = min(ci, cj), max(ci, cj)
        for k in members[gone]:
            cluster[k] = keep
        members[keep] = sorted(members[keep] + members.pop(gone))
    return EventGroups([[reports[k].id for k in ks] for _, ks in sorted(members.items())])


def _joinable(
    left: list[int], right: list[int], reports: Sequence[Report], city_key: Callable[[str], str]
) -> bool:
    dates = [d for k in left + right if (d := reports[k].date) is not None]
    if dates and max(dates) - min(dates) > DAY:
        return False
    return all(compatible(reports[a], reports[b], city_key=city_key) is not None for a in left for b in right)


@dataclass(slots=True)
class ClusterValues:
    type: str
    date: date | None
    city: str | None
    country: str | None
    entities: list[int]  # participants: the earliest report's first, then the others'


def cluster_values(members: Sequence[Report]) -> ClusterValues:
    """Each value the one most reports give; on a tie, the earliest report's."""
    ordered = sorted(members, key=lambda r: r.order)
    entities: list[int] = []
    for r in ordered:
        entities.extend(e for e in r.entities if e not in entities)
    return ClusterValues(
        type=majority([r.type for r in ordered]) or ordered[0].type,
        date=majority([r.date for r in ordered]),
        city=majority([r.city for r in ordered]),
        country=majority([r.country for r in ordered]),
        entities=entities,
    )


def majority(values: Sequence[Any]) -> Any:
    """The value most give; on a tie, the one given first (callers order earliest first)."""
    present = [v for v in values if v is not None]
    if not present:
        return None
    counts = Counter(present)
    best = max(counts.values())
    return next(v for v in present if counts[v] == best)
