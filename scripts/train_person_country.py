#!/usr/bin/env python3
"""Fit the person-country chooser (``parleys.extract.person_country``) on the annotated articles.

    .venv/bin/python scripts/train_person_country.py [--shared ../shared] [--write] [--cache FILE]

Runs the full pipeline (with the shipped weights set aside, so that the features are those of the
rules alone) over ``shared/corpus/dev`` and ``shared/corpus/train``; for every person whose country
the hand rules can only guess from how often the article names it (``focus.RANKED``), it takes the
candidates and their features, and the gold country of the person they pair with
(``shared/eval/score.py``'s name match). A logistic regression (fixed seed) scores candidates; the
best candidate replaces the rules' guess when it scores at least ``MARGIN`` above it.

Cross-validation never shares an outlet between fitting and testing: the train articles come from
247 outlets that dev lacks, so each train article is its own group, and dev articles are grouped
by the outlet named in them (``data/outlets.json``; the article itself when none is named). It
prints grouped 5-fold accuracy over dev+train (split by dev and train), and dev->train and
train->dev transfer, each beside the rules' accuracy on the same persons, for each margin tried.
``--write`` stores the weights fitted on all articles in ``src/parleys/data/person_country.json``.

No weights ship: the rules win. At aa890c7 (feature version 3: the article's home-side scores,
``focus.home_countries``, and the countries someone departs for added), over 274 guessed decisions
(50 dev, 224 train; the guess is now the home country, not the most named one), accuracy model vs
rules:

    margin  grouped 5-fold dev+train  (dev / train)        dev -> train   train -> dev
    0.00    .675 vs .715   (.920/.940, .621/.665)           .656 vs .665   .660 vs .940
    0.25    .664 vs .715   (.920/.940, .607/.665)           .661 vs .665   .780 vs .940
    0.50    .693 vs .715   (.940/.940, .638/.665)           .665 vs .665   .820 vs .940
    1.00    .701 vs .715   (.940/.940, .647/.665)           .665 vs .665   .880 vs .940

Before the home-side guess (991cf12, feature version 2, 291 decisions) the rules scored .595 and
the model .546-.591. The home-side rule took most of what the model had found on train's outlets
(the home country named once or never, the other side named often) and keeps dev's, whose
agencies name their own country often; what is left to learn does not transfer between outlets.

``--sides`` checks the other-side rule (``sides.other_side``: a guess that a stated partner in the
same sentence shares, the two not listed together, moves to the other country when that is named
at least half as often outside the offices) against a logistic model over its candidates' features
(``sides.side_features``). At 2bdd7a3, over its 15 candidates (1 dev, 14 train; the gold is the
other country in 6, the guess in 8), accuracy of the country chosen:

    scheme                      model   rule    keep the guess
    grouped 5-fold dev+train    .933    .933    .533
    grouped 5-fold train        .929    .929    .500
    grouped 5-fold dev          1.00    1.00    1.00   (1 candidate)
    train -> dev                1.00    1.00    1.00

The model does no better than the rule (at f86466d, before lists were read from the text, it was
.913 vs .870 over 23 candidates: one candidate apart): the rule stays, and no weights ship for it.
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
MARGIN = 0.5
MARGINS = (0.0, 0.25, 0.5, 1.0)


def collect(shared: Path) -> list[dict]:
    """One row per guessed decision: split, group, candidates' features, the rule's guess, the gold."""
    from parleys.extract import unstated
    from parleys.extract.focus import RANKED

    def configure(finder) -> None:
        finder.unstated.model = None  # features and rule choices as the rules alone give them
        finder.unstated.collect = True

    score = load_score(shared)
    rows: list[dict] = []
    for split, group, g, doc in annotated_docs(shared, configure):
        records = {r.key: r for r in doc._.persons}
        for decision in doc.user_data.get(unstated.DECISIONS_KEY, []):
            if decision["rule"] is not None and decision["confidence"] != RANKED:
                continue  # a rule that reads the text decided; the model does not overrule it
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


def collect_sides(shared: Path) -> list[dict]:
    """One row per ``sides.other_side`` candidate (a guess a stated partner shares, and the other
    country): split, group, features, the rule's choice, the guess, the other country, the gold."""
    from parleys.extract.sides import SIDES_KEY

    def configure(finder) -> None:
        finder.unstated.model = None
        finder.unstated.collect = True

    score = load_score(shared)
    rows: list[dict] = []
    for split, group, g, doc in annotated_docs(shared, configure):
        records = {r.key: r for r in doc._.persons}
        for row in doc.user_data.get(SIDES_KEY, []):
            rec = records[row["key"]]
            match = next((p for p in g.get("persons") or [] if score.same_person(p["name"], rec.name)), None)
            if match is None or not match.get("country"):
                continue
            rows.append({"split": split, "group": group, "gold": match["country"], **row})
    return rows


