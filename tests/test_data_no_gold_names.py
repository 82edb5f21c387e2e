"""No person named in the gold files appears in any shipped data file or extraction rule: the
held-out set is scored on people we have never seen, so nothing may be learnt by name.

A gold person's full name is looked for; a gazetteer place that shares words with it (a city named
after a leader, a surname that is also a country) is general knowledge, not a name learnt from
the gold, and is blanked out before the search."""

from __future__ import annotations

from pathlib import Path

from conftest import without_places

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "parleys"


def test_data_no_gold_person_name_in_data_files_code_or_tests(gold_person_names, place_forms):
    names = {n.lower() for n in gold_person_names if len(n.split()) >= 2}
    assert len(names) > 100
    files = [
        *SRC.rglob("*.json"),
        *SRC.rglob("*.py"),
        *(ROOT / "tests").rglob("*.py"),
        *(ROOT / "bench").glob("*.py"),
        *(ROOT / "scripts").glob("*.py"),
    ]
    assert files
    places = frozenset(p for p in place_forms if any(name in p for name in names))
    found = {
        (str(path.relative_to(ROOT)), name)
        for path in files
        for text in [without_places(path.read_text("utf-8").lower(), places)]
        for name in names
        if name in text
    }
    assert found == set()


def test_data_no_gold_names_blanks_places_but_not_a_name_beside_them(place_forms):
    text = "the forum in port elizabeth opened; later elizabeth port was quoted"
    assert "port elizabeth" in place_forms
    blanked = without_places(text, frozenset({"port elizabeth"}))
    assert "port elizabeth" not in blanked and "elizabeth port" in blanked
