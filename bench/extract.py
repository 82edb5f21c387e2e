"""Benchmark extraction against plain spaCy on the same texts, in the same process.

    python bench/extract.py [CORPUS] [--repeat 3] [--workers N] [--json]

(a) ``nlp.pipe`` of the bare model (no parleys components), (a') the same with the model's
attribute ruler and lemmatizer as parleys runs them (``parleys.extract.attribute_rules``,
``parleys.extract.lemma_memo``: the same results by lookup), (b)
``load_pipeline(settings).extract_many(articles)``, and (c) the same followed by both passes of the
corpus persons (``parleys.consistency``), run over the same articles, each --repeat times in
alternating order after a warm-up pass; the best time of each counts. (b) against (a) is the
figure the issue sets; (b) against (a') is the cost of the parleys components alone. Machines
are noisy, so the figure to watch is the ratio of the two throughputs, not the absolute seconds.
With --workers N, extraction in a LocalCluster of N workers (``parleys.extract.dask_runner``;
bench/dask_extract.py compares 1 and 2 Dask workers with plain nlp.pipe) is also compared with
extraction in this one process. bench/processes.py times the ``parleys extract`` command in one
process and in several.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
CHUNKS_PER_WORKER = 4  # several chunks per worker so that a slow chunk does not idle the others


@dataclass(frozen=True)
class Timing:
    name: str
    articles: int
    seconds: float

    @property
    def per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else math.inf

    def to_json(self) -> dict[str, Any]:
        rounded = {"seconds": round(self.seconds, 4), "articles_per_s": round(self.per_second, 2)}
        return {**asdict(self), **rounded}


# ---------------------------------------------------------------------------------------------
# inputs


def read_articles(corpus: Path, settings: Any) -> list[Any]:
    """The corpus's articles, as parleys ingests them; rejected inputs are left out."""
    from parleys.documents import Article
    from parleys.ingest import read_inputs

    return [item for item in read_inputs([str(corpus)], settings=settings) if isinstance(item, Article)]


# ---------------------------------------------------------------------------------------------
# timing


def run_plain(nlp: Any, texts: Sequence[str], batch_size: int) -> int:
    return sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))


def run_extract(extractor: Any, articles: Sequence[Any]) -> int:
    return sum(1 for _ in extractor.extract_many(articles))


def run_consistent(extractor: Any, articles: Sequence[Any]) -> int:
    """What ``parleys extract`` does per run: extraction, then both passes of
    ``parleys.consistency.consistent`` through a spool file."""
    import tempfile

    from parleys.consistency import consistent

    with tempfile.TemporaryFile() as spool:
        return sum(1 for _ in consistent(extractor.extract_many(articles), spool))


def timed(run: Callable[[], int]) -> float:
    gc.collect()
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def rounds_of(runs: dict[str, Callable[[], int]], repeat: int) -> dict[str, list[float]]:
    """Seconds of each run in each round: one warm-up pass, then ``repeat`` rounds in alternating
    order."""
    for run in runs.values():
        run()
    seconds: dict[str, list[float]] = {name: [] for name in runs}
    names = list(runs)
    for round_number in range(repeat):
        # alternate which goes first, so neither always runs on a cooler or hotter machine
        order = names if round_number % 2 == 0 else names[::-1]
        for name in order:
            seconds[name].append(timed(runs[name]))
    return seconds


def best_of(runs: dict[str, Callable[[], int]], repeat: int) -> dict[str, float]:
    """Best seconds of each run over ``repeat`` rounds (see :func:`rounds_of`)."""
    return {name: min(times) for name, times in rounds_of(runs, repeat).items()}


def paired_ratio(numerator: Sequence[float], denominator: Sequence[float]) -> float:
    """The median over rounds of one run's throughput over another's, each pair timed side by side
    in one round: a slow spell of a shared machine slows both of a pair, so it moves this figure
    less than the ratio of the two best times, which may come from different rounds."""
    return statistics.median(d / n for n, d in zip(numerator, denominator, strict=True))


# ---------------------------------------------------------------------------------------------
# report


def ratio(numerator: Timing, denominator: Timing) -> float:
    return numerator.per_second / denominator.per_second if denominator.per_second else math.nan


