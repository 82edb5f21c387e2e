"""The persons component's time grows linearly with the length of an article.

A long article that repeats the same paragraphs (a roster, a page of minutes) used to cost time
quadratic in its number of name mentions: list detection built the tokens between every pair of
mentions, and coreference compared each mention with every earlier one.
"""

from __future__ import annotations

import time

PARAGRAPH = (
    "Speaker of the Senate Aldo Brenn received Ambassador of Norway to Chile Mira Kvell. "
    "The delegation included deputies Tomas Ferrow, Ilse Varga, Piet Olmo and Rosa Lind. "
    "Senator Hugo Drava, Nell Ostrom and Karl Wendt also attended, as did Brenn and Kvell.\n\n"
)

PERSONS_STEPS = ("parleys_person_mentions", "parleys_coreference", "parleys_name_check", "parleys_persons")


def _persons_seconds(extractor, repeats: int) -> tuple[float, int]:
    """Seconds the persons steps take together on ``repeats`` paragraphs (best of three), and the
    number of name mentions they found."""
    nlp = extractor.nlp
    steps = [pipe for name, pipe in nlp.pipeline if name in PERSONS_STEPS]
    assert len(steps) == len(PERSONS_STEPS)
    doc = nlp.make_doc(PARAGRAPH * repeats)
    for name, pipe in nlp.pipeline:
        if name.startswith("parleys_"):
            break
        doc = pipe(doc)
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        for step in steps:
            step(doc)
        best = min(best, time.perf_counter() - started)
    return best, len(doc._.mentions)


def test_persons_time_is_linear_in_article_length(extractor):
    small, small_mentions = _persons_seconds(extractor, 40)
    large, large_mentions = _persons_seconds(extractor, 160)
    assert large_mentions >= 3.5 * small_mentions  # the names of every paragraph are found
    # four times the text: linear time gives a ratio near 4, quadratic near 16
    assert large / small < 8.0, f"{small:.3f}s for 40 paragraphs, {large:.3f}s for 160"


def test_persons_repeated_roster_keeps_one_person_per_name(extractor):
    finder_doc = extractor.nlp(PARAGRAPH * 20)
    names = sorted(p.name for p in finder_doc._.persons)
    assert names == sorted(
        [
            "Aldo Brenn",
            "Mira Kvell",
            "Tomas Ferrow",
            "Ilse Varga",
            "Piet Olmo",
            "Rosa Lind",
            "Hugo Drava",
            "Nell Ostrom",
            "Karl Wendt",
        ]
    )
