"""Extraction time and peak memory on hostile inputs: does any of them grow faster than linearly?

    python bench/adversarial.py [--seed FILE] [--repeat 2] [--max-factor 16] [--json]
    python bench/adversarial.py --unguarded     # also the punctuation series without the cut (slow)

Three tables, each case run the way ``parleys ingest`` runs it (clean, sections, the guarded
extractor with no time limit):

- **length**: a seed article repeated 1, 2, 4, 8, 16 times (paragraphs kept);
- **punctuation**: the seed with a run of 1,250 ... 20,000 quote marks in its middle;
- **cases**: the hostile inputs of issue 9, each read from a file and extracted once: JSON
  nested 100,000 levels, HTML nested 10,000 levels, a 1 MB single line (ten sections), a cp1254
  page, UTF-16 without a byte-order mark, a folder holding a looping link.

For each row: characters, best seconds of --repeat runs, peak memory traced by ``tracemalloc`` in
a separate run (tracing slows Python code, so it is never timed), and the growth ratio per
doubling: the time of the row over the time of the row before (linear means about 2; quadratic
about 4). The ratios are what to compare between machines, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = ROOT.parent / "shared" / "seeds" / "000_92198afa1d2edbb8.txt"
INVENTED = (
    "VALLETTA, 3 March 2024 - The President of the House of Representatives of Ruritania, Ana Kolar, "
    "held talks with the visiting Speaker of the Storting, Per Lindqvist, on energy and fisheries.\n\n"
    "The two Speakers discussed the work of the friendship groups, the exchange of parliamentary staff "
    "and the preparation of the regional conference of Speakers in the autumn.\n\n"
    "Kolar said that the parliaments would sign a memorandum on cooperation, and Lindqvist invited her "
    "to visit Oslo next year.\n"
)


def _best(run: Callable[[], Any], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def _peak_mb(run: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def _text_pipeline(guarded: Any, settings: Any) -> Callable[[str], list[Any]]:
    from parleys.documents import RawDocument, Rejection
    from parleys.ingest.clean import clean, sections

    def run(text: str) -> list[Any]:
        cleaned = clean(
            RawDocument(source="bench", kind="text", content=text, doc_id="bench"), settings=settings
        )
        return [cleaned] if isinstance(cleaned, Rejection) else list(guarded.extract_many(sections(cleaned)))

    return run


def _file_pipeline(guarded: Any, settings: Any) -> Callable[[Path], list[Any]]:
    from parleys.documents import Rejection
    from parleys.ingest import read_inputs

    def run(path: Path) -> list[Any]:
        items = list(read_inputs([str(path)], settings=settings))
        articles = [i for i in items if not isinstance(i, Rejection)]
        return [i for i in items if isinstance(i, Rejection)] + list(guarded.extract_many(articles))

    return run


def _rows(
    cases: list[tuple[str, Any, int]], run: Callable[[Any], Any], repeat: int, *, growth: bool = True
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for label, value, chars in cases:
        seconds = _best(lambda value=value: run(value), repeat)
        peak = _peak_mb(lambda value=value: run(value))
        outcomes = run(value)
        row = {
            "case": label,
            "chars": chars,
            "seconds": round(seconds, 3),
            "peak_mb": round(peak, 1),
            "outcome": ", ".join(sorted({getattr(o, "reason", "record") for o in outcomes})),
        }
        if growth and rows:
            row["growth"] = round(seconds / rows[-1]["seconds"], 2) if rows[-1]["seconds"] else None
        rows.append(row)
    return rows


def _series(label: str, values: list[int], make: Callable[[int], str]) -> list[tuple[str, str, int]]:
    return [(f"{label}{v}", text, len(text)) for v in values for text in [make(v)]]


def _hostile_files(folder: Path, seed: str) -> list[tuple[str, Path, int]]:
    cases = []

    def add(label: str, name: str, data: bytes) -> None:
        path = folder / name
        path.write_bytes(data)
        cases.append((label, path, len(data)))

    add("json nested 100,000 deep", "deep.json", b"[" * 100_000 + b"]" * 100_000)
    add("jsonl, one line nested", "deep.jsonl", b"[" * 100_000 + b"]" * 100_000 + b'\n{"text": "x"}\n')
    paragraph = " ".join(seed.split()).encode("utf-8")
    add("html nested 10,000 deep", "deep.html", b"<html><body>" + b"<div>" * 10_000 + b"<p>" + paragraph
        + b"</p>" + b"</div>" * 10_000 + b"</body></html>")  # fmt: skip
    line = b"   ".join([paragraph] * (1_000_000 // (len(paragraph) + 3)))
    add("1 MB single line", "one-line.txt", line)  # 4 MB is tested in the suite; here it is the time
    turkish = (
        "ANKARA - Speaker of the Grand National Assembly of Türkiye Selim Kurtoğlu received the visiting "
        "delegation of the Parliament of Ruritania. Meclis Başkanı Kurtoğlu said the sides would work on "
        "trade and energy.\n"
    ) * 4
    add("cp1254 page", "ankara.txt", turkish.encode("cp1254"))
    add("utf-16 without BOM", "wide.txt", seed.encode("utf-16-le"))
    loop = folder / "loops"
    loop.mkdir()
    (loop / "self.txt").symlink_to(loop / "self.txt")
    cases.append(("folder with a looping link", loop, 0))
    return cases


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="the article the series grow from")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--max-factor", type=int, default=16)
    parser.add_argument("--unguarded", action="store_true", help="also time quote runs without the cut")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT / "src"))
    from parleys.extract import load_pipeline
    from parleys.extract.parallel import GuardedExtractor
    from parleys.settings import Settings

    settings = Settings.load(config_file=None)
    seed = args.seed.read_text(encoding="utf-8") if args.seed.is_file() else INVENTED
    guarded = GuardedExtractor(load_pipeline(settings), timeout=0)
    text_run = _text_pipeline(guarded, settings)
    text_run(seed)  # warm-up

    factors = [f for f in (1, 2, 4, 8, 16, 32) if f <= args.max_factor]
    middle = len(seed) // 2
    report: dict[str, list[dict[str, Any]]] = {
        "length": _rows(_series("x", factors, lambda f: "\n\n".join([seed] * f)), text_run, args.repeat),
        "punctuation": _rows(
            _series(
                "run", [1250, 2500, 5000, 10_000, 20_000], lambda n: seed[:middle] + '"' * n + seed[middle:]
            ),
            text_run,
            args.repeat,
        ),
    }
    if args.unguarded:
        raw = guarded.extractor

        def unguarded(text: str) -> Any:
            from parleys.documents import Article

            return [raw.extract(Article(id="u", source="u", text=text))]

        report["punctuation, without the cut"] = _rows(
            _series("run", [1250, 2500, 5000, 10_000], lambda n: seed[:middle] + '"' * n + seed[middle:]),
            unguarded,
            1,
        )
    with tempfile.TemporaryDirectory() as tmp:
        report["cases"] = _rows(
            _hostile_files(Path(tmp), seed), _file_pipeline(guarded, settings), 1, growth=False
        )

    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    source = args.seed if args.seed.is_file() else "(invented)"
    print(f"seed: {source} ({len(seed)} characters), cpu: {os.cpu_count()}")
    for name, rows in report.items():
        print(f"\n{name}")
        print(f"{'case':<28} {'chars':>9} {'seconds':>9} {'peak MB':>8} {'growth':>7}  outcome")
        for row in rows:
            growth = f"{row['growth']:.2f}" if row.get("growth") is not None else ""
            print(
                f"{row['case']:<28} {row['chars']:>9} {row['seconds']:>9.3f} {row['peak_mb']:>8.1f} "
                f"{growth:>7}  {row['outcome']}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
