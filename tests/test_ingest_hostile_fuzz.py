"""Fuzzing the read-clean-extract path: mutated articles (invented ones, and the seeds when
../shared is there) never raise, and never cost more than 20 times the seeds' time per character.

Two properties: 300 examples through the cleaning side alone (cheap: it is where hostile text
arrives first), and 60 through cleaning and the guarded extractor (the model). The bound is a
ratio measured in the same run, so the machine's speed cancels out. Short texts pay a fixed cost
per document, so each example's time is compared with the seeds' time per character times the
larger of its length and a floor (the shortest seed's length; four times it for cleaning alone,
whose times are a few milliseconds and so noisier).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parleys.documents import Article, RawDocument, Rejection
from parleys.extract.parallel import GuardedExtractor
from parleys.ingest.clean import clean, sections
from parleys.records import ArticleRecord
from parleys.settings import Settings
from sample_records import article_text

MAX_RATIO = 20.0
MAX_CHARS = 12_000  # five times a seed: enough for a quadratic step to show, small enough for CI
SETTINGS = Settings()
INVENTED = [article_text(i) for i in range(4)] + [
    "VALLETTA, 3 March 2024 - The President of the House of Representatives of Ruritania, Ana Kolar, "
    "held talks with the visiting Speaker of the Storting, Per Lindqvist, on energy and fisheries.\n\n"
    "“We share the same sea,” Kolar said. The two sides signed a memorandum on staff exchanges.\n"
    "Published Mar 3,2024\nPhoto: Press Office\n"
]
PUNCTUATION = list("\"'“”«»!?.,;:()[]{}<>-–—_*/\\|#@&%$^~`…")


def _bases() -> list[str]:
    seeds = Path(__file__).resolve().parents[2] / "shared" / "seeds"
    found = sorted(seeds.glob("*.txt")) if seeds.is_dir() else []
    return INVENTED + [p.read_text(encoding="utf-8") for p in found]


BASES = _bases()


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(BASES))
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["run", "pattern", "junk", "cut", "repeat", "lines", "markup"]))
        if kind == "run":  # one mark repeated: quadratic in spaCy's suffix search before the guard
            piece = draw(st.sampled_from(PUNCTUATION)) * draw(st.integers(1, 20_000))
        elif kind == "pattern":
            piece = draw(st.text(st.sampled_from(PUNCTUATION), min_size=2, max_size=4)) * draw(
                st.integers(1, 5_000)
            )
        elif kind == "junk":
            piece = draw(st.text(min_size=1, max_size=300))
        elif kind == "cut":
            end = draw(st.integers(at, len(text)))
            text, piece = text[:at] + text[end:], ""
            at = min(at, len(text))
        elif kind == "repeat" and len(text) < MAX_CHARS // 4:
            text, piece, at = text * draw(st.integers(2, 4)), "", 0
        elif kind == "lines":
            piece = "\n" * draw(st.integers(1, 50)) + " " * draw(st.integers(0, 50))
        elif kind == "markup":
            piece = "<div>" * draw(st.integers(1, 300)) + "<p>" + draw(st.text(max_size=50))
        else:
            piece = ""
        text = text[:at] + piece + text[at:]
    return text[:MAX_CHARS]


def _extract(guarded: GuardedExtractor) -> Callable[[str], list[ArticleRecord | Rejection]]:
    def run(text: str) -> list[ArticleRecord | Rejection]:
        cleaned = _clean(text)
        return [o for o in cleaned if isinstance(o, Rejection)] + list(
            guarded.extract_many(o for o in cleaned if isinstance(o, Article))
        )

    return run


def _clean(text: str) -> list[Article | Rejection]:
    cleaned = clean(RawDocument(source="fuzz", kind="text", content=text, doc_id="fuzz"), settings=SETTINGS)
    return [cleaned] if isinstance(cleaned, Rejection) else list(sections(cleaned))


def _per_char(run: Callable[[str], object], rounds: int) -> float:
    """The seeds' median seconds per character (after a warm-up run of each)."""
    for text in BASES:
        run(text)
    per_char = []
    for _ in range(rounds):
        for text in BASES:
            started = time.perf_counter()
            run(text)
            per_char.append((time.perf_counter() - started) / len(text))
    return statistics.median(per_char)


def _check_linear(run: Callable[[str], list[Any]], *, examples: int, floor: int, per_char: float) -> None:
    ratios: list[float] = []

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(mutated())
    def check(text: str) -> None:
        started = time.perf_counter()
        outcomes = run(text)  # an exception escaping here fails the test, and hypothesis shows the input
        elapsed = time.perf_counter() - started
        assert all(isinstance(o, Article | ArticleRecord | Rejection) for o in outcomes)
        ratio = elapsed / (per_char * max(len(text), floor))
        ratios.append(ratio)
        assert ratio <= MAX_RATIO, f"{elapsed:.2f} s for {len(text)} characters: {ratio:.1f}x the seeds"

    check()
    assert len(ratios) >= examples // 2


def test_ingest_hostile_fuzz_cleaning_never_raises_and_stays_linear() -> None:
    per_char = _per_char(_clean, rounds=5)
    _check_linear(_clean, examples=300, floor=4 * min(map(len, BASES)), per_char=per_char)


@pytest.mark.model
def test_ingest_hostile_fuzz_extraction_never_raises_and_stays_linear(extractor) -> None:
    run = _extract(GuardedExtractor(extractor, timeout=0))
    per_char = _per_char(run, rounds=1)
    _check_linear(run, examples=60, floor=min(map(len, BASES)), per_char=per_char)
