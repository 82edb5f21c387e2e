"""Write the store out as files, reading it through :mod:`parleys.query`.

Formats (``FORMATS``):

- ``records``: FORMAT.md article records, one JSON object per line, one line per article;
  the file that ``parleys evaluate`` scores.
- ``jsonl``: one event per line (the JSON of ``GET /api/events``).
- ``csv``: one row per event and participant (an event without participants gets one row with
  empty participant columns), with a header in the order of ``CSV_COLUMNS``; lists are joined
  with ``;``.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from sqlalchemy.orm import Session

from parleys.errors import ExportError
from parleys.query import EventFilter, article_records, list_events

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


def _write_records(session: Session, stream: IO[str], flt: EventFilter) -> int:
    n = 0
    for record in article_records(session):
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
        common = [ev.id, ev.article, ev.date.isoformat() if ev.date else "", ev.type, ev.city or "",
                  ev.country or "", ";".join(ev.countries), ";".join(ev.topics)]
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
FORMATS = tuple(WRITERS)


def export(session: Session, *, fmt: str, out: Path | str | IO[str],
           flt: EventFilter | None = None) -> int:
    """Write the store in format ``fmt`` to ``out`` (a path or an open text stream).

    ``flt`` narrows the event formats (all events by default); ``records`` always holds every
    article. Returns the number of lines written, header excluded.
    Raises :class:`ExportError` (E040) for an unknown format or a file that cannot be written.
    """
    writer = WRITERS.get(fmt)
    if writer is None:
        raise ExportError(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    flt = flt or EventFilter(limit=None)
    with _opened(out) as stream:
        return writer(session, stream, flt)


@contextmanager
def _opened(out: Path | str | IO[str]) -> Iterator[IO[str]]:
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
