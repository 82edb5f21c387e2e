"""Our scorer agrees with the reference scorer (shared/eval/score.py) on perturbed copies of the dev gold.

The perturbations are generated here, deterministically, from the gold file; no gold content is
copied into the repository.
"""

from __future__ import annotations

import copy
import importlib.util
import json
import random
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from parleys.evaluate import score_files

Records = list[dict[str, Any]]
COUNTRIES = ["KAZ", "UZB", "KGZ", "TUR", "AZE", "RUS", "CHN", "DEU"]
CITIES = ["Astana", "ASTANA", "Baku", "Tashkent", "Nur-Sultan", None]
TOPICS = ["energy", "health", "security", "trade_economy", "tourism"]
ORGS = ["UN", "osce pa", "CIS-IPA", "EU", "Turkic Council"]


@pytest.fixture(scope="module")
def reference(shared_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("reference_score", shared_dir / "eval" / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gold_path(shared_dir: Path) -> Path:
    return shared_dir / "eval" / "gold" / "dev.jsonl"


def read_jsonl(path: Path) -> Records:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def people_lists(record: dict) -> list[list[dict]]:
    lists = [record.get("persons") or []]
    lists += [event.get("participants") or [] for event in record.get("events") or []]
    return lists


# --- perturbations: each takes a deep copy of the gold records and a seeded random generator ------


def drop_persons(records: Records, rnd: random.Random) -> Records:
    for record in records:
        record["persons"] = [p for p in record.get("persons") or [] if rnd.random() > 0.3]
        for event in record.get("events") or []:
            event["participants"] = [p for p in event.get("participants") or [] if rnd.random() > 0.3]
    return records


def change_countries(records: Records, rnd: random.Random) -> Records:
    for record in records:
        for people in people_lists(record):
            for p in people:
                roll = rnd.random()
                if roll < 0.2:
                    p["country"] = rnd.choice(COUNTRIES)
                elif roll < 0.3:
                    p["country"] = None
                elif roll < 0.4 and p.get("country"):
                    p["country"] = f" {p['country'].lower()}"
        for event in record.get("events") or []:
            if rnd.random() < 0.4:
                event["countries"] = sorted(rnd.sample(COUNTRIES, rnd.randint(0, 3)))
    return records


def _rename(name: str, rnd: random.Random) -> str:
    words = name.split()
    if not words:
        return name
    roll = rnd.random()
    if roll < 0.15 and len(words) >= 2:
        return " ".join(reversed(words))  # other order
    if roll < 0.3 and len(words) >= 2:
        return f"{words[0][0]}. {words[-1]}"  # initial
    if roll < 0.4:
        return f"{name} Testovich"  # added patronymic
    if roll < 0.5:
        return name.upper().replace("A", "Á")  # case and diacritics
    if roll < 0.6:
        return words[-1]  # last name only: must not match
    if roll < 0.7:
        return "Zzyzx Qwerty"  # someone else
    if roll < 0.8 and len(words) >= 2:
        return f"{words[0]} {words[-1]}x"  # misspelt last name
    return name


def rename(records: Records, rnd: random.Random) -> Records:
    for record in records:
        for people in people_lists(record):
            for p in people:
                p["name"] = _rename(p.get("name") or "", rnd)
            rnd.shuffle(people)
    return records


def change_roles(records: Records, rnd: random.Random) -> Records:
    for record in records:
        for p in record.get("persons") or []:
            if rnd.random() < 0.3:
                p["role_class"] = rnd.choice(["mp", "official", None, "speaker"])
        # duplicates test the one-to-one matching
        if record.get("persons") and rnd.random() < 0.3:
            record["persons"].append(copy.deepcopy(record["persons"][0]))
    return records


def change_events(records: Records, rnd: random.Random) -> Records:
    for record in records:
        events = record.get("events") or []
        roll = rnd.random()
        if roll < 0.2:
            record["events"] = []
        elif roll < 0.3 and len(events) > 1:
            events.reverse()
        elif roll < 0.5 and events:
            events[0]["type"] = rnd.choice(["meeting", "visit", "call", "forum"])
            events[0]["date"] = rnd.choice([events[0].get("date"), record.get("published"), "2001-01-01"])
        elif roll < 0.7 and events:
            events[0]["location"] = {"city": rnd.choice(CITIES), "country": None}
        elif roll < 0.8 and events:
            del events[0]["location"]
    return records


def change_lists(records: Records, rnd: random.Random) -> Records:
    for record in records:
        orgs = [o for o in record.get("organizations") or [] if rnd.random() > 0.25]
        orgs = [o.lower().replace(" ", "-") if rnd.random() < 0.3 else o for o in orgs]
        record["organizations"] = orgs + rnd.sample(ORGS, rnd.randint(0, 2))
        topics = [t for t in record.get("topics") or [] if rnd.random() > 0.25]
        record["topics"] = topics + rnd.sample(TOPICS, rnd.randint(0, 2))
    return records


def drop_records(records: Records, rnd: random.Random) -> Records:
    kept = [r for r in records if rnd.random() > 0.2]
    kept.append({"id": "not-in-gold", "persons": [{"name": "Zzyzx Qwerty"}], "topics": ["energy"]})
    return kept


def everything(records: Records, rnd: random.Random) -> Records:
    for perturb in (drop_persons, change_countries, rename, change_roles, change_events, change_lists):
        records = perturb(records, rnd)
    return drop_records(records, rnd)


PERTURBATIONS: dict[str, Callable[[Records, random.Random], Records]] = {
    "drop_persons": drop_persons,
    "change_countries": change_countries,
    "rename": rename,
    "change_roles": change_roles,
    "change_events": change_events,
    "change_lists": change_lists,
    "drop_records": drop_records,
    "everything": everything,
}


@pytest.mark.parametrize("name", list(PERTURBATIONS))
@pytest.mark.parametrize("seed", [1, 2])
def test_evaluate_matches_reference_scorer(
    name: str, seed: int, reference: ModuleType, gold_path: Path, tmp_path: Path
):
    system = PERTURBATIONS[name](copy.deepcopy(read_jsonl(gold_path)), random.Random(f"{name}-{seed}"))
    # as JSON Lines for some seeds, as a folder of one .json file per article for the others
    if seed == 1:
        system_path = tmp_path / "system.jsonl"
        system_path.write_text("".join(json.dumps(r) + "\n" for r in system), encoding="utf-8")
    else:
        system_path = tmp_path / "system"
        system_path.mkdir()
        for r in system:
            (system_path / f"{r['id']}.json").write_text(json.dumps(r), encoding="utf-8")

    expected, _ = reference.score(reference.load(gold_path), reference.load(system_path))
    ours = score_files(gold_path, system_path).to_json()

    assert set(ours) == set(expected)
    for field, values in expected.items():
        for key, value in values.items():
            assert ours[field][key] == pytest.approx(value, abs=5e-5), (field, key)
    # the perturbation must have changed something, or the comparison proves little
    assert any(v.get("f1", 1.0) < 1.0 or v.get("accuracy", 1.0) < 1.0 for v in expected.values())


def test_evaluate_gold_against_itself_is_perfect(gold_path: Path):
    summary = score_files(gold_path, gold_path)
    assert all(c.f1 == 1.0 for c in summary.fields.values())
    assert all(a.value == 1.0 for a in summary.accuracies.values())
    assert summary.articles_scored == summary.articles_gold == 100
