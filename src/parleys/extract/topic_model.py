"""A learned check on the topic rules: per-topic logistic regressions over lemma features.

The weights are trained by ``scripts/train_topics.py`` (dev + train gold, fixed seed) and ship as
``parleys/data/topic_model.json``. For each topic the file says how the model is used, chosen by
cross-validation grouped by outlet (the script prints the table):

- ``rules``: the rules alone (the model is not consulted);
- ``union``: the topic is also labelled when the model is sure (probability >= ``high``);
- ``filter``: a topic the rules found is dropped when the model finds it unlikely
  (probability < ``low``).

Features are lemmas (lower case) and lemma bigrams of the article's body: no punctuation, stop
words, numbers, proper nouns or names of persons, so no feature names anyone.

A second model, ``candidates``, decides whether a topic the text mentions is a subject of the
contact: one logistic regression over every (article, topic) that has a mention surviving the
sense rules, with features of how and where the topic is named (:func:`candidate_features`: the
kind of mention, a cue in its sentence, the part of the article, quotes and reported speech, the
syntactic head of the mention, whether the rules label it). Where it is shipped it replaces the
rules' yes/no for those topics; the script keeps it only where grouped cross-validation beats the
rules.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.attrs import ENT_TYPE, IS_PUNCT, IS_SPACE, IS_STOP, LENGTH, LIKE_NUM, POS
from spacy.symbols import PROPN
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
    if not len(doc):
        return set()
    # the flags, lengths, parts of speech and entity types of all tokens in one array: only the
    # tokens that pass these checks are looked at one by one
    rows = doc.to_array([IS_SPACE, IS_PUNCT, IS_STOP, LIKE_NUM, LENGTH, POS, ENT_TYPE]).tolist()
    person = doc.vocab.strings.add("PERSON")
    for i, (space, punct, stop, num, length, pos, ent) in enumerate(rows):
        if space or punct or stop or num or length < 3 or pos == PROPN or ent == person:
            continue
        tok = doc[i]
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


@cache
def contact_lemmas() -> tuple[frozenset[str], frozenset[str]]:
    """The lemmas that report what a contact was about ("discuss", "agenda") and those of reported
    speech and praise ("say", "thank"), rhetoric more often than a subject: ``contact_lemmas`` of
    the package's ``topics.json``. The shipped weights were fitted on these lists, so a user's
    lexicon folder does not replace them."""
    data = json.loads(resources.files("parleys.data").joinpath("topics.json").read_text(encoding="utf-8"))
    lemmas = data["contact_lemmas"]
    return frozenset(lemmas["subject"]), frozenset(lemmas["speech"])


QUOTES = ('"', "\u201c", "\u201d")


def _bucket(n: int, edges: Sequence[int]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def candidate_features(
    doc: Doc,
    topic: str,
    mentions: Sequence[tuple[int, int, str, bool]],
    segment_of: Sequence[int],
    rule: bool,
    segment_topics: dict[int, set[str]] | None = None,
) -> set[str]:
    """Features of one candidate topic of ``doc``: its ``mentions`` (start, end, kind, cued), the
    token -> segment map, whether the rules label it, and the topics mentioned in each segment
    (a topic named in a list of fields is a subject more often than one named alone). No feature
    holds a name: heads that are proper nouns are left out."""
    feats = {f"t={topic}", "bias"}
    if rule:
        feats |= {"rule", f"rule&t={topic}"}
    if not mentions:
        feats.add("structure_only")  # labelled by a structure (a legislature contact, a body)
        return feats
    n_segments = max(segment_of[-1] + 1, 1) if len(segment_of) else 1
    segs = sorted({segment_of[s] for s, _, _, _ in mentions})
    first = segs[0]
    feats.add(f"nseg={_bucket(len(segs), (1, 2, 3))}")
    feats.add(f"first={_bucket(first, (0, 2, 5, 9))}")
    feats.add(f"firstfrac={_bucket(int(10 * first / n_segments), (2, 5, 8))}")
    kinds = {k for _, _, k, _ in mentions}
    cued = [c for _, _, _, c in mentions]
    feats |= {f"kind={k}" for k in kinds}
    feats |= {f"kind={k}&t={topic}" for k in kinds}
    cued_segs = sorted({segment_of[s] for s, _, _, c in mentions if c})
    if cued_segs:
        feats.add(f"cued_first={_bucket(cued_segs[0], (0, 2, 5, 9))}")
    if segment_topics is not None:
        others = max(len(segment_topics.get(g, set()) - {topic}) for g in segs)
        feats.add(f"list={_bucket(others, (0, 1, 2))}")
        n_topics = len(set().union(*segment_topics.values())) if segment_topics else 0
        feats.add(f"ntopics={_bucket(n_topics, (1, 3, 5))}")
    feats.add("cued" if any(cued) else "uncued")
    if all(k != "strong" for k in kinds) and not any(cued):
        feats.add(f"uncued_term&t={topic}")
    seg_words: dict[int, tuple[set[str], bool]] = {}
    for tok in doc:
        seg = segment_of[tok.i]
        if seg in segs:
            words, has_quote = seg_words.get(seg, (set(), False))
            words.add(lemma(tok))
            seg_words[seg] = (words, has_quote or tok.text in QUOTES)
    subject_lemmas, speech_lemmas = contact_lemmas()
    subject = [bool(seg_words[g][0] & subject_lemmas) for g in segs]
    speech = [bool(seg_words[g][0] & speech_lemmas) for g in segs]
    quoted = [seg_words[g][1] for g in segs]
    feats.add("subject_any" if any(subject) else "subject_none")
    if any(s and not q for s, q in zip(subject, quoted, strict=True)):
        feats.add("subject_unquoted")
    if all(quoted):
        feats.add("all_quoted")
    if all(speech) and not any(subject):
        feats.add("speech_only")
    if doc.has_annotation("DEP"):
        for s, e, _, _ in mentions[:3]:
            root = doc[s:e].root
            head = root.head
            feats.add(f"dep={root.dep_}")
            if head.i != root.i and head.pos_ != "PROPN":
                feats.add(f"head={lemma(head)}")
    return feats


def segment_topics(
    candidates: dict[str, list[tuple[int, int, str, bool]]], segment_of: Sequence[int]
) -> dict[int, set[str]]:
    """segment -> the topics with a candidate mention in it."""
    out: dict[int, set[str]] = {}
    for topic, mentions in candidates.items():
        for s, _, _, _ in mentions:
            out.setdefault(segment_of[s], set()).add(topic)
    return out


class CandidateModel:
    """The ``candidates`` section of the model file: weights over :func:`candidate_features`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.intercept = float(data.get("intercept", 0.0))
        self.weights: dict[str, float] = data.get("weights", {})
        self.threshold = float(data.get("threshold", 0.5))
        self.topics = frozenset(data.get("topics", ()))  # the topics it decides

    def probability(self, feats: Iterable[str]) -> float:
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


class TopicModel:
    """Per-topic logistic regressions over :func:`doc_features`."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.version = data.get("version", "")
        self.topics: dict[str, dict[str, Any]] = data.get("topics", {})
        cand = data.get("candidates")
        self.candidates = CandidateModel(cand) if cand and cand.get("topics") else None

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