def sides_report(rows: list[dict]) -> None:
    """Grouped 5-fold accuracy of the other-side rule vs a logistic model over the same features
    (the country each chooses against the gold), and the transfers between dev and train."""
    names = sorted({k for r in rows for k in r["features"]})
    x = np.array([[r["features"].get(k, 0.0) for k in names] for r in rows])
    y = np.array([int(r["gold"] == r["other"]) for r in rows])

    def right(r: dict, move: bool) -> bool:
        return (r["other"] if move else r["guess"]) == r["gold"]

    print(
        f"\nother side: {len(rows)} candidates ({sum(r['split'] == 'dev' for r in rows)} dev), "
        f"gold is the other country in {int(y.sum())}, the guess in "
        f"{sum(r['gold'] == r['guess'] for r in rows)}"
    )
    print(f"{'scheme':26} {'model':>7} {'rules':>7} {'keep':>7} {'n':>5}")
    groups = np.array([r["group"] for r in rows])
    got = {"dev": [0, 0, 0, 0], "train": [0, 0, 0, 0]}
    for fit_idx, test_idx in GroupKFold(n_splits=5).split(x, groups=groups):
        if len(set(y[fit_idx])) < 2:
            continue
        model = LogisticRegression(C=C, max_iter=3000, random_state=SEED, fit_intercept=False)
        model.fit(x[fit_idx], y[fit_idx])
        moves = model.predict_proba(x[test_idx])[:, 1] > 0.5
        for i, move in zip(test_idx, moves, strict=True):
            r = rows[i]
            tally = got[r["split"]]
            tally[0] += right(r, bool(move))
            tally[1] += right(r, r["rule"])
            tally[2] += right(r, False)
            tally[3] += 1
    for split in ("dev", "train", None):
        m, ru, k, n = (sum(got[s][j] for s in got if split in (None, s)) for j in range(4))
        if n:
            label = f"grouped 5-fold {split or 'dev+train'}"
            print(f"{label:26} {m / n:7.3f} {ru / n:7.3f} {k / n:7.3f} {n:5d}")
    for a, b in (("dev", "train"), ("train", "dev")):
        fit_rows = [i for i, r in enumerate(rows) if r["split"] == a]
        test = [i for i, r in enumerate(rows) if r["split"] == b]
        if not test or len(set(y[fit_rows])) < 2:
            continue
        model = LogisticRegression(C=C, max_iter=3000, random_state=SEED, fit_intercept=False)
        model.fit(x[fit_rows], y[fit_rows])
        moves = model.predict_proba(x[test])[:, 1] > 0.5
        m = sum(right(rows[i], bool(v)) for i, v in zip(test, moves, strict=True))
        ru = sum(right(rows[i], rows[i]["rule"]) for i in test)
        k = sum(right(rows[i], False) for i in test)
        n = len(test)
        print(f"{a + ' -> ' + b:26} {m / n:7.3f} {ru / n:7.3f} {k / n:7.3f} {n:5d}")


def matrix(rows: list[dict], names: list[str]):
    xs, ys = [], []
    for row in rows:
        for country, feats in row["table"].items():
            xs.append([feats.get(k, 0.0) for k in names])
            ys.append(int(country == row["gold"]))
    return np.array(xs), np.array(ys)


def fit(rows: list[dict], names: list[str]) -> LogisticRegression:
    x, y = matrix(rows, names)
    model = LogisticRegression(C=C, max_iter=3000, random_state=SEED, fit_intercept=False)
    model.fit(x, y)
    return model


