"""A learned check on the topic rules: per-topic logistic regressions over lemma features.

The weights are trained by ``scripts/train_topics.py`` (dev + train gold, fixed seed) and ship as
``parleys/data/topic_model.json``. For each topic the file says how the model is used, chosen by
cross-validation grouped by outlet (the script prints the table):

- ``rules``: the rules alone (the model is not consulted);
- ``union``: the topic is also labelled when the model is sure (probability >= ``high``);
- ``filter``: a topic the rules found is dropped when the model finds it unlikely
  (probability < ``low``).

As trained now (see the script's table) no topic uses the model: over folds grouped by outlet it
does not beat the rules on any topic, so the shipped file lists none and the component skips it.

Features are lemmas (lower case) and lemma bigrams of the article's body: no punctuation, stop
words, numbers, proper nouns or names of persons, so no feature names anyone.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

MODEL_FILE = "topic_model.json"


def lemma(token: Any) -> str:
    """A token's lemma in lower case (its text where the pipeline has no lemmatizer)."""
    return (token.lemma_ or token.text).lower()


def doc_features(doc: Doc, skip: Sequence[tuple[int, int]] = ()) -> set[str]:
    """The article's features: lemmas and adjacent lemma pairs outside the ``skip`` character
    ranges (page clutter), persons and proper nouns left out."""
    skip = sorted(skip)
    kept: list[tuple[int, str]] = []
    for tok in doc:
        if tok.is_space or tok.is_punct or tok.is_stop or tok.like_num or len(tok.text) < 3:
            continue
        if tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON":
            continue
        if not tok.text.isalpha() and "-" not in tok.text:
            continue
        if any(s <= tok.idx < e for s, e in skip):
            continue
        kept.append((tok.i, lemma(tok)))
    feats = {w for _, w in kept}
    for (i, a), (j, b) in zip(kept, kept[1:], strict=False):
        if j == i + 1:
            feats.add(f"{a} {b}")
    return feats


class TopicModel:
    """Per-topic logistic regressions over :func:`doc_features`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.version = data.get("version", "")
        self.topics: dict[str, dict[str, Any]] = data.get("topics", {})

    @classmethod
    def load(cls, path: str | Path | None = None) -> TopicModel | None:
        """The shipped model (or ``path``); None when there is none."""
        if path:
            return cls(json.loads(Path(path).read_text(encoding="utf-8")))
        res = resources.files("parleys.data").joinpath(MODEL_FILE)
        if not res.is_file():
            return None
        return cls(json.loads(res.read_text(encoding="utf-8")))

    def probability(self, topic: str, feats: Iterable[str]) -> float | None:
        spec = self.topics.get(topic)
        if spec is None:
            return None
        weights = spec["weights"]
        z = spec["intercept"] + sum(weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def decide(self, topics: set[str], feats: set[str]) -> tuple[set[str], set[str]]:
        """(topics to add, topics to drop) given the rules' ``topics``."""
        add: set[str] = set()
        drop: set[str] = set()
        for topic, spec in self.topics.items():
            mode = spec.get("mode", "rules")
            if mode == "rules":
                continue
            p = self.probability(topic, feats)
            if p is None:
                continue
            if mode == "union" and topic not in topics and p >= spec["high"]:
                add.add(topic)
            elif mode == "filter" and topic in topics and p < spec["low"]:
                drop.add(topic)
        return add, drop
