"""Where an export goes: a path, an open stream, or ``-`` for standard output."""

from __future__ import annotations

import io
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from parleys.errors import ExportError

STDOUT = "-"

Target = Path | str | IO[Any]


def is_stdout(out: Target) -> bool:
    return isinstance(out, str | Path) and str(out) == STDOUT


@contextmanager
def text_stream(out: Target) -> Iterator[IO[str]]:
    """A text stream to write to: the stream given, standard output for ``-``, else the file
    (:class:`ExportError`, E040, when it cannot be opened)."""
    if is_stdout(out):
        yield sys.stdout
        sys.stdout.flush()
        return
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


def binary_target(out: Target) -> str | IO[Any]:
    """What a binary writer (Parquet) writes to: a file name, or a binary stream (standard
    output's buffer for ``-``)."""
    if is_stdout(out):
        return sys.stdout.buffer
    if isinstance(out, str | Path):
        return str(out)
    if isinstance(out, io.TextIOBase):
        raise ExportError("a binary format needs a file path or a binary stream")
    return out


def write_bytes(data: bytes, out: Target) -> None:
    """``data`` to a path, a stream (text or binary) or standard output."""
    if is_stdout(out):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    elif isinstance(out, str | Path):
        try:
            Path(out).write_bytes(data)
        except OSError as exc:
            raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    elif isinstance(out, io.TextIOBase):
        out.write(data.decode("utf-8"))
    else:
        out.write(data)
