"""Latency of the API and the dashboard pages on a large synthetic store, against the raw SQL.

    .venv/bin/python bench/api.py                     # 100,000 synthetic articles (invented names)
    .venv/bin/python bench/api.py --articles 20000 --runs 10 --json

``bench/synth.py`` generates the article records (as ``bench/resolve.py`` stores them); each
article gets a title and a short text made of its persons' names, its event type and topic
words, so full-text search has something to find; resolution then builds the knowledge base.
Each main API query (filtered event list, full-text search, country dossier, person page) runs
``--runs`` times in process through the application's whole ASGI stack (middleware, routing,
validation, dependencies, the JSON answer; no client library, no socket), and in turn with it the
equivalent raw SQL and the same request through Starlette's TestClient: the table gives p50/p95
of the API and the SQL and their ratio, the p50 of the CPU time each takes and their ratio (the
steadier figure on a shared machine), and the TestClient's p50 and ratio (its client side, httpx
and a thread hand-off each way, costs milliseconds of its own: more than the person page's SQL).
Every dashboard page is timed too, through the TestClient; each must render in under a second.
``--only persons`` times the queries whose name starts so, and no page.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

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


class Asgi:
    """Requests straight to the application, as a server would pass them: the whole ASGI stack
    (middleware, routing, validation, dependencies, the worker thread of a sync route, the JSON
    answer) without a client library or a socket, whose cost is not the API's.

    One event loop and one long-lived task that serves every request in turn, as a server's
    does: the worker threads of the sync routes belong to that task and stay for the next request
    (a loop run per request would make each request its own root task, and every request would
    start a thread and stop it, a cost no server pays)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.loop = asyncio.new_event_loop()
        self.requests: asyncio.Queue[tuple[str, asyncio.Future[tuple[int, bytes]]]] = asyncio.Queue()
        self.server = self.loop.create_task(self._serve())

    def get(self, path: str) -> tuple[int, bytes]:
        done: asyncio.Future[tuple[int, bytes]] = self.loop.create_future()
        self.requests.put_nowait((path, done))
        return self.loop.run_until_complete(done)

    async def _serve(self) -> None:
        while True:
            path, done = await self.requests.get()
            try:
                done.set_result(await self._get(path))
            except Exception as error:  # noqa: BLE001 - handed to the caller of get()
                done.set_exception(error)

    async def _get(self, path: str) -> tuple[int, bytes]:
        raw_path, _, query = path.partition("?")
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": raw_path,
            "raw_path": raw_path.encode(),
            "query_string": query.encode(),
            "root_path": "",
            "headers": [(b"host", b"testserver"), (b"accept", b"*/*")],
            "client": ("127.0.0.1", 50000),
            "server": ("testserver", 80),
        }
        status, body = 0, []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            elif message["type"] == "http.response.body":
                body.append(message.get("body", b""))

        await self.app(scope, receive, send)
        return status, b"".join(body)

    def close(self) -> None:
        self.server.cancel()
        self.loop.run_until_complete(asyncio.gather(self.server, return_exceptions=True))
        self.loop.close()


def timed(run: Callable[[], object], runs: int) -> list[float]:
    run()  # warm the caches once
    out = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        out.append(time.perf_counter() - started)
    return out