def choose(model: LogisticRegression, row: dict, names: list[str], margin: float) -> str | None:
    """As ``CountryModel.choose``: the best candidate unless it scores less than ``margin`` above
    the rules' guess."""
    table = row["table"]
    if not table:
        return row["rule"]
    cs = sorted(table)
    scores = dict(
        zip(
            cs,
            model.decision_function(np.array([[table[c].get(k, 0.0) for k in names] for c in cs])),
            strict=True,
        )
    )
    best = max(cs, key=lambda c: (scores[c], c))
    if row["rule"] in scores and scores[best] - scores[row["rule"]] < margin:
        return row["rule"]
    return best


def tally(model, rows, names, margin) -> tuple[int, int, int]:
    """(model right, rules right, persons) over ``rows``."""
    right = sum(choose(model, r, names, margin) == r["gold"] for r in rows)
    return right, sum(r["rule"] == r["gold"] for r in rows), len(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--write", action="store_true", help="store the weights fitted on all articles")
    ap.add_argument("--cache", type=Path, help="keep the collected decisions here (pickle, dev use only)")
    ap.add_argument(
        "--sides",
        action="store_true",
        help="instead: grouped CV of the other-side rule (sides.other_side) against a learned check",
    )
    args = ap.parse_args(argv)
    if args.sides:
        sides_report(cached_rows(args.shared, args.cache, collect_sides))
        return 0
    from parleys.extract.person_country import FEATURE_VERSION
    from parleys.extract.pipeline import PIPELINE_VERSION

    rows = cached_rows(args.shared, args.cache, collect)
    names = sorted({k for row in rows for feats in row["table"].values() for k in feats})
    print(
        f"{len(rows)} guessed decisions ({sum(r['split'] == 'dev' for r in rows)} dev, "
        f"{sum(r['split'] == 'train' for r in rows)} train), {len(names)} features"
    )
    print(f"{'scheme':26} {'margin':>6} {'model':>7} {'rules':>7} {'n':>5}")
    groups = np.array([r["group"] for r in rows])
    folds = list(GroupKFold(n_splits=5).split(np.zeros(len(rows)), groups=groups))
    fold_models = [fit([rows[i] for i in fit_idx], names) for fit_idx, _ in folds]
    transfer = {
        (a, b): fit([r for r in rows if r["split"] == a], names)
        for a, b in (("dev", "train"), ("train", "dev"))
    }
    for margin in MARGINS:
        for split in ("dev", "train", None):
            got = [0, 0, 0]
            for model, (_, test_idx) in zip(fold_models, folds, strict=True):
                part = [rows[i] for i in test_idx if split is None or rows[i]["split"] == split]
                for n, v in enumerate(tally(model, part, names, margin)):
                    got[n] += v
            label = f"grouped 5-fold {split or 'dev+train'}"
            print(f"{label:26} {margin:6.2f} {got[0] / got[2]:7.3f} {got[1] / got[2]:7.3f} {got[2]:5d}")
        for (a, b), model in transfer.items():
            m, r, n = tally(model, [r for r in rows if r["split"] == b], names, margin)
            print(f"{a + ' -> ' + b:26} {margin:6.2f} {m / n:7.3f} {r / n:7.3f} {n:5d}")
    model = fit(rows, names)
    weights = {k: round(float(w), 5) for k, w in zip(names, model.coef_[0], strict=True)}
    for k, w in sorted(weights.items(), key=lambda kv: -abs(kv[1]))[:20]:
        print(f"  {k:22} {w:+.3f}")
    if args.write:
        doc = (
            f"Weights of parleys.extract.person_country, fitted by scripts/train_person_country.py "
            f"(logistic regression, seed {SEED}, C={C}) on the dev and train gold, for the persons whose "
            f"country the rules only guess from how often the article names it; no feature names a person."
        )
        write_weights(
            WEIGHTS,
            doc,
            weights,
            margin=MARGIN,
            feature_version=FEATURE_VERSION,
            pipeline_version=PIPELINE_VERSION,  # type: ignore[arg-type]
            seed=SEED,
            C=C,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
