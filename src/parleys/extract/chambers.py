"""Which country's chamber a title names when the chamber's name is one that several parliaments
share ("the Speaker of the House of Commons", "Speaker of the Senate", "the National Assembly").

Who has which chamber is general knowledge, read from the country registry (``countries.json``
through ``parleys.lexicons``): a country owns a generic name when its parliament or one of its
chambers is called that, bare ("House of Commons"), followed by its owner ("National Assembly of
Azerbaijan", "Senate of the Oliy Majlis") or preceded by the country or its demonym ("Kazakh
Senate", "Canadian House of Commons"). The article then decides among the owners: the owners it
names (a country, a demonym, a capital, a chamber or parliament that names one country) are the
candidates; a single one is the chamber's country. None, or several, say nothing: the title's
country is left to the guesses made from context. There is no default owner per name, and a name
most states' legislatures have ("Parliament") is no evidence at all.

Also here: the country of a chamber "of" or "in" a province (ISO 3166-2 divisions), and the kind of
chamber a shared name always is ("senate": upper), for telling two chairs of one parliament apart.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

from spacy.tokens import Doc

from parleys.extract.gazetteer import Place, subdivisions
from parleys.lexicons import Lexicons, fold, load_lexicons

# the kinds of place that name a country outright ("Canada", "Canadian", "the Canadian Parliament");
# a city counts when it is its country's capital (a seat of government, see named_countries)
NAMING_KINDS = frozenset({"country", "demonym", "institution"})
# what may stand right before a bare chamber's name in a title ("" is the title's start)
BARE_BEFORE = frozenset({"", "the", "of", "in", "at", "to", "its", "our", "their", "this"})
# what may stand between a chamber and the province it is of: "of the Province of", "in the State of"
PROVINCE_WORDS = frozenset({"of", "in", "the", "province", "state", "territory", "region", "canton"})
# places after these words in a title name a partner or host, not the office holder's own country
# ("Speaker of the Senate to X"); titles.py reads the same words
PARTNER_WORDS = frozenset({"to", "with"})


class ChamberOwners:
    """Generic chamber names (fold()-ed) -> the countries whose parliament or chamber has that name."""

    def __init__(self, lexicons: Lexicons) -> None:
        self.lexicons = lexicons
        self.owners, self.kinds = _owners(lexicons)
        # longest first, so that "house of representatives" wins over "house" inside a title
        self.names = sorted(self.owners, key=lambda n: (-len(n.split()), n))
        self._capitals = {fold(c.capital): code for code, c in lexicons.countries.items() if c.capital}

    @classmethod
    def shipped(cls) -> ChamberOwners:
        return _shipped()

    def generic_name(self, text: str, heads: frozenset[str] = frozenset()) -> str | None:
        """The longest generic chamber name that a title's text names bare ("Speaker of the House of
        Commons" -> "house of commons", "Senate President" -> "senate", and after one of ``heads``,
        "Chairman Senate"); None when it names none, or only one that something qualifies: a word
        before it ("the European Parliament", "the Pan-African Parliament") or an "of" after it
        ("the National Assembly of Republika Srpska")."""
        words = fold(text).split()
        for name in self.names:
            size = len(name.split())
            for k in range(len(words) - size + 1):
                if " ".join(words[k : k + size]) != name:
                    continue
                before = words[k - 1] if k else ""
                after = words[k + size] if k + size < len(words) else ""
                if (before in BARE_BEFORE or before in heads) and after not in ("of", "s"):
                    return name
        return None

    def resolve(
        self, doc: Doc, start: int, end: int, places: Iterable[Place], heads: frozenset[str] = frozenset()
    ) -> str | None:
        """The country of the generic chamber named in ``doc[start:end]``: the one owner of that name
        the article names; None when no owner, or more than one, is named."""
        named = self.named_owners(doc, start, end, places, heads)
        return next(iter(named)) if len(named) == 1 else None

    def named_owners(
        self, doc: Doc, start: int, end: int, places: Iterable[Place], heads: frozenset[str] = frozenset()
    ) -> set[str]:
        """The owners of the generic chamber named in ``doc[start:end]`` that the article names; empty
        when the title names no generic chamber."""
        for i in range(start, end):
            if doc[i].lower_ in PARTNER_WORDS:
                end = i  # "Speaker of the Senate to the Republic of X": the host's places come after
                break
        name = self.generic_name(doc[start:end].text, heads) if end > start else None
        if name is None:
            return set()
        if len(self.owners[name]) * 2 > len(self.lexicons.countries):
            # "Parliament": a name most states' legislatures have says nothing of whose it is (the
            # holder's own country often goes unnamed, the outlet's home)
            return set()
        return self.named_countries(places) & self.owners[name]

    def province_country(self, doc: Doc, start: int, end: int) -> str | None:
        """The country of the first-level division (ISO 3166-2) a chamber in ``doc[start:end]`` is
        "of" or "in" ("Speaker of the Legislative Assembly in Ontario", "the National Assembly of
        Québec"): a name only one country's divisions have, that is no country's name."""
        table = _divisions()
        for i in range(start, end - 1):
            if doc[i].lower_ not in ("of", "in"):
                continue
            k = i + 1
            while k < end and doc[k].lower_ in PROVINCE_WORDS:
                k += 1  # "of the Province of"
            for size in range(min(4, end - k), 0, -1):
                words = doc[k : k + size]
                if not all(t.text[:1].isupper() for t in words if t.is_alpha):
                    continue
                found = table.get(fold(words.text))
                if found is not None:
                    return found
        return None

    def named_countries(self, places: Iterable[Place]) -> set[str]:
        """The countries an article names: its countries, demonyms, one-country institutions, and the
        capitals of its cities."""
        out: set[str] = set()
        for p in places:
            if p.kind in NAMING_KINDS and p.country:
                out.add(p.country)
            elif p.kind == "city" and self._capitals.get(fold(p.canonical)) == p.country:
                out.add(p.country)
        return out


@functools.cache
def _divisions() -> Mapping[str, str]:
    """fold()-ed names of first-level divisions -> their country, for names only one country's
    divisions have and that are no country's name ("Georgia" is a state and a country)."""
    lexicons = load_lexicons()
    found: dict[str, set[str]] = {}
    for sub, name, country in subdivisions():
        if getattr(sub, "parent_code", None) or "/" in name:
            continue
        if lexicons.country(name) is None and lexicons.demonym(name) is None:
            found.setdefault(fold(name), set()).add(country)
    return {name: codes.pop() for name, codes in found.items() if len(codes) == 1}


@functools.cache
def _shipped() -> ChamberOwners:
    return ChamberOwners(load_lexicons())


def _owners(lexicons: Lexicons) -> tuple[Mapping[str, frozenset[str]], Mapping[str, str]]:
    """Each generic institution name of the registry (its ``_ambiguous_institution_names``, and any
    name two countries share) -> the countries that own it, as bare name, "<name> of <owner>" or
    "<country or demonym> <name>"; and the generic names whose owners all give it one kind of
    chamber ("senate" -> "upper", "house of commons" -> "lower")."""
    generic = set(lexicons.ambiguous_institutions)
    written_by: dict[str, set[str]] = {}  # a chamber's name as written -> its countries
    kinds_of: dict[str, set[str]] = {}  # ... -> its kinds of chamber
    for code, country in lexicons.countries.items():
        for chamber in country.chambers:
            for written in (chamber.name, *chamber.aliases):
                written_by.setdefault(written, set()).add(code)
                kinds_of.setdefault(written, set()).add(chamber.kind)
        if country.parliament:
            written_by.setdefault(country.parliament, set()).add(code)
            kinds_of.setdefault(country.parliament, set()).add("parliament")
    shared: dict[str, set[str]] = {}
    for written, codes in written_by.items():
        shared.setdefault(fold(written), set()).update(codes)
    generic |= {name for name, codes in shared.items() if len(codes) > 1}
    owners: dict[str, set[str]] = {}
    kinds: dict[str, set[str]] = {}
    for written, codes in written_by.items():
        for name in _generic_parts(written, generic, lexicons):
            owners.setdefault(name, set()).update(codes)
            kinds.setdefault(name, set()).update(kinds_of[written])
    one_kind = {name: next(iter(ks)) for name, ks in kinds.items() if len(ks) == 1}
    return {name: frozenset(codes) for name, codes in owners.items()}, one_kind


def _generic_parts(written: str, generic: set[str], lexicons: Lexicons) -> list[str]:
    """The generic names (fold()-ed) that one of a country's chamber names, as written, stands for:
    itself, its head before an "of" ("Senate of the Oliy Majlis" -> "senate"), or what follows its
    country or demonym ("Kazakh Senate", "UK House of Commons", "Azerbaijan's Parliament")."""
    out = []
    folded = fold(written)
    if folded in generic:
        out.append(folded)
    head, sep, _ = written.partition(" of ")
    if sep and fold(head) in generic:
        out.append(fold(head))
    words = written.split()
    for k in range(1, len(words)):
        rest = fold(" ".join(words[k:]))
        if rest in generic:
            qualifier = " ".join(words[:k])
            if lexicons.country(qualifier) or lexicons.demonym(qualifier):
                out.append(rest)
            break  # the longest generic tail only: "Grand National Assembly" is no "National Assembly"
    return out
