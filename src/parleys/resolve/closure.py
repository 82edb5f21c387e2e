"""Following keys from what changed to the whole components it touches (see
:mod:`parleys.resolve.incremental`): names through ``resolve_name_keys``, reports through their
(day, entity), (day, city) and copy keys, and the rows that analysts' corrections name."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from parleys.keys import anchor_fold
from parleys.lexicons import Lexicons
from parleys.normalize.sql import chunks
from parleys.resolve import blocks
from parleys.resolve import rows as store
from parleys.resolve.build import city_key
from parleys.resolve.items import Report
from parleys.store.models import (
    ArticleRow,
    CorrectionRow,
    EventClusterMemberRow,
    EventRow,
    ParticipantRow,
    PersonLinkRow,
    PersonRow,
    ResolveNameKeyRow,
)

DAY = timedelta(days=1)


# --- corrections -----------------------------------------------------------------------------------


def _hash_range(prefix: str) -> Any:
    # content hashes are lower-case hex: the prefix's range reads the unique index
    return ArticleRow.content_hash.between(prefix, prefix + "~")


def persons_of_anchor(session: Session, key: str | None) -> list[tuple[int, str]]:
    """(person id, folded name) of the mentions with this anchor key ("p:<hash16>:<fold>")."""
    if not key or not key.startswith("p:") or key.count(":") < 2:
        return []
    _, prefix, name = key.split(":", 2)
    return [
        (pid, folded)
        for pid, folded, written in session.execute(
            select(PersonRow.id, PersonRow.name_folded, PersonRow.name)
            .join(ArticleRow, ArticleRow.id == PersonRow.article_id)
            .where(_hash_range(prefix))
        )
        if anchor_fold(written) == name
    ]


def _persons_of_article(session: Session, prefix: str) -> list[tuple[int, str]]:
    return list(
        session.execute(
            select(PersonRow.id, PersonRow.name_folded)
            .join(ArticleRow, ArticleRow.id == PersonRow.article_id)
            .where(_hash_range(prefix))
        ).all()
    )


def _persons_named(session: Session, name: str) -> list[tuple[int, str]]:
    """Mentions whose anchor fold is ``name``: the names filed under its ``N|`` key."""
    folded = list(
        session.scalars(select(ResolveNameKeyRow.name_folded).where(ResolveNameKeyRow.key == "N|" + name))
    )
    out = []
    for part3 in chunks(folded):
        out += [
            (pid, f)
            for pid, f, written in session.execute(
                select(PersonRow.id, PersonRow.name_folded, PersonRow.name).where(
                    PersonRow.name_folded.in_(part3)
                )
            )
            if anchor_fold(written) == name
        ]
    return out


def correction_persons(session: Session, c: CorrectionRow) -> list[tuple[int, str]]:
    """Every mention a person correction names (its target, the other, the detached ones)."""
    found = persons_of_anchor(session, c.target_key)
    if c.action == "merge":
        found += persons_of_anchor(session, c.other_key)
    elif c.action == "split":
        selector = json.loads(c.value) if c.value is not None else None
        if c.field == "article":
            found += _persons_of_article(session, str(selector))
        else:
            found += _persons_named(session, str(selector))
    return found


def event_of_anchor(session: Session, key: str | None) -> int | None:
    if not key or not key.startswith("e:") or key.count(":") != 2:
        return None
    _, prefix, position = key.split(":")
    if not position.isdigit():
        return None
    return session.scalar(
        select(EventRow.id)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(_hash_range(prefix), EventRow.position == int(position))
        .order_by(EventRow.id)
        .limit(1)
    )


# --- following keys ----------------------------------------------------------------------------------


def name_closure(
    session: Session, seeds: set[str], ties: Sequence[set[str]], entities: set[int]
) -> tuple[set[str], set[int]]:
    """The folded names of every component that holds a seed, and the entities they belonged to.

    Links: shared keys (:func:`blocks.links`), a correction that names both (``ties``), and one
    stored entity (so that an entity a change splits is rebuilt whole)."""
    closure: set[str] = set()
    old_entities: set[int] = set(entities)
    frontier = set(seeds)
    for entity_chunk in chunks(sorted(entities)):
        frontier |= set(
            session.scalars(
                select(PersonRow.name_folded)
                .join(PersonLinkRow, PersonLinkRow.person_id == PersonRow.id)
                .where(PersonLinkRow.entity_id.in_(entity_chunk))
            )
        )
    while frontier:
        closure |= frontier
        found: set[str] = set()
        batch = sorted(frontier)
        # the linked names of a chunk in one join, probed by the database through the key index
        mine, theirs = ResolveNameKeyRow.__table__.alias("mine"), ResolveNameKeyRow.__table__.alias("theirs")
        linked = or_(
            (mine.c.mode == blocks.BOTH) & (theirs.c.mode == blocks.BOTH),
            (mine.c.mode == blocks.OFFER) & (theirs.c.mode == blocks.LOOKUP),
            (mine.c.mode == blocks.LOOKUP) & (theirs.c.mode == blocks.OFFER),
        )
        for names_part in chunks(batch):
            found.update(
                session.scalars(
                    select(theirs.c.name_folded)
                    .distinct()
                    .select_from(mine.join(theirs, theirs.c.key == mine.c.key))
                    .where(
                        mine.c.name_folded.in_(names_part), theirs.c.name_folded != mine.c.name_folded, linked
                    )
                )
            )
        for tie in ties:
            if tie & frontier:
                found |= tie
        new_entities: set[int] = set()
        for part6 in chunks(batch):
            new_entities.update(
                session.scalars(
                    select(PersonLinkRow.entity_id)
                    .join(PersonRow, PersonRow.id == PersonLinkRow.person_id)
                    .where(PersonRow.name_folded.in_(part6))
                )
            )
        new_entities -= old_entities
        old_entities |= new_entities
        for part7 in chunks(sorted(new_entities)):
            found.update(
                session.scalars(
                    select(PersonRow.name_folded)
                    .join(PersonLinkRow, PersonLinkRow.person_id == PersonRow.id)
                    .where(PersonLinkRow.entity_id.in_(part7))
                )
            )
        frontier = found - closure
    return closure, old_entities


def report_closure(session: Session, seeds: set[int], lexicons: Lexicons) -> tuple[list[Report], set[int]]:
    """The reports of every event component that holds a seed (entities as now linked), and the
    clusters they were in."""
    reports: dict[int, Report] = {}
    old_clusters: set[int] = set()
    frontier = set(seeds)
    while frontier:
        loaded = store.load_reports(session, sorted(frontier))
        _attach_entities(session, loaded)
        for r in loaded:
            reports[r.id] = r
        found: set[int] = set()
        ids = sorted(frontier)
        clusters: set[int] = set()
        for part8 in chunks(ids):
            clusters.update(
                session.scalars(
                    select(EventClusterMemberRow.cluster_id).where(EventClusterMemberRow.event_id.in_(part8))
                )
            )
        clusters -= old_clusters
        old_clusters |= clusters
        for part9 in chunks(sorted(clusters)):
            found.update(
                session.scalars(
                    select(EventClusterMemberRow.event_id).where(EventClusterMemberRow.cluster_id.in_(part9))
                )
            )
        found |= _neighbours(session, loaded, lambda city: city_key(city, lexicons))
        frontier = found - set(reports)
    return list(reports.values()), old_clusters


def _attach_entities(session: Session, reports: Sequence[Report]) -> None:
    persons = sorted({p for r in reports for p in r.persons})
    entity_of: dict[int, int] = {}
    for part10 in chunks(persons):
        entity_of.update(
            session.execute(
                select(PersonLinkRow.person_id, PersonLinkRow.entity_id).where(
                    PersonLinkRow.person_id.in_(part10)
                )
            ).all()
        )
    for r in reports:
        r.entities = list(dict.fromkeys(entity_of[p] for p in r.persons if p in entity_of))


def _neighbours(session: Session, reports: Sequence[Report], city_key: Any) -> set[int]:
    """Reports that share a candidate key of :func:`events._candidate_pairs` with one of
    ``reports``: read per chunk of entities (or cities) within the reports' dates, then matched."""
    found: set[int] = set()
    found |= _copies(session, [r for r in reports if r.duplicate_of])
    dated = [r for r in reports if r.date is not None]
    wanted: set[tuple[Any, int]] = set()
    for r in dated:
        for entity in r.entities:
            wanted |= {(r.date + k * DAY, entity) for k in (-1, 0, 1)}  # type: ignore[operator]
    if wanted:
        days = [d for d, _ in wanted]
        window = EventRow.date.between(min(days), max(days))
        for part11 in chunks(sorted({e for _, e in wanted})):
            for eid, day, entity in session.execute(
                select(EventRow.id, EventRow.date, PersonLinkRow.entity_id)
                .join(ParticipantRow, ParticipantRow.event_id == EventRow.id)
                .join(PersonLinkRow, PersonLinkRow.person_id == ParticipantRow.person_id)
                .where(PersonLinkRow.entity_id.in_(part11), window)
            ):
                if (day, entity) in wanted:
                    found.add(eid)
    places: set[tuple[Any, str]] = set()
    for r in dated:
        if not r.entities and r.city:
            key = city_key(r.city)
            places |= {(r.date + k * DAY, key) for k in (-1, 0, 1)}  # type: ignore[operator]
    if places:
        # the events of those days alone (the date index), not of every day between the first
        # and the last: a change that touches an old report and today's would read the years between
        candidates = [
            eid
            for days_part in chunks(sorted({d for d, _ in places}))
            for eid, day, city in session.execute(
                select(EventRow.id, EventRow.date, EventRow.city).where(
                    EventRow.date.in_(days_part), EventRow.city.is_not(None)
                )
            )
            if (day, city_key(city)) in places
        ]
        with_persons: set[int] = set()
        for part12 in chunks(candidates):
            with_persons.update(
                session.scalars(select(ParticipantRow.event_id).where(ParticipantRow.event_id.in_(part12)))
            )
        found.update(c for c in candidates if c not in with_persons)
    return found


