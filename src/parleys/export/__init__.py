"""Write the store out as files, reading it through the knowledge base (:mod:`parleys.kb`).

Formats (``FORMATS``):

- ``records``: FORMAT.md article records, one JSON object per line, one line per article;
  the file that ``parleys evaluate`` scores.
- ``jsonl``: one event per line (the JSON of ``GET /api/events``).
- ``csv``: one row per event and participant (an event without participants gets one row with
  empty participant columns), with a header in the order of ``CSV_COLUMNS``; lists are joined
  with ``;``; each row carries what to cite (URL, title, outlet, publication date, the sentence
  that states the event, its confidence).
- the knowledge-base tables of :mod:`parleys.export.tables`: ``events-csv|parquet``,
  ``participants-csv|parquet``, ``persons-csv|parquet``, ``dyads-csv|parquet``;
- the actor network of :mod:`parleys.export.network`: ``graphml`` and ``gexf``.

Every format takes the same event filter as ``parleys events`` (:class:`~parleys.kb.filters.EventFilter`;
``records`` and ``persons`` always hold everything), and writes to a path, an open stream, or
``-`` for standard output.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import replace
from typing import IO

from sqlalchemy.orm import Session

from parleys.errors import ExportError
from parleys.export.network import render
from parleys.export.output import Target, text_stream, write_bytes
from parleys.export.tables import (
    DYAD_COLUMNS,
    EVENT_COLUMNS,
    EXPORT_SCHEMA_VERSION,
    PARTICIPANT_COLUMNS,
    PERSON_COLUMNS,
    TABLE_FORMATS,
    read_table,
    write_csv,
    write_parquet,
)
from parleys.kb.corpus import article_records
from parleys.kb.events import list_events
from parleys.kb.filters import EventFilter
from parleys.kb.network import build_network

__all__ = [
    "CSV_COLUMNS",
    "DYAD_COLUMNS",
    "EVENT_COLUMNS",
    "EXPORT_SCHEMA_VERSION",
    "FORMATS",
    "PARTICIPANT_COLUMNS",
    "PERSON_COLUMNS",
    "export",
]

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
    "outlet",
    "published",
    "evidence",
    "confidence",
)


def _write_records(session: Session, stream: IO[str], flt: EventFilter, corpus_persons: bool) -> int:
    n = 0
    for record in article_records(session, corpus_persons=corpus_persons):
        stream.write(json.dumps(record.to_json(), ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_jsonl(session: Session, stream: IO[str], flt: EventFilter, corpus_persons: bool) -> int:
    events = list_events(session, flt)
    for ev in events:
        stream.write(json.dumps(ev.to_json(), ensure_ascii=False) + "\n")
    return len(events)


def _write_csv(session: Session, stream: IO[str], flt: EventFilter, corpus_persons: bool) -> int:
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
        cite = [
            ev.title or "",
            ev.url or "",
            ev.site or "",
            ev.published.isoformat() if ev.published else "",
            ev.evidence or "",
            f"{ev.confidence:.3f}" if ev.confidence is not None else "",
        ]
        people = [(p.name, p.role_class, p.country or "") for p in ev.participants] or [("", "", "")]
        for name, role, country in people:
            writer.writerow([*common, name, role, country, *cite])
            n += 1
    return n


WRITERS: dict[str, Callable[[Session, IO[str], EventFilter, bool], int]] = {
    "records": _write_records,
    "jsonl": _write_jsonl,
    "csv": _write_csv,
}
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = (*WRITERS, *TABLE_FORMATS, *NETWORK_FORMATS)


def export(
    session: Session,
    *,
    fmt: str,
    out: Target,
    flt: EventFilter | None = None,
    corpus_persons: bool = True,
) -> int:
    """Write the store in format ``fmt`` to ``out`` (a path, ``-`` for standard output, or an
    open stream: text for the text formats, binary for Parquet; GraphML and GEXF take either).

    ``flt`` narrows the events of every format but ``records`` (every article, with
    ``corpus_persons`` as in :func:`parleys.kb.corpus.article_records`) and ``persons-*`` (every
    person); its limit and offset apply to ``jsonl`` and ``csv`` only. Returns the number of
    lines written, header excluded (rows of a table; nodes plus edges of a network). Raises
    :class:`ExportError` (E040) for an unknown format or a file that cannot be written.
    """
    flt = flt or EventFilter(limit=None)
    if fmt in TABLE_FORMATS:
        table, kind = TABLE_FORMATS[fmt]
        columns, rows = read_table(session, table, flt)
        if kind == "parquet":
            write_parquet(table, columns, rows, out)
        else:
            with text_stream(out) as stream:
                write_csv(columns, rows, stream)
        return len(rows)
    if fmt in NETWORK_FORMATS:
        network = build_network(session, country=flt.country, since=flt.since, until=flt.until)
        write_bytes(render(network, fmt), out)
        return len(network.nodes) + len(network.edges)
    writer = WRITERS.get(fmt)
    if writer is None:
        raise ExportError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    with text_stream(out) as stream:
        return writer(session, stream, flt, corpus_persons)


def all_events(flt: EventFilter) -> EventFilter:
    """The same criteria without a page: what a file export writes by default."""
    return replace(flt, limit=None, offset=0)
