"""Train the topic model (``parleys/data/topic_model.json``) and report grouped cross-validation.

    .venv/bin/python scripts/train_topics.py                 # report, then write the model
    .venv/bin/python scripts/train_topics.py --report-only   # report only

Reads the dev and train articles and gold records from ``../shared`` (``--shared``). For each
topic a logistic regression over :func:`parleys.extract.topic_model.doc_features` (lemmas and
lemma pairs; no names) is fitted with a fixed seed. The rules' own topics (the topics component
run without the model) are the baseline. Folds never share an outlet: each train article is its
own group (the train set's 291 articles come from 247 outlets the dev set lacks), dev articles are
grouped by the outlet that ``outlets.json`` finds in their text (one group for the rest). Three
settings are reported: 5-fold grouped CV over dev+train, dev -> train, and train -> dev.

A topic keeps the model only where its out-of-fold decisions ("union": also label when the model
is sure; "filter": drop a rule's topic when the model finds it unlikely) beat the rules on that
topic in the grouped CV by at least ``--margin`` F1 and two errors; every other topic stays
``rules``.

The candidate model (``candidates`` in the file) decides, for every topic that the article
mentions (a mention that survives the sense rules, with or without a cue), whether it is a subject
of the contact, from :func:`parleys.extract.topic_model.candidate_features`. It is scored the same
way (article-level micro-F1 of all topics, gold topics without a candidate count as misses for
both) and decides only the topics on which its grouped-CV decisions beat the rules by two errors.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from parleys.extract.organizations import clutter_ranges
from parleys.extract.pipeline import load_pipeline
from parleys.extract.topic_model import candidate_features, doc_features, segment_topics
from parleys.ingest import read_inputs
from parleys.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "parleys" / "data" / "topic_model.json"
SEED = 13
MIN_DF = 3
C = 0.5
HIGHS = (0.6, 0.7, 0.8, 0.9)
LOWS = (0.03, 0.05, 0.1, 0.2)


def load_corpus(shared: Path, name: str, extractor) -> dict[str, dict]:
    """id -> {"feats", "rules", "text"} for every article of ``corpus/<name>``."""
    settings = Settings.load()
    tagger = extractor.nlp.get_pipe("parleys_topics")
    tagger.model = None  # the baseline is the rules alone
    clutter_spec = tagger.organizations.clutter
    out: dict[str, dict] = {}
    for item in read_inputs([str(shared / "corpus" / name)], settings=settings):
        if not hasattr(item, "text"):
            continue
        doc = extractor.make_doc(item)
        rec = out.setdefault(item.id, {"feats": set(), "rules": set(), "text": "", "cands": {}})
        rec["feats"] |= doc_features(doc, clutter_ranges(doc.text, clutter_spec))
        rec["rules"] |= {t.code for t in doc._.topics}
        rec["text"] += doc.text
        for topic, feats in doc_candidates(tagger, doc).items():
            rec["cands"][topic] = rec["cands"].get(topic, set()) | feats
    return out


def doc_candidates(tagger, doc) -> dict[str, set[str]]:
    """topic -> candidate features, for every topic the rules label or the text mentions."""
    found, cands, segments, _ = tagger.candidates(doc)
    segment_of = segments.keys.tolist()
    seg_topics = segment_topics(cands, segment_of)
    return {
        t: candidate_features(doc, t, cands.get(t, []), segment_of, t in found, seg_topics)
        for t in set(found) | set(cands)
    }


def gold_topics(shared: Path, name: str) -> dict[str, set[str]]:
    rows = (
        json.loads(line)
        for line in (shared / "eval" / "gold" / f"{name}.jsonl").read_text().splitlines()
        if line.strip()
    )
    return {r["id"]: set(r.get("topics") or []) for r in rows}


def outlet_of(text: str, outlets: list[str]) -> str | None:
    for name in outlets:
        if re.search(rf"(?<![A-Za-z]){re.escape(name)}(?![A-Za-z])", text):
            return name.casefold()
    return None


class Fold:
    """Vectorizer and per-topic models fitted on one training split."""

    def __init__(self, feats: list[set[str]], labels: dict[str, np.ndarray], topics: list[str]) -> None:
        df: dict[str, int] = defaultdict(int)
        for f in feats:
            for w in f:
                df[w] += 1
        self.vocab = {w: i for i, w in enumerate(sorted(w for w, n in df.items() if n >= MIN_DF))}
        x = self.matrix(feats)
        self.models: dict[str, LogisticRegression] = {}
        for t in topics:
            y = labels[t]
            if y.sum() >= 3 and (len(y) - y.sum()) >= 3:
                m = LogisticRegression(C=C, solver="liblinear", random_state=SEED, max_iter=2000)
                m.fit(x, y)
                self.models[t] = m

    def matrix(self, feats: list[set[str]]) -> np.ndarray:
        x = np.zeros((len(feats), len(self.vocab)), dtype=np.float32)
        for r, f in enumerate(feats):
            for w in f:
                j = self.vocab.get(w)
                if j is not None:
                    x[r, j] = 1.0
        return x

    def proba(self, feats: list[set[str]], topics: list[str]) -> dict[str, np.ndarray]:
        x = self.matrix(feats)
        return {
            t: (self.models[t].predict_proba(x)[:, 1] if t in self.models else np.full(len(feats), np.nan))
            for t in topics
        }


def decide(rule: bool, p: float, mode: str, thr: float) -> bool:
    if mode == "rules" or np.isnan(p):
        return rule
    if mode == "model":
        return p >= 0.5
    if mode == "union":
        return rule or p >= thr
    return rule and p >= thr  # filter


def counts(ids, gold, rules, proba, topic_modes) -> tuple[int, int, int, dict[str, tuple[int, int, int]]]:
    tp = fp = fn = 0
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for k, i in enumerate(ids):
        for t, (mode, thr) in topic_modes.items():
            pred = decide(t in rules[i], float(proba[t][k]), mode, thr)
            g = t in gold[i]
            c = per[t]
            if pred and g:
                c[0] += 1
            elif pred:
                c[1] += 1
            elif g:
                c[2] += 1
    for c in per.values():
        tp, fp, fn = tp + c[0], fp + c[1], fn + c[2]
    return tp, fp, fn, {t: tuple(c) for t, c in per.items()}


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def out_of_fold(ids, feats, gold, topics, splits) -> dict[str, np.ndarray]:
    proba = {t: np.full(len(ids), np.nan) for t in topics}
    for train_idx, test_idx in splits:
        labels = {t: np.array([t in gold[ids[i]] for i in train_idx], dtype=int) for t in topics}
        fold = Fold([feats[ids[i]] for i in train_idx], labels, topics)
        p = fold.proba([feats[ids[i]] for i in test_idx], topics)
        for t in topics:
            proba[t][test_idx] = p[t]
    return proba


CAND_C = 0.3
CAND_THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55)


def candidate_rows(ids, data, gold):
    """One row per (article, candidate topic): (article index, topic, features, rule, gold)."""
    rows = []
    for k, i in enumerate(ids):
        for t, feats in sorted(data[i]["cands"].items()):
            rows.append((k, t, feats, "rule" in feats, t in gold[i]))
    return rows


def fit_candidates(rows, seed: int = SEED):
    df: dict[str, int] = defaultdict(int)
    for _, _, f, _, _ in rows:
        for w in f:
            df[w] += 1
    vocab = {w: j for j, w in enumerate(sorted(w for w, n in df.items() if n >= 2))}
    x = np.zeros((len(rows), len(vocab)), dtype=np.float32)
    for r, (_, _, f, _, _) in enumerate(rows):
        for w in f:
            if w in vocab:
                x[r, vocab[w]] = 1.0
    y = np.array([g for *_, g in rows], dtype=int)
    m = LogisticRegression(C=CAND_C, solver="liblinear", random_state=seed, max_iter=5000)
    m.fit(x, y)
    return vocab, m


def predict_candidates(vocab, m, rows) -> np.ndarray:
    x = np.zeros((len(rows), len(vocab)), dtype=np.float32)
    for r, (_, _, f, _, _) in enumerate(rows):
        for w in f:
            if w in vocab:
                x[r, vocab[w]] = 1.0
    return m.predict_proba(x)[:, 1]


def candidate_report(ids, data, gold, settings, topics, margin_errors: int = 2):
    """Grouped-CV figures of the candidate model against the rules; returns (threshold, topics
    the model decides)."""
    rows = candidate_rows(ids, data, gold)
    art = np.array([k for k, *_ in rows])
    # gold topics with no candidate at all: misses for rules and model alike
    missing: dict[int, int] = defaultdict(int)
    for k, i in enumerate(ids):
        for t in gold[i]:
            if t not in data[i]["cands"]:
                missing[k] += 1
    oof = {}
    for name, splits in settings.items():
        p = np.full(len(rows), np.nan)
        for tr, te in splits:
            tr_set, te_set = set(tr.tolist()), set(te.tolist())
            tr_rows = [r for r in range(len(rows)) if art[r] in tr_set]
            te_rows = [r for r in range(len(rows)) if art[r] in te_set]
            vocab, m = fit_candidates([rows[r] for r in tr_rows])
            p[te_rows] = predict_candidates(vocab, m, [rows[r] for r in te_rows])
        oof[name] = p

    def tally(name, thr, decide_topics):
        per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
        p = oof[name]
        tested = set()
        for r, (k, t, _, rule, g) in enumerate(rows):
            if np.isnan(p[r]):
                continue
            tested.add(k)
            pred = (p[r] >= thr) if t in decide_topics else rule
            c = per[t]
            if pred and g:
                c[0] += 1
            elif pred:
                c[1] += 1
            elif g:
                c[2] += 1
        for k, i in enumerate(ids):
            if k in tested:
                for t in gold[i]:
                    if t not in data[i]["cands"]:
                        per[t][2] += 1
        return per

    def micro(per):
        tp = sum(c[0] for c in per.values())
        fp = sum(c[1] for c in per.values())
        fn = sum(c[2] for c in per.values())
        return tp, fp, fn

    grouped = "grouped 5-fold (dev+train)"
    all_t = set(topics)
    print("\ncandidate model (is the topic a subject of the contact?), micro P/R/F1 over all topics")
    print(f"{'setting':30s} {'rules':>20s} " + " ".join(f"{'thr ' + str(t):>20s}" for t in CAND_THRESHOLDS))
    for name in settings:
        cells = []
        for thr, dec in [(0.5, set())] + [(t, all_t) for t in CAND_THRESHOLDS]:
            tp, fp, fn = micro(tally(name, thr, dec))
            pr = tp / (tp + fp) if tp + fp else 1.0
            rc = tp / (tp + fn) if tp + fn else 1.0
            cells.append(f"{pr:.3f}/{rc:.3f}/{f1(tp, fp, fn):.3f}")
        print(f"{name:30s} " + " ".join(f"{c:>20s}" for c in cells))
    # the threshold: best grouped-CV F1 with the model on every topic
    best_thr = max(CAND_THRESHOLDS, key=lambda t: f1(*micro(tally(grouped, t, all_t))))
    base = tally(grouped, 0.5, set())
    model_all = tally(grouped, best_thr, all_t)
    chosen = set()
    print(f"\nper topic, grouped CV (threshold {best_thr}): rules F1 (errors) -> model F1 (errors)")
    for t in sorted(topics):
        b, mdl = base.get(t, [0, 0, 0]), model_all.get(t, [0, 0, 0])
        keep = (b[1] + b[2]) - (mdl[1] + mdl[2]) >= margin_errors
        if keep:
            chosen.add(t)
        print(
            f"  {t:22s} {f1(*b):.3f} ({b[1] + b[2]:3d}) -> {f1(*mdl):.3f} ({mdl[1] + mdl[2]:3d})"
            f"{'  model' if keep else ''}"
        )
    for name in settings:
        tp, fp, fn = micro(tally(name, best_thr, chosen))
        pr, rc = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        print(f"  chosen topics, {name:28s} P/R/F1 {pr:.3f}/{rc:.3f}/{f1(tp, fp, fn):.3f}")
    return best_thr, chosen, rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--report-only", action="store_true")
    ap.add_argument("--margin", type=float, default=0.01)
    args = ap.parse_args(argv)
    if not (args.shared / "eval" / "gold").is_dir():
        print(f"no gold under {args.shared}", file=sys.stderr)
        return 2

    extractor = load_pipeline(Settings.load())
    data = {
        **{f"dev/{k}": v for k, v in load_corpus(args.shared, "dev", extractor).items()},
        **{f"train/{k}": v for k, v in load_corpus(args.shared, "train", extractor).items()},
    }
    gold = {
        **{f"dev/{k}": v for k, v in gold_topics(args.shared, "dev").items()},
        **{f"train/{k}": v for k, v in gold_topics(args.shared, "train").items()},
    }
    ids = sorted(k for k in data if k in gold)
    feats = {k: data[k]["feats"] for k in ids}
    rules = {k: data[k]["rules"] for k in ids}
    topics = sorted({t for k in ids for t in gold[k]})
    outlets = json.loads((ROOT / "src" / "parleys" / "data" / "outlets.json").read_text())["outlets"]
    outlets = sorted(outlets, key=len, reverse=True)
    groups = []
    for k in ids:
        if k.startswith("train/"):
            groups.append(k)
        else:
            groups.append("dev:" + (outlet_of(data[k]["text"][:3000], outlets) or "unknown"))
    n_dev_groups = len({g for g in groups if g.startswith("dev:")})
    print(
        f"{len(ids)} articles ({sum(k.startswith('dev/') for k in ids)} dev "
        f"in {n_dev_groups} outlet groups), {len(topics)} topics"
    )

    idx = np.arange(len(ids))
    settings = {
        "grouped 5-fold (dev+train)": list(GroupKFold(n_splits=5).split(idx, groups=groups)),
        "dev -> train": [
            (idx[[k.startswith("dev/") for k in ids]], idx[[k.startswith("train/") for k in ids]])
        ],
        "train -> dev": [
            (idx[[k.startswith("train/") for k in ids]], idx[[k.startswith("dev/") for k in ids]])
        ],
    }
    oof = {name: out_of_fold(ids, feats, gold, topics, splits) for name, splits in settings.items()}

    def evaluated(name, modes):
        test = sorted({int(i) for _, te in settings[name] for i in te})
        sub = [ids[i] for i in test]
        proba = {t: oof[name][t][test] for t in topics}
        return counts(sub, gold, rules, proba, modes)

    # choose each topic's mode on the grouped CV
    chosen: dict[str, tuple[str, float]] = {}
    base = evaluated("grouped 5-fold (dev+train)", {t: ("rules", 0.0) for t in topics})[3]
    for t in topics:
        best = ("rules", 0.0)
        b_tp, b_fp, b_fn = base.get(t, (0, 0, 0))
        best_f1, best_err = f1(b_tp, b_fp, b_fn), b_fp + b_fn
        for mode, thrs in (("union", HIGHS), ("filter", LOWS)):
            for thr in thrs:
                tp, fp, fn = evaluated("grouped 5-fold (dev+train)", {t: (mode, thr)})[3][t]
                if f1(tp, fp, fn) >= best_f1 + args.margin and fp + fn <= best_err - 2:
                    best, best_f1, best_err = (mode, thr), f1(tp, fp, fn), fp + fn
        chosen[t] = best

    print("\nmicro-F1 of topics (P/R/F1)")
    print(f"{'setting':30s} {'rules':>20s} {'model alone':>20s} {'rules+model (chosen)':>22s}")
    for name in settings:
        cells = []
        for modes in ({t: ("rules", 0.0) for t in topics}, {t: ("model", 0.5) for t in topics}, chosen):
            tp, fp, fn, _ = evaluated(name, modes)
            p = tp / (tp + fp) if tp + fp else 1.0
            r = tp / (tp + fn) if tp + fn else 1.0
            cells.append(f"{p:.3f}/{r:.3f}/{f1(tp, fp, fn):.3f}")
        print(f"{name:30s} {cells[0]:>20s} {cells[1]:>20s} {cells[2]:>22s}")
    print("\nper topic, grouped CV: rules F1 -> chosen (mode, threshold) F1")
    per_chosen = evaluated("grouped 5-fold (dev+train)", chosen)[3]
    for t in topics:
        print(
            f"  {t:22s} {f1(*base.get(t, (0, 0, 0))):.3f} -> "
            f"{f1(*per_chosen.get(t, (0, 0, 0))):.3f}  {chosen[t]}"
        )

    cand_thr, cand_topics, cand_rows = candidate_report(ids, data, gold, settings, topics)

    if args.report_only:
        return 0
    labels = {t: np.array([t in gold[k] for k in ids], dtype=int) for t in topics}
    final = Fold([feats[k] for k in ids], labels, topics)
    inv = {i: w for w, i in final.vocab.items()}
    model: dict = {"version": "parleys-topics-1", "seed": SEED, "C": C, "min_df": MIN_DF, "topics": {}}
    for t in topics:
        mode, thr = chosen[t]
        if mode == "rules" or t not in final.models:
            continue
        m = final.models[t]
        weights = {inv[j]: round(float(w), 4) for j, w in enumerate(m.coef_[0]) if abs(w) >= 0.01}
        spec = {"mode": mode, "intercept": round(float(m.intercept_[0]), 4), "weights": weights}
        spec["high" if mode == "union" else "low"] = thr
        model["topics"][t] = spec
    if cand_topics:
        vocab, m = fit_candidates(cand_rows)
        inv_c = {j: w for w, j in vocab.items()}
        model["candidates"] = {
            "C": CAND_C,
            "threshold": cand_thr,
            "topics": sorted(cand_topics),
            "intercept": round(float(m.intercept_[0]), 4),
            "weights": {inv_c[j]: round(float(w), 4) for j, w in enumerate(m.coef_[0]) if abs(w) >= 0.001},
        }
    args.out.write_text(
        json.dumps(model, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8"
    )
    print(f"\nwrote {args.out} ({len(model['topics'])} topics use the model)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
