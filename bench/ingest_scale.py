"""Ingest at scale: end-to-end throughput and memory, and the cost of a daily increment.

    .venv/bin/python bench/ingest_scale.py ingest --sizes 10000 100000      # end to end, SQLite
    .venv/bin/python bench/ingest_scale.py ingest --sizes 10000 --pg URL     # and PostgreSQL
    .venv/bin/python bench/ingest_scale.py daily --sizes 10000 100000 --daily 1000 [--pg URL] [--per-day 0]
    .venv/bin/python bench/ingest_scale.py write --sizes 1000 10000 [--pg URL]

``ingest``: ``bench/synth_articles.py`` writes N articles (plain text, its varied outlets and
clutter) to a temporary folder, and ``parleys ingest`` reads, extracts, stores and resolves them
into a fresh database, in a child process whose wall time and peak resident memory (the kernel's
``ru_maxrss`` of the child) are measured. PostgreSQL runs when ``--pg`` or
``PARLEYS_TEST_POSTGRES_URL`` names a server: a fresh database is created on it for each size.
The table gives articles per second and peak memory per engine and size, and the growth ratio of
ingest time from the smallest to the largest size (linear growth: the ratio of the sizes).

``daily``: a store of N articles (``bench/synth.py`` records, their rows written in bulk as in
``bench/resolve.py``: extraction is skipped since only resolution is timed) is resolved in full;
then ``--daily`` more articles of the same world (the same people recur) are stored through
``parleys.store.repository.save_article_record``, as an ingest stores them, and resolved
incrementally, and the same store is then
rebuilt in full for comparison. Incremental resolution should cost about the same into a store of
10k as of 100k; a full rebuild grows with the store. The articles come in date order,
``--per-day`` a day (default: ``--daily``, so the increment is the next day's news and a store of
N covers N/``--daily`` days, as a feed's store does); ``--per-day 0`` spreads every store over the
same ten years (a larger store is then a denser one). Wall and CPU seconds (this process's user and
system time, which the other processes of a shared machine do not inflate) are printed.

``write``: the store side of an ingest alone (no extraction): N ``bench/synth.py`` records saved
through ``save_article_record`` with one commit per article, as the ingest service does, into a
fresh database; on PostgreSQL once with the ORM inserts (``copy=False``) and once with the bulk
write (``parleys.store.pgcopy``: one statement an article).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

PARLEYS = str(Path(sys.executable).with_name("parleys"))


@contextlib.contextmanager
def fresh_pg(base: str) -> Iterator[str]:
    """A new empty database on the server of ``base``, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(base)
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    name = f"parleys_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as c:
            c.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


@contextlib.contextmanager
def database(engine: str, folder: Path, pg: str | None, tag: str) -> Iterator[str]:
    if engine == "sqlite":
        yield f"sqlite:///{folder / f'{tag}.db'}"
    else:
        assert pg is not None
        with fresh_pg(pg) as url:
            yield url


ENGINES = ("sqlite", "postgresql")


def engines(pg: str | None, chosen: list[str]) -> list[str]:
    return [e for e in chosen if pg or e == "sqlite"]


def advance_sequences(session) -> None:  # type: ignore[no-untyped-def]
    """After rows written with explicit ids, PostgreSQL's serial sequences start above them."""
    from sqlalchemy import text

    if session.get_bind().dialect.name == "postgresql":
        for table in ("articles", "persons", "events"):
            session.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
                )
            )
        session.commit()


# --- end to end --------------------------------------------------------------------------------------


