"""spaCy ``Matcher`` patterns read for what they need, so that the Matcher runs where it can match.

spaCy's ``Matcher`` walks every token of the text for every pattern and calls a Python predicate
for each "IN" list a token reaches; on a news article that costs about a microsecond per token and
pattern. A pattern's tokens that must occur (no "OP", or "+") with a LOWER word or "IN" list say
where it can match at all: :func:`required_words`. A text that lacks one of those words holds no
match, and a match holds one of them, so a pattern of bounded length (:func:`longest`) only
needs the tokens around each occurrence of its rarest required word: :class:`AnchoredMatcher`
returns the same matches as the plain Matcher from those windows alone.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from parleys.extract.extensions import lowers_of

_REPEAT = re.compile(r"\{(\d*),?(\d*)\}")


def required_words(pattern: Sequence[dict[str, Any]]) -> list[frozenset[str]]:
    """The words, in lower case, of each token of a Matcher pattern that must occur (no "OP", or
    "+") and gives its LOWER (one word, or an "IN" list): a text whose lower case holds none of one
    set's words cannot match the pattern."""
    out = []
    for spec in pattern:
        if spec.get("OP", "+") != "+":
            continue
        lower = spec.get("LOWER")
        if isinstance(lower, str):
            out.append(frozenset([lower.lower()]))
        elif isinstance(lower, dict) and set(lower) == {"IN"}:
            out.append(frozenset(w.lower() for w in lower["IN"]))
    return out


def literal_first(pattern: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """A Matcher pattern whose first token is only a LOWER "IN" list, as one pattern per word of
    that list (the same matches under one key): the Matcher tests a literal first token in C at
    every token of the text, but calls a Python predicate for an "IN" list."""
    first = pattern[0] if pattern else {}
    lower = first.get("LOWER")
    if set(first) == {"LOWER"} and isinstance(lower, dict) and set(lower) == {"IN"}:
        return [[{"LOWER": word}, *pattern[1:]] for word in dict.fromkeys(lower["IN"])]
    return [list(pattern)]


def longest(pattern: Sequence[dict[str, Any]]) -> int | None:
    """The most tokens a match of the pattern can span; None where an operator is unbounded
    ("*", "+", "{2,}")."""
    n = 0
    for spec in pattern:
        op = spec.get("OP", "1")
        if op in ("*", "+"):
            return None
        repeat = _REPEAT.fullmatch(op)
        if repeat is None:  # "1", "?" or "!" (a negated token still takes up the token it tests)
            n += 1
            continue
        low, high = repeat.groups()
        if "," in op and not high:
            return None
        n += int(high or low)
    return n


class AnchoredMatcher:
    """A Matcher whose patterns run only around their anchors, with the plain Matcher's matches.

    Each pattern keeps a Matcher of its own. On a text, a pattern whose required words are not all
    there is skipped; one of unbounded length, or without a required LOWER token, runs over the
    whole text; any other runs over the windows of ``longest - 1`` tokens either side of each
    occurrence of its required word set that occurs least often in that text. Matches are
    ``(match_id, start, end)`` in document offsets, each once per key, as spaCy's Matcher gives
    them (in another order)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._patterns: list[tuple[Matcher, list[frozenset[str]], int | None]] = []

    def __len__(self) -> int:
        return len(self._patterns)

    def add(self, key: str, pattern: Sequence[dict[str, Any]]) -> None:
        matcher = Matcher(self.vocab)
        matcher.add(key, literal_first(pattern))
        self._patterns.append((matcher, required_words(pattern), longest(pattern)))

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        lowers = lowers_of(doc)
        counts = Counter(lowers)
        found: dict[tuple[int, int, int], None] = {}
        for matcher, need, span in self._patterns:
            if any(all(counts[w] == 0 for w in words) for words in need):
                continue
            if span is None or not need:
                found.update(dict.fromkeys(matcher(doc)))
                continue
            anchor = min(need, key=lambda words: sum(counts[w] for w in words))
            for start, end in _windows([i for i, w in enumerate(lowers) if w in anchor], span, len(doc)):
                found.update(dict.fromkeys((k, start + s, start + e) for k, s, e in matcher(doc[start:end])))
        return list(found)


def _windows(positions: list[int], span: int, length: int) -> list[tuple[int, int]]:
    """The token ranges that hold every match of at most ``span`` tokens through one of
    ``positions`` (ascending), with overlapping ranges joined."""
    out: list[tuple[int, int]] = []
    for p in positions:
        start, end = max(0, p - span + 1), min(length, p + span)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out
