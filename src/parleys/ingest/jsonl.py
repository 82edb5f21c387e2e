"""JSON (one object or a list of objects) and JSON Lines records.

A record has ``text`` or ``body`` and optionally ``id``, ``url``, ``title``, ``published``,
``site``. A malformed line is rejected alone (``bad_json``, source ``path#LINE``); the other
lines still become articles. The id is the record's ``id``, else ``<stem>-<n>`` where n is the
line number (JSON Lines) or the 1-based position in the list (JSON).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from parleys.documents import RawDocument, Rejection
from parleys.ingest.html import fragment_text, looks_like_html
from parleys.ingest.published import parse_date_string


def parse_json(content: str, *, source: str, stem: str) -> Iterator[RawDocument | Rejection]:
    try:
        data = json.loads(content)
    except json.JSONDecodeError as exc:
        yield Rejection(source, "bad_json", f"line {exc.lineno} column {exc.colno}: {exc.msg}")
        return
    except (RecursionError, ValueError) as exc:
        yield Rejection(source, "bad_json", _unparseable(exc))
        return
    if isinstance(data, dict):
        yield record_to_raw(data, source=source, default_id=stem)
    elif isinstance(data, list):
        for n, item in enumerate(data, start=1):
            yield record_to_raw(item, source=f"{source}#{n}", default_id=f"{stem}-{n}")
    else:
        yield Rejection(source, "bad_record", f"expected an object or a list of objects, got {_kind(data)}")


def parse_jsonl(content: str, *, source: str, stem: str) -> Iterator[RawDocument | Rejection]:
    for n, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(f"{source}#{n}", "bad_json", f"column {exc.colno}: {exc.msg}")
            continue
        except (RecursionError, ValueError) as exc:
            yield Rejection(f"{source}#{n}", "bad_json", _unparseable(exc))
            continue
        yield record_to_raw(data, source=f"{source}#{n}", default_id=f"{stem}-{n}")


def _unparseable(exc: Exception) -> str:
    """Why valid-looking JSON could not be read: nesting past the parser's recursion limit, or a
    number too long to convert."""
    if isinstance(exc, RecursionError):
        return "nested deeper than the JSON parser can follow (recursion limit)"
    return f"a value cannot be read: {exc}"[:300]


def record_to_raw(data: Any, *, source: str, default_id: str) -> RawDocument | Rejection:
    """One JSON object as a raw document, or ``bad_record``."""
    if not isinstance(data, dict):
        return Rejection(source, "bad_record", f"expected an object, got {_kind(data)}")
    text = next((data[k] for k in ("text", "body") if isinstance(data.get(k), str) and data[k].strip()), None)
    if text is None:
        return Rejection(source, "bad_record", "the object has no non-empty 'text' or 'body' string")
    if looks_like_html(text):
        text = fragment_text(text)
    return RawDocument(
        source=source,
        kind="text",
        content=text,
        doc_id=_record_id(data.get("id")) or default_id,
        url=_string(data.get("url")),
        title=_string(data.get("title")),
        published=parse_date_string(data.get("published")),
        site=_string(data.get("site")),
    )


def _record_id(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    return str(value).strip() or None


def _string(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _kind(value: Any) -> str:
    names: dict[type, str] = {dict: "an object", list: "a list", str: "a string"}
    return names.get(type(value), type(value).__name__)
