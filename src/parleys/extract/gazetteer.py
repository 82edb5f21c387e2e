"""Places and institutions in a Doc: countries, demonyms, cities and parliaments.

Built once per pipeline from the shipped lexicons (``parleys.lexicons``), matched on the tokens'
lower-case text (a :class:`~parleys.extract.phrase_table.PhraseTable`, which finds what a spaCy
``PhraseMatcher`` finds). Short all-caps aliases ("US", "UK", "UAE") match on exact text only, so
"us" the pronoun never becomes a country.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pycountry
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

from parleys.extract.phrase_table import PhraseTable, plain_words
from parleys.lexicons import is_abbreviation

KINDS = ("country", "demonym", "city", "institution", "region", "division")


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer hit: tokens ``start:end`` of the Doc."""

    start: int
    end: int
    kind: str  # one of KINDS; a "division" is a country's province or state ("British Columbia")
    country: str  # ISO alpha-3
    canonical: str  # canonical name (city name, institution name, country name)
    chamber: str | None = None  # for institutions: upper | lower | unicameral | None


@dataclass(frozen=True, slots=True)
class GazetteerEntries:
    """Plain tables the gazetteer is built from: alias -> (country, canonical[, chamber])."""

    countries: dict[str, tuple[str, str]]
    demonyms: dict[str, tuple[str, str]]
    cities: dict[str, tuple[str, str]]
    institutions: dict[str, tuple[str, str, str | None]]
    regions: tuple[str, ...] = ()  # "Latin America", "Korean Peninsula": block the country inside


class Gazetteer:
    def __init__(
        self, vocab: Vocab, entries: GazetteerEntries, make_doc, tokenizer: Tokenizer | None = None
    ) -> None:
        """``make_doc`` tokenizes each spelling; with the pipeline's ``tokenizer`` as well, the
        spellings of plain words are split without it
        (:class:`~parleys.extract.phrase_table.PlainWords`: the same tokens)."""
        plain = plain_words(tokenizer)
        self._lower = PhraseTable(lower=True)
        self._exact = PhraseTable(lower=False)
        self._info: dict[str, tuple[str, str, str, str | None]] = {}
        tables = (
            ("country", {k: (*v, None) for k, v in entries.countries.items()}),
            ("demonym", {k: (*v, None) for k, v in entries.demonyms.items()}),
            ("city", {k: (*v, None) for k, v in entries.cities.items()}),
            (
                "division",
                {
                    k: (*v, None)
                    for k, v in foreign_named_divisions(entries).items()
                    if k not in entries.cities
                },
            ),
            ("institution", entries.institutions),
            ("region", {r: ("", r, None) for r in entries.regions}),
        )
        for kind, table in tables:
            for alias, (country, canonical, chamber) in table.items():
                key = f"{kind}|{alias}"
                self._info[key] = (kind, country, canonical, chamber)
                exact = is_abbreviation(alias)
                phrases = self._exact if exact else self._lower
                phrases.add_texts(key, [alias] if exact else _spellings(alias), make_doc, plain)
        self._lower.finish(vocab)
        self._exact.finish(vocab)

    def find(self, doc: Doc) -> list[Place]:
        """Longest non-overlapping hits, in text order."""
        hits = self._lower(doc) + self._exact(doc)
        hits.sort(key=lambda h: (-(h[2] - h[1]), h[1]))
        taken = bytearray(len(doc))
        places: list[Place] = []
        for key, start, end in hits:
            if any(taken[start:end]):
                continue
            kind, country, canonical, chamber = self._info[key]
            if kind == "demonym" and start + 1 < len(doc) and doc[start].text[:1].islower():
                continue  # "turkish" in lower case is rarely a demonym in news prose
            if kind == "country" and not any(c.isupper() for c in doc[start:end].text):
                continue  # a country's name is capitalised: "island", "turkey", "chad" are words
            taken[start:end] = b"\x01" * (end - start)
            # a region ("Latin America", "TRNC") stands for no ISO country; it is kept so that its
            # words are read neither as a country inside it nor as a person's name
            places.append(Place(start, end, kind, country, canonical, chamber))
        places.sort(key=lambda p: p.start)
        return places


def foreign_named_divisions(entries: GazetteerEntries) -> dict[str, tuple[str, str]]:
    """First-level divisions (ISO 3166-2, through ``pycountry``) whose name holds another country's
    name or demonym ("British Columbia", "New Mexico", "New Ireland"), as places of their own
    country, matched whole so that the word inside is not read as the other country. They are
    kept as divisions: a place of a country that is not where an event happens (no city)."""
    words: dict[str, set[str]] = {}  # a country's English name and its demonyms, not its other
    for country, canonical in entries.countries.values():  # aliases ("Island" is Iceland's own)
        words.setdefault(canonical.lower(), set()).add(country)
    for alias, (country, _) in entries.demonyms.items():
        words.setdefault(alias.lower(), set()).add(country)
    out: dict[str, tuple[str, str]] = {}
    for sub, name, country in subdivisions():
        if getattr(sub, "parent_code", None) or len(name.split()) < 2 or name.lower() in words:
            continue
        inside = {c for w in _runs(name.lower().replace("-", " ")) for c in words.get(w, ())}
        if inside and country not in inside:
            out[name] = (country, name)
    return out


def _runs(text: str) -> Iterator[str]:
    """Every run of whole words of ``text`` (words split at each single space): the strings ``w``
    for which ``f" {w} "`` occurs in ``f" {text} "``, found without trying each ``w``."""
    words = text.split(" ")
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            yield " ".join(words[i:j])


def subdivisions() -> Iterator[tuple[Any, str, str]]:
    """Each ISO 3166-2 subdivision (through ``pycountry``) of a country it knows, as (the
    subdivision, its name without bracketed notes, its country's alpha-3)."""
    yield from _subdivisions()


@functools.cache
def _subdivisions() -> tuple[tuple[Any, str, str], ...]:
    """:func:`subdivisions`, read once per process (the gazetteer, the chambers and the divisions
    of ``focus.py`` each read them while the pipeline is built)."""
    alpha_3: dict[str, str | None] = {}  # a country's alpha-2 -> its alpha-3, looked up once
    out: list[tuple[Any, str, str]] = []
    for sub in pycountry.subdivisions:
        code = sub.country_code
        if code not in alpha_3:
            country = pycountry.countries.get(alpha_2=code)
            alpha_3[code] = None if country is None else country.alpha_3
        three = alpha_3[code]
        if three is not None:
            out.append((sub, re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", sub.name).strip(), three))
    return tuple(out)


def _spellings(alias: str) -> list[str]:
    """The ways news prose writes one name: "NUR SULTAN" for "Nur-Sultan", "St Kitts & Nevis" and
    "Saint Kitts and Nevis" for "St. Kitts and Nevis" (the tokens differ, so each is matched)."""
    out = [alias]
    if "-" in alias:
        out.append(alias.replace("-", " "))
    for a, b in (("St. ", "St "), ("Saint ", "St "), ("St. ", "Saint "), ("Saint ", "St. ")):
        out += [s.replace(a, b) for s in out if a in s]
    out += [s.replace(" and ", " & ") for s in out if " and " in s]
    return list(dict.fromkeys(out))
