"""Analysts' corrections laid over the per-article records that ``export --format records`` writes.

Resolution materializes corrections into person entities and event clusters; this reads them back
onto each article's record: a corrected person value replaces the value in every article that
names the person, a corrected event value replaces it in every report of the event, a hidden
event is left out, and participants added or removed by a correction are added or removed in each
report (an added person the article does not name joins its persons under the key ``x<entity id>``).
An event's countries then follow its participants' corrected countries.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from parleys.records import ArticleRecord, EventRecord, PersonRecord
from parleys.resolve.corrected import EVENT_FIELDS, PERSON_FIELDS
from parleys.store.models import (
    ClusterParticipantRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventRow,
    ParticipantRow,
    PersonEntityRow,
    PersonLinkRow,
    PersonRow,
)


@dataclass(slots=True)
class EventPatch:
    values: dict[str, Any] = field(default_factory=dict)
    hidden: bool = False
    participants: list[int] | None = None  # entity ids, when a correction changed them
    added: list[PersonEntityRow] = field(default_factory=list)


@dataclass(slots=True)
class RecordOverlay:
    persons: dict[int, dict[str, dict[str, Any]]] = field(default_factory=dict)  # article -> key -> values
    events: dict[int, dict[int, EventPatch]] = field(default_factory=dict)  # article -> position -> patch
    entities: dict[int, dict[str, int]] = field(default_factory=dict)  # article -> person key -> entity

    @classmethod
    def load(cls, session: Session) -> RecordOverlay:
        overlay = cls()
        fixed = session.scalars(select(PersonEntityRow).where(PersonEntityRow.corrected == 1)).all()
        values = {
            e.id: {f: getattr(e, f) for f in _fields(e.corrected_fields) if f in PERSON_FIELDS} for e in fixed
        }
        if values:
            for entity_id, article_id, key in session.execute(
                select(PersonLinkRow.entity_id, PersonRow.article_id, PersonRow.key)
                .join(PersonRow, PersonRow.id == PersonLinkRow.person_id)
                .where(PersonLinkRow.entity_id.in_(list(values)))
            ):
                overlay.persons.setdefault(article_id, {})[key] = values[entity_id]
        clusters = session.scalars(
            select(EventClusterRow).where(or_(EventClusterRow.corrected == 1, EventClusterRow.hidden == 1))
        ).all()
        for cluster in clusters:
            overlay._add_cluster(session, cluster)
        return overlay

    def _add_cluster(self, session: Session, cluster: EventClusterRow) -> None:
        fields = _fields(cluster.corrected_fields)
        patch = EventPatch(
            values={f: getattr(cluster, f) for f in fields if f in EVENT_FIELDS}, hidden=bool(cluster.hidden)
        )
        members = session.execute(
            select(EventRow.id, EventRow.article_id, EventRow.position)
            .join(EventClusterMemberRow, EventClusterMemberRow.event_id == EventRow.id)
            .where(EventClusterMemberRow.cluster_id == cluster.id)
        ).all()
        if "participants" in fields:
            patch.participants = list(
                session.scalars(
                    select(ClusterParticipantRow.entity_id)
                    .where(ClusterParticipantRow.cluster_id == cluster.id)
                    .order_by(ClusterParticipantRow.position)
                )
            )
            reported = set(
                session.scalars(
                    select(PersonLinkRow.entity_id)
                    .join(ParticipantRow, ParticipantRow.person_id == PersonLinkRow.person_id)
                    .where(ParticipantRow.event_id.in_([m[0] for m in members]))
                )
            )
            patch.added = [
                entity
                for e in patch.participants
                if e not in reported and (entity := session.get(PersonEntityRow, e)) is not None
            ]
            for _, article_id, _ in members:
                if article_id not in self.entities:
                    self.entities[article_id] = {
                        key: entity
                        for key, entity in session.execute(
                            select(PersonRow.key, PersonLinkRow.entity_id)
                            .join(PersonLinkRow, PersonLinkRow.person_id == PersonRow.id)
                            .where(PersonRow.article_id == article_id)
                        )
                    }
        for _, article_id, position in members:
            self.events.setdefault(article_id, {})[position] = patch

    def apply(self, article_id: int, record: ArticleRecord) -> ArticleRecord:
        """The record with the corrections that concern it (the same record when none do)."""
        person_fixes = self.persons.get(article_id, {})
        event_patches = self.events.get(article_id, {})
        if not person_fixes and not event_patches:
            return record
        before = {p.key: p for p in record.persons}
        persons = [_fixed_person(p, person_fixes.get(p.key, {})) for p in record.persons]
        by_key = {p.key: p for p in persons}
        entity_of = self.entities.get(article_id, {})
        events = []
        for position, ev in enumerate(record.events):
            patch = event_patches.get(position, EventPatch())
            if patch.hidden:
                continue
            keys = list(ev.participants)
            if patch.participants is not None:
                keys = [k for k in keys if entity_of.get(k) in patch.participants]
                for entity in patch.added:
                    key = next((k for k, e in entity_of.items() if e == entity.id), None) or f"x{entity.id}"
                    if key not in by_key:
                        by_key[key] = _entity_person(key, entity)
                        persons.append(by_key[key])
                    if key not in keys:
                        keys.append(key)
            events.append(_fixed_event(ev, patch, keys, before, by_key))
        return replace(record, persons=persons, events=events)


def _fields(text: str | None) -> list[str]:
    return list(json.loads(text)) if text else []


def _fixed_person(p: PersonRecord, values: dict[str, Any]) -> PersonRecord:
    if not values:
        return p
    evidence = {k: v for k, v in p.evidence.items() if k not in values}
    return replace(p, evidence=evidence, **values)


def _entity_person(key: str, entity: PersonEntityRow) -> PersonRecord:
    return PersonRecord(
        key=key,
        name=entity.name,
        role_class=entity.role_class,
        country=entity.country,
        title=entity.title,
        institution=entity.institution,
    )


def _fixed_event(
    ev: EventRecord,
    patch: EventPatch,
    keys: list[str],
    before: dict[str, PersonRecord],
    after: dict[str, PersonRecord],
) -> EventRecord:
    countries = list(ev.countries)
    moved = keys != list(ev.participants) or any(
        before[k].country != after[k].country for k in ev.participants if k in before and k in after
    )
    if moved:  # countries no participant accounts for stay; the others follow the participants
        accounted = {before[k].country for k in ev.participants if k in before}
        residual = {c for c in ev.countries if c not in accounted}
        countries = sorted(residual | {c for k in keys if (c := after[k].country)})
    evidence = {k: v for k, v in ev.evidence.items() if k not in patch.values}
    return replace(ev, participants=keys, countries=countries, evidence=evidence, **patch.values)
