"""Adapter: the shipped lexicons (``parleys.lexicons``) as the gazetteer's plain tables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pycountry

from parleys.extract.gazetteer import GazetteerEntries
from parleys.extract.organizations import LEXICON, load_data
from parleys.lexicons import load_lexicons


@lru_cache(maxsize=4)
def gazetteer_entries(lexicon_dir: str | None = None) -> GazetteerEntries:
    """Tables for one lexicon folder (``None``: the shipped files only); cached per process."""
    lexicons = load_lexicons(Path(lexicon_dir) if lexicon_dir else None)
    tables = lexicons.gazetteer_tables()
    # records carry ISO 3166-1 alpha-3 codes only: a place without one (Northern Cyprus, Kosovo)
    # still keeps its name from being read as a person's, but stands for no country
    iso = {t: {k: v for k, v in tables[t].items() if _is_iso(v[0])} for t in tables}
    blocked = [k for t in tables for k, v in tables[t].items() if not _is_iso(v[0])]
    return GazetteerEntries(
        countries=iso["countries"],
        demonyms=iso["demonyms"],
        cities=iso["cities"],
        institutions=iso["institutions"],
        regions=(*lexicons.forms.get("region", {}), *blocked, *_bodies_naming_places(tables)),
    )


def _bodies_naming_places(tables: dict) -> list[str]:
    """Names of international bodies (``data/organizations.json``) with a country or demonym inside
    ("Organization of American States", "South African Development Community"): the whole name is
    kept as one place for no country, so the word inside does not make its staff American."""
    raw = load_data(LEXICON)
    names = {n for org in raw["organizations"] for n in org.get("names", [])}
    names |= {n for a in raw.get("assemblies", []) for n in a.get("names", [])}
    words = {k.lower() for t in ("countries", "demonyms") for k in tables[t] if " " not in k}
    out = []
    for name in sorted(names):
        tokens = name.replace(",", " ").replace("'s", " ").split()
        if len(tokens) > 1 and any(t.lower() in words for t in tokens if t[:1].isupper()):
            out.append(name)
    return out


def _is_iso(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None