def format_table(timings: list[Timing]) -> str:
    w = max(len(t.name) for t in timings)
    lines = [f"{'':{w}} {'articles':>8} {'seconds':>9} {'articles/s':>11}"]
    lines += [f"{t.name:{w}} {t.articles:8d} {t.seconds:9.3f} {t.per_second:11.2f}" for t in timings]
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=DEFAULT_CORPUS,
        help=f"folder (or file) of articles; default {DEFAULT_CORPUS}",
    )
    ap.add_argument("--repeat", type=int, default=3, help="timed rounds; the best counts (default 3)")
    ap.add_argument(
        "--workers",
        type=int,
        default=0,
        help="also time extraction in a pool of N processes against one process",
    )
    ap.add_argument("--model", default=None, help="spaCy model (default: the model setting)")
    ap.add_argument("--batch-size", type=int, default=None, help="articles per spaCy batch")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if args.repeat < 1:
        ap.error("--repeat must be at least 1")
    if args.workers < 0:
        ap.error("--workers must not be negative")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.corpus.exists():
        sys.exit(
            f"corpus not found: {args.corpus}\n"
            "pass a folder of articles, or put the shared data beside the repository (../shared)"
        )

    import spacy

    from parleys.extract import attribute_rules, lemma_memo, load_pipeline
    from parleys.extract.dask_runner import DaskExtractor
    from parleys.extract.pipeline import resolve_model_name
    from parleys.settings import Settings

    settings = Settings.load(model=args.model, batch_size=args.batch_size)
    articles = read_articles(args.corpus, settings)
    if not articles:
        sys.exit(f"no articles could be read from {args.corpus}")
    texts = [a.text for a in articles]
    model = resolve_model_name(settings.model)
    nlp = spacy.load(model)
    # the model as parleys runs it: its attribute ruler's matches and its lemmas found by lookup
    looked_up = spacy.load(model)
    attribute_rules.speed_up(looked_up)
    lemma_memo.speed_up(looked_up)
    extractor = load_pipeline(settings)
    n = len(articles)

    rounds = rounds_of(
        {
            "plain nlp.pipe": lambda: run_plain(nlp, texts, settings.batch_size),
            "nlp.pipe as parleys runs it": lambda: run_plain(looked_up, texts, settings.batch_size),
            "extract_many": lambda: run_extract(extractor, articles),
            "extract + corpus persons": lambda: run_consistent(extractor, articles),
        },
        args.repeat,
    )
    plain, model_run, extract, whole = (Timing(name, n, min(seconds)) for name, seconds in rounds.items())
    plain_rounds, model_rounds, extract_rounds, whole_rounds = rounds.values()
    report: dict[str, Any] = {
        "model": model,
        "pipeline_version": extractor.version,
        "articles": n,
        "repeat": args.repeat,
        "plain": plain.to_json(),
        "extract": extract.to_json(),
        "extract_vs_plain": round(ratio(extract, plain), 3),
        "consistent": whole.to_json(),
        "consistent_vs_plain": round(ratio(whole, plain), 3),
        "extract_vs_plain_paired": round(paired_ratio(extract_rounds, plain_rounds), 3),
        "consistent_vs_plain_paired": round(paired_ratio(whole_rounds, plain_rounds), 3),
        # the parleys components alone: extraction against the model it runs on
        "model_with_lookup": model_run.to_json(),
        "extract_vs_model_paired": round(paired_ratio(extract_rounds, model_rounds), 3),
    }
    timings = [plain, model_run, extract, whole]

    if args.workers:
        size = max(1, math.ceil(n / (args.workers * CHUNKS_PER_WORKER)))
        # the product's own workers (parleys.extract.dask_runner), started once: its start-up (a model
        # load per worker) is paid once per run, not per article
        on_dask = settings.model_copy(update={"workers": args.workers, "scheduler": "processes"})
        with DaskExtractor(on_dask, partition_size=size) as pool:
            run_extract(pool, articles[: args.workers * size])  # warm-up: a partition for each worker
            best = best_of(
                {
                    "extract, 1 process": lambda: run_extract(extractor, articles),
                    f"extract, {args.workers} workers": lambda: run_extract(pool, articles),
                },
                args.repeat,
            )
        single, pooled = (Timing(name, n, seconds) for name, seconds in best.items())
        timings += [single, pooled]
        report["workers"] = {
            "n": args.workers,
            "chunk_size": size,
            "single": single.to_json(),
            "pool": pooled.to_json(),
            "speedup": round(ratio(pooled, single), 3),
        }

    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"model {model}, pipeline {extractor.version}, best of {args.repeat}")
    print(format_table(timings))
    print(f"extract / plain throughput: {report['extract_vs_plain']:.3f}")
    print(f"extract + corpus persons / plain throughput: {report['consistent_vs_plain']:.3f}")
    paired = report["extract_vs_plain_paired"], report["consistent_vs_plain_paired"]
    print(f"paired (median of rounds): extract {paired[0]:.3f}, extract + corpus persons {paired[1]:.3f}")
    print(
        f"the components alone (extract / nlp.pipe as parleys runs the model, paired): "
        f"{report['extract_vs_model_paired']:.3f}"
    )
    if args.workers:
        print(f"speed-up with {args.workers} workers: {report['workers']['speedup']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
