#!/usr/bin/env python3
"""Fit the person-country chooser (``parleys.extract.person_country``) on the annotated articles.

    .venv/bin/python scripts/train_person_country.py [--shared ../shared] [--write] [--cache FILE]

Runs the full pipeline (with the shipped weights set aside, so that the features are those of the
rules alone) over ``shared/corpus/dev`` and ``shared/corpus/train``; for every person whose office
leaves the country open it takes the candidates and their features, and the gold country of the
person they pair with (``shared/eval/score.py``'s name match). A logistic regression (fixed seed)
scores candidates; the best candidate wins.

Cross-validation never shares an outlet between fitting and testing: the train articles come from
247 outlets that dev lacks, so each train article is its own group, and dev articles are grouped
by the outlet named in them (``data/outlets.json``; the article itself when none is named). It
prints grouped 5-fold accuracy over dev+train, and dev->train and train->dev transfer, each beside
the rules' accuracy on the same persons. ``--write`` stores the weights fitted on all articles in
``src/parleys/data/person_country.json``.

No weights ship: with the sides of the contact in the rules (``extract/sides.py``), the rules win
(at 93d76bd: grouped 5-fold dev+train 0.674 model vs 0.679 rules over 617 persons; dev -> train
0.643 vs 0.647; train -> dev 0.707 vs 0.848), so the rules' choice stands.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

sys.path.insert(0, str(Path(__file__).resolve().parent))
from person_training import annotated_docs, cached_rows, load_score, write_weights  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WEIGHTS = ROOT / "src" / "parleys" / "data" / "person_country.json"
SEED = 13
C = 1.0


def collect(shared: Path) -> list[dict]:
    """One row per decision: split, group, candidates' features, the rule's choice, the gold country."""
    from parleys.extract import unstated

    def configure(finder) -> None:
        finder.unstated.model = None  # features and rule choices as the rules alone give them
        finder.unstated.collect = True

    score = load_score(shared)
    rows: list[dict] = []
    for split, group, g, doc in annotated_docs(shared, configure):
        records = {r.key: r for r in doc._.persons}
        for decision in doc.user_data.get(unstated.DECISIONS_KEY, []):
            rec = records[decision["key"]]
            match = next((p for p in g.get("persons") or [] if score.same_person(p["name"], rec.name)), None)
            if match is None or not match.get("country"):
                continue
            rows.append(
                {
                    "split": split,
                    "group": group,
                    "gold": match["country"],
                    "rule": decision["rule"],
                    "table": decision["table"],
                }
            )
    return rows


def matrix(rows: list[dict], names: list[str]):
    xs, ys, owner = [], [], []
    for n, row in enumerate(rows):
        for country, feats in row["table"].items():
            xs.append([feats.get(k, 0.0) for k in names])
            ys.append(int(country == row["gold"]))
            owner.append(n)
    return np.array(xs), np.array(ys), np.array(owner)


def fit(rows: list[dict], names: list[str]) -> LogisticRegression:
    x, y, _ = matrix(rows, names)
    model = LogisticRegression(C=C, max_iter=2000, random_state=SEED, fit_intercept=False)
    model.fit(x, y)
    return model


def accuracy(model: LogisticRegression, rows: list[dict], names: list[str]) -> tuple[float, float, int]:
    """(model accuracy, rule accuracy, persons) over ``rows``."""
    right = rule = 0
    for row in rows:
        table = row["table"]
        if table:
            cs = sorted(table)
            scores = model.decision_function(np.array([[table[c].get(k, 0.0) for k in names] for c in cs]))
            best = max(zip(scores, cs, strict=True))[1]
            right += best == row["gold"]
        rule += row["rule"] == row["gold"]
    n = len(rows) or 1
    return right / n, rule / n, len(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--write", action="store_true", help="store the weights fitted on all articles")
    ap.add_argument("--cache", type=Path, help="keep the collected decisions here (pickle, dev use only)")
    args = ap.parse_args(argv)
    rows = cached_rows(args.shared, args.cache, collect)
    names = sorted({k for row in rows for feats in row["table"].values() for k in feats})
    print(
        f"{len(rows)} decisions ({sum(r['split'] == 'dev' for r in rows)} dev, "
        f"{sum(r['split'] == 'train' for r in rows)} train), {len(names)} features"
    )
    print(f"{'scheme':28} {'model':>7} {'rules':>7} {'n':>5}")
    groups = np.array([r["group"] for r in rows])
    folds = GroupKFold(n_splits=5)
    totals = [0.0, 0.0, 0]
    for fit_idx, test_idx in folds.split(np.zeros(len(rows)), groups=groups):
        model = fit([rows[i] for i in fit_idx], names)
        m, r, n = accuracy(model, [rows[i] for i in test_idx], names)
        totals[0] += m * n
        totals[1] += r * n
        totals[2] += n
    label = "grouped 5-fold dev+train"
    print(f"{label:28} {totals[0] / totals[2]:7.3f} {totals[1] / totals[2]:7.3f} {totals[2]:5d}")
    for a, b in (("dev", "train"), ("train", "dev")):
        model = fit([r for r in rows if r["split"] == a], names)
        m, r, n = accuracy(model, [r for r in rows if r["split"] == b], names)
        print(f"{a + ' -> ' + b:28} {m:7.3f} {r:7.3f} {n:5d}")
    model = fit(rows, names)
    weights = {k: round(float(w), 5) for k, w in zip(names, model.coef_[0], strict=True)}
    for k, w in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {k:22} {w:+.3f}")
    if args.write:
        doc = (
            f"Weights of parleys.extract.person_country, fitted by scripts/train_person_country.py "
            f"(logistic regression, seed {SEED}, C={C}) on the dev and train gold; no feature names a person."
        )
        write_weights(WEIGHTS, doc, weights)
    return 0


if __name__ == "__main__":
    sys.exit(main())
