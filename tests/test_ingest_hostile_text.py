"""Texts shaped to hurt: punctuation runs, over-long articles, one 4 MB line, HTML nested ten
thousand levels deep (issue 9, findings 3 and 5). No model needed: this is the cleaning side."""

from __future__ import annotations

import time
from pathlib import Path

from parleys.documents import Article, RawDocument, Rejection
from parleys.ingest import read_inputs
from parleys.ingest.clean import MAX_PUNCT_RUN, SECTION_CHARS, clean, cut_punctuation_runs, sections
from parleys.ingest.html import cap_depth, extract
from parleys.settings import Settings
from sample_records import article_text, write_articles

PARAGRAPH = (
    "The Speaker of the National Assembly, Maria Tolvanen, met the visiting delegation from Ruritania "
    "in the capital on Monday to discuss trade and parliamentary cooperation."
)


def _outcomes(items: list[Article | Rejection]) -> list[tuple[str, str]]:
    return [(i.source, i.reason) if isinstance(i, Rejection) else (i.source, "article") for i in items]


def test_ingest_hostile_punctuation_runs_are_cut_before_the_tokenizer() -> None:
    text = f'{PARAGRAPH} {"“" * 20_000} {PARAGRAPH} !!!! ?!?! "Quoted." {"-=" * 40}'
    cut, runs = cut_punctuation_runs(text)
    assert runs == 2
    assert cut == f'{PARAGRAPH} “““ {PARAGRAPH} !!!! ?!?! "Quoted." -=-'
    # runs up to the limit are text ("...", "?!", a rule of dashes) and stay as they are
    kept = "Yes" + "!" * MAX_PUNCT_RUN
    assert cut_punctuation_runs(kept) == (kept, 0)


def test_ingest_hostile_quote_run_article_is_stored_with_the_run_cut(tmp_path: Path) -> None:
    good = write_articles(tmp_path / "good", 1)
    quotes = tmp_path / "quotes.txt"
    quotes.write_text(article_text(4) + '"' * 20_000 + "\n" + article_text(5), encoding="utf-8")
    items = list(read_inputs([str(quotes), str(good[0])], settings=Settings()))
    assert _outcomes(items) == [(str(quotes), "article"), (str(good[0]), "article")]
    assert '"' * (MAX_PUNCT_RUN + 1) not in items[0].text and '"""' in items[0].text
    assert len(items[0].text) < len(article_text(4)) + len(article_text(5)) + 10


def test_ingest_hostile_long_article_comes_out_in_sections_cut_at_paragraphs() -> None:
    paragraphs = [f"{PARAGRAPH} Paragraph {n}." for n in range(1500)]
    article = Article(id="long", source="long.txt", text="\n\n".join(paragraphs), title="T")
    assert len(article.text) > 2 * SECTION_CHARS
    parts = list(sections(article))
    assert [p.id for p in parts] == ["long-part1", "long-part2", "long-part3"]
    assert [p.source for p in parts] == ["long.txt#part1", "long.txt#part2", "long.txt#part3"]
    assert all(len(p.text) <= SECTION_CHARS and p.title == "T" for p in parts)
    # cut between paragraphs: every paragraph is whole in exactly one section
    assert [x for p in parts for x in p.text.split("\n\n")] == paragraphs
    short = Article(id="short", source="s.txt", text=PARAGRAPH)
    assert list(sections(short)) == [short]


def test_ingest_hostile_unbroken_run_is_cut_hard_at_the_limit() -> None:
    article = Article(id="blob", source="blob.txt", text="x" * (2 * SECTION_CHARS + 5))
    parts = list(sections(article))
    assert [len(p.text) for p in parts] == [SECTION_CHARS, SECTION_CHARS, 5]


