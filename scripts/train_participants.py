"""Fit the learned participant-or-not decision (``parleys/data/participants.json``).

    .venv/bin/python scripts/train_participants.py [--shared ../shared] [--cache F] [--write]

Runs the extraction pipeline over the dev and train corpora of ``--shared`` and takes every person
the article names as a candidate, with the features of ``participants.candidate_features`` (never
the name). A candidate is positive when its name matches a gold participant of the main event
(the scorer's name match). It cross-validates a logistic regression with folds grouped by outlet
(as ``train_event_type.py``), scoring participants F1 against the rules on the same folds, and
reports dev -> train and train -> dev transfer. ``--write`` fits on all articles and writes the
weights where the chosen setting beats the rules over the pooled grouped folds; where it does not,
it removes them and the rules decide alone.

At feature version 6 (version 5's, plus the frame of one another stands in for, "X, who was
represented by Y"), with the rules that also keep out contacts a reported visit only plans, contacts
set apart by "separately", persons named only inside a quotation and the one represented, and take
in a message's senders and addressees beyond the lead, grouped 5-fold participants F1 at the setting
chosen (C=0.1, margin 0.3), rule vs learned: dev .958 vs .958, train .941 vs .941; dev -> train .941
vs .941, train -> dev .958 vs .958 (every setting of the grid at or below the rules). It does not
beat the rules: no weights ship.

At feature version 5 (version 4's, plus a contact announced after a reported one, a verbless line,
a sentence naming three or more persons, and whether the main sentence announces its contact),
with the rules that set aside later planned contacts, later inviters, objects of attitude, sources
and the further contacts of a distributive main sentence, grouped 5-fold participants F1 at the
setting chosen (C=0.1, margin 0.3), rule vs learned: dev .958 vs .958, train .927 vs .927; dev ->
train .927 vs .927, train -> dev .958 vs .958. At margin 0.2 the learned decision scores train
.926, at margin 0 .922, below the rules. It does not beat the rules: no weights ship and the rules
decide alone.

At feature version 4 (the later-occasion, said, praise and quoted frames; a meeting's, call's or
message's later contacts set apart and a visit's taken in by the rules), grouped 5-fold
participants F1 at the setting chosen (C=0.1, margin 0.2), rule vs learned: dev .955 vs .955 (253
right, 19 extra, 5 missed both), train .9128 vs .9129 (858/103/61 vs 859/104/60); dev -> train
.913 vs .913, train -> dev .955 vs .955. The learned decision beats the rules by one more right
and one more extra on train: it ships, and is in effect a no-op. At feature version 3 the rules
scored dev .945, train .897 and the learned decision .945, .900.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from parleys.extract.participants import PARTICIPANT_FEATURES
from parleys.extract.pipeline import PIPELINE_VERSION

sys.path.insert(0, str(Path(__file__).resolve().parent))
from train_event_type import arguments, processed  # noqa: E402  (a sibling script, not a package)

SEED = 13
FOLDS = 5
C_GRID = (0.1, 0.3, 1.0)
MARGIN_GRID = (0.0, 0.1, 0.2, 0.3)
MIN_ARTICLES = 3
DEV_TOLERANCE = 0.005
ROOT = Path(__file__).resolve().parents[1]
MODEL_FILE = "participants.json"


def same_person(shared: Path):
    sys.path.insert(0, str(shared / "eval"))
    from score import same_person as match  # the scorer's own name match

    return match


def gold_participants(path: Path) -> dict[str, list[str]]:
    out = {}
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            events = rec.get("events") or []
            out[rec["id"]] = [p["name"] for p in events[0]["participants"]] if events else []
    return out


def collect(shared: Path) -> list[dict]:
    """One row per article: its outlet group, gold participant count and candidates."""
    match = same_person(shared)
    gold = {
        **gold_participants(shared / "eval/gold/dev.jsonl"),
        **gold_participants(shared / "eval/gold/train.jsonl"),
    }
    rows = []
    for split, group, doc, finder in processed(shared):
        art_id = doc._.article.id
        keys, feats = finder.candidates(doc)
        names = {p.key: p.name for p in doc._.persons or []}
        left = list(gold[art_id])
        cands = []
        for key, f in feats.items():
            hit = next((g for g in left if match(g, names[key])), None)
            if hit is not None:
                left.remove(hit)
            cands.append({"rule": key in keys, "label": hit is not None, "features": f})
        rows.append(
            {"id": art_id, "split": split, "group": group, "gold": len(gold[art_id]), "candidates": cands}
        )
    return rows


def fit(rows: list[dict], c: float) -> tuple[DictVectorizer, LogisticRegression]:
    cands = [x for r in rows for x in r["candidates"]]
    df = Counter(f for x in cands for f in x["features"])
    vec = DictVectorizer()
    xs = vec.fit_transform([{f: v for f, v in x["features"].items() if df[f] >= MIN_ARTICLES} for x in cands])
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    model.fit(xs, ["yes" if x["label"] else "no" for x in cands])
    return vec, model


def tally(rows: list[dict], chosen: list[list[bool]]) -> tuple[int, int, int]:
    tp = fp = 0
    gold = sum(r["gold"] for r in rows)
    for r, picks in zip(rows, chosen, strict=True):
        for x, pick in zip(r["candidates"], picks, strict=True):
            tp += pick and x["label"]
            fp += pick and not x["label"]
    return tp, fp, gold - tp


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def decide(vec, model, rows: list[dict], margin: float) -> list[list[bool]]:
    """As ``events._choose``: the rules' decision unless the model disagrees by more than ``margin``."""
    yes = list(model.classes_).index("yes")
    out = []
    for r in rows:
        if not r["candidates"]:
            out.append([])
            continue
        probs = model.predict_proba(vec.transform([x["features"] for x in r["candidates"]]))[:, yes]
        out.append(
            [
                bool(p >= 0.5 - margin) if x["rule"] else bool(p > 0.5 + margin)
                for x, p in zip(r["candidates"], probs, strict=True)
            ]
        )
    return out


