"""Benchmark ``parleys extract`` end to end in one process against N processes.

    python bench/processes.py [CORPUS] [--processes N] [--repeat 3] [--json]

Runs the ``parleys`` command of this environment as a user does, start-up included (the model
load, and with N processes the start of each), over CORPUS (default ../shared/corpus/train):
``--processes 1`` and ``--processes N`` (default: one per usable CPU, at most 4), alternating,
``--repeat`` times each; the best wall time of each counts. It checks that both wrote the same
records, and prints the wall times and their ratio. Machines are noisy and differ: read the ratio,
measured on the same machine in the same run, more than the seconds.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "train"


def parleys_command() -> str:
    found = Path(sys.executable).with_name("parleys")
    if found.is_file():
        return str(found)
    on_path = shutil.which("parleys")
    if on_path is None:
        sys.exit("the parleys command is not installed in this environment (make install)")
    return on_path


def timed_run(command: str, corpus: Path, out: Path, processes: int) -> float:
    argv = [command, "extract", str(corpus), "--out", str(out), "--processes", str(processes)]
    start = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1: some input was rejected, the records are written
        sys.exit(f"{' '.join(argv)} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return seconds


def records_without_version(path: Path) -> list[dict]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        row.pop("pipeline_version", None)
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help=f"default {DEFAULT_CORPUS}")
    ap.add_argument("--processes", type=int, default=0, help="N (default 0: one per usable CPU, at most 4)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts (default 3)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if args.repeat < 1 or args.processes < 0:
        ap.error("--repeat must be at least 1 and --processes not negative")
    if not args.corpus.exists():
        sys.exit(f"corpus not found: {args.corpus} (put the shared data beside the repository)")

    from parleys.extract.processes import MAX_AUTO_PROCESSES, usable_cpus

    n = args.processes or max(1, min(usable_cpus(), MAX_AUTO_PROCESSES))
    command = parleys_command()
    seconds: dict[int, list[float]] = {1: [], n: []} if n != 1 else {1: []}
    with tempfile.TemporaryDirectory() as folder:
        outs = {p: Path(folder) / f"records-{p}.jsonl" for p in seconds}
        for round_number in range(args.repeat):
            order = list(seconds) if round_number % 2 == 0 else list(seconds)[::-1]
            for processes in order:
                seconds[processes].append(timed_run(command, args.corpus, outs[processes], processes))
        same = records_without_version(outs[1]) == records_without_version(outs[n])
        articles = len(records_without_version(outs[1]))
    best = {p: min(times) for p, times in seconds.items()}
    report = {
        "corpus": str(args.corpus),
        "records": articles,
        "usable_cpus": usable_cpus(),
        "processes": n,
        "repeat": args.repeat,
        "seconds_one_process": round(best[1], 2),
        "seconds_n_processes": round(best[n], 2),
        "speedup": round(best[1] / best[n], 3),
        "same_records": same,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(f"parleys extract {args.corpus} ({articles} records), best of {args.repeat}, wall time:")
        print(f"  --processes 1: {best[1]:.2f} s")
        print(f"  --processes {n}: {best[n]:.2f} s  (speed-up {report['speedup']:.2f}x)")
        print(f"  same records: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
