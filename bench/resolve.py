"""How the cost of resolution grows with the number of articles.

    .venv/bin/python bench/resolve.py                  # 10,000 and 100,000 synthetic articles
    .venv/bin/python bench/resolve.py --sizes 2000 20000
    .venv/bin/python bench/resolve.py --json

For each size, ``bench/synth.py`` generates that many article records (invented people under
name variants, events reported one to three times, repeated meetings); their rows are written to
a fresh SQLite file as the repository writes them (in bulk, since only resolution is timed), and
then :func:`parleys.resolve.resolve_all` runs over them and commits. Both sizes run in this one
process, and the script prints the seconds of each and the ratio of the largest to the smallest
time. Ten times the articles at a cost of n log n gives a ratio of about 12; the target is < 15.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import insert  # noqa: E402
from synth import records  # noqa: E402

from parleys.resolve import resolve_all  # noqa: E402
from parleys.settings import Settings  # noqa: E402
from parleys.store.db import open_session  # noqa: E402
from parleys.store.models import ArticleRow, EventCountryRow, EventRow, ParticipantRow, PersonRow  # noqa: E402
from parleys.store.repository import fold  # noqa: E402


def store(session, n: int, *, seed: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Write n synthetic articles with their persons and events; returns row counts."""
    return store_records(session, records(n, seed=seed))


def store_records(session, items) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Write (article, record) pairs in bulk, as the repository writes their rows; row counts."""
    rows: dict[type, list[dict]] = {
        m: [] for m in (ArticleRow, PersonRow, EventRow, ParticipantRow, EventCountryRow)
    }
    now = datetime.now(UTC)
    person_id = event_id = 0
    n = 0
    for article_id, (article, record) in enumerate(items, start=1):
        n = article_id
        rows[ArticleRow].append(
            {
                "id": article_id,
                "external_id": article.id,
                "source": article.source,
                "url": None,
                "title": None,
                "site": None,
                "published": article.published,
                "text": article.text,
                "content_hash": hashlib.sha256(article.text.encode()).hexdigest(),
                "pipeline_version": "synth",
                "ingested_at": now,
                "run_id": None,
            }
        )
        keys = {}
        for position, p in enumerate(record.persons):
            person_id += 1
            keys[p.key] = person_id
            rows[PersonRow].append(
                {
                    "id": person_id,
                    "article_id": article_id,
                    "key": p.key,
                    "position": position,
                    "name": p.name,
                    "name_folded": fold(p.name),
                    "role_class": p.role_class,
                    "country": p.country,
                    "title": p.title,
                    "institution": p.institution,
                    "confidence": None,
                }
            )
        for position, ev in enumerate(record.events):
            event_id += 1
            rows[EventRow].append(
                {
                    "id": event_id,
                    "article_id": article_id,
                    "position": position,
                    "type": ev.type,
                    "date": ev.date,
                    "city": ev.city,
                    "country": ev.country,
                    "confidence": None,
                }
            )
            rows[ParticipantRow] += [
                {"event_id": event_id, "person_id": keys[k], "position": i}
                for i, k in enumerate(ev.participants)
            ]
            rows[EventCountryRow] += [{"event_id": event_id, "country": c} for c in ev.countries]
    for model, values in rows.items():
        for start in range(0, len(values), 10_000):
            session.execute(insert(model), values[start : start + 10_000])
    session.commit()
    return {"articles": n, "persons": person_id, "events": event_id}


def measure(n: int, folder: Path, *, seed: int) -> dict:
    settings = Settings.load(config_file=None, database_url=f"sqlite:///{folder / f'resolve-{n}.db'}")
    with open_session(settings) as session:
        counts = store(session, n, seed=seed)
        started = time.perf_counter()
        summary = resolve_all(session)
        session.commit()
        seconds = time.perf_counter() - started
    return {
        **counts,
        "entities": summary.entities,
        "clusters": summary.clusters,
        "seconds": round(seconds, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        results = [measure(n, Path(tmp), seed=args.seed) for n in sorted(args.sizes)]
    ratio = results[-1]["seconds"] / max(results[0]["seconds"], 1e-9)
    if args.json:
        print(json.dumps({"runs": results, "ratio": round(ratio, 2)}, indent=2))
        return 0
    for r in results:
        print(
            f"{r['articles']:>8} articles ({r['persons']} persons, {r['events']} events) -> "
            f"{r['entities']} entities, {r['clusters']} events: {r['seconds']:.2f} s"
        )
    growth = results[-1]["articles"] / results[0]["articles"]
    print(f"ratio {ratio:.2f} for {growth:.0f} times the articles (target < 15)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
