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


# The raw SQL of each query, written by hand: the same rows and the same count as the API answer
# (``honest`` checks it in every run). An event list is the live clusters (visible, their earliest
# report still stored) and the events stored since the last resolution, filtered, ordered, cut,
# counted; a dossier is the year totals, partners and topics by year and the participations of the
# country's persons; a person page is its events with their participants and countries.
LIVE = (
    "SELECT c.id, c.date, e.article_id, e.position FROM event_clusters c "
    "JOIN event_cluster_members m ON m.event_id = c.id AND m.cluster_id = c.id "
    "JOIN events e ON e.id = c.id WHERE c.hidden = 0"
)
SINCE = (
    "SELECT e.id, e.date, e.article_id, e.position FROM events e "
    "LEFT JOIN event_cluster_members m1 ON m1.event_id = e.id "
    "LEFT JOIN event_cluster_members m2 ON m2.event_id = m1.cluster_id AND m2.cluster_id = m1.cluster_id "
    "WHERE m2.event_id IS NULL"
)
PAGE = (
    "SELECT p.id, p.total, a.external_id, a.title FROM (SELECT id, date, article_id, position, "
    "count(*) OVER () AS total FROM ({units}) ORDER BY date DESC NULLS LAST, article_id, position "
    "LIMIT 100) p JOIN articles a ON a.id = p.article_id ORDER BY p.date DESC NULLS LAST, p.article_id, "
    "p.position"
)
MATCH = 'IN (SELECT rowid FROM article_search WHERE article_search MATCH \'"energy" "customs"\')'
KAZ_UNITS = (
    "SELECT c.id, c.date FROM event_clusters c JOIN event_cluster_members m ON m.event_id = c.id "
    "AND m.cluster_id = c.id WHERE c.hidden = 0 AND c.id IN "
    "(SELECT cluster_id FROM cluster_countries WHERE country = 'KAZ')"
)
RAW: dict[str, tuple[str, ...]] = {
    "events?country=KAZ&since=2020-01-01": (
        PAGE.format(
            units=f"{LIVE} AND (c.country = 'KAZ' OR c.id IN (SELECT cluster_id FROM cluster_countries "
            "WHERE country = 'KAZ')) AND c.date >= '2020-01-01' UNION ALL "
            f"{SINCE} AND (e.country = 'KAZ' OR e.id IN (SELECT event_id FROM event_countries "
            "WHERE country = 'KAZ')) AND e.date >= '2020-01-01'"
        ),
    ),
    "events?q=energy+customs": (
        PAGE.format(units=f"{LIVE} AND e.article_id {MATCH} UNION ALL {SINCE} AND e.article_id {MATCH}"),
    ),
    "countries/KAZ/dossier": (
        f"SELECT CAST(strftime('%Y', date) AS INTEGER) AS y, count(*) FROM ({KAZ_UNITS}) GROUP BY y",
        f"SELECT CAST(strftime('%Y', u.date) AS INTEGER) AS y, cc.country, count(*) FROM ({KAZ_UNITS}) u "
        "JOIN cluster_countries cc ON cc.cluster_id = u.id WHERE cc.country != 'KAZ' GROUP BY y, cc.country",
        "SELECT CAST(strftime('%Y', u.date) AS INTEGER) AS y, t.code, count(DISTINCT u.id) "
        f"FROM ({KAZ_UNITS}) u JOIN event_cluster_members m ON m.cluster_id = u.id "
        "JOIN events e ON e.id = m.event_id "
        "JOIN topics t ON t.article_id = e.article_id GROUP BY y, t.code",
        "SELECT p.id, p.name, count(*) AS n FROM cluster_participants cp JOIN person_entities p "
        f"ON p.id = cp.entity_id WHERE cp.cluster_id IN (SELECT id FROM ({KAZ_UNITS})) "
        "GROUP BY p.id HAVING p.country = 'KAZ' ORDER BY n DESC LIMIT 10",
    ),
    "persons/{person}": (
        "SELECT * FROM person_entities WHERE id = {person}",
        "SELECT * FROM offices WHERE entity_id = {person} ORDER BY first_seen",
        "SELECT u.id, u.date, pe.name, cc.country FROM ("
        f"{LIVE} AND c.id IN (SELECT cluster_id FROM cluster_participants WHERE entity_id = {{person}})) u "
        "LEFT JOIN cluster_participants cp ON cp.cluster_id = u.id "
        "LEFT JOIN person_entities pe ON pe.id = cp.entity_id "
        "LEFT JOIN cluster_countries cc ON cc.cluster_id = u.id ORDER BY u.date DESC, u.article_id",
    ),
}


def honest(name: str, answer: dict[str, object], results: list[list[tuple[object, ...]]]) -> None:
    """The raw SQL finds what the API answers: the same page of events and total, the same years."""
    if name.startswith("events"):
        page = results[0]
        assert [r[0] for r in page] == [e["id"] for e in answer["events"]], name  # type: ignore[index]
        assert (page[0][1] if page else 0) == answer["total"], name
    elif name.startswith("countries"):
        assert sum(int(n) for _y, n in results[0]) == answer["events"], name
        assert {y for y, _n in results[0]} == {y["year"] for y in answer["partners_by_year"]}, name  # type: ignore[attr-defined,index]
    else:
        assert {r[0] for r in results[2]} == {e["id"] for e in answer["event_list"]}, name  # type: ignore[attr-defined,index]


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
        for name, queries in RAW.items():
            path = "/api/" + name.format(person=person)
            raw_sql = [q.replace("{person}", str(person)) for q in queries]

            def call(path: str = path) -> None:
                response = client.get(path)
                assert response.status_code == 200, (path, response.text[:200])

            def raw_call(raw_sql: list[str] = raw_sql) -> list[list[tuple[object, ...]]]:
                return [[tuple(r) for r in session.execute(text(q))] for q in raw_sql]

            honest(name, client.get(path).json(), raw_call())
            api = timed(call, args.runs)
            raw = timed(raw_call, args.runs)
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
