"""Guards that today's rules added and no broader test pinned down (found by forcing each added
condition off in a scratch copy and running the tests that reach it). Invented names only."""

from __future__ import annotations

from parleys.extract.chambers import _divisions, fold


def test_guards_sweep_chamber_divisions_are_first_level_only():
    # a chamber "of X" takes X's country only for a first-level division (a province, a county):
    # second-level units (French departments) and names joined by a slash (two names in one) stay out
    table = _divisions()
    assert table[fold("Bungoma")] == "KEN"
    for second_level in ("Aisne", "Allier", "Hautes-Alpes"):
        assert fold(second_level) not in table, second_level
    for joined in ("Elgeyo/Marakwet", "Taita/Taveta", "Haute-Sangha / Mambéré-Kadéï"):
        assert fold(joined) not in table, joined
