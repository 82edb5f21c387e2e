"""Analysts' corrections as resolution applies them.

A correction names its targets by anchor keys (:mod:`parleys.keys`), so it finds them again
after re-extraction. Merges and splits of persons become constraints of entity building
(:class:`persons.Constraints`); setting a value, hiding an event and adding or removing a
participant are applied to the built entities and clusters. A correction whose target is gone
is *dangling*: kept, reported, and applied again when the target returns.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from parleys.keys import anchor_fold, event_key
from parleys.resolve.items import Mention, Report
from parleys.resolve.persons import Constraints
from parleys.store.models import CorrectionRow

PERSON_FIELDS = ("role_class", "title", "institution", "country")
EVENT_FIELDS = ("type", "date", "city", "country")
PERSON_ACTIONS = ("merge", "split", "set")
EVENT_ACTIONS = ("set", "hide", "unhide", "add_participant", "remove_participant")
SPLIT_BY = ("article", "name")
APPLIED, DANGLING, CONFLICT = "applied", "dangling", "conflict"


class Anchors:
    """Anchor key -> the rows of this resolution run."""

    def __init__(self, mentions: Sequence[Mention], reports: Sequence[Report]) -> None:
        self.persons: dict[str, list[int]] = defaultdict(list)
        self.by_article: dict[str, list[int]] = defaultdict(list)
        self.by_name: dict[str, list[int]] = defaultdict(list)
        folded: dict[str, str] = {}
        for m in sorted(mentions, key=lambda m: m.order):
            name = folded.get(m.name)
            if name is None:
                name = folded[m.name] = anchor_fold(m.name)
            self.persons[f"p:{m.content_hash[:16]}:{name}"].append(m.id)  # keys.person_key, folded once
            self.by_article[m.content_hash[:16]].append(m.id)
            self.by_name[name].append(m.id)
        self.events = {event_key(r.content_hash, r.position): r.id for r in reports}

    def person(self, key: str | None) -> int | None:
        found = self.persons.get(key or "")
        return found[0] if found else None

    def event(self, key: str | None) -> int | None:
        return self.events.get(key or "")


def value_of(correction: CorrectionRow) -> Any:
    return json.loads(correction.value) if correction.value is not None else None


def person_constraints(
    corrections: Sequence[CorrectionRow], anchors: Anchors, status: dict[int, str]
) -> Constraints:
    constraints = Constraints()
    for c in corrections:
        if c.target_kind != "person" or c.action not in ("merge", "split"):
            continue
        stay = anchors.person(c.target_key)
        if c.action == "merge":
            other = anchors.person(c.other_key)
            if stay is None or other is None:
                status[c.id] = DANGLING
                continue
            constraints.must.append((c.id, stay, other))
        else:
            selector = value_of(c)
            table = anchors.by_article if c.field == "article" else anchors.by_name
            detached = set(table.get(str(selector), ())) - {stay}
            if stay is None or not detached:
                status[c.id] = DANGLING
                continue
            constraints.forbid(detached, anchors.persons[c.target_key or ""])
        status[c.id] = APPLIED
    return constraints


def person_fixes(
    corrections: Sequence[CorrectionRow], anchors: Anchors, entity_of: dict[int, int], status: dict[int, str]
) -> dict[int, dict[str, Any]]:
    """Entity index -> {field: value}, later corrections over earlier ones."""
    fixes: dict[int, dict[str, Any]] = defaultdict(dict)
    for c in corrections:
        if c.target_kind != "person" or c.action != "set":
            continue
        mention = anchors.person(c.target_key)
        if mention is None or c.field not in PERSON_FIELDS:
            status[c.id] = DANGLING
            continue
        fixes[entity_of[mention]][c.field] = value_of(c)
        status[c.id] = APPLIED
    return fixes


@dataclass(slots=True)
class ClusterFix:
    values: dict[str, Any] = field(default_factory=dict)
    hidden: bool | None = None
    added: list[int] = field(default_factory=list)  # entity indexes
    removed: set[int] = field(default_factory=set)

    @property
    def fields(self) -> list[str]:
        out = list(self.values)
        if self.added or self.removed:
            out.append("participants")
        if self.hidden is not None:
            out.append("hidden")
        return out


def event_fixes(
    corrections: Sequence[CorrectionRow],
    anchors: Anchors,
    cluster_of: dict[int, int],
    entity_of: dict[int, int],
    status: dict[int, str],
) -> dict[int, ClusterFix]:
    """Cluster index -> what corrections set on it, in the order they were made."""
    fixes: dict[int, ClusterFix] = defaultdict(ClusterFix)
    for c in corrections:
        if c.target_kind != "event":
            continue
        report = anchors.event(c.target_key)
        if report is None or report not in cluster_of:
            status[c.id] = DANGLING
            continue
        fix = fixes[cluster_of[report]]
        if c.action in ("hide", "unhide"):
            fix.hidden = c.action == "hide"
        elif c.action == "set" and c.field in EVENT_FIELDS:
            value = value_of(c)
            fix.values[c.field] = date.fromisoformat(value) if c.field == "date" and value else value
        elif c.action in ("add_participant", "remove_participant"):
            mention = anchors.person(c.other_key)
            if mention is None:
                status[c.id] = DANGLING
                continue
            entity = entity_of[mention]
            if c.action == "add_participant":
                fix.removed.discard(entity)
                if entity not in fix.added:
                    fix.added.append(entity)
            else:
                fix.removed.add(entity)
                if entity in fix.added:
                    fix.added.remove(entity)
        else:
            status[c.id] = DANGLING
            continue
        status[c.id] = APPLIED
    return fixes
