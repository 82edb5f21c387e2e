"""Adapter: the shipped lexicons (``parleys.lexicons``) as the gazetteer's plain tables."""

from __future__ import annotations

from functools import lru_cache

from parleys.extract.gazetteer import GazetteerEntries


@lru_cache(maxsize=4)
def gazetteer_entries(lexicon_dir: str | None = None) -> GazetteerEntries:
    from parleys.lexicons import load_lexicons  # written alongside; see lexicons.py
    from pathlib import Path

    lex = load_lexicons(Path(lexicon_dir) if lexicon_dir else None)
    return _from_lexicons(lex)


def _from_lexicons(lex) -> GazetteerEntries:  # pragma: no cover - replaced when lexicons land
    raise NotImplementedError
