"""PostgreSQL bulk writes: an article's extraction in one statement, and COPY for whole tables.

:func:`write_extraction` writes the rows that :func:`parleys.store.repository.save_article_record`
writes through the ORM, column for column: the ids a re-extraction gives back are kept, the others
are drawn from the tables' own sequences in the order the ORM would draw them (the persons,
events, labels and evidence in record order), so evidence read back ``ORDER BY id`` keeps its
order. The ids are drawn first (one query), then every table is written by one statement (a
data-modifying ``WITH`` per table) whose rows travel as one JSON parameter: two round trips an
article, where a COPY per table cost one each, and one ``json.dumps`` where psycopg would adapt
every value (a COPY's setup, or the arrays of an ``unnest``, cost the client more than the rows
themselves at an article's size). The statement text never changes, so psycopg prepares it once
a connection. Everything runs inside the caller's transaction, so an article is still stored
whole or not at all; the foreign keys between the tables are checked at the end of the statement.

:func:`copy_rows` is the one COPY loop: the tables that resolution rewrites as a whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parleys.records import ArticleRecord, Evidence, LabelRecord

# table -> (column, PostgreSQL type) in the order of the tuples written
TYPED_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    "persons": (
        ("id", "integer"),
        ("article_id", "integer"),
        ("key", "text"),
        ("position", "integer"),
        ("name", "text"),
        ("name_folded", "text"),
        ("role_class", "text"),
        ("country", "text"),
        ("title", "text"),
        ("institution", "text"),
        ("confidence", "float8"),
    ),
    "events": (
        ("id", "integer"),
        ("article_id", "integer"),
        ("position", "integer"),
        ("type", "text"),
        ("date", "date"),
        ("city", "text"),
        ("country", "text"),
        ("confidence", "float8"),
    ),
    "organizations": (
        ("id", "integer"),
        ("article_id", "integer"),
        ("position", "integer"),
        ("code", "text"),
    ),
    "topics": (("id", "integer"), ("article_id", "integer"), ("position", "integer"), ("code", "text")),
    "participants": (("event_id", "integer"), ("person_id", "integer"), ("position", "integer")),
    "event_countries": (("event_id", "integer"), ("country", "text")),
    "evidence": (
        ("id", "integer"),
        ("article_id", "integer"),
        ("subject_kind", "text"),
        ("subject_id", "integer"),
        ("field", "text"),
        ("start", "integer"),
        ("end", "integer"),
        ("text", "text"),
        ("confidence", "float8"),
    ),
}
COLUMNS = {table: tuple(c for c, _ in typed) for table, typed in TYPED_COLUMNS.items()}
SEQUENCED = ("persons", "events", "organizations", "topics", "evidence")


def _insert_statement() -> str:
    """One INSERT per table, as data-modifying WITH queries of one statement. Its two parameters:
    ``article_id``, and ``rows``, a JSON object of each table's rows as arrays of column values
    (article_id aside), which the server parses once (``jsonb``) and ``jsonb_array_elements`` reads
    back in order."""
    parts = []
    for table, typed in TYPED_COLUMNS.items():
        values = [
            f"(r->>{n})::{kind}" for n, (_, kind) in enumerate(c for c in typed if c[0] != "article_id")
        ]
        if "article_id" in COLUMNS[table]:
            values.insert(COLUMNS[table].index("article_id"), "%(article_id)s::integer")
        columns = ", ".join(f'"{c}"' for c, _ in typed)
        parts.append(
            f"INSERT INTO {table} ({columns}) SELECT {', '.join(values)} "
            f"FROM data, jsonb_array_elements(data.rows->'{table}') AS r"
        )
    *first, last = parts
    return (
        "WITH data AS (SELECT %(rows)s::jsonb AS rows), "
        + ", ".join(f"w{n} AS ({part})" for n, part in enumerate(first))
        + " "
        + last
    )


_INSERT = _insert_statement()


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
    """Write one article's persons, events, labels, links and evidence (the caller checked that
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
    # each table's rows, article_id aside (a parameter of its own), in the order of COLUMNS
    rows: dict[str, list[tuple[Any, ...]]] = {
        "persons": [
            (
                persons[i],
                p.key,
                i,
                p.name,
                folded[i],
                p.role_class,
                p.country,
                p.title,
                p.institution,
                _real(person_confidence[i]),
            )
            for i, p in enumerate(record.persons)
        ],
        "events": [
            (events[i], i, e.type, _iso(e.date), e.city, e.country, _real(event_confidence[i]))
            for i, e in enumerate(record.events)
        ],
        "organizations": [(org_ids[i], i, x.code) for i, x in enumerate(organizations)],
        "topics": [(topic_ids[i], i, x.code) for i, x in enumerate(topics)],
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
                kind,
                subject[kind][index],
                field,
                ev.start,
                ev.end,
                ev.text,
                _real(ev.confidence),
            )
            for n, (kind, index, field, ev) in enumerate(evidence)
        ],
    }
    data = json.dumps(rows, ensure_ascii=False, check_circular=False)
    _execute(session, _INSERT, {"article_id": article_id, "rows": data})


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _real(value: float | None) -> str | None:
    """A float as the text of its shortest round-trip form (``repr``), which ``float8`` reads back
    as the same number, NaN and infinities included (JSON has no number for those)."""
    return None if value is None else repr(float(value))


def copy_rows(session: Session, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """COPY ``rows`` (tuples in the order of ``columns``) into ``table``, inside the session's
    transaction: the bulk writes of PostgreSQL (resolution's tables, rebuilt as a whole)."""
    quoted = ", ".join(f'"{c}"' for c in columns)
    statement = f"COPY {table} ({quoted}) FROM STDIN"
    driver = session.connection().connection.driver_connection
    with driver.cursor() as cursor:  # type: ignore[union-attr]
        with _integrity(statement), cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)


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


# ``n`` fresh ids from each table's sequence, ascending (one parameter a table: the same text, prepared)
_DRAW = "SELECT " + ", ".join(
    f"ARRAY(SELECT nextval(pg_get_serial_sequence('{table}', 'id')) "
    f"FROM generate_series(1, %({table})s::integer) ORDER BY 1)"
    for table in SEQUENCED
)


def _draw_ids(session: Session, wanted: dict[str, int]) -> dict[str, list[int]]:
    """``wanted[table]`` fresh ids from each table's sequence, ascending, in one query."""
    found = _execute(session, _DRAW, {table: int(wanted[table]) for table in SEQUENCED}, fetch=True)
    assert found is not None
    return {table: list(ids) for table, ids in zip(SEQUENCED, found, strict=True)}


def _execute(session: Session, statement: str, params: dict[str, Any], *, fetch: bool = False) -> Any:
    """Run ``statement`` on the session's connection through psycopg itself (no SQLAlchemy
    statement machinery); the first row when ``fetch``."""
    driver = session.connection().connection.driver_connection
    with driver.cursor() as cursor:  # type: ignore[union-attr]
        with _integrity(statement):
            cursor.execute(statement, params)
        return cursor.fetchone() if fetch else None


@contextmanager
def _integrity(statement: str) -> Iterator[None]:
    """psycopg's IntegrityError as SQLAlchemy's, what the ORM path raises (the ingest catches it)."""
    import psycopg  # the postgres extra: only a PostgreSQL engine reaches this

    try:
        yield
    except psycopg.IntegrityError as exc:
        raise IntegrityError(statement, None, exc) from exc


def _fill(given: Sequence[int | None], drawn: list[int]) -> list[int]:
    fresh = iter(drawn)
    return [i if i is not None else next(fresh) for i in given]