def timed_together(
    runs_of: tuple[Callable[[], object], ...], runs: int
) -> tuple[list[list[float]], list[list[float]]]:
    """:func:`timed` of several calls, one of each in turn ``runs`` times: the wall-clock times and
    the CPU times of the process (all its threads: the route's worker thread too). On a shared
    machine the wall clock of a call that needs more CPU grows more than in proportion with the
    load (the scheduler takes the CPU away more often), so the CPU times give the steadier ratio."""
    for run in runs_of:
        run()
    wall: list[list[float]] = [[] for _ in runs_of]
    cpu: list[list[float]] = [[] for _ in runs_of]
    for _ in range(runs):
        for run, took, used in zip(runs_of, wall, cpu, strict=True):
            started, started_cpu = time.perf_counter(), time.process_time()
            run()
            took.append(time.perf_counter() - started)
            used.append(time.process_time() - started_cpu)
    return wall, cpu


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
PERSON_UNITS = (
    "SELECT c.id FROM event_clusters c JOIN event_cluster_members m ON m.event_id = c.id "
    "AND m.cluster_id = c.id WHERE c.hidden = 0 AND c.id IN "
    "(SELECT cluster_id FROM cluster_participants WHERE entity_id = {person})"
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
    # one statement, as the API reads it: the country's events materialised once, then the year
    # totals (0), partners (1) and topics (2) by year and the top persons of the country (3)
    "countries/KAZ/dossier": (
        f"WITH u AS MATERIALIZED (SELECT id, CAST(strftime('%Y', date) AS INTEGER) AS y FROM ({KAZ_UNITS})) "
        "SELECT 0, y, NULL, count(*) FROM u GROUP BY y "
        "UNION ALL SELECT 1, u.y, cc.country, count(*) FROM u JOIN cluster_countries cc "
        "ON cc.cluster_id = u.id WHERE cc.country != 'KAZ' GROUP BY u.y, cc.country "
        "UNION ALL SELECT 2, u.y, t.code, count(DISTINCT u.id) FROM u JOIN event_cluster_members m "
        "ON m.cluster_id = u.id JOIN events e ON e.id = m.event_id "
        "JOIN topics t ON t.article_id = e.article_id GROUP BY u.y, t.code "
        "UNION ALL SELECT * FROM (SELECT 3, p.id, p.name, count(*) AS n FROM u JOIN cluster_participants cp "
        "ON cp.cluster_id = u.id JOIN person_entities p ON p.id = cp.entity_id "
        "GROUP BY p.id HAVING p.country = 'KAZ' ORDER BY n DESC LIMIT 10)",
    ),
    # everything the person page answers: the entity, its offices, its events with their article,
    # each event's participants with what the earliest report said of them (role, country), its
    # reports (sources) with their topics, its countries and the sentence that states it
    "persons/{person}": (
        "SELECT * FROM person_entities WHERE id = {person}",
        "SELECT * FROM offices WHERE entity_id = {person} ORDER BY first_seen",
        "SELECT c.id, c.type, c.date, c.city, c.country, c.reports, c.corrected, e.article_id, e.position, "
        "e.confidence, a.external_id, a.title, a.url, a.site, a.published, a.content_hash "
        f"FROM ({PERSON_UNITS}) u JOIN event_clusters c ON c.id = u.id JOIN events e ON e.id = c.id "
        "JOIN articles a ON a.id = e.article_id ORDER BY c.date DESC NULLS LAST, e.article_id, e.position",
        "SELECT cp.cluster_id, pe.id, pe.name, pe.role_class, pe.country, pe.corrected_fields, s.role_class, "
        "s.country FROM cluster_participants cp JOIN person_entities pe ON pe.id = cp.entity_id LEFT JOIN ("
        "SELECT m.cluster_id, l.entity_id, p.role_class, p.country, row_number() OVER (PARTITION BY "
        "m.cluster_id, l.entity_id ORDER BY m.event_id != m.cluster_id, a.published NULLS LAST, "
        "a.content_hash, pa.position) AS nth FROM event_cluster_members m JOIN participants pa ON "
        "pa.event_id = m.event_id JOIN persons p ON p.id = pa.person_id JOIN person_links l ON "
        "l.person_id = p.id JOIN events e ON e.id = m.event_id JOIN articles a ON a.id = e.article_id "
        f"WHERE m.cluster_id IN ({PERSON_UNITS})) s ON s.cluster_id = cp.cluster_id AND "
        f"s.entity_id = cp.entity_id AND s.nth = 1 WHERE cp.cluster_id IN ({PERSON_UNITS}) "
        "ORDER BY cp.cluster_id, cp.position, pe.id",
        "SELECT m.cluster_id, a.external_id, t.code FROM event_cluster_members m JOIN events e "
        "ON e.id = m.event_id JOIN articles a ON a.id = e.article_id LEFT JOIN topics t ON "
        f"t.article_id = e.article_id WHERE m.cluster_id IN ({PERSON_UNITS}) ORDER BY m.cluster_id, "
        "m.event_id != m.cluster_id, a.published NULLS LAST, a.content_hash, e.position, t.position",
        f"SELECT cluster_id, country FROM cluster_countries WHERE cluster_id IN ({PERSON_UNITS}) "
        "ORDER BY cluster_id, country",
        "SELECT subject_id, text FROM evidence WHERE subject_kind = 'event' AND subject_id IN "
        f"({PERSON_UNITS}) ORDER BY subject_id, field != 'type', id",
    ),
}


def _grouped(rows: list[tuple[object, ...]]) -> dict[object, list[tuple[object, ...]]]:
    out: dict[object, list[tuple[object, ...]]] = {}
    for key, *rest in rows:
        out.setdefault(key, []).append(tuple(rest))
    return out


