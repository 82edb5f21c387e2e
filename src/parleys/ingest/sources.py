"""Inputs to raw documents: paths, folders (walked recursively, sorted, hidden entries skipped)
and http(s) URLs, each dispatched to the reader for its kind.

Nothing a hostile input can raise leaves this module: an unreadable folder or file becomes an
``unreadable`` rejection, a looping symbolic link ``symlink_loop``, a pipe or device
``unsupported``, and anything a reader raises on one input (a parser's recursion limit, memory,
a library's own bug) becomes a rejection of that input (``read_failed``, or ``bad_json`` /
``bad_feed`` by kind) while the walk goes on.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from parleys.documents import RawDocument, Rejection
from parleys.ingest import decode, feeds, html, jsonl, text
from parleys.settings import Settings

SUFFIX_KINDS = {
    ".txt": "text",
    ".md": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
SNIFF_BYTES = 4096
URL_SCHEMES = ("http://", "https://")

Item = RawDocument | Rejection


log = logging.getLogger(__name__)
KIND_REASONS = {"json": "bad_json", "jsonl": "bad_json", "feed": "bad_feed"}


def read_raw(inputs: Iterable[str], *, settings: Settings) -> Iterator[Item]:
    """Every raw document (or rejection) of every input, in order."""
    for spec in inputs:
        spec = str(spec)
        if is_url(spec):
            yield from guarded(_read_url(spec, settings), source=spec, kind=None)
            continue
        path = Path(spec).expanduser()
        kind = _path_kind(path)
        if isinstance(kind, Rejection) and kind.reason == "not_found" and "://" in spec:
            yield Rejection(spec, "unsupported", "only http:// and https:// URLs can be fetched")
        elif isinstance(kind, Rejection):
            yield kind
        elif kind == "dir":
            for file in walk(path):
                if isinstance(file, Rejection):
                    yield file
                else:
                    yield from from_file(file, settings)
        else:
            yield from from_file(path, settings)


def from_file(path: Path, settings: Settings) -> Iterator[Item]:
    """One file's items; whatever its reader raises becomes a rejection of the file."""
    return guarded(_read_file(path, settings), source=str(path), kind=SUFFIX_KINDS.get(path.suffix.lower()))


def guarded(items: Iterator[Item], *, source: str, kind: str | None) -> Iterator[Item]:
    """The items of one input; an exception out of its reader ends that input as a rejection.

    Items yielded before the exception stand (the good lines of a JSON Lines file before a bad one).
    """
    try:
        yield from items
    except RecursionError:
        yield Rejection(
            source,
            KIND_REASONS.get(kind or "", "read_failed"),
            "nested deeper than the reader can follow (recursion limit)",
        )
    except MemoryError:
        yield Rejection(source, "too_large", "reading it ran out of memory")
    except OSError as exc:
        yield decode.os_rejection(source, exc)
    except Exception as exc:  # a reader's own failure on one hostile input must not end the run
        log.warning("reading %s raised %s", source, exc.__class__.__name__, exc_info=True)
        yield Rejection(
            source, KIND_REASONS.get(kind or "", "read_failed"), f"{type(exc).__name__}: {exc}"[:300]
        )


def is_url(value: str) -> bool:
    return value.lower().startswith(URL_SCHEMES)


def _path_kind(path: Path) -> str | Rejection:
    """ "dir", "file", or the rejection of a path that is neither a readable folder nor a file."""
    source = str(path)
    try:
        mode = path.stat().st_mode  # follows links: a loop raises ELOOP
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and path.is_symlink():
            return Rejection(source, "not_found", "a symbolic link to a path that does not exist")
        if isinstance(exc, FileNotFoundError):
            return Rejection(source, "not_found", "no such file or folder")
        return decode.os_rejection(source, exc)
    if stat.S_ISDIR(mode):
        return "dir"
    if stat.S_ISREG(mode):
        return "file"
    return Rejection(source, "unsupported", "not a regular file (a pipe, socket or device)")


def walk(folder: Path) -> Iterator[Path | Rejection]:
    """Files under ``folder``, depth first in name order; hidden entries skipped.

    A folder that cannot be listed, a looping or dangling symbolic link, a pipe or a device
    comes out as a rejection in its place; symbolic links to folders are not followed (a
    rejection says so), so the walk always ends.
    """
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield decode.os_rejection(str(folder), exc)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        kind = _path_kind(path)
        if isinstance(kind, Rejection):
            yield kind
        elif kind == "dir":
            if entry.is_symlink():
                yield Rejection(str(path), "unsupported", "a symbolic link to a folder is not followed")
            else:
                yield from walk(path)
        else:
            yield path


def _read_file(path: Path, settings: Settings) -> Iterator[Item]:
    kind = SUFFIX_KINDS.get(path.suffix.lower())
    if kind is None and not _sniffs_as_feed(path):
        yield Rejection(str(path), "unsupported", f"unknown file type {path.suffix or '(no suffix)'!r}")
        return
    data = decode.read_bytes(path, settings=settings)
    if isinstance(data, Rejection):
        yield data
        return
    yield from parse_bytes(data, kind=kind or "feed", source=str(path), doc_id=path.stem)


def _sniffs_as_feed(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return feeds.looks_like_feed(handle.read(SNIFF_BYTES))
    except OSError:
        return False


def _read_url(url: str, settings: Settings) -> Iterator[Item]:
    from parleys.ingest import fetch  # httpx is imported only when there is a URL to fetch

    got = fetch.fetch(url, settings=settings)
    if isinstance(got, Rejection):
        yield got
        return
    if got.kind is None:
        yield Rejection(url, "unsupported", f"unsupported content type {got.content_type!r}")
        return
    yield from parse_bytes(
        got.body, kind=got.kind, source=url, doc_id=feeds.entry_id(url), url=got.url, charset=got.charset
    )


def parse_bytes(
    data: bytes,
    *,
    kind: str,
    source: str,
    doc_id: str,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Item]:
    """Check, decode and parse one input's bytes by kind ("text", "html", "feed", "json", "jsonl")."""
    if (problem := decode.check_bytes(data, source=source)) is not None:
        yield problem
        return
    if kind == "feed" or (kind == "text" and feeds.looks_like_feed(data)):
        yield from feeds.parse_feed(data, source=source, stem=_stem(source, doc_id))
        return
    if kind == "html":
        charset = charset or html.declared_charset(data)
    content = decode.decode_bytes(data, source=source, declared=charset)
    if isinstance(content, Rejection):
        yield content
    elif kind == "html":
        yield html.parse_html(content, source=source, doc_id=doc_id, url=url)
    elif kind == "json":
        yield from jsonl.parse_json(content, source=source, stem=_stem(source, doc_id))
    elif kind == "jsonl":
        yield from jsonl.parse_jsonl(content, source=source, stem=_stem(source, doc_id))
    else:
        yield text.parse_text(content, source=source, doc_id=doc_id, url=url)


def _stem(source: str, doc_id: str) -> str:
    """Prefix of the ids of a file's records: the file stem, or the last part of a URL's path."""
    if not is_url(source):
        return doc_id
    return PurePosixPath(urlsplit(source).path).stem or doc_id