def test_ingest_hostile_4mb_single_line_article_is_not_page_clutter(tmp_path: Path) -> None:
    """One line, wide gaps between its sentences, no full stop at its end: before, the line was
    dropped as a "tag list" and the article rejected as nothing but page clutter."""
    line = "   ".join([PARAGRAPH] * (4_000_000 // (len(PARAGRAPH) + 3))) + "   and the talks went on"
    path = tmp_path / "one-line.txt"
    path.write_text(line, encoding="utf-8")
    good = write_articles(tmp_path / "good", 1)
    started = time.perf_counter()
    items = list(read_inputs([str(path), str(good[0])], settings=Settings(max_bytes=5_000_000)))
    elapsed = time.perf_counter() - started
    sections_out = [i for i in items if i.source.startswith(str(path))]
    assert all(isinstance(i, Article) for i in items)
    assert len(sections_out) == -(-len(" ".join(line.split())) // SECTION_CHARS)  # whole sections
    assert sum(len(i.text) for i in sections_out) >= len(" ".join(line.split())) - len(sections_out)
    assert items[-1].source == str(good[0])
    assert elapsed < 60  # cleaning is linear: a few seconds for 4 MB


def test_ingest_hostile_single_long_word_line_is_kept_short_one_word_lines_are_clutter() -> None:
    raw = RawDocument(
        source="x", kind="text", content=f"{PARAGRAPH}\nMenu\n{PARAGRAPH}\n{'x' * 5000}", doc_id="x"
    )
    article = clean(raw, settings=Settings(min_chars=10))
    assert isinstance(article, Article)
    assert "Menu" not in article.text and "x" * 5000 in article.text


def _nested(depth: int) -> str:
    return (
        "<html><head><title>Deep</title></head><body>"
        + "<div class='w'>" * depth
        + f"<p>{PARAGRAPH}</p><p>{PARAGRAPH} Both sides signed a memorandum.</p>"
        + "</div>" * depth
        + "</body></html>"
    )


def test_ingest_hostile_html_nested_10000_levels_keeps_its_article_text(tmp_path: Path) -> None:
    page = tmp_path / "deep.html"
    page.write_text(_nested(10_000), encoding="utf-8")
    good = write_articles(tmp_path / "good", 1)
    items = list(read_inputs([str(page), str(good[0])], settings=Settings()))
    assert _outcomes(items) == [(str(page), "article"), (str(good[0]), "article")]
    assert "Both sides signed a memorandum." in items[0].text
    assert items[0].text.count("Maria Tolvanen") == 2


def test_ingest_hostile_cap_depth_is_linear_and_leaves_shallow_pages_alone() -> None:
    assert cap_depth(_nested(50)) is None
    flat = cap_depth("<div><span>" * 20_000 + "<p>text &amp; more</p>" + "</span>")
    assert flat is not None and "text &amp; more" in flat and flat.count("<div>") <= 200
    small, large = _nested(20_000), _nested(80_000)
    started = time.perf_counter()
    cap_depth(small)
    t_small = time.perf_counter() - started
    started = time.perf_counter()
    cap_depth(large)
    t_large = time.perf_counter() - started
    assert t_large < 4 * t_small * 3  # four times the input: at most about four times the time
    page = extract(_nested(100_000))
    assert page is not None and "memorandum" in page.text


def test_ingest_hostile_clutter_patterns_do_not_backtrack_exponentially() -> None:
    """Lines the fuzz test found: each took from 15 s to hours in the line patterns before."""
    lines = ["x > " * 30 + "x.", "x>" * 25 + "x.", "en ru kz " * 20 + ".", "help | ab " * 14 + "."]
    for line in lines:
        started = time.perf_counter()
        article = clean(
            RawDocument(
                source="x", kind="text", content=f"{PARAGRAPH}\n{PARAGRAPH}\n{PARAGRAPH}\n{line}", doc_id="x"
            ),
            settings=Settings(min_chars=10),
        )
        assert time.perf_counter() - started < 1.0, line
        assert isinstance(article, Article) and PARAGRAPH in article.text
