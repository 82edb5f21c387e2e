"""Legacy encodings decode to the right letters, and UTF-16 without a byte-order mark is text
(issue 9, finding 6). Each file is read beside a good UTF-8 article that must come out too."""

from __future__ import annotations

from pathlib import Path

import pytest

from parleys.documents import Article, Rejection
from parleys.ingest import read_inputs
from parleys.ingest.decode import check_bytes, decode_bytes, utf16_without_bom
from parleys.settings import Settings
from sample_records import article_text, write_articles

TURKISH_ENGLISH = (
    "ANKARA - Speaker of the Grand National Assembly of Türkiye Selim Kurtoğlu received the visiting "
    "delegation of the Parliament of Ruritania on Wednesday. Meclis Başkanı Kurtoğlu said that the "
    "friendship group had met in Ağrı and in İzmir, and that both sides would work on trade, energy and "
    "the exchange of parliamentary staff. The guests thanked the Speaker for the warm welcome.\n"
)
SAMPLES = {
    "cp1254": (
        "Türkiye Büyük Millet Meclisi Başkanı Selim Kurtoğlu, Ruritanya Parlamentosu heyetini kabul etti. "
        "Görüşmede iki ülke arasındaki ilişkiler ve işbirliği ele alındı; Başkan, dostluk grubunun "
        "çalışmalarını değerlendirdi ve heyete başarılar diledi.",
        "Başkanı",
    ),
    "cp1251": (
        "Председатель Государственной Думы встретился с делегацией парламента Руритании. Стороны обсудили "
        "вопросы межпарламентского сотрудничества, развития торговли и обмена опытом законотворчества.",
        "Председатель",
    ),
    "cp1250": (
        "Marszałek Sejmu spotkała się z przewodniczącym parlamentu Ruritanii. Rozmowa dotyczyła współpracy "
        "między obu izbami, bezpieczeństwa w regionie oraz wymiany doświadczeń komisji sejmowych.",
        "Marszałek",
    ),
    "latin-1": (
        "Le président de l'Assemblée nationale a reçu le président du Sénat de Ruritanie. Les deux "
        "hommes ont évoqué la coopération parlementaire, la sécurité régionale "
        "et l'accès des élèves aux échanges.",
        "président",
    ),
}


def _outcomes(items: list[Article | Rejection]) -> list[tuple[str, str]]:
    return [(i.source, i.reason) if isinstance(i, Rejection) else (i.source, "article") for i in items]


@pytest.mark.parametrize("codec", sorted(SAMPLES))
def test_ingest_hostile_legacy_encodings_decode_to_their_own_letters(codec: str) -> None:
    text, word = SAMPLES[codec]
    data = text.encode(codec)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    decoded = decode_bytes(data, source="x")
    assert decoded == text
    assert word in decoded


def test_ingest_hostile_turkish_english_article_in_cp1254_keeps_its_names(tmp_path: Path) -> None:
    good = write_articles(tmp_path / "good", 1)
    turkish = tmp_path / "ankara.txt"
    turkish.write_bytes(TURKISH_ENGLISH.encode("cp1254"))
    items = list(read_inputs([str(turkish), str(good[0])], settings=Settings()))
    assert _outcomes(items) == [(str(turkish), "article"), (str(good[0]), "article")]
    assert "Selim Kurtoğlu" in items[0].text and "Başkanı" in items[0].text and "İzmir" in items[0].text
    assert "þ" not in items[0].text and "ý" not in items[0].text


def test_ingest_hostile_icelandic_letters_still_read_as_cp1252() -> None:
    """The Turkish preference decides only between readings that tie: "ó" is not Turkish."""
    text = "The minister Guðrún Þórsdóttir met the Speaker in Reykjavík on Monday to talk about fisheries."
    assert decode_bytes(text.encode("cp1252"), source="x") == text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("language", ["english", "cp1254", "cp1251"])
def test_ingest_hostile_utf16_without_bom_is_text(tmp_path: Path, codec: str, language: str) -> None:
    text = article_text(3) if language == "english" else SAMPLES[language][0]
    data = text.encode(codec)
    assert not data.startswith((b"\xff\xfe", b"\xfe\xff"))
    assert utf16_without_bom(data) == codec
    assert check_bytes(data, source="x") is None
    assert decode_bytes(data, source="x") == text
    good = write_articles(tmp_path / "good", 1)
    path = tmp_path / "wide.txt"
    path.write_bytes(data)
    items = list(read_inputs([str(path), str(good[0])], settings=Settings()))
    expected = "article" if language == "english" else "language"
    assert _outcomes(items) == [(str(path), expected), (str(good[0]), "article")]
    if language == "english":
        assert items[0].text.startswith("ASTANA. KAZINFORM - Chairman of the Mazhilis")


def test_ingest_hostile_nul_bytes_that_are_not_utf16_stay_binary() -> None:
    data = b"Speaker met\x00\x00 the delegation" * 10
    assert utf16_without_bom(data) is None
    rejection = check_bytes(data, source="x")
    assert isinstance(rejection, Rejection) and rejection.reason == "binary"
