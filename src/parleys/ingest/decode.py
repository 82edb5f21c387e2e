"""Bytes to text: size, emptiness and binary checks, then decoding.

The order: a byte-order mark; UTF-8; the charset the input declares; UTF-16 without a
byte-order mark (recognised by its zero or constant high bytes); then a language-aware choice
among single-byte readings. For that last step every candidate encoding (the usual legacy ones
and those ``charset-normalizer`` proposes) decodes a sample, and the reading kept is the one
whose non-ASCII letters one known language explains best (``data/alphabets.json``): a Turkish
cp1254 page read as cp1252 has "þ" beside "ü", which no language writes together, and a
cp1251 Russian page read as KOI8-R has words that switch case mid-word. Ties keep the order of
the candidates: the declared charset, then Turkish cp1254 (it differs from Western cp1252 only
in six letters, which as cp1252 read as Icelandic "ð", "ý", "þ" without Icelandic's other
letters), Western, Central European, Baltic, Cyrillic, Greek, Arabic and Hebrew code pages.
"""

from __future__ import annotations

import codecs
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from parleys.documents import Rejection
from parleys.settings import Settings

SNIFF_BYTES = 65536
MAX_CONTROL_SHARE = 0.02
MAGIC = (b"%PDF-", b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x7fELF")
LEGACY = (
    "cp1254",
    "cp1252",
    "cp1250",
    "iso8859-2",
    "cp1257",
    "cp1251",
    "koi8-r",
    "cp1253",
    "cp1256",
    "cp1255",
)
MIN_FIT = 0.9  # share of non-ASCII letters one language must explain for a reading to count as text
_CONTROL = bytes(c for c in range(32) if c not in b"\t\n\r\f\b\x1b") + b"\x7f"
_WORD = re.compile(r"[^\W\d_]+")
_INNER = re.compile(
    r"(?<=[^\W\d_])[^\w\s'’.,;:!?()\[\]\"“”«»-](?=[^\W\d_])"
)  # "Marsza³ek": a symbol inside a word
_ELOOP = 40


@dataclass(frozen=True, slots=True)
class Alphabets:
    latin: dict[str, frozenset[str]]
    scripts: dict[str, tuple[tuple[int, int], ...]]


@functools.cache
def load_alphabets() -> Alphabets:
    data = json.loads(resources.files("parleys.ingest").joinpath("data/alphabets.json").read_text("utf-8"))
    return Alphabets(
        latin={name: frozenset(letters) for name, letters in data["latin"].items()},
        scripts={
            name: tuple((int(lo, 16), int(hi, 16)) for lo, hi in ranges)
            for name, ranges in data["scripts"].items()
        },
    )


def read_bytes(path: Path, *, settings: Settings) -> bytes | Rejection:
    """The file's bytes, or a rejection: size checked with ``stat`` before reading."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            return Rejection(source, "too_large", f"{size} bytes, over the limit of {settings.max_bytes}")
        with path.open("rb") as handle:
            data = handle.read(settings.max_bytes + 1)
    except OSError as exc:
        return os_rejection(source, exc)
    if len(data) > settings.max_bytes:  # the file grew after stat
        return Rejection(source, "too_large", f"over the limit of {settings.max_bytes} bytes")
    return data


def os_rejection(source: str, exc: OSError) -> Rejection:
    """An operating-system error on a path as the rejection that names it."""
    why = exc.strerror or str(exc) or type(exc).__name__
    if isinstance(exc, PermissionError):
        return Rejection(source, "unreadable", f"permission denied: {why}")
    if exc.errno == _ELOOP:
        return Rejection(source, "symlink_loop", "a symbolic link that leads back to itself")
    if isinstance(exc, FileNotFoundError):
        return Rejection(source, "not_found", "the file does not exist")
    return Rejection(source, "unreadable", f"cannot read it: {why}")


def check_bytes(data: bytes, *, source: str) -> Rejection | None:
    """``empty`` or ``binary`` when the bytes cannot be a text document."""
    if not data.strip():
        return Rejection(source, "empty", "the input has no content" if not data else "only whitespace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    head = data[:SNIFF_BYTES]
    if head.startswith(MAGIC):
        return Rejection(source, "binary", "the file starts with the signature of a binary format")
    if utf16_without_bom(head) is not None:
        return None
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
    wide = utf16_without_bom(data[:SNIFF_BYTES]) if b"\x00" in data[:SNIFF_BYTES] else None
    if wide is not None:  # before UTF-8: ASCII text in UTF-16 is valid UTF-8 with NULs between letters
        try:
            return data.decode(wide)
        except UnicodeDecodeError:
            return Rejection(source, "encoding", f"invalid {wide} (no byte-order mark)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    name = _codec_name(declared)
    if name is not None:
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            pass
        else:
            if _plausible(text) and _fit(text[:SNIFF_BYTES]) >= MIN_FIT:
                return text
    for codec in _ranked(data, name):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return Rejection(
        source, "encoding", "not valid UTF-8, and no single-byte reading reads as text of a known language"
    )


def utf16_without_bom(head: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when ``head`` is UTF-16 text without a byte-order mark.

    In UTF-16 text of one script the high byte of each character takes a handful of values
    (0 for ASCII, 4 for Cyrillic, ...) while the low byte varies; the reading must then give
    text without control characters.
    """
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    for codec, high, low in (("utf-16-le", odd, even), ("utf-16-be", even, odd)):
        top = sorted((high.count(value) for value in set(high)), reverse=True)[:3]
        if sum(top) < 0.95 * len(high) or len(set(low)) < 8:
            continue
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        if any(ch < " " and ch not in "\t\n\r\f" for ch in text) or "\ufffd" in text:
            continue
        if _plausible(text):
            return codec
    return None


def _codec_name(declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        name = codecs.lookup(declared).name
    except LookupError:
        return None
    return None if name in ("utf-8", "ascii") else name


def _ranked(data: bytes, declared: str | None) -> list[str]:
    """Candidate encodings whose reading of a sample is text, best language fit first."""
    sample = data[:SNIFF_BYTES]
    scored: list[tuple[float, int, str]] = []
    for order, codec in enumerate(_candidates(sample, declared)):
        try:
            text = sample.decode(codec)
        except (UnicodeDecodeError, LookupError):
            try:  # a multi-byte character cut by the sample's end
                text = sample[:-4].decode(codec)
            except (UnicodeDecodeError, LookupError):
                continue
        if not _plausible(text):
            continue
        fit = _fit(text)
        if fit >= MIN_FIT:
            scored.append((-fit, order, codec))
    return [codec for _, _, codec in sorted(scored)]


def _candidates(sample: bytes, declared: str | None) -> list[str]:
    names = [declared] if declared else []
    names += LEGACY
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a dependency of httpx, always installed
        proposed: list[str] = []
    else:
        proposed = [match.encoding for match in from_bytes(sample[:16384])]
    names += proposed[:5]
    seen: list[str] = []
    for name in names:
        try:
            canonical = codecs.lookup(name).name
        except LookupError:
            continue
        if canonical not in seen and canonical not in ("utf-8", "ascii"):
            seen.append(canonical)
    return seen


def _plausible(text: str) -> bool:
    """Text-like: words of normal length, mostly letters, no C1 controls (the wrong table)."""
    words = text.split()
    if not words or sum(map(len, words)) / len(words) > 20:
        return False
    visible = [ch for ch in text if not ch.isspace()]
    if sum(ch.isalnum() for ch in visible) / len(visible) < 0.6:
        return False
    return not any("\x80" <= ch <= "\x9f" for ch in text)


def _fit(text: str) -> float:
    """Share of the non-ASCII letters (and of the symbols inside words) that one language explains.

    Letters in a word that switches from lower to upper case mid-word ("пРЕДСЕДАТЕЛЬ") do not
    count as explained: that is how a Cyrillic page in the wrong Cyrillic table reads.
    """
    alphabets = load_alphabets()
    letters: dict[str, int] = {}
    total = 0
    for word in _WORD.findall(text):
        broken = any(a.islower() and b.isupper() for a, b in zip(word, word[1:], strict=False))
        for ch in word:
            if ch < "\x80":
                continue
            total += 1
            if not broken:
                key = ch.lower()
                key = key if len(key) == 1 else ch  # "İ" lowers to "i" and a combining dot
                letters[key] = letters.get(key, 0) + 1
    total += len(_INNER.findall(text))
    if total == 0:
        return 1.0
    best = 0
    for alphabet in alphabets.latin.values():
        best = max(best, sum(n for ch, n in letters.items() if ch in alphabet))
    for ranges in alphabets.scripts.values():
        best = max(best, sum(n for ch, n in letters.items() if any(lo <= ord(ch) <= hi for lo, hi in ranges)))
    return best / total
