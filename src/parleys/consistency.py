"""One person, one country, across a corpus.

An article often names a well-known person by office alone ("President X", "Elbasy X"), and
extraction then guesses the country from the article's context (``extract/unstated.py``, evidence
confidence below :data:`STATED`). When other articles of the same corpus state that person's
country in the office itself ("Russian President X", "X, Speaker of the Milli Majlis of
Azerbaijan"), that statement is better evidence than the guess, and it replaces it. The borrowed
country's evidence points into the article that stated it (``Evidence.article``).

Two passes, so that the order of the articles does not matter: :meth:`KnownCountries.learn` every
record, then :meth:`KnownCountries.apply` to every record. Only full names (two words or more) are
matched, folded the way anchor keys are; a name stated with two different countries is left alone
unless one of them has at least twice the other's statements. A person with no country but an
institution (an official of an international body) keeps none: FORMAT.md's null. Countries an
analyst set are applied after this (``overlay.py``), so they always win.
"""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import IO

from parleys.keys import fold_name
from parleys.records import ArticleRecord, Evidence, PersonRecord

STATED = 0.8  # an office that states the country ("the Kazakh Senate Speaker") is evidence this sure
BORROWED = 0.75  # a country stated for the same name in another article of the corpus


class KnownCountries:
    """Countries that offices state for full names, learnt from a corpus of records."""

    def __init__(self) -> None:
        self._counts: dict[str, Counter[str]] = {}
        self._where: dict[tuple[str, str], Evidence] = {}

    def __len__(self) -> int:
        return len(self._counts)

    def learn(self, record: ArticleRecord) -> None:
        for person in record.persons:
            key = _name_key(person.name)
            evidence = person.evidence.get("country")
            if key is None or person.country is None or evidence is None or evidence.confidence < STATED:
                continue
            self._counts.setdefault(key, Counter())[person.country] += 1
            self._where.setdefault(
                (key, person.country),
                replace(evidence, confidence=BORROWED, article=evidence.article or record.id),
            )

    def country_of(self, name: str) -> tuple[str, Evidence] | None:
        """The country stated for ``name`` elsewhere, with where it was stated; ``None`` when no
        office states one or the statements disagree."""
        key = _name_key(name)
        counts = self._counts.get(key) if key is not None else None
        if not counts:
            return None
        (top, n), *rest = counts.most_common(2)
        if rest and rest[0][1] * 2 > n:
            return None
        return top, self._where[(key, top)]  # type: ignore[index]

    def apply(self, record: ArticleRecord) -> int:
        """Replace guessed countries in ``record`` (in place) by stated ones; the number replaced."""
        changed = 0
        for person in record.persons:
            known = self.country_of(person.name)
            if known is None or known[0] == person.country or not _guessed(person):
                continue
            person.country, person.evidence["country"] = known
            changed += 1
        if changed:
            by_key = {p.key: p for p in record.persons}
            for event in record.events:
                event.countries = sorted({c for k in event.participants if (c := by_key[k].country)})
        return changed


def consistent(
    records: Iterable[ArticleRecord], spool: IO[bytes], *, apply: bool = True
) -> Iterator[ArticleRecord]:
    """Both passes over a stream of records: each is pickled to ``spool`` (a binary file opened for
    writing and reading) while the countries are learnt, then they are read back in order and
    yielded with those applied (``apply``) or as they were. Memory holds the names, not the records."""
    known = KnownCountries()
    for record in records:
        known.learn(record)
        pickle.dump(record, spool, protocol=pickle.HIGHEST_PROTOCOL)
    spool.flush()
    spool.seek(0)
    while True:
        try:
            record = pickle.load(spool)
        except EOFError:
            return
        if apply:
            known.apply(record)
        yield record


def _guessed(person: PersonRecord) -> bool:
    """A country inferred from context, or none for someone who holds no international office."""
    evidence = person.evidence.get("country")
    if person.country is None:
        return person.institution is None
    return evidence is None or evidence.confidence < STATED


def _name_key(name: str) -> str | None:
    key = fold_name(name)
    return key if len(key.split()) >= 2 else None
