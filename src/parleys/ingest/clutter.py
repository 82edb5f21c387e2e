"""Page clutter around scraped articles: menus, currency and weather boxes, bylines, share
widgets, trailing blocks of related headlines. The patterns are data (``data/clutter.json``);
this module applies them line by line, keeping every sentence of the article.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from importlib import resources

from parleys.ingest.language import latin_share
from parleys.ingest.published import stamp

SENTENCE_END = tuple(".!?…:;\"”»’')")
MAX_WORD_LINE = 1000  # a one-word line longer than this is data, not a menu entry or a link


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text, whitespace-normalised; ``columns`` counts wide gaps inside it (tag lists)."""

    text: str
    columns: int = 0


@dataclass(frozen=True, slots=True)
class ClutterRules:
    drop: re.Pattern[str]
    inline: re.Pattern[str]
    byline_label: re.Pattern[str]
    related: re.Pattern[str]
    footer: re.Pattern[str]
    name_line: re.Pattern[str]
    max_block_words: int
    max_sentence_share: float
    non_latin_share: float


@functools.cache
def load_rules() -> ClutterRules:
    """The compiled patterns of ``data/clutter.json`` (read once; the result is immutable)."""
    data = json.loads(resources.files("parleys.ingest").joinpath("data/clutter.json").read_text("utf-8"))

    def either(patterns: list[str]) -> re.Pattern[str]:
        # a leading "(?i)" becomes a scoped flag, so that case-sensitive patterns can join the group
        return re.compile("|".join(f"(?i:{p[4:]})" if p.startswith("(?i)") else f"(?:{p})" for p in patterns))

    return ClutterRules(
        drop=either(list(data["drop_lines"].values())),
        inline=either(data["inline_remove"]),
        byline_label=either(data["byline_labels"]),
        related=either(data["related_markers"]),
        footer=either(data["footer_markers"]),
        name_line=re.compile(data["name_line"]),
        max_block_words=int(data["max_block_words"]),
        max_sentence_share=float(data["max_sentence_share_in_headlines"]),
        non_latin_share=float(data["non_latin_line_share"]),
    )


def is_sentence(text: str) -> bool:
    return text.endswith(SENTENCE_END)


def remove_clutter(lines: list[Line], *, rules: ClutterRules) -> list[str]:
    """The article's lines without clutter; blank lines ("") mark paragraph breaks."""
    keep = [
        rules.inline.sub("", line.text).strip() if "(" in line.text or "[" in line.text else line.text
        for line in lines
    ]
    _drop_clutter_lines(keep, rules)
    _cut_trailing_block(keep, rules)
    _drop_trailing_byline(keep, lines, rules)
    return keep


def _is_marker(text: str, rules: ClutterRules) -> bool:
    return bool(rules.related.fullmatch(text) or rules.footer.fullmatch(text))


def _drop_clutter_lines(keep: list[str], rules: ClutterRules) -> None:
    """Whole-line clutter, timestamp lines with the byline above them, and labelled bylines."""
    previous: int | None = None  # index of the last non-blank line seen
    expect_byline = False
    for i, text in enumerate(keep):
        if not text:
            continue
        if _is_marker(text, rules):
            previous = i
            continue
        if expect_byline and len(text.split()) <= 6 and not is_sentence(text):
            keep[i] = ""
        elif rules.byline_label.fullmatch(text):
            keep[i] = ""
            expect_byline = True
            previous = i
            continue
        elif stamp(text)[0]:
            keep[i] = ""
            if previous is not None and rules.name_line.fullmatch(keep[previous]):
                keep[previous] = ""  # "Adlet Seilkhanov" above "14 May 2021, 10:30"
        elif (
            rules.drop.fullmatch(text)
            or (
                len(text) <= MAX_WORD_LINE
                and len(text.split()) == 1
                and not is_sentence(text)
                and not _wraps_on(keep, i)
            )
            or latin_share(text) < rules.non_latin_share
        ):
            keep[i] = ""
        expect_byline = False
        previous = i


def _wraps_on(keep: list[str], i: int) -> bool:
    """Whether the one-word line ``i`` is hard-wrapped prose: a word ("The", "Canada's") and right
    below it, with no blank line between, a line of words that opens in lower case ("delegation has
    the honour ..."), as no menu entry or figure ("usd/kzt") does."""
    following = keep[i + 1] if i + 1 < len(keep) else ""
    word = keep[i].replace("\u2019", "").replace("'", "").replace("-", "")
    return word.isalpha() and len(following.split()) >= 3 and following[0].islower()


def _cut_trailing_block(keep: list[str], rules: ClutterRules) -> None:
    """Cut at a "Related news" / footer marker that starts a trailing block of headlines or
    short legal lines; a marker followed by article text is dropped alone."""
    for i, text in enumerate(keep):
        if not text or not _is_marker(text, rules):
            continue
        rest = [t for t in keep[i + 1 :] if t]
        short = all(len(t.split()) <= rules.max_block_words for t in rest)
        sentences = sum(is_sentence(t) for t in rest)
        footer = bool(rules.footer.fullmatch(text))
        if short and (footer or sentences <= rules.max_sentence_share * len(rest)):
            keep[i:] = [""] * (len(keep) - i)
            _drop_tags_before(keep, i)
            return
        keep[i] = ""


def _drop_tags_before(keep: list[str], end: int) -> None:
    """Tag lists ("Foreign policy Kazakhstan and USA") just above a cut related block."""
    for j in range(end - 1, -1, -1):
        if not keep[j]:
            continue
        if is_sentence(keep[j]) or len(keep[j].split()) > 15:
            return
        keep[j] = ""


def _drop_trailing_byline(keep: list[str], lines: list[Line], rules: ClutterRules) -> None:
    """After the last sentence: a bare byline ("Adlet Seilkhanov") and what follows it, and
    column-separated tag lists."""
    last = max((i for i, t in enumerate(keep) if t and is_sentence(t)), default=-1)
    for i in range(last + 1, len(keep)):
        if not keep[i]:
            continue
        if rules.name_line.fullmatch(keep[i]):
            keep[i:] = [""] * (len(keep) - i)
            return
        if lines[i].columns >= 2 and len(keep[i].split()) <= rules.max_block_words:
            keep[i] = ""  # a tag list is short: a long line with wide gaps is text laid out in columns
