"""Reading and writing store rows; every function takes a Session and none of them commits.

The caller owns the transaction: the ingest service commits once per article, so an
interrupted run leaves each stored article either complete or absent.

A subject's ``confidence`` column is the confidence of the value that identifies it: a
person's ``name`` evidence (else its best mention), an event's ``type`` evidence (else its best
evidence); ``None`` when the record carries no evidence for it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as default
from datetime import UTC, datetime

from sqlalchemy import Table, bindparam, case, delete, insert, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from parleys.documents import Article, IngestSummary, Rejection
from parleys.errors import NotFoundError
from parleys.keys import anchor_fold
from parleys.normalize.names import fold_words
from parleys.records import (
    ArticleRecord,
    EventRecord,
    Evidence,
    LabelRecord,
    PersonRecord,
)
from parleys.store import pgcopy
from parleys.store.db import lock_for_writing
from parleys.store.models import (
    ArticleRow,
    EventClusterMemberRow,
    EventCountryRow,
    EventRow,
    EvidenceRow,
    OrganizationRow,
    ParticipantRow,
    PersonLinkRow,
    PersonRow,
    RejectionRow,
    ResolveQueueRow,
    Run,
    TopicRow,
)


def fold(text: str) -> str:
    """How person names are stored for search (``name_folded``): the one fold, words only."""
    return " ".join(fold_words(text))


def now() -> datetime:
    return datetime.now(UTC)


# --- runs and rejections -------------------------------------------------------------------------


def start_run(session: Session, *, pipeline_version: str = "") -> Run:
    run = Run(started_at=now(), pipeline_version=pipeline_version, stored=0, unchanged=0, rejected=0)
    session.add(run)
    session.flush()
    return run


_RUNS: Table = Run.__table__  # type: ignore[assignment]
_COUNT_RUN = (
    update(_RUNS)
    .where(_RUNS.c.id == bindparam("run_id"))
    .values(
        stored=bindparam("n_stored"), unchanged=bindparam("n_unchanged"), rejected=bindparam("n_rejected")
    )
)


def update_run(session: Session, run: Run, summary: IngestSummary, *, finished: bool = False) -> Run:
    """Write the run's counts (after every article of an ingest: one Core UPDATE built once, the
    ``Run`` object given the same values as loaded ones, not as changes to flush)."""
    if finished:
        run.finished_at = now()
        session.flush()
    counts = {
        "stored": len(summary.stored),
        "unchanged": len(summary.unchanged),
        "rejected": len(summary.rejected),
    }
    session.execute(_COUNT_RUN, {"run_id": run.id, **{f"n_{k}": v for k, v in counts.items()}})
    for key, value in counts.items():
        set_committed_value(run, key, value)
    return run


def record_rejection(session: Session, rejection: Rejection, *, run_id: int | None = None) -> RejectionRow:
    row = RejectionRow(
        run_id=run_id,
        source=rejection.source,
        reason=rejection.reason,
        detail=rejection.detail or "",
        created_at=now(),
    )
    session.add(row)
    session.flush()
    return row


# --- articles ------------------------------------------------------------------------------------


_ARTICLES: Table = ArticleRow.__table__  # type: ignore[assignment]
# Core statements built once (an ingest runs them for every article: no ORM row is loaded, and
# SQLAlchemy finds their compiled form in its cache without building the expression again)
_ID_BY_HASH = select(_ARTICLES.c.id).where(_ARTICLES.c.content_hash == bindparam("content_hash"))
# the article an extraction replaces: the one with the same text, else the first from the source
_ID_TO_REPLACE = (
    select(_ARTICLES.c.id, _ARTICLES.c.content_hash)
    .where(
        or_(
            _ARTICLES.c.content_hash == bindparam("content_hash"),
            _ARTICLES.c.source == bindparam("source"),
        )
    )
    .order_by(case((_ARTICLES.c.content_hash == bindparam("content_hash"), 0), else_=1), _ARTICLES.c.id)
    .limit(1)
)


def stored_article_id(session: Session, content_hash: str) -> int | None:
    """The id of the stored article with this content hash, if any (no ORM row is loaded, and
    pending ORM changes are not flushed first)."""
    return session.execute(_ID_BY_HASH, {"content_hash": content_hash}).scalar()


def get_article(session: Session, article_id: int) -> ArticleRow:
    row = session.get(ArticleRow, article_id)
    if row is None:
        raise NotFoundError(f"no article with id {article_id}")
    return row


def save_article_record(
    session: Session,
    article: Article,
    record: ArticleRecord,
    *,
    run_id: int | None = None,
    copy: bool | None = None,
) -> ArticleRow:
    """Store an article and its extraction, replacing what an earlier extraction stored.

    The article is found by its content hash, else by its source (its text changed since);
    otherwise it is new. Its previous persons, events, labels and evidence are deleted first, and
    a person or event with the same anchor as before (the folded name, its n-th occurrence; the
    event's position) gets its old id back, so that public ids survive re-extraction (and, as
    resolution names entities and merged events by their earliest row, resolution too).

    ``copy``: on PostgreSQL the extraction's rows are written in bulk, in one statement
    (:mod:`parleys.store.pgcopy`, the same rows; the default there); ``False`` keeps the ORM
    inserts, which other engines use.
    """
    row = _save(session, article, record, run_id=run_id, copy=copy, new_only=False)
    assert row is not None
    return row


def save_new_article(
    session: Session, article: Article, record: ArticleRecord, *, run_id: int | None = None
) -> ArticleRow | None:
    """:func:`save_article_record`, unless an article with the same text is stored already (an
    ingest looked it up before extracting it, and another run may have stored it since): then
    nothing is written and the answer is ``None``. One lookup, under the write lock, does both."""
    return _save(session, article, record, run_id=run_id, copy=None, new_only=True)


def _save(
    session: Session,
    article: Article,
    record: ArticleRecord,
    *,
    run_id: int | None,
    copy: bool | None,
    new_only: bool,
) -> ArticleRow | None:
    lock_for_writing(session)
    session.flush()  # what the ORM lookups flushed first
    found = session.execute(
        _ID_TO_REPLACE, {"content_hash": article.content_hash, "source": article.source}
    ).first()
    if found is not None and new_only and found.content_hash == article.content_hash:
        return None
    row = session.get(ArticleRow, found.id) if found is not None else None
    ids = StableIds()
    if row is None:
        row = ArticleRow(content_hash=article.content_hash)
        session.add(row)
    else:
        queue_replaced(session, row.id)
        if row.content_hash == article.content_hash:  # the same text: anchors name the same things
            ids = StableIds.of(session, row.id)
        delete_extraction(session, row.id)
    row.external_id = article.id
    row.source = article.source
    row.url = article.url
    row.title = article.title
    row.site = article.site
    row.published = article.published
    row.text = article.text
    row.content_hash = article.content_hash
    row.pipeline_version = record.pipeline_version
    row.ingested_at = now()
    row.run_id = run_id
    session.flush()
    if copy is not False and session.get_bind().dialect.name == "postgresql":
        _copy_extraction(session, row.id, record, ids)
    else:
        _write_extraction(session, row.id, record, ids)
    return row


@dataclass(slots=True)
class StableIds:
    """The ids an article's persons and events had, by anchor: (folded name, occurrence) for a
    person (the fold of anchor keys), the position for an event."""

    persons: dict[tuple[str, int], int] = default(default_factory=dict)
    events: dict[int, int] = default(default_factory=dict)

    @classmethod
    def of(cls, session: Session, article_id: int) -> StableIds:
        found = cls()
        seen: Counter[str] = Counter()
        for person_id, name in session.execute(
            select(PersonRow.id, PersonRow.name)
            .where(PersonRow.article_id == article_id)
            .order_by(PersonRow.position)
        ):
            key = anchor_fold(name)
            found.persons[(key, seen[key])] = person_id
            seen[key] += 1
        for position, event_id in session.execute(
            select(EventRow.position, EventRow.id).where(EventRow.article_id == article_id)
        ):
            found.events[position] = event_id
        # the deleted rows must not stay in the identity map under the ids they give back
        for obj in list(session.identity_map.values()):
            if isinstance(obj, PersonRow | EventRow) and obj.article_id == article_id:
                session.expunge(obj)
        return found

    def person_ids(self, names: Sequence[str]) -> list[int | None]:
        seen: Counter[str] = Counter()
        out: list[int | None] = []
        for name in names:
            key = anchor_fold(name)
            out.append(self.persons.get((key, seen[key])))
            seen[key] += 1
        return out


def queue_replaced(session: Session, article_id: int) -> None:
    """Tell the next incremental resolution that this article's extraction is being replaced:
    the article, and the names, entities and clusters its present rows belong to (rows resolved
    already may keep their ids, so the ids alone would not show the change)."""
    names = session.scalars(select(PersonRow.name_folded).where(PersonRow.article_id == article_id)).all()
    entities = session.scalars(
        select(PersonLinkRow.entity_id)
        .join(PersonRow, PersonRow.id == PersonLinkRow.person_id)
        .where(PersonRow.article_id == article_id)
    ).all()
    clusters = session.scalars(
        select(EventClusterMemberRow.cluster_id)
        .join(EventRow, EventRow.id == EventClusterMemberRow.event_id)
        .where(EventRow.article_id == article_id)
    ).all()
    rows = [{"kind": "article", "value": str(article_id)}]
    rows += [{"kind": "name", "value": n} for n in sorted(set(names))]
    rows += [{"kind": "entity", "value": str(e)} for e in sorted(set(entities))]
    rows += [{"kind": "cluster", "value": str(c)} for c in sorted(set(clusters))]
    session.execute(insert(ResolveQueueRow), rows)


def delete_extraction(session: Session, article_id: int) -> None:
    """Delete everything extracted from one article (not the article itself)."""
    event_ids = select(EventRow.id).where(EventRow.article_id == article_id).scalar_subquery()
    session.execute(delete(ParticipantRow).where(ParticipantRow.event_id.in_(event_ids)))
    session.execute(delete(EventCountryRow).where(EventCountryRow.event_id.in_(event_ids)))
    for model in (EvidenceRow, EventRow, PersonRow, OrganizationRow, TopicRow):
        session.execute(delete(model).where(model.article_id == article_id))  # type: ignore[attr-defined]


def _copy_extraction(session: Session, article_id: int, record: ArticleRecord, ids: StableIds) -> None:
    keys = {p.key for p in record.persons}
    if len(keys) < len(record.persons):  # the ORM path keeps the last person of a key: let it
        _write_extraction(session, article_id, record, ids)
        return
    for ev in record.events:
        for key in ev.participants:
            if key not in keys:
                raise KeyError(f"event participant {key!r} is not among the article's persons")
    pgcopy.write_extraction(
        session,
        article_id,
        record,
        person_ids=ids.person_ids([p.name for p in record.persons]),
        event_ids=[ids.events.get(position) for position in range(len(record.events))],
        organizations=_unique_labels(record.organizations),
        topics=_unique_labels(record.topics),
        folded=[fold(p.name) for p in record.persons],
        person_confidence=[_person_confidence(p) for p in record.persons],
        event_confidence=[_event_confidence(ev) for ev in record.events],
    )


def _write_extraction(session: Session, article_id: int, record: ArticleRecord, ids: StableIds) -> None:
    evidence: list[EvidenceRow] = []

    def add_evidence(kind: str, subject_id: int, field: str, ev: Evidence) -> None:
        evidence.append(
            EvidenceRow(
                article_id=article_id,
                subject_kind=kind,
                subject_id=subject_id,
                field=field,
                start=ev.start,
                end=ev.end,
                text=ev.text,
                confidence=ev.confidence,
            )
        )

    persons: dict[str, PersonRow] = {}
    person_ids = ids.person_ids([p.name for p in record.persons])
    for position, p in enumerate(record.persons):
        persons[p.key] = PersonRow(
            id=person_ids[position],
            article_id=article_id,
            key=p.key,
            position=position,
            name=p.name,
            name_folded=fold(p.name),
            role_class=p.role_class,
            country=p.country,
            title=p.title,
            institution=p.institution,
            confidence=_person_confidence(p),
        )
    events = [
        EventRow(
            id=ids.events.get(position),
            article_id=article_id,
            position=position,
            type=ev.type,
            date=ev.date,
            city=ev.city,
            country=ev.country,
            confidence=_event_confidence(ev),
        )
        for position, ev in enumerate(record.events)
    ]
    organizations = [
        OrganizationRow(article_id=article_id, position=i, code=label.code)
        for i, label in enumerate(_unique_labels(record.organizations))
    ]
    topics = [
        TopicRow(article_id=article_id, position=i, code=label.code)
        for i, label in enumerate(_unique_labels(record.topics))
    ]
    session.add_all([*persons.values(), *events, *organizations, *topics])
    session.flush()

    links: list[ParticipantRow | EventCountryRow] = []
    for ev, ev_row in zip(record.events, events, strict=True):
        for position, key in enumerate(_unique(ev.participants)):
            if key not in persons:
                raise KeyError(f"event participant {key!r} is not among the article's persons")
            links.append(ParticipantRow(event_id=ev_row.id, person_id=persons[key].id, position=position))
        links.extend(EventCountryRow(event_id=ev_row.id, country=c) for c in _unique(ev.countries))
        for field, item in ev.evidence.items():
            add_evidence("event", ev_row.id, field, item)
    for p in record.persons:
        for field, item in p.evidence.items():
            add_evidence("person", persons[p.key].id, field, item)
        for mention in p.mentions:
            add_evidence("mention", persons[p.key].id, "name", mention)
    labelled: list[tuple[str, LabelRecord, OrganizationRow | TopicRow]] = [
        *(
            ("organization", label, row)
            for label, row in zip(_unique_labels(record.organizations), organizations, strict=True)
        ),
        *(("topic", label, row) for label, row in zip(_unique_labels(record.topics), topics, strict=True)),
    ]
    for kind, label, label_row in labelled:
        if label.evidence is not None:
            add_evidence(kind, label_row.id, "code", label.evidence)
    session.add_all([*links, *evidence])
    session.flush()


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _unique_labels(labels: Sequence[LabelRecord]) -> list[LabelRecord]:
    seen: dict[str, LabelRecord] = {}
    for label in labels:
        seen.setdefault(label.code, label)
    return list(seen.values())


def _person_confidence(p: PersonRecord) -> float | None:
    if "name" in p.evidence:
        return p.evidence["name"].confidence
    return max((m.confidence for m in p.mentions), default=None)


def _event_confidence(ev: EventRecord) -> float | None:
    if "type" in ev.evidence:
        return ev.evidence["type"].confidence
    return max((e.confidence for e in ev.evidence.values()), default=None)
