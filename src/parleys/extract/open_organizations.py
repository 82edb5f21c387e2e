"""Open-world recognition of international bodies that no registry lists.

A capitalised name whose head is an organization word ("Assembly", "Council", "Forum", "Fund")
names a multilateral body when a multilateral cue stands before the head ("Global Council for
...", "Arab Development Fund", "Inter-American Meeting of ...") or the "of" phrase after it names
a region or a plural of states ("... of the Mediterranean", "... of Asian Parliaments"). A name
that holds a country, a demonym or a city is a national body ("Kenya Parliamentary Network"), and
so is a committee or council "on"/"for" a subject ("Committee on International Affairs"). A
name made only of cues and heads ("Regional Parliament") describes rather than names; a body
that the sentence proposes to set up is no body yet.

The words are data (``organizations.json``, key ``open_world``). The recogniser reads only token
text and shape, so it runs on a blank pipeline as well as on a parsed document.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span, Token

from parleys.extract.extensions import line_breaks, lowers_of

_CONNECTORS = frozenset({"of", "the", "for", "on", "and", "in", "&", "-", "–"})
_ACRONYM = re.compile(r"^[A-Z][A-Za-z]*[A-Z]+[A-Za-z]*$")


@dataclass(frozen=True)
class OpenWorldWords:
    """The word lists of the recogniser, folded to lower case."""

    heads: frozenset[str]
    cues: frozenset[str]
    cue_prefixes: tuple[str, ...]
    regions: frozenset[str]
    plurals: frozenset[str]
    national: frozenset[str]
    stop: frozenset[str]
    regional_heads: frozenset[str]
    proposals: frozenset[str]
    generic: frozenset[str]

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> OpenWorldWords:
        def words(key: str) -> frozenset[str]:
            return frozenset(w.casefold() for w in data.get(key, ()))

        return cls(
            heads=words("heads"),
            cues=words("cues"),
            cue_prefixes=tuple(p.casefold() for p in data.get("cue_prefixes", ())),
            regions=words("regions"),
            plurals=words("plurals"),
            national=words("national"),
            stop=words("stop"),
            regional_heads=words("regional_heads"),
            proposals=words("proposals"),
            generic=words("generic"),
        )


def _capitalised(token: Token) -> bool:
    text = token.text
    return text[:1].isupper() and not text.isupper() or (text.isupper() and len(text) > 1 and text.isalpha())


def _title_line(doc: Doc, start: int, end: int) -> bool:
    """The tokens ``doc[start:end]`` (a line) are written in title case: a headline, whose
    capitals say nothing about names."""
    words = [t for t in doc[start:end] if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= 0.9 * len(words)


def find_open_bodies(
    doc: Doc,
    words: OpenWorldWords,
    *,
    taken: Iterable[tuple[int, int]] = (),
    is_place: Callable[[str], bool] = lambda _text: False,
) -> list[Span]:
    """Spans naming multilateral bodies outside the ``taken`` token ranges, in text order.

    ``is_place`` says whether a word names a country, a demonym or a city (a national body).
    """
    blocked = [False] * (len(doc) + 1)
    for s, e in taken:
        for i in range(s, e):
            blocked[i] = True
    lines = _line_spans(doc)
    found: list[Span] = []
    i = 0
    n = len(doc)
    lowers = lowers_of(doc)
    while i < n:
        if blocked[i] or lowers[i] not in words.heads or not doc[i].text[:1].isupper():
            i += 1
            continue
        line_start, line_end = lines[i]
        if _title_line(doc, line_start, line_end):
            i += 1
            continue
        start = _left_edge(doc, i, line_start, blocked)
        end, of_phrase = _right_edge(doc, i, line_end, blocked)
        left = doc[start:i]
        name = doc[start:end]
        if (
            _is_multilateral(left, of_phrase, words, doc, i)
            and _is_distinctive(name, words)
            and not _is_national(name, words, is_place)
            and not _is_proposed(doc, start, words)
        ):
            found.append(Span(doc, start, end, label="open"))
            i = end
        else:
            i += 1
    return found


def _line_spans(doc: Doc) -> list[tuple[int, int]]:
    """For each token, the token range of its line."""
    out: list[tuple[int, int]] = []
    start = 0
    for j in line_breaks(doc):  # a token that holds a line break opens the next line
        out.extend((start, j) for _ in range(start, j))
        start = j
    out.extend((start, len(doc)) for _ in range(start, len(doc)))
    return out


def _left_edge(doc: Doc, head: int, line_start: int, blocked: list[bool]) -> int:
    """The first token of the name that ends in the head at ``head``: capitalised words and
    hyphens ("Arab - Islamic Contact Committee"), and "Economic, Social and Cultural" lists."""
    start = head
    j = head - 1
    while j >= line_start and not blocked[j]:
        t = doc[j]
        if _capitalised(t) and t.lower_ != "the":
            start = j
        elif (
            t.text in ("-", "–")
            and j - 1 >= line_start
            and _capitalised(doc[j - 1])
            and not (t.whitespace_ or doc[j - 1].whitespace_)
        ):
            start = j  # "Arab-Islamic", not "Stronger Pacific Parliaments - New Zealand Parliament"
        elif t.lower_ in (",", "and") and j - 1 >= line_start and _capitalised(doc[j - 1]) and start < head:
            start = j
        else:
            break
        j -= 1
    while doc[start].lower_ in (",", "and", "-", "–"):
        start += 1
    return start


def _right_edge(doc: Doc, head: int, line_end: int, blocked: list[bool]) -> tuple[int, Span | None]:
    """The end of the name after its head: an "of"/"for"/"on" phrase of capitalised words
    ("Meeting of Presidents of Legislative Powers", "Council for Tolerance and Peace")."""
    end = head + 1
    if end < line_end and doc[end].lower_ in ("of", "for", "on", "in") and not blocked[end]:
        j = end + 1
        last = None
        while j < line_end and not blocked[j]:
            t = doc[j]
            if _capitalised(t) or t.like_num and t.text.isdigit():
                last = j
            elif t.lower_ in _CONNECTORS or t.text in ("'", "\u2019", "'s", "\u2019s"):
                if t.lower_ == "and" and (j + 1 >= line_end or doc[j + 1].lower_ == "the"):
                    break
            else:
                break
            j += 1
        if last is not None:
            return last + 1, doc[head + 1 : last + 1]
    return end, None


def _is_multilateral(left: Span, of_phrase: Span | None, words: OpenWorldWords, doc: Doc, head: int) -> bool:
    def region(t: Token) -> bool:
        return t.lower_ in words.regions or t.lower_.startswith(words.cue_prefixes)

    if any(region(t) for t in left):
        return True
    # an "inter-state" or "international" commission or committee is mostly two countries' own
    regional_only = doc[head].lower_ in words.regional_heads
    if not regional_only and any(t.lower_ in words.cues for t in left):
        return True
    if of_phrase is None or regional_only:
        return False
    return any(t.lower_ in words.regions or t.lower_ in words.plurals for t in of_phrase)


def _is_proposed(doc: Doc, start: int, words: OpenWorldWords) -> bool:
    """A body the sentence proposes to set up ("an initiative to set up the UN International
    Agency for ..."): no body yet."""
    return any(t.lower_ in words.proposals for t in doc[max(0, start - 6) : start])


def _is_distinctive(span: Span, words: OpenWorldWords) -> bool:
    """The name has a word of its own besides cues, regions and heads: "Inter-Parliamentary
    Assembly" or "Regional Parliament" is a description, "Arab Development Fund" a name."""
    generic = words.cues | words.regions | words.heads | words.generic | _CONNECTORS
    return any(t.is_alpha and t.lower_ not in generic for t in span)


def _is_national(span: Span, words: OpenWorldWords, is_place: Callable[[str], bool]) -> bool:
    for t in span:
        low = t.lower_
        if low in words.national or low in words.stop:
            return True
        if low in words.regions or low in words.cues:
            continue
        if _capitalised(t) and not _ACRONYM.match(t.text) and is_place(t.text):
            return True
    # two-word places: "New Zealand", "South Africa"
    return any(
        _capitalised(a) and _capitalised(b) and is_place(f"{a.text} {b.text}")
        for a, b in zip(span, span[1:], strict=False)
    )