def run_ingest(folder: Path, db_url: str) -> tuple[float, float, float, str]:
    """(seconds, CPU seconds, peak resident MB, last output line) of one ``parleys ingest`` child
    process (its CPU: user + system time, which other processes on the machine do not inflate)."""
    env = dict(os.environ)
    env.pop("PARLEYS_DATABASE_URL", None)
    with tempfile.TemporaryFile("w+") as log:
        started = time.perf_counter()
        child = subprocess.Popen(
            [PARLEYS, "ingest", str(folder), "--db", db_url], stdout=log, stderr=subprocess.STDOUT, env=env
        )
        # wait4 rather than wait: the rusage of this child alone (its peak resident set)
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - started
        log.seek(0)
        output = log.read()
    if child.returncode not in (0, 1):  # 1: some input rejected, which the table counts
        raise SystemExit(f"parleys ingest failed ({child.returncode}): {output[-2000:]}")
    lines = [ln for ln in output.splitlines() if ln.strip()]
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, lines[-1] if lines else ""


def ingest(sizes: list[int], pg: str | None, keep: Path | None, chosen: list[str]) -> list[dict]:
    import synth_articles

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        base = keep or Path(tmp)
        for n in sizes:
            corpus = base / f"synth-{n}"
            if not (corpus / "articles").is_dir():
                synth_articles.write(n, corpus)
            for engine in engines(pg, chosen):
                with database(engine, base, pg, f"ingest-{n}") as url:
                    seconds, cpu, peak, _ = run_ingest(corpus / "articles", url)
                    stored = count_articles(url)
                results.append(
                    {
                        "engine": engine,
                        "articles": n,
                        "stored": stored,
                        "seconds": seconds,
                        "cpu_s": cpu,
                        "peak_mb": peak,
                    }
                )
                print_row_progress(results[-1])
    return results


def count_articles(url: str) -> int:
    from sqlalchemy import func, select

    from parleys.settings import Settings
    from parleys.store.db import open_session
    from parleys.store.models import ArticleRow

    with open_session(Settings(database_url=url), migrate=False) as session:
        return session.scalar(select(func.count()).select_from(ArticleRow)) or 0


def print_row_progress(row: dict) -> None:
    print(f"  ... {row}", file=sys.stderr, flush=True)


def print_ingest(results: list[dict], command: str) -> None:
    print(f"$ {command}")
    print(
        f"{'engine':<11} {'articles':>9} {'stored':>9} {'seconds':>9} {'art/s':>7} {'CPU s':>8} "
        f"{'art/CPU s':>10} {'peak RSS MB':>12}"
    )
    for r in results:
        print(
            f"{r['engine']:<11} {r['articles']:>9,} {r['stored']:>9,} {r['seconds']:>9.1f} "
            f"{r['articles'] / r['seconds']:>7.1f} {r['cpu_s']:>8.1f} {r['articles'] / r['cpu_s']:>10.1f} "
            f"{r['peak_mb']:>12.0f}"
        )
    for engine in sorted({r["engine"] for r in results}):
        mine = sorted((r for r in results if r["engine"] == engine), key=lambda r: r["articles"])
        if len(mine) > 1:
            small, large = mine[0], mine[-1]
            print(
                f"{engine}: ingest time grows {large['seconds'] / small['seconds']:.1f}x "
                f"(CPU time {large['cpu_s'] / small['cpu_s']:.1f}x) for "
                f"{large['articles'] / small['articles']:.0f}x the articles "
                f"({small['articles']:,} -> {large['articles']:,})"
            )
    print("(CPU: the ingest process's user + system time; on PostgreSQL the server's work is not in it)")


# --- daily increment ---------------------------------------------------------------------------------


