"""Cleaning: clutter goes, every article sentence stays; language and length checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from parleys.documents import Article, RawDocument, Rejection
from parleys.ingest import clean, read_inputs
from parleys.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
CLUTTERED = FIXTURES / "text" / "cluttered.txt"
SENTENCES = [
    "Kazakh and Norwegian MPs discuss green energy",
    "ASTANA. KAZINFORM – Member of the Majilis Daniyar Temirov met with a delegation of the Storting of "
    "Norway, the press service of the lower chamber reports.",
    "The parties discussed cooperation in renewable energy, the protection of the environment and the "
    "training of engineers.",
    "Daniyar Temirov said that the parliament had adopted a new law on energy saving this year.",
    "The Norwegian guests expressed interest in joint research projects.",
]
CLUTTER = [
    "Go to the main site",
    "Currency rates",
    "usd/kzt",
    "rub/kzt",
    "Weather",
    "Astana+18",
    "701 759",
    "中文",
    "Main Page",
    "Телерадиокомпания",
    "16 px",
    "Share:",
    "Tell a friend",
    "21 December 2022",
    "Photo",
    "cookies",
    "newsletter",
    "Author",
    "Tomas Jansen",
    "Related news",
    "budget law",
    "credentials",
    "book fair",
]
ENGLISH = (
    "Speaker of the Senate Aigerim Sadykova received a delegation of the Swedish Riksdag led by Henrik "
    "Lindqvist. The parties discussed the development of interparliamentary ties and trade."
)


def _raw(text: str, **fields: object) -> RawDocument:
    return RawDocument(source="mem", kind="text", content=text, doc_id="doc", **fields)  # type: ignore[arg-type]


def test_clean_removes_clutter_and_keeps_every_sentence() -> None:
    [article] = read_inputs([str(CLUTTERED)], settings=Settings())
    assert isinstance(article, Article)
    assert article.text == "\n\n".join(SENTENCES)
    for clutter in CLUTTER:
        assert clutter not in article.text
    assert article.published == date(2022, 12, 21)


def test_clean_normalises_whitespace_but_keeps_paragraph_breaks() -> None:
    text = "  First   paragraph\u00a0line one.\n\tline two.\n\n\n\n   Second paragraph.\u200b\n\n" + ENGLISH
    article = clean(_raw(text), settings=Settings(min_chars=10))
    assert isinstance(article, Article)
    assert article.text == f"First paragraph line one.\nline two.\n\nSecond paragraph.\n\n{ENGLISH}"


def test_clean_keeps_a_one_word_line_of_hard_wrapped_prose() -> None:
    text = (
        "Report of the visit\n\nThe\ndelegation of Senator Ilse Marvik tabled its report.\n"
        "Velmora\u2019s\nrelations with Ostrava are close and long-standing.\n\n"
        "Weather\nrub/kzt\nusd/kzt\n\nTags\nbudget law, trade\n\n" + ENGLISH
    )
    article = clean(_raw(text), settings=Settings(min_chars=10))
    assert isinstance(article, Article)
    assert "The\ndelegation of Senator Ilse Marvik" in article.text
    assert "Velmora\u2019s\nrelations with Ostrava" in article.text
    for menu in ("Weather", "rub/kzt", "usd/kzt"):
        assert menu not in article.text


def test_clean_related_marker_cuts_only_a_trailing_block_of_headlines() -> None:
    body = (
        f"{ENGLISH}\n\nRelated\n\nThe delegation will also visit the national museum on Friday, where "
        "the guests will see an exhibition of manuscripts and meet researchers of the national academy "
        "of sciences."
    )
    article = clean(_raw(body), settings=Settings())
    assert isinstance(article, Article)
    assert "Related" not in article.text
    assert article.text.endswith("researchers of the national academy of sciences.")
    trailing = clean(
        _raw(f"{ENGLISH}\n\nRelated news\nSenate adopts law\nMinister visits Almaty"),
        settings=Settings(min_chars=10),
    )
    assert isinstance(trailing, Article) and trailing.text == ENGLISH


def test_clean_drops_bylines_next_to_timestamps_and_at_the_end() -> None:
    text = (
        "Speaker meets Swedish delegation\n\nErik Holm\n14 May 2021, 10:30\n"
        f"{ENGLISH}\n\nPhoto: senate.example.kz\n\nErik Holm\n\nSenate Parliament Sweden"
    )
    article = clean(_raw(text), settings=Settings(min_chars=10))
    assert isinstance(article, Article)
    assert article.text == f"Speaker meets Swedish delegation\n\n{ENGLISH}"
    assert article.published == date(2021, 5, 14)


def test_clean_drops_lines_of_non_latin_script_in_an_english_article() -> None:
    text = (
        f"Цвет сайта\nРасстояние между буквами\n{ENGLISH}\nQazaq TV Телерадиокомпания Президента Казахстана"
    )
    article = clean(_raw(text), settings=Settings(min_chars=10))
    assert isinstance(article, Article) and article.text == ENGLISH


@pytest.mark.parametrize("language", ["fr", "de", "es", "tr", "ru", "kk"])
def test_clean_non_english_article_is_rejected_others_pass(language: str) -> None:
    foreign = str(FIXTURES / "lang" / f"{language}.txt")
    items = list(read_inputs([foreign, str(CLUTTERED)], settings=Settings()))
    assert isinstance(items[0], Rejection)
    assert (items[0].source, items[0].reason) == (foreign, "language")
    assert isinstance(items[1], Article) and items[1].id == "cluttered"


def test_clean_short_text_is_rejected_as_too_short() -> None:
    rejection = clean(_raw(f"Go to the main site\n{ENGLISH}"), settings=Settings(min_chars=500))
    assert isinstance(rejection, Rejection) and rejection.reason == "too_short"
    assert rejection.detail == f"{len(ENGLISH)} characters after cleaning, fewer than 500"


def test_clean_text_of_clutter_only_is_no_text() -> None:
    rejection = clean(
        _raw("Go to the main site\nWeather:\nShare:\n21 December 2022, 19:10"), settings=Settings()
    )
    assert isinstance(rejection, Rejection) and rejection.reason == "no_text"


def test_clean_keeps_metadata_and_prefers_the_raw_date() -> None:
    raw = _raw(
        f"21 December 2022, 19:10\n{ENGLISH}",
        title="T",
        url="https://x.example/1",
        published=date(2020, 1, 2),
    )
    article = clean(raw, settings=Settings(min_chars=10))
    assert isinstance(article, Article)
    assert (article.id, article.title, article.url, article.published) == (
        "doc",
        "T",
        "https://x.example/1",
        date(2020, 1, 2),
    )
    assert article.text == ENGLISH
