"""Bytes to text: empty, binary, oversized and badly encoded inputs become rejections."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from parleys.documents import Article, Rejection
from parleys.ingest import read_inputs
from parleys.ingest.decode import check_bytes, decode_bytes, read_bytes
from parleys.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOOD = FIXTURES / "text" / "senate-visit.txt"
RUSSIAN = (FIXTURES / "lang" / "ru.txt").read_text(encoding="utf-8")
ENGLISH_LATIN1 = (
    "Deputies of the Majilis met with members of the Swiss Federal Assembly in Zürich and visited a café "
    "where the delegation discussed the protection of minority languages, vocational training and the "
    "exchange of experience in direct democracy with the cantonal parliament of Genève. "
) * 2


def _reasons(items: list[Article | Rejection]) -> list[tuple[str, str]]:
    return [(i.source, i.reason if isinstance(i, Rejection) else "article") for i in items]


def _write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_decode_empty_and_whitespace_files_are_rejected_others_pass(tmp_path: Path) -> None:
    empty = _write(tmp_path / "empty.txt", b"")
    blank = _write(tmp_path / "blank.txt", b"  \n\n\t \n")
    items = list(read_inputs([empty, str(GOOD), blank], settings=Settings()))
    assert _reasons(items) == [(empty, "empty"), (str(GOOD), "article"), (blank, "empty")]
    assert items[1].id == "senate-visit"


@pytest.mark.parametrize(
    "data",
    [
        b"Speaker met\x00\x00 the delegation" * 10,
        b"\x89PNG\r\n\x1a\n" + b"IHDR" * 50,
        bytes([1, 2, 3, 4, 5, 6, 14, 15, 16]) * 40 + b"some text",
    ],
    ids=["nul-bytes", "png-signature", "control-characters"],
)
def test_decode_binary_file_is_rejected(tmp_path: Path, data: bytes) -> None:
    binary = _write(tmp_path / "blob.txt", data)
    items = list(read_inputs([binary, str(GOOD)], settings=Settings()))
    assert _reasons(items) == [(binary, "binary"), (str(GOOD), "article")]


def test_decode_cp1251_comes_out_as_cyrillic_and_is_rejected_as_language(tmp_path: Path) -> None:
    data = RUSSIAN.encode("cp1251")
    assert decode_bytes(data, source="x") == RUSSIAN
    russian = _write(tmp_path / "ru-cp1251.txt", data)
    items = list(read_inputs([russian, str(GOOD)], settings=Settings()))
    assert _reasons(items) == [(russian, "language"), (str(GOOD), "article")]
    assert "CYRILLIC" in items[0].detail


def test_decode_latin1_english_article_is_read_with_its_accents(tmp_path: Path) -> None:
    data = ENGLISH_LATIN1.encode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path = _write(tmp_path / "zurich.txt", data)
    [article] = read_inputs([path], settings=Settings())
    assert isinstance(article, Article)
    assert "Zürich" in article.text and "café" in article.text and "Genève" in article.text


def test_decode_undecodable_bytes_are_rejected_as_encoding(tmp_path: Path) -> None:
    data = bytes(range(0xA0, 0x100)) * 20  # invalid UTF-8; no reading gives words
    assert isinstance(decode_bytes(data, source="x"), Rejection)
    path = _write(tmp_path / "noise.txt", data)
    items = list(read_inputs([path, str(GOOD)], settings=Settings()))
    assert _reasons(items) == [(path, "encoding"), (str(GOOD), "article")]


def test_decode_file_over_max_bytes_is_rejected_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:  # sparse: the size is checked with stat, not by reading
        handle.truncate(10_000_000)
    settings = Settings(max_bytes=1_000)
    rejection = read_bytes(big, settings=settings)
    assert isinstance(rejection, Rejection) and rejection.reason == "too_large"
    assert "10000000 bytes" in rejection.detail
    items = list(read_inputs([str(big), str(GOOD)], settings=settings))
    assert _reasons(items) == [(str(big), "too_large"), (str(GOOD), "article")]


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_decode_byte_order_marks_are_honoured_and_stripped(bom: bytes, codec: str) -> None:
    text = " date 2024-03-05 Speaker met the delegation."
    data = bom + text.encode(codec)
    assert check_bytes(data, source="x") is None
    assert decode_bytes(data, source="x") == text


def test_decode_declared_charset_is_tried_first() -> None:
    data = "Délégation reçue à Genève".encode("iso-8859-15")
    assert decode_bytes(data, source="x", declared="iso-8859-15") == "Délégation reçue à Genève"