def daily(sizes: list[int], increment: int, pg: str | None, chosen: list[str], per_day: int) -> list[dict]:
    from resolve import store_records
    from sqlalchemy import func, select
    from synth import records

    from parleys.resolve import resolve_all
    from parleys.settings import Settings
    from parleys.store.db import open_session
    from parleys.store.models import PersonRow
    from parleys.store.repository import save_article_record

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            corpus = list(records(n + increment, seed=7, per_day=per_day or None))
            for engine in engines(pg, chosen):
                with database(engine, Path(tmp), pg, f"daily-{n}") as url:
                    with open_session(Settings(database_url=url)) as session:
                        started = time.perf_counter()
                        store_records(session, corpus[:n])  # in bulk: only resolution is timed
                        advance_sequences(session)
                        stored_s = time.perf_counter() - started
                        first = resolve_all(session, full=True)
                        session.commit()
                        for article, record in corpus[n:]:
                            save_article_record(session, article, record)
                        session.commit()
                        cpu = time.process_time()
                        inc = resolve_all(session, full=False)
                        session.commit()
                        inc_cpu = time.process_time() - cpu
                        cpu = time.process_time()
                        full = resolve_all(session, full=True)
                        session.commit()
                        full_cpu = time.process_time() - cpu
                        mentions = session.scalar(select(func.count()).select_from(PersonRow)) or 0
                    row = {
                        "engine": engine,
                        "store": n,
                        "daily": increment,
                        "per_day": per_day,
                        "store_s": stored_s,
                        "first_full_s": first.seconds,
                        "incremental_s": inc.seconds,
                        "incremental_cpu_s": inc_cpu,
                        "incremental": inc.incremental,
                        "regrouped": inc.regrouped_mentions,
                        "reports": inc.regrouped_reports,
                        "mentions": mentions,
                        "full_s": full.seconds,
                        "full_cpu_s": full_cpu,
                    }
                    results.append(row)
                    print_row_progress(row)
    return results


