"""PostgreSQL: an article's extraction written with COPY instead of ORM inserts.

The rows are those :func:`parleys.store.repository.save_article_record` writes through the ORM,
column for column: the ids a re-extraction gives back are kept, the others are drawn from the
tables' own sequences in the order the ORM would draw them (the persons, events, labels and
evidence in record order), so evidence read back ``ORDER BY id`` keeps its order. The ids are
drawn first (one query), then each table is copied; everything runs inside the caller's
transaction, so an article is still stored whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parleys.records import ArticleRecord, Evidence, LabelRecord

# table -> the columns copied, in the order of the tuples written
COLUMNS = {
    "persons": (
        "id",
        "article_id",
        "key",
        "position",
        "name",
        "name_folded",
        "role_class",
        "country",
        "title",
        "institution",
        "confidence",
    ),
    "events": ("id", "article_id", "position", "type", "date", "city", "country", "confidence"),
    "organizations": ("id", "article_id", "position", "code"),
    "topics": ("id", "article_id", "position", "code"),
    "participants": ("event_id", "person_id", "position"),
    "event_countries": ("event_id", "country"),
    "evidence": (
        "id",
        "article_id",
        "subject_kind",
        "subject_id",
        "field",
        "start",
        "end",
        "text",
        "confidence",
    ),
}
SEQUENCED = ("persons", "events", "organizations", "topics", "evidence")


def write_extraction(
    session: Session,
    article_id: int,
    record: ArticleRecord,
    *,
    person_ids: Sequence[int | None],
    event_ids: Sequence[int | None],
    organizations: Sequence[LabelRecord],
    topics: Sequence[LabelRecord],
    folded: Sequence[str],
    person_confidence: Sequence[float | None],
    event_confidence: Sequence[float | None],
) -> None:
    """COPY one article's persons, events, labels, links and evidence (the caller checked that
    every participant is one of the article's persons)."""
    evidence = list(_evidence_items(record, organizations, topics))
    wanted = {
        "persons": sum(i is None for i in person_ids),
        "events": sum(i is None for i in event_ids),
        "organizations": len(organizations),
        "topics": len(topics),
        "evidence": len(evidence),
    }
    drawn = _draw_ids(session, wanted)
    persons = _fill(person_ids, drawn["persons"])
    events = _fill(event_ids, drawn["events"])
    org_ids, topic_ids, evidence_ids = drawn["organizations"], drawn["topics"], drawn["evidence"]
    by_key = {p.key: persons[i] for i, p in enumerate(record.persons)}
    subject = {"person": persons, "mention": persons, "event": events}
    subject |= {"organization": org_ids, "topic": topic_ids}
    rows: dict[str, list[tuple[Any, ...]]] = {
        "persons": [
            (
                persons[i],
                article_id,
                p.key,
                i,
                p.name,
                folded[i],
                p.role_class,
                p.country,
                p.title,
                p.institution,
                person_confidence[i],
            )
            for i, p in enumerate(record.persons)
        ],
        "events": [
            (events[i], article_id, i, e.type, e.date, e.city, e.country, event_confidence[i])
            for i, e in enumerate(record.events)
        ],
        "organizations": [(org_ids[i], article_id, i, x.code) for i, x in enumerate(organizations)],
        "topics": [(topic_ids[i], article_id, i, x.code) for i, x in enumerate(topics)],
        "participants": [
            (events[i], by_key[key], position)
            for i, e in enumerate(record.events)
            for position, key in enumerate(dict.fromkeys(e.participants))
        ],
        "event_countries": [
            (events[i], c) for i, e in enumerate(record.events) for c in dict.fromkeys(e.countries)
        ],
        "evidence": [
            (
                evidence_ids[n],
                article_id,
                kind,
                subject[kind][index],
                field,
                ev.start,
                ev.end,
                ev.text,
                ev.confidence,
            )
            for n, (kind, index, field, ev) in enumerate(evidence)
        ],
    }
    import psycopg  # the postgres extra: only a PostgreSQL engine reaches this

    driver = session.connection().connection.driver_connection
    with driver.cursor() as cursor:  # type: ignore[union-attr]
        for table, values in rows.items():
            if not values:
                continue
            columns = ", ".join(f'"{c}"' for c in COLUMNS[table])
            statement = f"COPY {table} ({columns}) FROM STDIN"
            try:
                with cursor.copy(statement) as copy:
                    for row in values:
                        copy.write_row(row)
            except psycopg.IntegrityError as exc:  # what the ORM path raises, for the callers
                raise IntegrityError(statement, None, exc) from exc


def _evidence_items(
    record: ArticleRecord, organizations: Sequence[LabelRecord], topics: Sequence[LabelRecord]
) -> Iterator[tuple[str, int, str, Evidence]]:
    """(subject kind, index of the subject, field, evidence) in the order the ORM path adds them."""
    for i, e in enumerate(record.events):
        for field, item in e.evidence.items():
            yield "event", i, field, item
    for i, p in enumerate(record.persons):
        for field, item in p.evidence.items():
            yield "person", i, field, item
        for mention in p.mentions:
            yield "mention", i, "name", mention
    for kind, labels in (("organization", organizations), ("topic", topics)):
        for i, label in enumerate(labels):
            if label.evidence is not None:
                yield kind, i, "code", label.evidence


def _draw_ids(session: Session, wanted: dict[str, int]) -> dict[str, list[int]]:
    """``n`` fresh ids from each table's sequence, ascending, in one query."""
    parts = [
        f"ARRAY(SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
        f"FROM generate_series(1, {int(wanted[table])}) ORDER BY 1)"
        for table in SEQUENCED
    ]
    driver = session.connection().connection.driver_connection
    with driver.cursor() as cursor:  # type: ignore[union-attr]
        cursor.execute("SELECT " + ", ".join(parts))
        found = cursor.fetchone()
    assert found is not None
    return {table: list(ids) for table, ids in zip(SEQUENCED, found, strict=True)}


def _fill(given: Sequence[int | None], drawn: list[int]) -> list[int]:
    fresh = iter(drawn)
    return [i if i is not None else next(fresh) for i in given]
