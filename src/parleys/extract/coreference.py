"""Name mentions within one article, and which of them name the same person.

Full names come first; shorter forms (a surname, "K.Tokayev", a misspelling one or two letters
off) attach to the person they fit, the most recent one when several do.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass, field

from parleys.extract.titles import Office


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    tokens: list[str]  # normalised name tokens without honorifics
    text: str
    office: Office | None = None
    country_hint: tuple[str, int, int] | None = None  # (country, start_char, end_char)
    person: str | None = None  # key of the person this mention belongs to


@dataclass(slots=True)
class Person:
    key: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def best(self) -> Mention:
        return max(self.mentions, key=lambda m: (len(m.tokens), -m.start))


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance; anything over ``limit`` that the lengths already show is ``limit + 1``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def _similar(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 5:
        return False
    return edit_distance(a, b, 2) <= (1 if min(len(a), len(b)) < 8 else 2)


def _variant(a: str, b: str) -> bool:
    """Two spellings of one given name: the same first letter, at most two letters off, five
    letters or more ("Shirin" / "Shireen")."""
    return a[:1] == b[:1] and min(len(a), len(b)) >= 5 and edit_distance(a, b, 2) <= 2


def fuzzy_in(token: str, known: set[str]) -> bool:
    return any(_similar(token, k) for k in known)


def _split_initial(tokens: list[str]) -> tuple[str | None, list[str]]:
    """ "k tokayev" -> ("k", ["tokayev"])."""
    if len(tokens) >= 2 and len(tokens[0]) == 1:
        return tokens[0], tokens[1:]
    return None, tokens


def _same_person(m: Mention, forms: dict[tuple[str, ...], None]) -> bool:
    """Whether mention ``m`` names the person whose distinct name forms are ``forms``."""
    mt = m.tokens
    if tuple(mt) in forms:
        return True
    initial, rest = _split_initial(mt)
    for form in forms:
        ot = list(form)
        if initial is not None:
            o_initial, o_rest = _split_initial(ot)
            if o_initial is None and ot and ot[0][0] == initial and rest and _similar(rest[-1], ot[-1]):
                return True
            continue
        if len(mt) == 1:
            if mt[0] in ot or any(_similar(mt[0], t) for t in ot if len(t) > 2):
                return True
            continue
        if len(ot) == 1:
            if ot[0] in mt or any(_similar(ot[0], t) for t in mt if len(t) > 2):
                return True
            continue
        sm, lg = sorted((mt, ot), key=len)
        if set(sm) <= set(lg):
            return True
        if _similar(mt[-1], ot[-1]) and _similar(mt[0], ot[0]):
            return True
        if mt[-1] == ot[-1] and _variant(mt[0], ot[0]):
            return True  # one surname, a given name spelt two ways: "Jaclyn Doe" / "Jaslin Doe"
        if _similar(mt[0], ot[-1]) and _similar(mt[-1], ot[0]):
            return True  # name order swapped: "HOSODA Hiroyuki" / "Hiroyuki Hosoda"
    return False


def _latest(starts: list[int], at: int) -> int:
    """The last of the sorted ``starts`` at or before ``at`` (-1 when none)."""
    k = bisect_right(starts, at)
    return starts[k - 1] if k else -1


def merge(mentions: list[Mention]) -> list[Person]:
    """Full names first, then shorter forms attach to the person they fit (the most recent one).

    Each person is compared through its distinct name forms, and the most recent mention before a
    new one is found by bisection, so an article that repeats the same names costs time linear in
    its length."""
    persons: list[Person] = []
    forms: list[dict[tuple[str, ...], None]] = []  # per person: its distinct name forms, in order
    starts: list[list[int]] = []  # per person: the starts of its mentions, sorted
    order = sorted(mentions, key=lambda m: (-min(len(m.tokens), 2), m.start))
    for m in order:
        fits = [n for n in range(len(persons)) if _same_person(m, forms[n])]
        if fits:
            target = max(fits, key=lambda n: _latest(starts[n], m.start))
            persons[target].mentions.append(m)
            forms[target].setdefault(tuple(m.tokens), None)
            insort(starts[target], m.start)
        else:
            persons.append(Person(key="", mentions=[m]))
            forms.append({tuple(m.tokens): None})
            starts.append([m.start])
    persons.sort(key=lambda p: min(x.start for x in p.mentions))
    for n, p in enumerate(persons):
        p.key = f"p{n}"
        for m in p.mentions:
            m.person = p.key
        p.mentions.sort(key=lambda x: x.start)
    return persons
