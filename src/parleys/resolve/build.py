"""The rows of entities and clusters, built from mentions and reports: what a full run and an
incremental run (:mod:`parleys.resolve.incremental`) both write for the rows they group."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parleys.keys import event_key, person_key
from parleys.lexicons import Lexicons, fold
from parleys.resolve import rows as store
from parleys.resolve.corrected import (
    CONFLICT,
    Anchors,
    ClusterFix,
    event_fixes,
    person_constraints,
    person_fixes,
)
from parleys.resolve.events import cluster_values, group_reports, majority
from parleys.resolve.items import Mention, Report
from parleys.resolve.names import parse
from parleys.resolve.offices import office_history
from parleys.resolve.persons import group_persons
from parleys.store.repository import fold as fold_person


@dataclass(slots=True)
class People:
    """The entity rows of some mentions, and what event clustering needs of them."""

    rows: store.Written
    mentions: dict[int, Mention]
    entity_of: dict[int, int]  # mention id -> entity id
    entity_country: dict[int, str | None]  # entity id -> its country (corrections applied)


def build_persons(
    mentions_in: Sequence[Mention],
    corrections: Sequence[Any],
    anchors: Anchors,
    lexicons: Lexicons,
    status: dict[int, str],
) -> People:
    """Group the mentions into entities with their links and offices (rows to write)."""
    mentions = {m.id: m for m in mentions_in}
    constraints = person_constraints(corrections, anchors, status)
    offices: dict = {}
    groups = group_persons(mentions_in, constraints=constraints, lexicons=lexicons, office_cache=offices)
    for correction_id in groups.conflicts:
        status[correction_id] = CONFLICT
    entity_index = {mid: link[0] for mid, link in groups.links.items()}
    fixes = person_fixes(corrections, anchors, entity_index, status)

    rows = store.Written([], [], [], [], [], [], [])
    entity_ids: list[int] = []
    entity_country: dict[int, str | None] = {}
    used: set[str] = set()
    for index, member_ids in enumerate(groups.members):
        members = [mentions[i] for i in member_ids]
        row = _entity_row(members, fixes.get(index, {}), used)
        entity_ids.append(row["id"])
        entity_country[row["id"]] = row["country"]
        rows.entities.append(row)
        rows.offices.extend(
            {"entity_id": row["id"], **vars_of(o)} for o in office_history(members, lexicons, offices)
        )
    entity_of = {mid: entity_ids[index] for mid, index in entity_index.items()}
    for mid, (index, method, score) in groups.links.items():
        rows.links.append(
            {"person_id": mid, "entity_id": entity_ids[index], "method": method, "score": round(score, 3)}
        )
    return People(rows, mentions, entity_of, entity_country)


def build_events(
    rows: store.Written,
    reports_in: Sequence[Report],
    corrections: Sequence[Any],
    anchors: Anchors,
    entity_of: dict[int, int],
    entity_country: dict[int, str | None],
    person_country: Mapping[int, str | None],
    lexicons: Lexicons,
    status: dict[int, str],
) -> None:
    """Cluster the reports (their persons' entities from ``entity_of``) into ``rows``;
    ``person_country``: the country of each participant's mention."""
    for r in reports_in:
        r.entities = list(dict.fromkeys(entity_of[p] for p in r.persons if p in entity_of))
    clusters = group_reports(reports_in, city_key=lambda city: city_key(city, lexicons))
    reports = {r.id: r for r in reports_in}
    cluster_of = {rid: i for i, rids in enumerate(clusters.members) for rid in rids}
    efixes = event_fixes(corrections, anchors, cluster_of, entity_of, status)
    for index, report_ids in enumerate(clusters.members):
        members_r = [reports[i] for i in report_ids]
        _add_cluster(rows, members_r, efixes.get(index), person_country, entity_country)


def vars_of(office: Any) -> dict[str, Any]:
    return {k: getattr(office, k) for k in office.__slots__}


def city_key(city: str, lexicons: Lexicons) -> str:
    found = lexicons.city(city)
    return fold(found.canonical) if found else fold(city)


def _entity_row(members: Sequence[Mention], fix: dict[str, Any], used: set[str]) -> dict[str, Any]:
    rep = members[0]
    key = person_key(rep.content_hash, rep.name)
    if key in used:  # two persons of one article with one folded name: keep keys unique
        key = f"{key}#{rep.id}"
    used.add(key)
    strong = [m.name for m in members if parse(m.name).strong] or [m.name for m in members]
    counts = Counter(strong)
    name = max(counts, key=lambda n: (counts[n], len(parse(n).tokens), -strong.index(n)))
    roles = [m.role_class for m in members if m.role_class != "other"]
    role = majority(list(reversed(roles))) or "other"  # on a tie, the latest office
    holders = [m for m in reversed(members) if m.role_class == role]
    values = {
        "role_class": role,
        # a country an office states outweighs any number guessed from context (parleys.consistency)
        "country": majority([m.country for m in members if m.country_stated])
        or majority([m.country for m in members]),
        "title": majority([m.title for m in holders]),
        "institution": majority([m.institution for m in holders]),
    }
    values.update(fix)
    dates = [m.published for m in members if m.published is not None]
    return {
        "id": rep.id,
        "key": key,
        "name": name,
        "name_folded": fold_person(name),
        **values,
        "first_seen": min(dates, default=None),
        "last_seen": max(dates, default=None),
        "articles": len({m.article_id for m in members}),
        "corrected": 1 if fix else 0,
        "corrected_fields": json.dumps(sorted(fix)) if fix else None,
    }


def _add_cluster(
    rows: store.Written,
    members: Sequence[Report],
    fix: ClusterFix | None,
    person_country: Mapping[int, str | None],
    entity_country: dict[int, str | None],
) -> None:
    rep = members[0]
    values = cluster_values(members)
    fix = fix or ClusterFix()
    participants = [e for e in values.entities if e not in fix.removed]
    participants += [e for e in fix.added if e not in participants]
    # countries no participant accounts for (a delegation without a named person) are kept; the
    # others come from the participants' entities, so that a corrected country shows here too
    countries: set[str] = set()
    for r in members:
        accounted = {person_country[p] for p in r.persons if p in person_country}
        countries |= set(r.countries) - accounted
    countries |= {c for e in participants if (c := entity_country.get(e))}
    cluster = {"type": values.type, "date": values.date, "city": values.city, "country": values.country}
    cluster.update(fix.values)
    cid = rep.id
    rows.clusters.append(
        {
            "id": cid,
            "key": event_key(rep.content_hash, rep.position),
            **cluster,
            "reports": len(members),
            "hidden": 1 if fix.hidden else 0,
            "corrected": 1 if fix.fields else 0,
            "corrected_fields": json.dumps(fix.fields) if fix.fields else None,
        }
    )
    rows.members.extend({"event_id": r.id, "cluster_id": cid} for r in members)
    rows.participants.extend(
        {"cluster_id": cid, "entity_id": e, "position": i} for i, e in enumerate(participants)
    )
    rows.countries.extend({"cluster_id": cid, "country": c} for c in sorted(countries))
