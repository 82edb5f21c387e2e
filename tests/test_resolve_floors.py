"""The evaluation gate of resolution: merging and person entities stay above pinned floors.

The merge set is ``bench/data/merge`` (written by ``bench/synth.py rewrites``, invented names);
the person check needs ``../shared`` and skips without it. A floor is raised when the figures
improve, and never lowered silently.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
FLOORS = Path(__file__).resolve().parents[1] / "eval" / "floors.json"
_MERGE = json.loads(FLOORS.read_text(encoding="utf-8"))["history"][-1]["floors"]["merge"]
MERGE_FLOORS = {kind: (_MERGE[f"{kind}_precision"], _MERGE[f"{kind}_recall"]) for kind in ("gold", "system")}
MAX_SPLIT, MAX_JOINED = 0, 0


def _bench(name: str):
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def merge_eval():
    return _bench("merge_eval")


def test_resolve_floors_merging_of_gold_reports(merge_eval, tmp_path):
    records = merge_eval.gold_records(dev=False, shared=tmp_path)
    truth = merge_eval.labels(records, dev=False)
    result = merge_eval.score(truth, merge_eval.clusters_from_gold(records, f"sqlite:///{tmp_path / 'g.db'}"))
    assert result["same_pairs"] >= 60 and result["reports"] >= 120
    assert (result["precision"], result["recall"]) >= MERGE_FLOORS["gold"], result


def test_resolve_floors_merging_of_extracted_reports(merge_eval, extractor, tmp_path):
    records = merge_eval.gold_records(dev=False, shared=tmp_path)
    truth = merge_eval.labels(records, dev=False)
    predicted = merge_eval.clusters_from_system(
        records, f"sqlite:///{tmp_path / 's.db'}", dev=False, shared=tmp_path, extractor=extractor
    )
    result = merge_eval.score(truth, predicted)
    precision, recall = MERGE_FLOORS["system"]
    assert result["precision"] >= precision and result["recall"] >= recall, result


def test_resolve_floors_dev_persons_are_neither_split_nor_joined(shared_dir, extractor, tmp_path):
    from parleys import service
    from parleys.settings import Settings

    entity_eval = _bench("entity_eval")
    db_url = f"sqlite:///{tmp_path / 'dev.db'}"
    settings = Settings.load(config_file=None, database_url=db_url)
    inputs = [shared_dir / "seeds", shared_dir / "corpus" / "dev"]
    service.ingest(inputs, settings=settings, extractor=extractor)
    result = entity_eval.evaluate(db_url, shared_dir)
    assert result["gold_persons_found"] >= 200
    assert result["split"] <= MAX_SPLIT and result["joined"] <= MAX_JOINED, (
        result["split_detail"],
        result["joined_detail"],
    )
