"""Inputs to raw documents: paths, folders (walked recursively, sorted, hidden entries skipped)
and http(s) URLs, each dispatched to the reader for its kind."""

from __future__ import annotations

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


def read_raw(inputs: Iterable[str], *, settings: Settings) -> Iterator[Item]:
    """Every raw document (or rejection) of every input, in order."""
    for spec in inputs:
        spec = str(spec)
        if is_url(spec):
            yield from _read_url(spec, settings)
            continue
        path = Path(spec).expanduser()
        if path.is_dir():
            for file in walk(path):
                yield from _read_file(file, settings)
        elif path.is_file():
            yield from _read_file(path, settings)
        elif "://" in spec:
            yield Rejection(spec, "unsupported", "only http:// and https:// URLs can be fetched")
        else:
            yield Rejection(spec, "not_found", "no such file or folder")


def is_url(value: str) -> bool:
    return value.lower().startswith(URL_SCHEMES)


def walk(folder: Path) -> Iterator[Path]:
    """Files under ``folder``, depth first in name order; hidden entries and symlinked folders skipped."""
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                yield from walk(entry)
        elif entry.is_file():
            yield entry


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