def write(sizes: list[int], pg: str | None, chosen: list[str]) -> list[dict]:
    from synth import records

    from parleys.settings import Settings
    from parleys.store.db import open_session
    from parleys.store.repository import save_article_record

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for engine in engines(pg, chosen):
            for n in sizes:
                for copy in (False, True) if engine == "postgresql" else (False,):
                    items = list(records(n, seed=13))
                    with database(engine, Path(tmp), pg, f"write-{n}-{copy}") as url:
                        with open_session(Settings(database_url=url)) as session:
                            started, cpu = time.perf_counter(), time.process_time()
                            tenth = max(1, n // 10)
                            steps = []  # per tenth of the articles: (stored before, wall s, CPU s)
                            step = (time.perf_counter(), time.process_time())
                            for i, (article, record) in enumerate(items, start=1):
                                save_article_record(session, article, record, copy=copy)
                                session.commit()
                                if i % tenth == 0 or i == n:
                                    here = (time.perf_counter(), time.process_time())
                                    steps.append(
                                        (i - 1 - (i - 1) % tenth, here[0] - step[0], here[1] - step[1])
                                    )
                                    print(f"  ... {engine} {n:,}: {steps[-1]}", file=sys.stderr, flush=True)
                                    step = here
                            seconds = time.perf_counter() - started
                            cpu_s = time.process_time() - cpu
                    row = {
                        "engine": engine,
                        "size": n,
                        "writer": "bulk" if copy else "ORM",
                        "seconds": seconds,
                        "cpu_s": cpu_s,
                        "steps": steps,
                    }
                    print_row_progress(row)
                    results.append(row)
    return results


def print_write(results: list[dict], command: str) -> None:
    print(f"$ {command}")
    print(
        f"{'engine':<11} {'writer':<6} {'articles':>9} {'seconds':>9} {'CPU s':>8} "
        f"{'articles/s':>11} {'per CPU s':>10}"
    )
    for r in results:
        print(
            f"{r['engine']:<11} {r['writer']:<6} {r['size']:>9,} {r['seconds']:>9.1f} {r['cpu_s']:>8.1f} "
            f"{r['size'] / r['seconds']:>11.0f} {r['size'] / r['cpu_s']:>10.0f}"
        )
    for r in results:
        steps = r["steps"]
        if len(steps) > 1:
            first, last = steps[0], steps[-1]
            print(
                f"{r['engine']} {r['writer']} {r['size']:,}: the last tenth (into {last[0]:,} stored) "
                f"costs {last[2] / first[2]:.2f}x the CPU time of the first "
                f"({last[1] / first[1]:.2f}x the wall time)"
            )
    for engine, writer in sorted({(r["engine"], r["writer"]) for r in results}):
        mine = sorted(
            (r for r in results if (r["engine"], r["writer"]) == (engine, writer)), key=lambda r: r["size"]
        )
        if len(mine) > 1:
            small, large = mine[0], mine[-1]
            print(
                f"{engine} {writer}: the store side grows {large['cpu_s'] / small['cpu_s']:.1f}x in CPU "
                f"time ({large['seconds'] / small['seconds']:.1f}x wall) for "
                f"{large['size'] // small['size']}x the articles"
            )
    print("(CPU: this process's user + system time; on PostgreSQL the server's own work is not in it)")


def print_daily(results: list[dict], command: str) -> None:
    print(f"$ {command}")
    spans = {r["per_day"] for r in results}
    print(
        "store dates: "
        + ", ".join(
            f"about {d:,} articles a day (the store of N covers N/{d:,} days, the increment its next day)"
            if d
            else "ten years whatever N (a larger store is a denser one)"
            for d in sorted(spans)
        )
    )
    print(
        f"{'engine':<11} {'store':>8} {'new':>6} {'incr s':>8} {'incr CPU s':>11} {'regrouped mentions':>19} "
        f"{'reports':>8} {'full s':>8} {'full CPU s':>11} {'full/incr':>10}"
    )
    for r in results:
        print(
            f"{r['engine']:<11} {r['store']:>8,} {r['daily']:>6,} {r['incremental_s']:>8.2f} "
            f"{r['incremental_cpu_s']:>11.2f} {r['regrouped']:>9,} / {r['mentions']:<7,} {r['reports']:>8,} "
            f"{r['full_s']:>8.2f} {r['full_cpu_s']:>11.2f} {r['full_s'] / r['incremental_s']:>10.1f}"
        )
    for engine in sorted({r["engine"] for r in results}):
        mine = sorted((r for r in results if r["engine"] == engine), key=lambda r: r["store"])
        if len(mine) > 1:
            small, large = mine[0], mine[-1]
            print(
                f"{engine}: a daily increment costs {large['incremental_s'] / small['incremental_s']:.2f}x "
                f"the wall time ({large['incremental_cpu_s'] / small['incremental_cpu_s']:.2f}x the CPU "
                f"time of this process) into {large['store'] // small['store']}x the store (full rebuild: "
                f"{large['full_s'] / small['full_s']:.1f}x)"
            )
    print("(CPU: this process's user + system time; on PostgreSQL the server's own work is not in it)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("what", choices=("ingest", "daily", "write"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--daily", type=int, default=1_000, help="articles of the increment (daily)")
    parser.add_argument(
        "--per-day",
        type=int,
        help="daily: articles a day in the store's dates (default: --daily, so the increment is one "
        "day's news and a store of N covers N/--daily days); 0: ten years whatever N",
    )
    parser.add_argument("--pg", default=os.environ.get("PARLEYS_TEST_POSTGRES_URL"), help="PostgreSQL URL")
    parser.add_argument("--keep", type=Path, help="folder to keep the generated corpora in (ingest)")
    parser.add_argument(
        "--engines", nargs="+", choices=ENGINES, default=list(ENGINES), help="PostgreSQL only with --pg"
    )
    args = parser.parse_args(argv)
    command = "python bench/ingest_scale.py " + " ".join(
        "$PG" if args.pg and a == args.pg else a for a in (argv if argv is not None else sys.argv[1:])
    )
    if args.pg:
        command += "   # PostgreSQL from --pg / PARLEYS_TEST_POSTGRES_URL"
    if args.what == "ingest":
        print_ingest(ingest(args.sizes, args.pg, args.keep, args.engines), command)
    elif args.what == "write":
        print_write(write(args.sizes, args.pg, args.engines), command)
    else:
        per_day = args.daily if args.per_day is None else args.per_day
        print_daily(daily(args.sizes, args.daily, args.pg, args.engines, per_day), command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
