"""Person names split into comparable parts, and how two names relate.

A name becomes a :class:`ParsedName`: its full tokens as *spelling keys* (folded, then
transliteration variants brought to one spelling: "Ashymbayev" and "Ashimbayev" give one key,
"Nigmatullin" and "Nigmatulin" too), its initials, and its surname. :func:`relate` says how two
names relate (the same tokens in any order, a spelling variant, a shorter form, initials, a bare
surname), or ``None`` when they cannot name one person ("Arman Dosov" / "Bolat Dosov").
The rules' word lists live in ``parleys/data/person_names.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from parleys.normalize.names import fold_words

# how two names relate, strongest first; the score is the link's confidence
EXACT, ORDER, VARIANT, SUBSET, INITIALS, SURNAME, GIVEN = (
    "exact",
    "order",
    "variant",
    "subset",
    "initials",
    "surname",
    "given",
)
SCORES = {EXACT: 1.0, ORDER: 0.95, VARIANT: 0.85, SUBSET: 0.8, INITIALS: 0.7, SURNAME: 0.6, GIVEN: 0.5}
MIN_FUZZY = 5  # shorter tokens must be spelled alike: "Li" and "Lu" are different names


@dataclass(frozen=True)
class NameRules:
    honorifics: frozenset[str]
    particles: frozenset[str]
    patronymic_suffixes: tuple[str, ...]
    feminine_endings: tuple[str, ...]
    transliteration: tuple[tuple[re.Pattern[str], str], ...]
    transliteration_initial: tuple[tuple[re.Pattern[str], str], ...]


@lru_cache(maxsize=1)
def load_rules() -> NameRules:
    data: dict[str, Any] = json.loads(
        (resources.files("parleys") / "data" / "person_names.json").read_text("utf-8")
    )
    return NameRules(
        honorifics=frozenset(data["honorifics"]),
        particles=frozenset(data["particles"]),
        patronymic_suffixes=tuple(data["patronymic_suffixes"]),
        feminine_endings=tuple(data["feminine_endings"]),
        transliteration=tuple((re.compile(a), b) for a, b in data["transliteration"]),
        transliteration_initial=tuple((re.compile(a), b) for a, b in data["transliteration_initial"]),
    )


def spelling_key(token: str, rules: NameRules | None = None) -> str:
    """One spelling for transliteration variants of a folded token ("ashymbayev" -> "ashimbaev")."""
    rules = rules or load_rules()
    s = token
    for pattern, repl in rules.transliteration_initial:
        s = pattern.sub(repl, s)
    for pattern, repl in rules.transliteration:
        s = pattern.sub(repl, s)
    s = re.sub(r"(.)\1+", r"\1", s)  # doubled letters: Nigmatullin / Nigmatulin
    # an "i" written for "y" between vowels: Narbayeva / Narbaeva, Tokayev / Tokaev
    return re.sub(r"(?<=[aeiou])i(?=[aeiou])", "", s)


@dataclass(frozen=True, slots=True)
class ParsedName:
    tokens: tuple[str, ...]  # spelling keys of the full tokens, in written order
    initials: tuple[str, ...]
    surname: str | None  # the spelling key of the surname

    @property
    def strong(self) -> bool:
        """Two full tokens or more: a name that identifies a person on its own."""
        return len(self.tokens) >= 2

    @property
    def form(self) -> str:
        """The same for the same tokens in any order: "HOSODA Hiroyuki" ~ "Hiroyuki Hosoda"."""
        return " ".join(sorted(self.tokens)) + ("|" + "".join(self.initials) if self.initials else "")


def _raw_tokens(name: str) -> list[tuple[str, bool]]:
    """(folded token, written in capitals) pairs; "K.Tokayev" -> k, tokayev; hyphens join."""
    out = []
    for word in re.split(r"[\s.,]+", name.replace("’", "'")):
        letters = re.sub(r"[-'`]", "", word)
        folded = "".join(fold_words(letters))
        if folded:
            caps = len(letters) > 1 and letters.isupper()
            out.append((folded, caps))
    return out


@lru_cache(maxsize=200_000)
def parse(name: str) -> ParsedName:
    rules = load_rules()
    raw = [(t, caps) for t, caps in _raw_tokens(name) if t not in rules.honorifics]
    if len(raw) >= 3:  # a patronymic: "Daniyar Serikovich Bekov"
        raw = [(t, caps) for t, caps in raw if not t.endswith(rules.patronymic_suffixes)] or raw
    initials = tuple(t for t, _ in raw if len(t) == 1)
    full = [(t, caps) for t, caps in raw if len(t) > 1 and t not in rules.particles]
    tokens = tuple(spelling_key(t, rules) for t, _ in full)
    # mixed case with one token in capitals: that token is the surname ("HOSODA Hiroyuki")
    capitals = [spelling_key(t, rules) for t, caps in full if caps]
    if len(capitals) == 1 and len(full) > 1:
        surname: str | None = capitals[0]
    else:
        surname = tokens[-1] if tokens else None
    return ParsedName(tokens, initials, surname)


def similar(a: str, b: str) -> bool:
    """Spelling keys that differ by one edit (or one swap), for tokens of five letters or more,
    where the difference is no feminine ending ("Nazarbaev" / "Nazarbaeva" are two people)."""
    if a == b:
        return True
    if min(len(a), len(b)) < MIN_FUZZY or abs(len(a) - len(b)) > 1:
        return False
    rules = load_rules()
    for ending in rules.feminine_endings:
        if (a.endswith(ending)) != (b.endswith(ending)) and a.removesuffix(ending) == b.removesuffix(ending):
            return False
    return _one_edit(a, b)


def _one_edit(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]


def deletions(key: str) -> set[str]:
    """The key and its one-letter deletions: keys one edit apart share one of these."""
    if len(key) < MIN_FUZZY:
        return {key}
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def _match(shorter: tuple[str, ...], longer: tuple[str, ...]) -> tuple[int, int] | None:
    """Match every token of ``shorter`` to a distinct token of ``longer``: (exact, fuzzy) counts."""
    free = list(longer)
    fuzzy = 0
    pending = []
    for t in shorter:
        if t in free:
            free.remove(t)
        else:
            pending.append(t)
    for t in pending:
        hit = next((u for u in free if similar(t, u)), None)
        if hit is None:
            return None
        free.remove(hit)
        fuzzy += 1
    return len(shorter) - fuzzy, fuzzy


def _initials_fit(initials: tuple[str, ...], other: ParsedName, used: set[str]) -> bool:
    letters = [t[0] for t in other.tokens if t not in used] + list(other.initials)
    return all(i in letters for i in initials[:1]) if initials else True


def relate(a: ParsedName, b: ParsedName) -> str | None:
    """How name ``a`` relates to name ``b`` (one of the constants above), or ``None``.

    Strong names (two tokens or more) must share every token of the shorter one, one of them at
    most a spelling variant; a weak name (one token, perhaps with initials) must be the surname
    of the other (or its first name, ``GIVEN``), and its initials must fit the other's names.
    """
    if not a.tokens or not b.tokens:
        return None
    if a.strong and b.strong:
        shorter, longer = sorted((a.tokens, b.tokens), key=len)
        counts = _match(shorter, longer)
        if counts is None or counts[1] > 1 or counts[0] == 0:
            return None
        initials_a = a.initials if len(a.tokens) <= len(b.tokens) else b.initials
        other = b if len(a.tokens) <= len(b.tokens) else a
        if not _initials_fit(initials_a, other, set(shorter)):
            return None
        if len(shorter) < len(longer):
            return SUBSET
        if counts[1]:
            return VARIANT
        return EXACT if a.tokens == b.tokens else ORDER
    if a.strong == b.strong:  # two weak names: only spelled alike
        return EXACT if a.tokens == b.tokens and _initials_compatible(a, b) else None
    weak, strong = (a, b) if b.strong else (b, a)
    token = weak.tokens[0]
    if weak.initials:
        if not (strong.surname and similar(token, strong.surname)):
            return None
        rest = tuple(t for t in strong.tokens if t != strong.surname)
        return INITIALS if rest and weak.initials[0] == rest[0][0] else None
    if strong.surname == token:
        return SURNAME
    if strong.tokens[0] == token and strong.surname != token:
        return GIVEN
    return None


def _initials_compatible(a: ParsedName, b: ParsedName) -> bool:
    if not a.initials or not b.initials:
        return True
    return a.initials[0] == b.initials[0]