def honest(name: str, answer: dict[str, object], results: list[list[tuple[object, ...]]]) -> None:
    """The raw SQL finds what the API answers: the same page of events and total, the same years;
    for a person, the same events in order, and for each its participants, countries, sources,
    topics and statement."""
    if name.startswith("events"):
        page = results[0]
        assert [r[0] for r in page] == [e["id"] for e in answer["events"]], name  # type: ignore[index]
        assert (page[0][1] if page else 0) == answer["total"], name
    elif name.startswith("countries"):
        sections: dict[object, dict[object, dict[object, int]]] = {}
        for section, year, code, n in results[0]:
            sections.setdefault(section, {}).setdefault(year, {})[code] = int(n)  # type: ignore[call-overload]
        assert sum(y[None] for y in sections[0].values()) == answer["events"], name
        for key, section in (("partners_by_year", 1), ("topics_by_year", 2)):
            years: list[dict[str, Any]] = answer[key]  # type: ignore[assignment]
            totals = {y: c[None] for y, c in sections[0].items()}
            assert {y["year"]: y["events"] for y in years} == totals, key
            assert {y["year"]: y["counts"] for y in years if y["counts"]} == sections.get(section, {}), key
    else:
        events: list[dict[str, object]] = answer["event_list"]  # type: ignore[assignment]
        assert [r[0] for r in results[2]] == [e["id"] for e in events], name
        assert len(results[1]) == len(answer["office_history"]), name  # type: ignore[arg-type]
        people, reports, countries = _grouped(results[3]), _grouped(results[4]), _grouped(results[5])
        said = {k: v[0][0] for k, v in _grouped(results[6]).items()}
        for e in events:
            shown = e["participants"]
            assert [(r[0], r[1]) for r in people[e["id"]]] == [(p["id"], p["name"]) for p in shown], e  # type: ignore[index,union-attr,attr-defined]
            assert [c for (c,) in countries.get(e["id"], [])] == e["countries"], e
            assert list(dict.fromkeys(r[0] for r in reports[e["id"]])) == e["sources"], e
            assert list(dict.fromkeys(r[1] for r in reports[e["id"]] if r[1])) == e["topics"], e
            assert said.get(e["id"]) == e["evidence"], e


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
    parser.add_argument("--only", help="time only the queries whose name starts with this (and no page)")
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
    app = create_app(settings)
    asgi = Asgi(app)
    try:  # the serving task's worker thread would keep the process alive after a failure
        with TestClient(app) as client, open_session(settings) as session:
            for name, queries in RAW.items():
                if args.only and not name.startswith(args.only):
                    continue
                path = "/api/" + name.format(person=person)
                raw_sql = [q.replace("{person}", str(person)) for q in queries]

                def call(path: str = path) -> bytes:
                    status, body = asgi.get(path)
                    assert status == 200, (path, body[:200])
                    return body

                def client_call(path: str = path) -> None:
                    response = client.get(path)
                    assert response.status_code == 200, (path, response.text[:200])

                def raw_call(raw_sql: list[str] = raw_sql) -> list[list[tuple[object, ...]]]:
                    return [[tuple(r) for r in session.execute(text(q))] for q in raw_sql]

                honest(name, json.loads(call()), raw_call())
                # interleaved, so that a change of the machine's load touches all three alike
                (api, through_client, raw), (api_cpu, _client_cpu, raw_cpu) = timed_together(
                    (call, client_call, raw_call), args.runs
                )
                rows.append(
                    {
                        "query": name,
                        "api_p50_ms": round(p(api, 0.5), 1),
                        "api_p95_ms": round(p(api, 0.95), 1),
                        "sql_p50_ms": round(p(raw, 0.5), 1),
                        "sql_p95_ms": round(p(raw, 0.95), 1),
                        "ratio_p50": round(p(api, 0.5) / max(p(raw, 0.5), 1e-3), 1),
                        "api_cpu_p50_ms": round(p(api_cpu, 0.5), 1),
                        "sql_cpu_p50_ms": round(p(raw_cpu, 0.5), 1),
                        "cpu_ratio_p50": round(p(api_cpu, 0.5) / max(p(raw_cpu, 0.5), 1e-3), 1),
                        "testclient_p50_ms": round(p(through_client, 0.5), 1),
                        "testclient_ratio_p50": round(p(through_client, 0.5) / max(p(raw, 0.5), 1e-3), 1),
                    }
                )
            for page in () if args.only else PAGES:
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
    finally:
        asgi.close()
    result = {"articles": args.articles, "events": events, **built, "queries": rows, "pages": pages}
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print(f"{args.articles} articles, {events} events (build {built.get('build_seconds', '-')} s)")
        print(
            f"{'query':40} {'API p50':>9} {'API p95':>9} {'SQL p50':>9} {'SQL p95':>9} {'ratio':>6} "
            f"{'API CPU':>9} {'SQL CPU':>9} {'ratio':>6} {'TestClient p50':>15} {'ratio':>6}"
        )
        for r in rows:
            print(
                f"{r['query']:40} {r['api_p50_ms']:>9} {r['api_p95_ms']:>9} {r['sql_p50_ms']:>9} "
                f"{r['sql_p95_ms']:>9} {r['ratio_p50']:>6} {r['api_cpu_p50_ms']:>9} {r['sql_cpu_p50_ms']:>9} "
                f"{r['cpu_ratio_p50']:>6} {r['testclient_p50_ms']:>15} {r['testclient_ratio_p50']:>6}"
            )
        print(f"{'page':40} {'p50 ms':>9} {'max ms':>9}")
        for r in pages:
            print(f"{r['page']:40} {r['p50_ms']:>9} {r['max_ms']:>9} {'' if r['under_1s'] else 'OVER 1 s'}")
    return 0 if all(r["under_1s"] for r in pages) else 1


if __name__ == "__main__":
    raise SystemExit(main())
