"""Pairwise precision and recall of merging reports into events, on a labelled set.

    .venv/bin/python bench/merge_eval.py                 # both inputs (below), dev corpus included
    .venv/bin/python bench/merge_eval.py --input gold    # the merging alone, on gold-annotated reports
    .venv/bin/python bench/merge_eval.py --input system  # end to end: extraction, then merging
    .venv/bin/python bench/merge_eval.py --no-dev        # the synthetic part only (no ../shared needed)

**The labelled set** (``bench/data/merge/``):

- ``synthetic/*.txt`` with ``synthetic.jsonl``: articles written by ``bench/synth.py rewrites`` with
  invented names, each with its gold record; every event carries an ``event_label``, shared by the
  reports of one event (other wording, order, spelling, a report a day later) and not by the hard
  negatives (the same people two or more days later, the same host with someone else that day,
  a call of the same two a day before).
- ``dev_labels.jsonl``: pairs of events of ``../shared`` (seeds and dev corpus), named by gold
  article id and event index, found as candidates (same or near date, shared participant or
  countries) and labelled by reading the articles; ``same`` with a note. Every other gold event
  of the dev corpus and seeds is an event of its own.

Every pair of labelled reports counts: *same* when their labels are equal. A pair is *merged* when
both reports are in one cluster after resolution. Precision = merged and same / merged; recall =
merged and same / same.

**Inputs.** ``gold``: the gold records themselves are stored (no extraction) and resolved, which
measures the merging logic. ``system``: the article texts are ingested with the real pipeline and
resolved; each labelled report is matched to the article's extracted event of the same type
family and date (a day of tolerance), so extraction errors count against recall.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
import tempfile
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DATA = ROOT / "bench" / "data" / "merge"
SHARED = ROOT.parent / "shared"

from parleys.documents import Article  # noqa: E402
from parleys.records import ArticleRecord, EventRecord, PersonRecord  # noqa: E402
from parleys.resolve.events import family  # noqa: E402

Report = tuple[str, int]  # (gold article id, event index)


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def gold_records(*, dev: bool, shared: Path) -> dict[str, dict]:
    records = {r["id"]: r for r in _jsonl(DATA / "synthetic.jsonl")}
    if dev:
        for name in ("seeds.jsonl", "dev.jsonl"):
            records.update({r["id"]: r for r in _jsonl(shared / "eval" / "gold" / name)})
    return records


def labels(records: dict[str, dict], *, dev: bool) -> dict[Report, str]:
    """Report -> event label: the synthetic labels; for the dev corpus, one label per gold event,
    shared by the pairs that ``dev_labels.jsonl`` marks ``same``."""
    out: dict[Report, str] = {}
    for aid, rec in records.items():
        for i, ev in enumerate(rec.get("events", [])):
            out[(aid, i)] = ev.get("event_label") or f"{aid}#{i}"
    if dev:
        for item in _jsonl(DATA / "dev_labels.jsonl"):
            a = (item["a"]["article"], item["a"]["event"])
            b = (item["b"]["article"], item["b"]["event"])
            if item["same"] and a in out and b in out:
                old, new = out[b], out[a]
                for k, v in out.items():
                    if v == old:
                        out[k] = new
    return out


def _article_id(external_id: str) -> str:
    m = re.match(r"^(\d{3})_[0-9a-f]{16}$", external_id)  # seed files; their gold ids are seed-NNN
    return f"seed-{m.group(1)}" if m else external_id


def _as_record(rec: dict) -> tuple[Article, ArticleRecord]:
    published = date.fromisoformat(rec["published"]) if rec.get("published") else None
    persons, keys = [], {}
    people = list(rec.get("persons", []))
    for ev in rec.get("events", []):
        people += ev.get("participants", [])
    for p in people:
        if p["name"] not in keys:
            keys[p["name"]] = f"p{len(keys)}"
            persons.append(
                PersonRecord(
                    key=keys[p["name"]],
                    name=p["name"],
                    role_class=p.get("role_class") or "other",
                    country=p.get("country"),
                )
            )
    events = [
        EventRecord(
            type=ev["type"],
            date=date.fromisoformat(ev["date"]) if ev.get("date") else None,
            city=(ev.get("location") or {}).get("city"),
            country=(ev.get("location") or {}).get("country"),
            participants=list(dict.fromkeys(keys[p["name"]] for p in ev.get("participants", []))),
            countries=list(ev.get("countries", [])),
        )
        for ev in rec.get("events", [])
    ]
    article = Article(
        id=rec["id"], source=f"gold://{rec['id']}", text=f"gold record {rec['id']}", published=published
    )
    return article, ArticleRecord(
        id=rec["id"],
        published=published,
        source=article.source,
        events=events,
        persons=persons,
        pipeline_version="gold",
    )


def clusters_from_gold(records: dict[str, dict], db_url: str) -> dict[Report, int]:
    """Store the gold records, resolve, and give each report its cluster."""
    from sqlalchemy import select

    from parleys.resolve import resolve_all
    from parleys.settings import Settings
    from parleys.store import repository
    from parleys.store.db import open_session
    from parleys.store.models import ArticleRow, EventClusterMemberRow, EventRow

    with open_session(Settings.load(config_file=None, database_url=db_url)) as session:
        for rec in records.values():
            article, record = _as_record(rec)
            repository.save_article_record(session, article, record)
        resolve_all(session)
        session.commit()
        rows = session.execute(
            select(ArticleRow.external_id, EventRow.position, EventClusterMemberRow.cluster_id)
            .join(EventRow, EventRow.article_id == ArticleRow.id)
            .join(EventClusterMemberRow, EventClusterMemberRow.event_id == EventRow.id)
        )
        return {(aid, pos): cid for aid, pos, cid in rows}


def clusters_from_system(
    records: dict[str, dict], db_url: str, *, dev: bool, shared: Path, extractor: Any = None
) -> dict[Report, int]:
    """Ingest the texts with the real pipeline (``extractor``, else the one the settings name),
    resolve, and match each labelled report to an event."""
    from sqlalchemy import select

    from parleys import service
    from parleys.settings import Settings
    from parleys.store.db import open_session
    from parleys.store.models import ArticleRow, EventClusterMemberRow, EventRow

    settings = Settings.load(config_file=None, database_url=db_url)
    inputs = [DATA / "synthetic"] + ([shared / "seeds", shared / "corpus" / "dev"] if dev else [])
    service.ingest(inputs, settings=settings, extractor=extractor)
    found: dict[str, list[tuple[int, str, date | None, int]]] = defaultdict(list)
    with open_session(settings) as session:
        for external_id, pos, kind, day, cid in session.execute(
            select(
                ArticleRow.external_id,
                EventRow.position,
                EventRow.type,
                EventRow.date,
                EventClusterMemberRow.cluster_id,
            )
            .join(EventRow, EventRow.article_id == ArticleRow.id)
            .join(EventClusterMemberRow, EventClusterMemberRow.event_id == EventRow.id)
            .order_by(ArticleRow.id, EventRow.position)
        ):
            found[_article_id(external_id)].append((pos, kind, day, cid))
    out: dict[Report, int] = {}
    for aid, rec in records.items():
        free = list(found.get(aid, []))
        for i, ev in enumerate(rec.get("events", [])):
            gold_day = date.fromisoformat(ev["date"]) if ev.get("date") else None

            def fit(
                s: tuple[int, str, date | None, int], ev: dict = ev, gold_day: date | None = gold_day
            ) -> tuple:
                off = abs((s[2] - gold_day).days) if s[2] and gold_day else (0 if s[2] == gold_day else 9)
                return (family(s[1]) != family(ev["type"]), off, s[0])

            candidates = [s for s in free if family(s[1]) == family(ev["type"]) and fit(s)[1] <= 1]
            if candidates:
                best = min(candidates, key=fit)
                free.remove(best)
                out[(aid, i)] = best[3]
    return out


def score(truth: dict[Report, str], predicted: dict[Report, int]) -> dict:
    tp = fp = fn = 0
    errors: dict[str, list] = {"false_merges": [], "missed": []}
    for a, b in itertools.combinations(sorted(truth), 2):
        same = truth[a] == truth[b]
        merged = a in predicted and b in predicted and predicted[a] == predicted[b]
        if merged and same:
            tp += 1
        elif merged:
            fp += 1
            errors["false_merges"].append([list(a), list(b)])
        elif same:
            fn += 1
            errors["missed"].append([list(a), list(b)])
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "reports": len(truth),
        "matched_reports": sum(1 for r in truth if r in predicted),
        "same_pairs": tp + fn,
        "merged_pairs": tp + fp,
        "true_merges": tp,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        **errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--input", choices=("gold", "system", "both"), default="both")
    parser.add_argument("--no-dev", action="store_true", help="leave the ../shared dev corpus out")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    dev = not args.no_dev and (args.shared / "eval" / "gold" / "dev.jsonl").is_file()
    records = gold_records(dev=dev, shared=args.shared)
    truth = labels(records, dev=dev)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        if args.input in ("gold", "both"):
            results["gold"] = score(truth, clusters_from_gold(records, f"sqlite:///{Path(tmp) / 'gold.db'}"))
        if args.input in ("system", "both"):
            predicted = clusters_from_system(
                records, f"sqlite:///{Path(tmp) / 'system.db'}", dev=dev, shared=args.shared
            )
            results["system"] = score(truth, predicted)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"labelled reports: {len(truth)} ({'with' if dev else 'without'} the dev corpus)")
    for name, r in results.items():
        print(
            f"{name:>6}: precision {r['precision']:.3f}  recall {r['recall']:.3f}  "
            f"({r['true_merges']} of {r['merged_pairs']} merged pairs are one event; "
            f"{r['same_pairs']} pairs are one event; "
            f"{r['matched_reports']} of {r['reports']} reports matched)"
        )
        for a, b in r["false_merges"][:20]:
            print(f"        false merge: {a} + {b}")
        for a, b in r["missed"][:20]:
            print(f"        missed:      {a} + {b}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
