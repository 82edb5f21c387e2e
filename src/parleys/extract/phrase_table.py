"""Phrases found in a Doc by their tokens' text: what spaCy's ``PhraseMatcher`` finds, built faster.

A ``PhraseMatcher`` makes a Lexeme for every key it is given and for the lower-case form of every
pattern word, which made the gazetteer's 8,800 spellings the slowest part of loading the pipeline.
A :class:`PhraseTable` keeps each pattern as the tuple of its tokens' text (lower case with
``lower``, as a ``LOWER`` matcher reads them; exact text otherwise, as ``ORTH``) in a dict, and at
each token of a Doc looks up the patterns that start with that token's text.

It returns what a PhraseMatcher with the same keys and patterns returns, in the same order: by
start, then shortest first, and the keys of one token sequence in the order of the matcher's hash
map, which :meth:`PhraseTable.finish` asks of a PhraseMatcher that holds only the sequences that
more than one key shares (a hit's key can decide which of two readings of one span is kept).

:class:`PlainWords` gives the tokens of a pattern that the tokenizer would not split, without
running it (and so without making a Lexeme of each word).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from spacy.attrs import LOWER
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from parleys.extract.extensions import lowers_of


class PhraseTable:
    """Token sequences -> the keys that name them; call :meth:`finish` once all are added."""

    def __init__(self, *, lower: bool) -> None:
        self.lower = lower
        self._keys: dict[tuple[str, ...], list[str]] = {}
        # a first word in lower case -> the lengths of the sequences it starts, ascending
        self._lengths: dict[str, tuple[int, ...]] = {}

    def add(self, key: str, patterns: list[Doc]) -> None:
        """Like ``PhraseMatcher.add``: ``key`` names each pattern (an empty one is skipped)."""
        for pattern in patterns:
            self.add_words(key, [t.lower_ if self.lower else t.text for t in pattern])

    def add_texts(
        self, key: str, texts: Iterable[str], make_doc: Callable[[str], Doc], plain: PlainWords | None = None
    ) -> None:
        """Each text as a pattern: its tokens told by ``plain`` where all its words are plain (the
        tokenizer's tokens, for less), else those of ``make_doc``."""
        for text in texts:
            words = plain.words(text, lower=self.lower) if plain is not None else None
            if words is None:
                self.add(key, [make_doc(text)])
            else:
                self.add_words(key, words)

    def add_words(self, key: str, words: Sequence[str]) -> None:
        """A pattern given as its tokens' text, in lower case for a ``lower`` table."""
        if not words:
            return
        keys = self._keys.setdefault(tuple(words), [])
        if key not in keys:
            keys.append(key)

    def finish(self, vocab: Vocab) -> None:
        """Index the sequences by their first word, and put the keys of a shared sequence in the
        order a PhraseMatcher returns them."""
        # an exact sequence is indexed by the lower-case form a token of its first word has
        lower_of = getattr(vocab, "lex_attr_getters", {}).get(LOWER) or str.lower  # not in spaCy's stubs
        lengths: dict[str, set[int]] = {}
        for words in self._keys:
            first = words[0] if self.lower else str(lower_of(words[0]))
            lengths.setdefault(first, set()).add(len(words))
        self._lengths = {w: tuple(sorted(ns)) for w, ns in lengths.items()}
        shared = [(words, keys) for words, keys in self._keys.items() if len(keys) > 1]
        if not shared:
            return
        matcher = PhraseMatcher(vocab, attr="ORTH")
        for words, keys in shared:
            pattern = Doc(vocab, words=list(words))
            for key in keys:
                matcher.add(key, [pattern])
        for words, _ in shared:
            found = matcher(Doc(vocab, words=list(words)))
            self._keys[words] = [vocab.strings[k] for k, s, e in found if s == 0 and e == len(words)]

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Every (key, start, end) whose sequence is ``doc[start:end]``, as a PhraseMatcher orders them.

        Candidates are looked up by the lower-case first word (the doc's lower-case forms are read
        once per doc anyway); an exact table reads the text of a candidate's tokens alone."""
        lowers = lowers_of(doc)
        n = len(lowers)
        found: list[tuple[str, int, int]] = []
        for start, word in enumerate(lowers):
            for length in self._lengths.get(word, ()):
                end = start + length
                if end > n:
                    break
                words = lowers[start:end] if self.lower else tuple(t.text for t in doc[start:end])
                keys = self._keys.get(words)
                if keys:
                    found.extend((key, start, end) for key in keys)
        return found


class PlainWords:
    """The tokens that ``tokenizer`` makes of a text of plain words, told without running it.

    A word is plain when it is all letters, no special case of the tokenizer, and none of its
    prefix, suffix or infix expressions finds anything in it: the tokenizer then keeps it whole, and
    a text of plain words between single spaces is one token per word. Running the tokenizer on
    each of the gazetteer's spellings (and making a Lexeme of each new word) cost more than the
    rest of building it. A tokenizer whose special cases could join plain words (one with a space
    inside, or all letters and split by the affix expressions) has no plain words here.
    """

    def __init__(self, tokenizer: Tokenizer) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab
        self._lower = self.vocab.lex_attr_getters.get(LOWER)
        self._rules = set(tokenizer.rules)
        self._lowers: dict[str, str | None] = {}  # word seen -> its lower-case form; None: not plain
        self.usable = self._lower is not None and not any(self._joins(r) for r in self._rules)

    def words(self, text: str, *, lower: bool) -> list[str] | None:
        """The tokens of ``text`` (their lower-case forms with ``lower``, as the Lexemes have them),
        or None when a word of it is not plain."""
        if not self.usable:
            return None
        words = text.split(" ")
        lowers: list[str] = []
        for word in words:
            form = self._lowers[word] if word in self._lowers else self._read(word)
            if form is None:
                return None
            lowers.append(form)
        return lowers if lower else words

    def _read(self, word: str) -> str | None:
        """A word's lower-case form if it is plain, else None: its Lexeme's form where the vocab has
        one, else what the vocab's getter gives the Lexeme it makes."""
        form: str | None = None
        getter = self._lower
        if getter is not None and word.isalpha() and word not in self._rules and not self._affixed(word):
            form = str(self.vocab[word].lower_ if word in self.vocab else getter(word))
        self._lowers[word] = form
        return form

    def _affixed(self, word: str) -> bool:
        """Whether a prefix, suffix or infix expression of the tokenizer finds anything in ``word``."""
        t = self.tokenizer
        return (
            (t.prefix_search is not None and t.prefix_search(word) is not None)
            or (t.suffix_search is not None and t.suffix_search(word) is not None)
            or (t.infix_finditer is not None and next(t.infix_finditer(word), None) is not None)
        )

    def _joins(self, rule: str) -> bool:
        """Whether the special case ``rule`` may match a run of plain words: written with a space
        among other characters, or all letters and split by an affix expression."""
        if rule.isspace():
            return False
        return any(c.isspace() for c in rule) or (rule.isalpha() and self._affixed(rule))


def plain_words(tokenizer: object) -> PlainWords | None:
    """The plain words of a spaCy ``Tokenizer``; None for any other tokenizer (or none)."""
    return PlainWords(tokenizer) if isinstance(tokenizer, Tokenizer) else None
