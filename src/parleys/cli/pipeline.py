"""Commands that run the pipeline: ``ingest``, ``extract``, ``resolve``, ``reprocess``, ``evaluate``."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from parleys import service
from parleys.cli.common import (
    STDIO,
    BatchOption,
    DbOption,
    JsonOption,
    OutOption,
    ProcessesOption,
    WorkersOption,
    app,
    console,
    echo_json,
    extraction_settings_of,
    handles_errors,
    progress,
    settings_of,
    with_stdin,
)
from parleys.documents import IngestSummary
from parleys.resolve import ResolveSummary

SchedulerOption = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        metavar="processes|threads|sync|URL",
        show_default=False,
        help="Run extraction on Dask: 'processes' (a LocalCluster of --workers processes; the default "
        "when --workers > 1), 'threads', 'sync', or a scheduler address such as tcp://host:8786 "
        "(env PARLEYS_SCHEDULER; needs pip install 'parleys[dask]').",
    ),
]


def print_ingest_summary(out: Console, summary: IngestSummary, *, stored_label: str = "stored") -> None:
    found = Table(title="Summary")
    found.add_column("outcome")
    found.add_column("count", justify="right")
    found.add_row(stored_label, str(len(summary.stored)))
    if stored_label == "stored":
        found.add_row("unchanged", str(len(summary.unchanged)))
    found.add_row("rejected", str(len(summary.rejected)))
    out.print(found)
    if summary.rejected:
        rejected = Table(title="Rejected inputs")
        for column in ("source", "reason", "detail"):
            rejected.add_column(column, overflow="fold")
        for r in summary.rejected:
            rejected.add_row(r.source, r.reason, r.detail)
        out.print(rejected)


def resolution_line(summary: ResolveSummary) -> str:
    line = (
        f"resolved: {summary.entities} persons from {summary.mentions} mentions, {summary.clusters} events "
        f"from {summary.reports} reports, {summary.corrections} corrections applied"
    )
    if summary.dangling:
        line += f", {len(summary.dangling)} dangling ({', '.join(map(str, summary.dangling))})"
    if summary.conflicts:
        line += f", {len(summary.conflicts)} in conflict ({', '.join(map(str, summary.conflicts))})"
    return line


@app.command()
@handles_errors
def ingest(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(metavar="PATH|URL...", help="Files, folders, feeds or URLs ('-': standard input)."),
    ],
    db: DbOption = None,
    batch_size: BatchOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    processes: ProcessesOption = None,
) -> None:
    """Read, extract and store articles; exit status 1 when an input was rejected."""
    settings = extraction_settings_of(
        ctx, database_url=db, batch_size=batch_size, workers=workers, scheduler=scheduler, processes=processes
    )
    with with_stdin(inputs) as given, progress("ingest") as advance:
        summary = service.ingest(given, settings=settings, progress=advance)
    print_ingest_summary(console(), summary)
    raise typer.Exit(0 if summary.ok else 1)


@app.command()
@handles_errors
def extract(
    ctx: typer.Context,
    inputs: Annotated[
        list[str],
        typer.Argument(metavar="PATH...", help="Files, folders, feeds or URLs ('-': standard input)."),
    ],
    out: OutOption,
    batch_size: BatchOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    processes: ProcessesOption = None,
) -> None:
    """Extract article records to a JSON Lines file (or standard output), without a database."""
    settings = extraction_settings_of(
        ctx, batch_size=batch_size, workers=workers, scheduler=scheduler, processes=processes
    )
    to_stdout = out == STDIO
    report = console(stderr=to_stdout)  # the records own standard output
    with with_stdin(inputs) as given, progress("extract") as advance, tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "records.jsonl" if to_stdout else Path(out)
        summary = service.extract_to_file(given, target, settings=settings, progress=advance)
        if to_stdout:
            with target.open("rb") as records:
                shutil.copyfileobj(records, sys.stdout.buffer)
            sys.stdout.flush()
    print_ingest_summary(report, summary, stored_label="written")
    report.print(f"wrote {len(summary.stored)} records to {'standard output' if to_stdout else out}")
    raise typer.Exit(0 if summary.ok else 1)


@app.command()
@handles_errors
def resolve(
    ctx: typer.Context,
    as_json: JsonOption = False,
    db: DbOption = None,
    full: Annotated[
        bool,
        typer.Option(
            "--full",
            help="Rebuild every person and event from all stored records, not only what changed "
            "since the last resolution (the result is the same; after a reprocess or a migration a "
            "full rebuild runs anyway).",
        ),
    ] = False,
) -> None:
    """Bring person entities and merged events up to date with the stored records (no extraction)."""
    summary = service.resolve(settings=settings_of(ctx, database_url=db), full=full)
    if as_json:
        echo_json(summary.to_json())
        return
    console().print(resolution_line(summary) + f" in {summary.seconds:.2f}s")


@app.command()
@handles_errors
def reprocess(
    ctx: typer.Context,
    db: DbOption = None,
    batch_size: BatchOption = None,
    workers: WorkersOption = None,
    scheduler: SchedulerOption = None,
    processes: ProcessesOption = None,
) -> None:
    """Extract every stored article again with the current pipeline, then resolve; exit 1 on failures."""
    settings = extraction_settings_of(
        ctx, database_url=db, batch_size=batch_size, workers=workers, scheduler=scheduler, processes=processes
    )
    with progress("reprocess") as advance:
        summary = service.reprocess(settings=settings, progress=advance)
    out = console()
    out.print(f"reprocessed {len(summary.reprocessed)} articles, {len(summary.failed)} failed")
    for failure in summary.failed:
        out.print(f"  {failure.source}: {failure.reason} {failure.detail}")
    if summary.resolution is not None:
        out.print(resolution_line(summary.resolution))
    raise typer.Exit(0 if summary.ok else 1)


@app.command()
@handles_errors
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold records (file or folder).")],
    system: Annotated[Path, typer.Argument(help="System records (file or folder).")],
    as_json: JsonOption = False,
) -> None:
    """Score system records against gold records (the rules of FORMAT.md)."""
    from parleys.evaluate import format_summary, score_files

    result = score_files(gold, system)
    if as_json:
        echo_json(result.to_json() if hasattr(result, "to_json") else result)
        return
    typer.echo(format_summary(result))
