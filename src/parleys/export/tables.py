"""The knowledge-base tables an analyst exports, each as CSV or Parquet.

- ``events``: one row per event (``EVENT_COLUMNS``): what, when, where (the canonical city with
  its coordinates), who, and what to cite: the source URL, title, outlet and publication date
  of the earliest report, the sentence that states the event and its confidence; the event type
  also as CAMEO and PLOVER codes (``CAMEO``, ``PLOVER``);
- ``participants``: one row per event and person (``PARTICIPANT_COLUMNS``);
- ``persons``: one row per person (``PERSON_COLUMNS``);
- ``dyads``: one row per event and unordered pair of participating countries, the codes in
  alphabetical order (``DYAD_COLUMNS``), as event-data users expect.

Events are read through the one event reader with the filter given (linked events only, hidden
events left out, corrections applied). Every row carries ``schema_version``
(``EXPORT_SCHEMA_VERSION``), and so does the metadata of a Parquet file (key
``parleys.schema_version``, with ``parleys.table``). A CSV has a header, joins lists with ``;``
and writes booleans as ``true``/``false``; Parquet keeps types (dates, integers, lists, floats).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from itertools import combinations
from typing import IO, Any

from sqlalchemy.orm import Session

from parleys.errors import ExportError
from parleys.export.output import Target, binary_target
from parleys.kb.events import list_events
from parleys.kb.filters import EventFilter
from parleys.kb.people import find_persons
from parleys.kb.types import EventSummary
from parleys.normalize.places import place

# raise it when a column changes (2: citation columns, CAMEO/PLOVER codes, coordinates, dyads)
EXPORT_SCHEMA_VERSION = 2

# our event types as CAMEO codes (Gerner et al., CAMEO manual 1.1b3) and PLOVER types and modes
CAMEO = {
    "meeting": "040",  # consult
    "visit": "042",  # make a visit
    "call": "041",  # discuss by telephone
    "message": "010",  # make statement
    "forum": "044",  # meet at a third location
    "agreement": "057",  # sign formal agreement
    "other": "040",
}
PLOVER = {
    "meeting": ("CONSULT", ""),
    "visit": ("CONSULT", "visit"),
    "call": ("CONSULT", "phone"),
    "message": ("", ""),  # PLOVER codes no bare statement
    "forum": ("CONSULT", "multilateral"),
    "agreement": ("AGREE", ""),
    "other": ("", ""),
}

# (column, kind); kinds: int, str, date, bool, float, strs (list of str), ints (list of int)
Columns = tuple[tuple[str, str], ...]
Row = tuple[Any, ...]

EVENT_COLUMNS: Columns = (
    ("schema_version", "int"),
    ("event_id", "int"),
    ("key", "str"),
    ("date", "date"),
    ("type", "str"),
    ("cameo", "str"),
    ("plover", "str"),
    ("plover_mode", "str"),
    ("city", "str"),
    ("location_country", "str"),
    ("latitude", "float"),
    ("longitude", "float"),
    ("countries", "strs"),
    ("participant_ids", "ints"),
    ("participant_names", "strs"),
    ("topics", "strs"),
    ("reports", "int"),
    ("sources", "strs"),
    ("corrected", "bool"),
    ("url", "str"),
    ("title", "str"),
    ("outlet", "str"),
    ("published", "date"),
    ("evidence", "str"),
    ("confidence", "float"),
)
PARTICIPANT_COLUMNS: Columns = (
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
PERSON_COLUMNS: Columns = (
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
DYAD_COLUMNS: Columns = (
    ("schema_version", "int"),
    ("event_id", "int"),
    ("key", "str"),
    ("date", "date"),
    ("type", "str"),
    ("cameo", "str"),
    ("plover", "str"),
    ("country_a", "str"),
    ("country_b", "str"),
    ("city", "str"),
    ("location_country", "str"),
    ("reports", "int"),
    ("url", "str"),
)


def _events(session: Session, flt: EventFilter | None) -> list[EventSummary]:
    flt = (
        replace(flt, linked_only=True, limit=None, offset=0)
        if flt
        else EventFilter(linked_only=True, limit=None)
    )
    return list_events(session, flt)


def _event_rows(session: Session, flt: EventFilter | None) -> list[Row]:
    rows = []
    for ev in _events(session, flt):
        where = place(ev.city, ev.country)
        plover, mode = PLOVER.get(ev.type, ("", ""))
        rows.append(
            (
                EXPORT_SCHEMA_VERSION,
                ev.id,
                ev.key,
                ev.date,
                ev.type,
                CAMEO.get(ev.type, ""),
                plover,
                mode,
                where.city if where else None,
                ev.country,
                where.latitude if where else None,
                where.longitude if where else None,
                ev.countries,
                [p.id for p in ev.participants],
                [p.name for p in ev.participants],
                ev.topics,
                ev.reports,
                ev.sources,
                ev.corrected,
                ev.url,
                ev.title,
                ev.site,
                ev.published,
                ev.evidence,
                round(ev.confidence, 3) if ev.confidence is not None else None,
            )
        )
    return rows


def _participant_rows(session: Session, flt: EventFilter | None) -> list[Row]:
    persons = {p.id: p for p in find_persons(session)}
    return [
        (
            EXPORT_SCHEMA_VERSION,
            ev.id,
            ev.key,
            ev.date,
            ev.type,
            p.id,
            persons[p.id].key if p.id in persons else None,
            p.name,
            p.role_class,
            p.country,
            persons[p.id].title if p.id in persons else None,
            persons[p.id].institution if p.id in persons else None,
        )
        for ev in _events(session, flt)
        for p in ev.participants
    ]


def _person_rows(session: Session, flt: EventFilter | None) -> list[Row]:
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


def _dyad_rows(session: Session, flt: EventFilter | None) -> list[Row]:
    rows = []
    for ev in _events(session, flt):
        where = place(ev.city, ev.country)
        for a, b in combinations(sorted(set(ev.countries)), 2):
            rows.append(
                (
                    EXPORT_SCHEMA_VERSION,
                    ev.id,
                    ev.key,
                    ev.date,
                    ev.type,
                    CAMEO.get(ev.type, ""),
                    PLOVER.get(ev.type, ("", ""))[0],
                    a,
                    b,
                    where.city if where else None,
                    ev.country,
                    ev.reports,
                    ev.url,
                )
            )
    return rows


TABLES: dict[str, tuple[Columns, Callable[[Session, EventFilter | None], list[Row]]]] = {
    "events": (EVENT_COLUMNS, _event_rows),
    "participants": (PARTICIPANT_COLUMNS, _participant_rows),
    "persons": (PERSON_COLUMNS, _person_rows),
    "dyads": (DYAD_COLUMNS, _dyad_rows),
}
TABLE_FORMATS = {f"{table}-{kind}": (table, kind) for table in TABLES for kind in ("csv", "parquet")}


def read_table(session: Session, table: str, flt: EventFilter | None = None) -> tuple[Columns, list[Row]]:
    columns, read = TABLES[table]
    return columns, read(session, flt)


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


def write_csv(columns: Columns, rows: list[Row], stream: IO[str]) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([name for name, _kind in columns])
    writer.writerows([_csv_cell(v) for v in row] for row in rows)


def write_parquet(table: str, columns: Columns, rows: list[Row], out: Target) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "int": pa.int64(),
        "str": pa.string(),
        "date": pa.date32(),
        "bool": pa.bool_(),
        "float": pa.float64(),
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
    try:
        target = binary_target(out)
    except ExportError:
        raise ExportError(f"{table}-parquet is binary: give a file path or a binary stream") from None
    try:
        pq.write_table(data, target)
    except (OSError, pa.ArrowException) as exc:
        raise ExportError(f"cannot write {out}: {exc}") from exc
