"""No person named in the gold files appears in any shipped data file or extraction rule: the
held-out set is scored on people we have never seen, so nothing may be learnt by name."""

from __future__ import annotations

import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "parleys"


def _gold_names(shared_dir: Path) -> set[str]:
    names = set()
    for path in (shared_dir / "eval" / "gold").glob("*.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                names |= {p["name"] for p in json.loads(line).get("persons", [])}
    return {n for n in names if len(n.split()) >= 2}


def test_data_no_gold_person_name_in_data_files_code_or_tests(shared_dir):
    names = _gold_names(shared_dir)
    assert len(names) > 100
    files = [*SRC.rglob("*.json"), *SRC.rglob("*.py"), *(ROOT / "tests").rglob("*.py"),
             *(ROOT / "bench").glob("*.py")]
    assert files
    found = {
        (str(path.relative_to(ROOT)), name)
        for path in files
        for text in [path.read_text("utf-8").lower()]
        for name in names
        if name.lower() in text
    }
    assert found == set()
