"""How the cost of resolution grows with the number of articles.

    .venv/bin/python bench/resolve.py                  # 10,000 and 100,000 synthetic articles
    .venv/bin/python bench/resolve.py --sizes 2000 20000
    .venv/bin/python bench/resolve.py --json
    .venv/bin/python bench/resolve.py --stores /tmp/scale/ingest-10000.db /tmp/scale/ingest-100000.db


For each size, ``bench/synth.py`` generates that many article records (invented people under
name variants, events reported one to three times, repeated meetings); their rows are written to
a fresh SQLite file as the repository writes them (in bulk, since only resolution is timed), and
then :func:`parleys.resolve.resolve_all` runs over them and commits. Both sizes run in this one
process, and the script prints the seconds of each and the ratio of the largest to the smallest
time. Ten times the articles at a cost of n log n gives a ratio of about 12; the target is < 15.

``--stores``: the memory of a full rebuild. Each given SQLite store (those that
``bench/ingest_scale.py ingest --keep DIR`` leaves) is copied to a temporary folder and rebuilt in
full (:func:`parleys.resolve.resolve_all` with ``full=True``, as ``parleys resolve --full`` runs it)
in a child process, whose wall time, CPU time (user + system) and peak resident memory (``wait4``
rusage of that child) are measured: once in chunks (:mod:`parleys.resolve.rebuild`, ``--chunk``
mentions and reports at a time) and, with ``--one-pass``, once holding the whole store
(:func:`parleys.resolve.run.build` over every row, what the rebuild did before it was chunked).
The table gives each, and the growth of peak memory and CPU time from the smallest store to the
largest.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
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
from parleys.resolve.rebuild import MENTIONS as REBUILD_MENTIONS  # noqa: E402
from parleys.resolve.rebuild import REPORTS as REBUILD_REPORTS  # noqa: E402
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


def child(url: str, mode: str, chunk: tuple[int, int]) -> None:
    """The measured process: one full rebuild of ``url``, committed; prints its counts as JSON."""
    from parleys.lexicons import load_lexicons
    from parleys.resolve import rows
    from parleys.resolve.incremental import key_rows
    from parleys.resolve.run import build

    settings = Settings.load(config_file=None, database_url=url)
    with open_session(settings) as session:
        if mode == "one-pass":
            summary, written = build(rows.load(session), load_lexicons())
            rows.write(session, written, key_rows(rows.names(session)))
        else:
            summary = resolve_all(session, full=True, chunk=chunk)
        session.commit()
    print(json.dumps(summary.to_json()))


def measure_store(path: Path, folder: Path, mode: str, chunk: tuple[int, int]) -> dict:
    copy = folder / f"{mode}-{path.name}"
    shutil.copyfile(path, copy)
    command = [sys.executable, __file__, "--child", f"sqlite:///{copy}", mode, *map(str, chunk)]
    output = {name: folder / f"{mode}-{path.stem}.{name}" for name in ("out", "err")}
    started = time.perf_counter()
    # to files, not pipes: wait4 does not read a pipe, and a child that filled one would never end
    with output["out"].open("w") as out_file, output["err"].open("w") as err_file:
        process = subprocess.Popen(command, stdout=out_file, stderr=err_file, text=True)
        # wait4 rather than wait: the rusage of this child alone (its peak resident set)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    out, err = output["out"].read_text(), output["err"].read_text()
    copy.unlink()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the rebuild of {path} failed: {err[-2000:]}")
    summary = json.loads(out.strip().splitlines()[-1])
    return {
        "store": path.name,
        "mode": mode if mode == "one-pass" else f"chunks of {chunk[0]:,}/{chunk[1]:,}",
        "mentions": summary["mentions"],
        "reports": summary["reports"],
        "entities": summary["entities"],
        "clusters": summary["clusters"],
        "seconds": round(seconds, 1),
        "cpu": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_mb": round(usage.ru_maxrss / 1024),
    }


def stores(paths: list[Path], chunk: tuple[int, int], one_pass: bool, command: str, as_json: bool) -> None:
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            for mode in (["one-pass"] if one_pass else []) + ["chunked"]:
                results.append(measure_store(path, Path(tmp), mode, chunk))
    if as_json:
        print(json.dumps(results, indent=2))
        return
    print(f"$ {command}")
    print(
        f"{'store':<22} {'rebuild':<24} {'mentions':>9} {'reports':>9} "
        f"{'seconds':>8} {'CPU s':>7} {'peak RSS MB':>12}"
    )
    for r in results:
        print(
            f"{r['store']:<22} {r['mode']:<24} {r['mentions']:>9,} {r['reports']:>9,} "
            f"{r['seconds']:>8.1f} {r['cpu']:>7.1f} {r['peak_mb']:>12,}"
        )
    for mode in dict.fromkeys(r["mode"] for r in results):
        runs = [r for r in results if r["mode"] == mode]
        if len(runs) > 1:
            small, large = min(runs, key=lambda r: r["mentions"]), max(runs, key=lambda r: r["mentions"])
            print(
                f"{mode}: {large['mentions'] / small['mentions']:.1f}x the mentions -> peak memory "
                f"{large['peak_mb'] / small['peak_mb']:.2f}x, CPU time {large['cpu'] / small['cpu']:.2f}x"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--stores", type=Path, nargs="+", help="SQLite stores to rebuild in full (memory)")
    parser.add_argument(
        "--chunk",
        type=int,
        nargs=2,
        metavar=("MENTIONS", "REPORTS"),
        default=[REBUILD_MENTIONS, REBUILD_REPORTS],
        help="--stores: mentions and reports grouped at a time",
    )
    parser.add_argument(
        "--one-pass", action="store_true", help="--stores: also rebuild holding the whole store"
    )
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        url, mode, mentions, reports = args.child
        child(url, mode, (int(mentions), int(reports)))
        return 0
    if args.stores:
        command = "python bench/resolve.py " + " ".join(argv if argv is not None else sys.argv[1:])
        stores(args.stores, tuple(args.chunk), args.one_pass, command, args.json)  # type: ignore[arg-type]
        return 0
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
