"""Adapter: the shipped lexicons (``parleys.lexicons``) as the gazetteer's plain tables."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from parleys.extract.gazetteer import GazetteerEntries
from parleys.lexicons import load_lexicons


@lru_cache(maxsize=4)
def gazetteer_entries(lexicon_dir: str | None = None) -> GazetteerEntries:
    """Tables for one lexicon folder (``None``: the shipped files only); cached per process."""
    lexicons = load_lexicons(Path(lexicon_dir) if lexicon_dir else None)
    tables = lexicons.gazetteer_tables()
    return GazetteerEntries(
        countries=tables["countries"],
        demonyms=tables["demonyms"],
        cities=tables["cities"],
        institutions=tables["institutions"],
        regions=tuple(lexicons.forms.get("region", {})),
    )
