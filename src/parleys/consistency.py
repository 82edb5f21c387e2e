"""One person, one country and one office across a corpus.

An article often names a well-known person by office alone ("President X", "Elbasy X"), and
extraction then guesses the country from the article's context (``extract/unstated.py``, evidence
confidence below :data:`STATED`). When other articles of the same corpus state that person's
country in the office itself ("Russian President X", "X, Speaker of the Milli Majlis of
Azerbaijan"), that statement is better evidence than the guess, and it replaces it. In the same way
a person an article names with no office at all ("Koshanov awarded X the Order") takes the role
class that offices give the same name elsewhere. Borrowed values' evidence points into the article
that stated them (``Evidence.article``).

Two passes, so that the order of the articles does not matter: :meth:`KnownPersons.learn` every
record, then :meth:`KnownPersons.apply` to every record. Only full names (two words or more) are
matched, by the resolver's spelling keys (:func:`parleys.resolve.names.parse`: folded, transliteration
variants brought to one spelling, all full words in written order); a name stated with two different
values is left alone unless one of them has at least twice the other's statements. A person with
no country but an institution (an official of an international body) keeps none: FORMAT.md's null. Values an
analyst set are applied after this (``overlay.py``), so they always win.
"""

from __future__ import annotations

import pickle
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import IO

from parleys.records import ArticleRecord, Evidence, PersonRecord

STATED = 0.8  # an office that states the value ("the Kazakh Senate Speaker") is evidence this sure
BORROWED = 0.75  # a value stated for the same name in another article of the corpus


class _Statements:
    """Values of one field that offices state for full names, and where each was first stated."""

    def __init__(self) -> None:
        self.counts: dict[str, Counter[str]] = {}
        self.where: dict[tuple[str, str], Evidence] = {}

    def add(self, key: str, value: str, evidence: Evidence, article: str) -> None:
        self.counts.setdefault(key, Counter())[value] += 1
        borrowed = replace(evidence, confidence=BORROWED, article=evidence.article or article)
        self.where.setdefault((key, value), borrowed)

    def of(self, name: str) -> tuple[str, Evidence] | None:
        key = _name_key(name)
        counts = self.counts.get(key) if key is not None else None
        if not counts:
            return None
        (top, n), *rest = counts.most_common(2)
        if rest and rest[0][1] * 2 > n:
            return None
        return top, self.where[(key, top)]  # type: ignore[index]


class KnownPersons:
    """Countries and role classes that offices state for full names, learnt from a corpus."""

    def __init__(self) -> None:
        self._countries = _Statements()
        self._roles = _Statements()

    def learn(self, record: ArticleRecord) -> None:
        for person in record.persons:
            key = _name_key(person.name)
            if key is None:
                continue
            said = person.evidence.get("country")
            if person.country is not None and said is not None and said.confidence >= STATED:
                self._countries.add(key, person.country, said, record.id)
            said = person.evidence.get("role_class")
            if person.role_class != "other" and said is not None and said.confidence >= STATED:
                self._roles.add(key, person.role_class, said, record.id)

    def country_of(self, name: str) -> tuple[str, Evidence] | None:
        """The country stated for ``name`` elsewhere, with where it was stated; ``None`` when no
        office states one or the statements disagree (one has to have twice the other's count)."""
        return self._countries.of(name)

    def role_of(self, name: str) -> tuple[str, Evidence] | None:
        """The role class that offices give ``name`` elsewhere, as :meth:`country_of`."""
        return self._roles.of(name)

    def apply(self, record: ArticleRecord) -> int:
        """Fill ``record`` (in place): guessed countries give way to stated ones, and a person whom
        the article names without any office takes the role class stated elsewhere. Returns the
        number of values changed."""
        changed = 0
        for person in record.persons:
            known = self.country_of(person.name)
            if known is not None and known[0] != person.country and _guessed(person):
                person.country, person.evidence["country"] = known
                changed += 1
            role = self.role_of(person.name)
            if role is not None and person.role_class == "other" and person.title is None:
                person.role_class, person.evidence["role_class"] = role
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
    writing and reading) while the countries and roles are learnt, then they are read back in order
    and yielded with those applied. Memory holds the names, not the records. Without ``apply`` the
    records pass straight through."""
    if not apply:
        yield from records
        return
    known = KnownPersons()
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
        known.apply(record)
        yield record


def _guessed(person: PersonRecord) -> bool:
    """A country inferred from context, or none for someone who holds no international office."""
    evidence = person.evidence.get("country")
    if person.country is None:
        return person.institution is None
    return evidence is None or evidence.confidence < STATED


def _name_key(name: str) -> str | None:
    """The key two spellings of one full name share: the resolver's spelling keys of its full
    words in written order, and its initials ("Kassym-Zhomart Dosybayev", "Kasym-Jomart Dosybaev" and
    "Kassym-Jomart Dossybayev" give one key; "Arman Dosov" and "Bolat Dosov" two). ``None`` for a
    name of fewer than two full words, which does not identify a person on its own."""
    from parleys.resolve.names import parse  # here: parleys.resolve imports this module

    parsed = parse(name)
    if not parsed.strong:
        return None
    return " ".join(parsed.tokens) + ("|" + "".join(parsed.initials) if parsed.initials else "")
