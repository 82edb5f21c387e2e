"""Latency of the API and the dashboard pages on a large synthetic store, against the raw SQL.

    .venv/bin/python bench/api.py                     # 100,000 synthetic articles (invented names)
    .venv/bin/python bench/api.py --articles 20000 --runs 10 --json

``bench/synth.py`` generates the article records (as ``bench/resolve.py`` stores them); each
article gets a title and a short text made of its persons' names, its event type and topic
words, so full-text search has something to find; resolution then builds the knowledge base.
Each main API query (filtered event list, full-text search, country dossier, person page) runs
``--runs`` times in process through the whole HTTP stack (TestClient), and in the same run the
equivalent raw SQL runs as often: the table gives p50/p95 of both and their ratio. Every dashboard
page is timed too; each must render in under a second.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from fastapi.testclient import TestClient  # noqa: E402
from resolve import store  # noqa: E402
from sqlalchemy import text  # noqa: E402

from parleys.api import create_app  # noqa: E402
from parleys.resolve import resolve_all  # noqa: E402
from parleys.settings import Settings  # noqa: E402
from parleys.store.db import open_session  # noqa: E402

WORDS = (
    "cooperation trade energy security parliament agreement delegation education culture transport "
    "investment agriculture health tourism digital climate water customs border migration science "
    "youth sport finance industry logistics heritage railway aviation textile mining"
).split()
PAGE_LIMIT_SECONDS = 1.0


def fill_text(session, *, seed: int) -> None:  # type: ignore[no-untyped-def]
    """A title and a text for every synthetic article (the records have none)."""
    rng = random.Random(seed)
    names: dict[int, list[str]] = {}
    for article_id, name in session.execute(text("SELECT article_id, name FROM persons")):
        names.setdefault(article_id, []).append(name)
    kinds = dict(session.execute(text("SELECT article_id, type FROM events WHERE position = 0")).all())
    rows = []
    for article_id, people in names.items():
        topic = rng.sample(WORDS, 6)
        kind = kinds.get(article_id, "meeting")
        body = f"{' '.join(people)} held a {kind}. The parties discussed {', '.join(topic)}. " * 3
        rows.append({"i": article_id, "t": f"{' and '.join(people[:2])}: {kind} on {topic[0]}", "x": body})
    for start in range(0, len(rows), 10_000):
        update = text("UPDATE articles SET title = :t, text = :x WHERE id = :i")
        session.execute(update, rows[start : start + 10_000])
    session.commit()


def timed(run: Callable[[], object], runs: int) -> list[float]:
    run()  # warm the caches once
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        out.append(time.perf_counter() - started)
    return out


def p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(int(round(q * (len(ordered) - 1))), len(ordered) - 1)] * 1000


RAW = {
    "events?country=KAZ&since=2020-01-01": (
        "SELECT e.id, e.date, e.type FROM events e JOIN event_countries c ON c.event_id = e.id "
        "WHERE c.country = 'KAZ' AND e.date >= '2020-01-01' ORDER BY e.date DESC LIMIT 100"
    ),
    "events?q=energy+customs": (
        "SELECT e.id, e.date FROM events e WHERE e.article_id IN (SELECT rowid FROM article_search "
        'WHERE article_search MATCH \'"energy" "customs"\') ORDER BY e.date DESC LIMIT 100'
    ),
    "countries/KAZ/dossier": (
        "SELECT substr(e.date, 1, 4) AS year, o.country, count(*) FROM events e "
        "JOIN event_countries c ON c.event_id = e.id AND c.country = 'KAZ' "
        "JOIN event_countries o ON o.event_id = e.id AND o.country != 'KAZ' GROUP BY year, o.country"
    ),
    "persons/{person}": (
        "SELECT e.id, e.date, e.type FROM events e JOIN participants pa ON pa.event_id = e.id "
        "JOIN person_links l ON l.person_id = pa.person_id WHERE l.entity_id = {person} "
        "ORDER BY e.date DESC"
    ),
}
PAGES = (
    "/",
    "/events",
    "/events?q=energy+customs",
    "/events?country=KAZ&type=visit",
    "/events/{event}",
    "/persons/{person}",
    "/countries/KAZ",
    "/countries/KAZ?partner=TUR",
    "/network",
    "/review",
    "/rejections",
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--db", help="an existing benchmark store (skips building one)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="parleys-bench-api-"))
    url = args.db or f"sqlite:///{folder / 'api.db'}"
    settings = Settings.load(config_file=None, database_url=url, trusted_hosts="testserver")
    built: dict[str, object] = {}
    with open_session(settings) as session:
        if not args.db:
            started = time.perf_counter()
            built = store(session, args.articles, seed=args.seed)
            fill_text(session, seed=args.seed)
            resolve_all(session)
            session.commit()
            built["build_seconds"] = round(time.perf_counter() - started, 1)
        events = session.execute(text("SELECT count(*) FROM event_clusters")).scalar_one()
        person = session.execute(
            text(
                "SELECT l.entity_id FROM person_links l JOIN participants pa ON pa.person_id = l.person_id "
                "GROUP BY l.entity_id ORDER BY count(*) DESC LIMIT 1"
            )
        ).scalar_one()
        event = session.execute(text("SELECT max(id) FROM event_clusters")).scalar_one()
    rows = []
    pages = []
    with TestClient(create_app(settings)) as client, open_session(settings) as session:
        for name, sql in RAW.items():
            path = "/api/" + name.format(person=person)
            raw_sql = sql.format(person=person)

            def call(path: str = path) -> None:
                response = client.get(path)
                assert response.status_code == 200, (path, response.text[:200])

            api = timed(call, args.runs)
            raw = timed(lambda raw_sql=raw_sql: session.execute(text(raw_sql)).all(), args.runs)
            rows.append(
                {
                    "query": name,
                    "api_p50_ms": round(p(api, 0.5), 1),
                    "api_p95_ms": round(p(api, 0.95), 1),
                    "sql_p50_ms": round(p(raw, 0.5), 1),
                    "sql_p95_ms": round(p(raw, 0.95), 1),
                    "ratio_p50": round(p(api, 0.5) / max(p(raw, 0.5), 1e-3), 1),
                }
            )
        for page in PAGES:
            path = page.format(person=person, event=event)
            took = timed(lambda path=path: client.get(path), max(3, args.runs // 4))
            pages.append(
                {
                    "page": path,
                    "p50_ms": round(p(took, 0.5), 1),
                    "max_ms": round(max(took) * 1000, 1),
                    "under_1s": max(took) < PAGE_LIMIT_SECONDS,
                }
            )
    result = {"articles": args.articles, "events": events, **built, "queries": rows, "pages": pages}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{args.articles} articles, {events} events (build {built.get('build_seconds', '-')} s)")
        print(f"{'query':40} {'API p50':>9} {'API p95':>9} {'SQL p50':>9} {'SQL p95':>9} {'ratio':>6}")
        for r in rows:
            print(
                f"{r['query']:40} {r['api_p50_ms']:>9} {r['api_p95_ms']:>9} {r['sql_p50_ms']:>9} "
                f"{r['sql_p95_ms']:>9} {r['ratio_p50']:>6}"
            )
        print(f"{'page':40} {'p50 ms':>9} {'max ms':>9}")
        for r in pages:
            print(f"{r['page']:40} {r['p50_ms']:>9} {r['max_ms']:>9} {'' if r['under_1s'] else 'OVER 1 s'}")
    return 0 if all(r["under_1s"] for r in pages) else 1


if __name__ == "__main__":
    raise SystemExit(main())
