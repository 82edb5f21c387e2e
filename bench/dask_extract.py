"""Extraction throughput on Dask with 1 and 2 workers against plain ``nlp.pipe``, in one run.

    .venv/bin/python bench/dask_extract.py [--articles 300] [--corpus FOLDER] [--repeat 2] [--json]

The same texts go through (a) ``nlp.pipe`` of the bare spaCy model (no parleys components),
(b) parleys' guarded extractor in this process, and (c) ``DaskExtractor`` on the LocalCluster
parleys starts (``--scheduler processes``) with 1 and with 2 workers, each worker extracting in
its own process. Each cluster is warmed up first (every worker has loaded its model), so the
figures are the steady throughput a long ingest sees, not the start-up; the start-up (cluster and
model loads) is printed apart. Each timing is the best of --repeat. The articles come from the
synthetic generator (bench/synth_articles.py, a fixed seed) unless --corpus names a folder.

Machines are noisy and often shared: compare the rows of one run, not runs on different machines.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))


def best(run: Callable[[], int], repeat: int) -> float:
    """The best wall time of ``repeat`` runs of ``run`` (which returns how many it extracted)."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def read_articles(folder: Path, settings: Any) -> list[Any]:
    from parleys.documents import Article
    from parleys.ingest import read_inputs

    return [a for a in read_inputs([str(folder)], settings=settings) if isinstance(a, Article)]


def table(rows: Sequence[dict[str, Any]]) -> str:
    head = f"{'run':<34} {'articles':>8} {'seconds':>8} {'articles/s':>10} {'vs nlp.pipe':>11}"
    lines = [head, "-" * len(head)]
    for r in rows:
        speed = f"{r['seconds']:>8.2f} {r['per_s']:>10.1f} {r['vs_plain']:>10.2f}x"
        lines.append(f"{r['run']:<34} {r['articles']:>8} {speed}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=300, help="synthetic articles to write (default 300)")
    ap.add_argument("--corpus", type=Path, help="a folder of articles instead of synthetic ones")
    ap.add_argument("--repeat", type=int, default=2, help="timings per run; the best counts (default 2)")
    ap.add_argument("--batch-size", type=int, default=32, help="articles per spaCy batch and Dask partition")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args(argv)

    import spacy

    from parleys.extract import load_pipeline
    from parleys.extract.dask_runner import DaskExtractor
    from parleys.extract.parallel import GuardedExtractor
    from parleys.extract.pipeline import resolve_model_name
    from parleys.settings import Settings

    settings = Settings.load(batch_size=args.batch_size)
    with tempfile.TemporaryDirectory(prefix="parleys-dask-bench-") as folder:
        if args.corpus:
            articles = read_articles(args.corpus, settings)
        else:
            from synth_articles import write

            write(args.articles, Path(folder), seed=5)
            articles = read_articles(Path(folder) / "articles", settings)
    if not articles:
        sys.exit("no articles could be read")
    texts = [a.text for a in articles]
    n = len(articles)

    nlp = spacy.load(resolve_model_name(settings.model))
    in_process = GuardedExtractor(load_pipeline(settings), timeout=settings.extract_timeout)
    seconds = {
        "plain nlp.pipe (bare model)": best(
            lambda: sum(1 for _ in nlp.pipe(texts, batch_size=settings.batch_size)), args.repeat
        ),
        "parleys extract, in process": best(
            lambda: sum(1 for _ in in_process.extract_many(articles)), args.repeat
        ),
    }
    startup: dict[str, float] = {}
    for workers in (1, 2):
        on_dask = settings.model_copy(update={"scheduler": "processes", "workers": workers})
        started = time.perf_counter()
        with DaskExtractor(on_dask) as dask_workers:
            # warm-up until every worker has loaded its model (two partitions per worker a round)
            for _ in range(5):
                list(dask_workers.extract_many(articles[: 2 * workers * settings.batch_size]))
                loads = sum(c["loads"] for c in dask_workers.counts().values())
                if loads == workers:
                    break
            startup[f"{workers} worker(s)"] = round(time.perf_counter() - started, 2)
            seconds[f"parleys on Dask, {workers} worker{'s' if workers > 1 else ''}"] = best(
                lambda dw=dask_workers: sum(1 for _ in dw.extract_many(articles)), args.repeat
            )
            assert loads == workers, f"{loads} model loads on {workers} workers"

    plain = seconds["plain nlp.pipe (bare model)"]
    rows = [
        {"run": name, "articles": n, "seconds": s, "per_s": n / s, "vs_plain": plain / s}
        for name, s in seconds.items()
    ]
    command = "python bench/dask_extract.py " + " ".join(argv if argv is not None else sys.argv[1:])
    report = {
        "command": command.strip(),
        "cpus": os.cpu_count(),
        "articles": n,
        "characters": sum(len(t) for t in texts),
        "batch_size": settings.batch_size,
        "repeat": args.repeat,
        "startup_seconds": startup,
        "rows": rows,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"$ {report['command']}")
    print(
        f"{n} articles, {report['characters']:,} characters, batch/partition {settings.batch_size}, "
        f"best of {args.repeat}, {report['cpus']} CPUs"
    )
    print(table(rows))
    print(
        "start-up (cluster + model loads + warm-up), apart: "
        + ", ".join(f"{k} {v} s" for k, v in startup.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