def rules(rows: list[dict]) -> list[list[bool]]:
    return [[x["rule"] for x in r["candidates"]] for r in rows]


def cross_validate(rows: list[dict], c: float, margin: float) -> dict[str, list]:
    """Per fold and split: (tp, fp, fn) of the rules and of the learned decision."""
    out: dict[str, list] = {"dev": [], "train": []}
    splitter = GroupKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    for tr, te in splitter.split(rows, groups=[r["group"] for r in rows]):
        vec, model = fit([rows[i] for i in tr], c)
        for split in ("dev", "train"):
            test = [rows[i] for i in te if rows[i]["split"] == split]
            out[split].append(
                (len(test), tally(test, rules(test)), tally(test, decide(vec, model, test, margin)))
            )
    return out


def pooled(lines: list, which: int) -> float:
    tp, fp, fn = (sum(line[which][k] for line in lines) for k in range(3))
    return f1(tp, fp, fn)


def main(argv: list[str] | None = None) -> int:
    args, rows = arguments(__doc__, argv, collect)
    n = sum(len(r["candidates"]) for r in rows)
    print(f"{len(rows)} articles, {n} candidates, {len({r['group'] for r in rows})} outlet groups")
    best = (-1.0, C_GRID[0], MARGIN_GRID[0])
    for c in C_GRID:
        for m in MARGIN_GRID:
            cv = cross_validate(rows, c, m)
            dev, train = pooled(cv["dev"], 2), pooled(cv["train"], 2)
            print(f"C={c} margin={m}: grouped participants F1, dev {dev:.3f}, train {train:.3f}")
            # the rules were written on dev: a setting may not cost dev more than DEV_TOLERANCE
            if dev >= pooled(cv["dev"], 1) - DEV_TOLERANCE and (dev + train) / 2 > best[0]:
                best = ((dev + train) / 2, c, m)
    _score, c, m = best
    cv = cross_validate(rows, c, m)
    print(f"\nC={c} margin={m}, folds grouped by outlet, participants F1 (rule -> learned):")
    print("| fold | dev n | dev rule | dev learned | train n | train rule | train learned |")
    print("|---|---|---|---|---|---|---|")
    for k, (d, t) in enumerate(zip(cv["dev"], cv["train"], strict=True)):
        cells = [d[0], f"{f1(*d[1]):.3f}", f"{f1(*d[2]):.3f}", t[0], f"{f1(*t[1]):.3f}", f"{f1(*t[2]):.3f}"]
        print(f"| {k} | " + " | ".join(map(str, cells)) + " |")
    print(
        f"| all | {sum(x[0] for x in cv['dev'])} | {pooled(cv['dev'], 1):.3f} | {pooled(cv['dev'], 2):.3f} | "
        f"{sum(x[0] for x in cv['train'])} | {pooled(cv['train'], 1):.3f} | {pooled(cv['train'], 2):.3f} |"
    )
    for source, target in (("dev", "train"), ("train", "dev")):
        vec, model = fit([r for r in rows if r["split"] == source], c)
        test = [r for r in rows if r["split"] == target]
        print(
            f"{source} -> {target}: rule {f1(*tally(test, rules(test))):.3f}, "
            f"learned {f1(*tally(test, decide(vec, model, test, m))):.3f}"
        )
    both = cv["dev"] + cv["train"]
    beats = pooled(both, 2) > pooled(both, 1)
    path = ROOT / "src" / "parleys" / "data" / MODEL_FILE
    if args.write and not beats:
        path.unlink(missing_ok=True)
        print(
            f"the learned decision does not beat the rules ({pooled(both, 2):.3f} vs {pooled(both, 1):.3f}):"
        )
        print(f"no weights ship, {path} removed")
    if args.write and beats:
        vec, model = fit(rows, c)
        names = vec.get_feature_names_out()
        # a binary model as two classes: p(yes) = softmax([0, w.x + b])[1]
        coef = {str(f): [0.0, round(float(w), 4)] for f, w in zip(names, model.coef_[0], strict=True)}
        out = {
            "_doc": "Learned participant-or-not decision, from scripts/train_participants.py",
            "pipeline_version": PIPELINE_VERSION,
            "feature_version": PARTICIPANT_FEATURES,
            "C": c,
            "margin": m,
            "seed": SEED,
            "articles": len(rows),
            "classes": ["no", "yes"],
            "intercept": [0.0, round(float(model.intercept_[0]), 4)],
            "coef": {f: row for f, row in sorted(coef.items()) if abs(row[1]) >= 1e-3},
        }
        path.write_text(json.dumps(out, indent=0) + "\n", "utf-8")
        print(f"wrote {path} ({len(out['coef'])} features)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
