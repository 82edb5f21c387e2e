"""Bytes to text: size, emptiness and binary checks, then decoding.

UTF-8 (with or without a byte-order mark) is tried first, then a declared charset, then the
two legacy encodings the sources use: cp1251 for Cyrillic and cp1252/latin-1 for Western
European text. Cyrillic text in cp1251 must come out as Cyrillic (the language check then
rejects it), so cp1251 wins when the non-ASCII bytes form whole Cyrillic words.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from parleys.documents import Rejection
from parleys.settings import Settings

SNIFF_BYTES = 65536
MAX_CONTROL_SHARE = 0.02
MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x7fELF")
_CONTROL = bytes(c for c in range(32) if c not in b"\t\n\r\f\b\x1b") + b"\x7f"
_WORD = re.compile(r"[^\W\d_]+")


def read_bytes(path: Path, *, settings: Settings) -> bytes | Rejection:
    """The file's bytes, or a rejection: size checked with ``stat`` before reading."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            return Rejection(source, "too_large", f"{size} bytes, over the limit of {settings.max_bytes}")
        with path.open("rb") as handle:
            data = handle.read(settings.max_bytes + 1)
    except FileNotFoundError:
        return Rejection(source, "not_found", "the file does not exist")
    except OSError as exc:
        return Rejection(source, "not_found", f"cannot read the file: {exc.strerror or exc}")
    if len(data) > settings.max_bytes:  # the file grew after stat
        return Rejection(source, "too_large", f"over the limit of {settings.max_bytes} bytes")
    return data


def check_bytes(data: bytes, *, source: str) -> Rejection | None:
    """``empty`` or ``binary`` when the bytes cannot be a text document."""
    if not data.strip():
        return Rejection(source, "empty", "the input has no content" if not data else "only whitespace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    head = data[:SNIFF_BYTES]
    if head.startswith(MAGIC):
        return Rejection(source, "binary", "the file starts with the signature of a binary format")
    if b"\x00" in head:
        return Rejection(source, "binary", "the input contains NUL bytes")
    controls = sum(head.count(c) for c in _CONTROL)
    if controls / len(head) > MAX_CONTROL_SHARE:
        return Rejection(source, "binary", f"{controls} control characters in the first {len(head)} bytes")
    return None


def decode_bytes(data: bytes, *, source: str, declared: str | None = None) -> str | Rejection:
    """Decode ``data``; ``encoding`` when no supported encoding gives plausible text."""
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(codec).lstrip("\ufeff")
            except UnicodeDecodeError:
                return Rejection(source, "encoding", f"invalid {codec} after a {codec} byte-order mark")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for codec in _candidates(declared):
        try:
            text = data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
        if _plausible(text, codec):
            return text
    return Rejection(source, "encoding", "not valid UTF-8, and no cp1251 or latin-1 reading looks like text")


def _candidates(declared: str | None) -> list[str]:
    names = ["cp1251", "cp1252", "latin-1"]
    if declared:
        try:
            name = codecs.lookup(declared).name
        except LookupError:
            return names
        if name not in ("utf-8", "ascii"):
            names.insert(0, name)
    return names


def _plausible(text: str, codec: str) -> bool:
    """Text-like: words of normal length, mostly letters; for cp1251, whole Cyrillic words."""
    words = text.split()
    if not words or sum(map(len, words)) / len(words) > 20:
        return False
    visible = [ch for ch in text if not ch.isspace()]
    if sum(ch.isalnum() for ch in visible) / len(visible) < 0.6:
        return False
    if any("\x80" <= ch <= "\x9f" for ch in text):  # C1 controls: the wrong single-byte table
        return False
    if codec == "cp1251":
        return _whole_cyrillic_words(text)
    return True


def _whole_cyrillic_words(text: str) -> bool:
    """In real cp1251 text the non-ASCII letters make whole Cyrillic words; in latin-1 text read
    as cp1251 they are single letters inside Latin words ("cafй")."""
    mixed = whole = 0
    for word in _WORD.findall(text):
        cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in word)
        if not cyrillic:
            continue
        if cyrillic == len(word):
            whole += len(word) > 1
        else:
            mixed += 1
    return whole > 0 and whole >= 4 * mixed