def _copies(session: Session, reports: Sequence[Report]) -> set[int]:
    """Reports of the copies of these reports' articles (same URL, or same title, site and day)."""
    keys = {r.duplicate_of for r in reports if r.duplicate_of}
    if not keys:
        return set()
    urls = sorted({u for k in keys if k.startswith("u:") for u in (k[2:], k[2:] + "/")})
    titled = sorted({r.article_id for r in reports if r.duplicate_of and not r.duplicate_of.startswith("u:")})
    wheres: list[Any] = [ArticleRow.url.in_(chunk) for chunk in chunks(urls)]
    for part13 in chunks(titled):
        pairs = session.execute(
            select(ArticleRow.site, ArticleRow.published).where(ArticleRow.id.in_(part13)).distinct()
        ).all()
        for site, published in pairs:
            wheres.append(
                (ArticleRow.site == site)
                & (ArticleRow.published.is_(None) if published is None else ArticleRow.published == published)
            )
    out = set()
    for where in wheres:
        for eid, url, title, site, published in session.execute(
            select(EventRow.id, ArticleRow.url, ArticleRow.title, ArticleRow.site, ArticleRow.published)
            .join(ArticleRow, ArticleRow.id == EventRow.article_id)
            .where(where)
        ):
            if store.copy_key(url, title, site, published) in keys:
                out.add(eid)
    return out
