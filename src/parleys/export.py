"""Write the store out as files, reading it through :mod:`parleys.query`.

Formats (``FORMATS``):

- ``records``: FORMAT.md article records, one JSON object per line, one line per article;
  the file that ``parleys evaluate`` scores.
- ``jsonl``: one event per line (the JSON of ``GET /api/events``).
- ``csv``: one row per event and participant (an event without participants gets one row with
  empty participant columns), with a header in the order of ``CSV_COLUMNS``; lists are joined
  with ``;``.

The knowledge base (events across reports, person entities; read through :mod:`parleys.clusters`
and :mod:`parleys.people`, hidden events left out, corrections applied), each table as CSV or
Parquet:

- ``events-csv`` / ``events-parquet``: one row per event (``EVENT_COLUMNS``);
- ``participants-csv`` / ``participants-parquet``: one row per event and person (``PARTICIPANT_COLUMNS``);
- ``persons-csv`` / ``persons-parquet``: one row per person (``PERSON_COLUMNS``).

Every row carries ``schema_version`` (``EXPORT_SCHEMA_VERSION``), and so does the metadata of a
Parquet file (key ``parleys.schema_version``, with ``parleys.table``). Columns keep their order;
a CSV has a header, joins lists with ``;`` and writes booleans as ``true``/``false``; Parquet keeps
types (dates, integers, lists). The actor network of :mod:`parleys.graph`: ``graphml`` and ``gexf``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import IO, Any

from sqlalchemy.orm import Session

from parleys.clusters import list_clusters
from parleys.errors import ExportError
from parleys.graph import build_network, render
from parleys.people import find_persons
from parleys.query import EventFilter, article_records, list_events

# of the knowledge-base tables (events, participants, persons): raise it when a column changes
EXPORT_SCHEMA_VERSION = 1

CSV_COLUMNS = (
    "event_id",
    "article",
    "date",
    "type",
    "city",
    "location_country",
    "countries",
    "topics",
    "participant_name",
    "participant_role",
    "participant_country",
    "title",
    "url",
)


def _write_records(session: Session, stream: IO[str], flt: EventFilter, corpus_persons: bool = True) -> int:
    n = 0
    for record in article_records(session, corpus_persons=corpus_persons):
        stream.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_jsonl(session: Session, stream: IO[str], flt: EventFilter) -> int:
    events = list_events(session, flt)
    for ev in events:
        stream.write(json.dumps(ev.to_json(), ensure_ascii=False) + "\n")
    return len(events)


def _write_csv(session: Session, stream: IO[str], flt: EventFilter) -> int:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    n = 0
    for ev in list_events(session, flt):
        common = [
            ev.id,
            ev.article,
            ev.date.isoformat() if ev.date else "",
            ev.type,
            ev.city or "",
            ev.country or "",
            ";".join(ev.countries),
            ";".join(ev.topics),
        ]
        people = [(p.name, p.role_class, p.country or "") for p in ev.participants] or [("", "", "")]
        for name, role, country in people:
            writer.writerow([*common, name, role, country, ev.title or "", ev.url or ""])
            n += 1
    return n


WRITERS: dict[str, Callable[[Session, IO[str], EventFilter], int]] = {
    "records": _write_records,
    "jsonl": _write_jsonl,
    "csv": _write_csv,
}

# --- the knowledge-base tables -------------------------------------------------------------------
# (column, kind); kinds: int, str, date, bool, strs (list of str), ints (list of int)

EVENT_COLUMNS = (
    ("schema_version", "int"),
    ("event_id", "int"),
    ("key", "str"),
    ("date", "date"),
    ("type", "str"),
    ("city", "str"),
    ("location_country", "str"),
    ("countries", "strs"),
    ("participant_ids", "ints"),
    ("participant_names", "strs"),
    ("topics", "strs"),
    ("reports", "int"),
    ("sources", "strs"),
    ("corrected", "bool"),
)
PARTICIPANT_COLUMNS = (
    ("schema_version", "int"),
    ("event_id", "int"),
    ("event_key", "str"),
    ("date", "date"),
    ("type", "str"),
    ("person_id", "int"),
    ("person_key", "str"),
    ("name", "str"),
    ("role_class", "str"),
    ("country", "str"),
    ("title", "str"),
    ("institution", "str"),
)
PERSON_COLUMNS = (
    ("schema_version", "int"),
    ("person_id", "int"),
    ("key", "str"),
    ("name", "str"),
    ("role_class", "str"),
    ("country", "str"),
    ("title", "str"),
    ("institution", "str"),
    ("first_seen", "date"),
    ("last_seen", "date"),
    ("articles", "int"),
    ("events", "int"),
    ("offices", "int"),
    ("corrected", "bool"),
)

Row = tuple[Any, ...]


def _event_rows(session: Session) -> list[Row]:
    return [
        (
            EXPORT_SCHEMA_VERSION,
            ev.id,
            ev.key,
            ev.date,
            ev.type,
            ev.city,
            ev.country,
            ev.countries,
            [p.id for p in ev.participants],
            [p.name for p in ev.participants],
            ev.topics,
            ev.reports,
            ev.sources,
            ev.corrected,
        )
        for ev in list_clusters(session)
    ]


def _participant_rows(session: Session) -> list[Row]:
    persons = {p.id: p for p in find_persons(session)}
    return [
        (
            EXPORT_SCHEMA_VERSION,
            ev.id,
            ev.key,
            ev.date,
            ev.type,
            p.id,
            persons[p.id].key,
            p.name,
            p.role_class,
            p.country,
            persons[p.id].title,
            persons[p.id].institution,
        )
        for ev in list_clusters(session)
        for p in ev.participants
    ]


def _person_rows(session: Session) -> list[Row]:
    return [
        (
            EXPORT_SCHEMA_VERSION,
            p.id,
            p.key,
            p.name,
            p.role_class,
            p.country,
            p.title,
            p.institution,
            p.first_seen,
            p.last_seen,
            p.articles,
            p.events,
            p.offices,
            p.corrected,
        )
        for p in sorted(find_persons(session), key=lambda p: p.id)
    ]


TABLES: dict[str, tuple[tuple[tuple[str, str], ...], Callable[[Session], list[Row]]]] = {
    "events": (EVENT_COLUMNS, _event_rows),
    "participants": (PARTICIPANT_COLUMNS, _participant_rows),
    "persons": (PERSON_COLUMNS, _person_rows),
}
TABLE_FORMATS = {f"{table}-{kind}": (table, kind) for table in TABLES for kind in ("csv", "parquet")}
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = (*WRITERS, *TABLE_FORMATS, *NETWORK_FORMATS)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def _write_table_csv(columns: tuple[tuple[str, str], ...], rows: list[Row], stream: IO[str]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([name for name, _kind in columns])
    writer.writerows([_csv_cell(v) for v in row] for row in rows)


def _write_parquet(
    table: str, columns: tuple[tuple[str, str], ...], rows: list[Row], out: Path | str | IO[Any]
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "int": pa.int64(),
        "str": pa.string(),
        "date": pa.date32(),
        "bool": pa.bool_(),
        "strs": pa.list_(pa.string()),
        "ints": pa.list_(pa.int64()),
    }
    schema = pa.schema([pa.field(name, types[kind]) for name, kind in columns]).with_metadata(
        {"parleys.schema_version": str(EXPORT_SCHEMA_VERSION), "parleys.table": table}
    )
    data = pa.Table.from_arrays(
        [pa.array([row[i] for row in rows], type=types[kind]) for i, (_name, kind) in enumerate(columns)],
        schema=schema,
    )
    if isinstance(out, io.TextIOBase):
        raise ExportError(f"{table}-parquet is binary: give a file path or a binary stream")
    target = str(out) if isinstance(out, str | Path) else out
    try:
        pq.write_table(data, target)
    except (OSError, pa.ArrowException) as exc:
        raise ExportError(f"cannot write {out}: {exc}") from exc


def _write_bytes(data: bytes, out: Path | str | IO[Any]) -> None:
    if isinstance(out, str | Path):
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    elif isinstance(out, io.TextIOBase):
        out.write(data.decode("utf-8"))
    else:
        out.write(data)


def export(
    session: Session,
    *,
    fmt: str,
    out: Path | str | IO[Any],
    flt: EventFilter | None = None,
    corpus_persons: bool = True,
) -> int:
    """Write the store in format ``fmt`` to ``out`` (a path or an open stream: text for the
    text formats, binary for Parquet; GraphML and GEXF take either).

    ``flt`` narrows the ``jsonl`` and ``csv`` events (all by default); ``records`` always holds
    every article (with ``corpus_persons`` as in :func:`parleys.query.article_records`) and the
    knowledge-base formats every visible event and person. Returns the
    number of lines written, header excluded (rows of a table; nodes plus edges of a network).
    Raises :class:`ExportError` (E040) for an unknown format or a file that cannot be written.
    """
    if fmt in TABLE_FORMATS:
        table, kind = TABLE_FORMATS[fmt]
        columns, read = TABLES[table]
        rows = read(session)
        if kind == "parquet":
            _write_parquet(table, columns, rows, out)
        else:
            with _opened(out) as stream:
                _write_table_csv(columns, rows, stream)
        return len(rows)
    if fmt in NETWORK_FORMATS:
        network = build_network(session)
        _write_bytes(render(network, fmt), out)
        return len(network.nodes) + len(network.edges)
    writer = WRITERS.get(fmt)
    if writer is None:
        raise ExportError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    flt = flt or EventFilter(limit=None)
    with _opened(out) as stream:
        if writer is _write_records:
            return _write_records(session, stream, flt, corpus_persons)
        return writer(session, stream, flt)


@contextmanager
def _opened(out: Path | str | IO[Any]) -> Iterator[IO[str]]:
    if not isinstance(out, str | Path):
        yield out
        return
    path = Path(out)
    try:
        stream: Any = path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
    with stream:
        yield stream
