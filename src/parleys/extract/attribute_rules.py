"""The matches of the model's ``attribute_ruler``, found by lookup instead of spaCy's ``Matcher``.

The English models map fine-grained tags to parts of speech and morphology, and fix some lemmas,
with an ``AttributeRuler`` of about 180 patterns that runs after the parser. Its ``Matcher``
tries every pattern at every token, which costs as much time as the parser itself. Nearly all the
patterns test one or two tokens for equality or membership (``TAG``, ``LOWER``, ``DEP``,
``IS_SPACE``), so the patterns a token can start are a function of those few values:
:class:`IndexedRules` computes it once per distinct combination, from a bit mask of the patterns
that each value passes, and remembers it.

:func:`speed_up` puts its ``match`` in place of the ruler's own on that one ruler object; the
ruler's ``set_annotations`` still writes the attributes, in the ruler's order (later patterns win).
The matches are the same list the ``Matcher`` gives (the tests compare both on text that every
pattern matches). A ruler with a pattern outside that subset (an operator, another predicate or
attribute) keeps its own ``Matcher``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.tokens import Doc

# the token attributes the lookup reads, with their id for Doc.to_array
ATTRIBUTES = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
FLAGS = frozenset({"IS_SPACE"})  # to_array gives 0 or 1, compared with true and false
MEMO_LIMIT = 200_000  # distinct token readings remembered; then the memo starts again

Test = Callable[[Any], bool]
Spec = tuple[tuple[int, Test], ...]  # (position in ATTRIBUTES, test of the value)


class Unsupported(ValueError):
    """A pattern that the lookup cannot reproduce exactly."""


def _test(value: Any) -> Test:
    """One attribute's test in a Matcher pattern: a value, or ``{"IN"|"NOT_IN"|"REGEX": ...}``."""
    if isinstance(value, (str, bool)):
        return lambda v: v == value
    if isinstance(value, dict) and len(value) == 1:
        ((op, arg),) = value.items()
        if op == "IN" and isinstance(arg, list):
            members = frozenset(arg)
            return lambda v: v in members
        if op == "NOT_IN" and isinstance(arg, list):
            excluded = frozenset(arg)
            return lambda v: v not in excluded
        if op == "REGEX" and isinstance(arg, str):
            search = re.compile(arg).search
            return lambda v: isinstance(v, str) and search(v) is not None
    raise Unsupported(f"predicate {value!r}")


class IndexedRules:
    """The patterns of an ``AttributeRuler``, indexed; ``match(doc)`` returns what
    ``AttributeRuler.match`` returns: ``(rule, match_id, start, end)`` sorted."""

    def __init__(self, ruler: Any) -> None:
        names = list(ATTRIBUTES)
        self._ids = [ATTRIBUTES[name] for name in names]
        self._flags = [name in FLAGS for name in names]
        self._strings = ruler.vocab.strings
        # (rule, match_id, length, specs of the tokens) for each alternative of each rule
        self._alternatives: list[tuple[int, int, int, tuple[Spec, ...]]] = []
        for rule in range(len(ruler.attrs)):
            key = str(rule)
            match_id = self._strings[key]
            for pattern in ruler.matcher.get(key)[1]:
                specs: list[Spec] = []
                for token in pattern:
                    unknown = set(token) - set(names)
                    if unknown or not token:
                        raise Unsupported(f"token pattern {token!r}")
                    specs.append(tuple((names.index(a), _test(v)) for a, v in token.items()))
                self._alternatives.append((rule, match_id, len(pattern), tuple(specs)))
        # per attribute: the tests of the alternatives' first tokens on it, and the alternatives
        # that do not test it (as a bit mask: bit n for alternative n)
        self._tests: list[list[tuple[int, Test]]] = [[] for _ in names]
        self._untested = [0] * len(names)
        for n, (_, _, _, token_specs) in enumerate(self._alternatives):
            tested = dict(token_specs[0])
            for position in range(len(names)):
                if position in tested:
                    self._tests[position].append((n, tested[position]))
                else:
                    self._untested[position] |= 1 << n
        # per attribute: value -> mask of the alternatives whose first token that value passes
        self._masks: list[dict[int, int]] = [{} for _ in names]
        self._starts: dict[tuple[int, ...], tuple[int, ...]] = {}
        # the index is of the rules the ruler had; one given more later matches with its Matcher
        self._ruler = ruler
        self._rules = len(ruler.attrs)

    def _values(self, row: tuple[int, ...]) -> tuple[Any, ...]:
        return tuple(bool(v) if flag else self._strings[v] for flag, v in zip(self._flags, row, strict=True))

    def _mask(self, position: int, value: int) -> int:
        masks = self._masks[position]
        found = masks.get(value)
        if found is None:
            read = bool(value) if self._flags[position] else self._strings[value]
            found = self._untested[position]
            for n, test in self._tests[position]:
                if test(read):
                    found |= 1 << n
            if len(masks) >= MEMO_LIMIT:
                masks.clear()
            masks[value] = found
        return found

    def _starting(self, row: tuple[int, ...]) -> tuple[int, ...]:
        """The alternatives whose first token matches a token read as ``row``, in order."""
        found = self._starts.get(row)
        if found is None:
            mask = -1
            for position, value in enumerate(row):
                mask &= self._mask(position, value)
            starting = []
            while mask:
                low = mask & -mask
                starting.append(low.bit_length() - 1)
                mask ^= low
            found = tuple(starting)
            if len(self._starts) >= MEMO_LIMIT:
                self._starts.clear()
            self._starts[row] = found
        return found

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if len(self._ruler.attrs) != self._rules:  # rules added since: the ruler's own matching
            return type(self._ruler).match(self._ruler, doc)  # type: ignore[no-any-return]
        rows = [tuple(r) for r in doc.to_array(self._ids).tolist()]
        matches: set[tuple[int, int, int, int]] = set()
        for start, row in enumerate(rows):
            for n in self._starting(row):
                rule, match_id, length, specs = self._alternatives[n]
                end = start + length
                if length > 1 and (
                    end > len(rows)
                    or not all(
                        _fits(spec, self._values(rows[start + i])) for i, spec in enumerate(specs[1:], 1)
                    )
                ):
                    continue
                matches.add((rule, match_id, start, end))
        return sorted(matches)


def _fits(spec: Spec, values: tuple[Any, ...]) -> bool:
    return all(test(values[position]) for position, test in spec)


def speed_up(nlp: Any) -> bool:
    """Give the ``attribute_ruler`` of ``nlp`` the indexed ``match``; False (and nothing changed)
    when there is none, or when one of its patterns is outside what the index reproduces."""
    if "attribute_ruler" not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe("attribute_ruler")
    try:
        rules = IndexedRules(ruler)
    except Unsupported:
        return False
    ruler.match = rules.match
    return True
