"""The ``parleys`` command line: thin wrappers over importable functions.

Exit status: 0 on success; 1 when ``ingest`` or ``extract`` rejected an input; 2 for a usage
error or a :class:`~parleys.errors.ParleysError` (printed as one line with its code, never a
traceback). Options that are settings (``--db`` = ``database_url``, ``--batch-size``,
``--host``, ``--port``) also come from ``PARLEYS_*`` variables and the settings file, through
:meth:`Settings.load`; an option given on the command line wins.
"""

import functools
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table
from rich.text import Text

from parleys import export as export_module
from parleys import query, service
from parleys.documents import IngestSummary
from parleys.errors import ParleysError
from parleys.records import Evidence
from parleys.settings import Settings
from parleys.store.db import open_session

F = TypeVar("F", bound=Callable[..., Any])

app = typer.Typer(
    name="parleys",
    help="Structured records of diplomatic and parliamentary contacts from news articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[str | None, typer.Option("--db", help="Database URL (env PARLEYS_DATABASE_URL).",
                                              show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
BatchOption = Annotated[int | None, typer.Option("--batch-size", min=1, show_default=False,
                                                 help="Articles per spaCy batch (env PARLEYS_BATCH_SIZE).")]
WorkersOption = Annotated[int | None, typer.Option("--workers", min=1, show_default=False,
                                                   help="Extraction processes (env PARLEYS_WORKERS).")]
SinceOption = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], show_default=False,
                                                     help="On or after this date (YYYY-MM-DD).")]
UntilOption = Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], show_default=False,
                                                     help="On or before this date (YYYY-MM-DD).")]


def _handles_errors(func: F) -> F:
    """Our own errors become one line on stderr and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ParleysError as exc:
            message = " ".join(str(exc).split())
            typer.echo(f"Error: {message}", err=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


@app.callback()
def _main(
    ctx: typer.Context,
    config: Annotated[Path | None, typer.Option("--config", help="Settings file, TOML (env PARLEYS_CONFIG).",
                                                show_default=False)] = None,
) -> None:
    ctx.obj = {"config": config}


def _settings(ctx: typer.Context, **overrides: Any) -> Settings:
    config = (ctx.obj or {}).get("config")
    return Settings.load(config_file=config, **overrides)


def _out() -> Console:
    return Console(highlight=False, soft_wrap=False)


@contextmanager
def _progress(label: str) -> Iterator[Callable[[str, str], None]]:
    """A Rich progress bar on stderr; the total is unknown while folders and feeds are read."""
    console = Console(stderr=True)
    # off when stderr is not a terminal: logs and pipes get the summary only
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal)
    with bar:
        task = bar.add_task(label, total=None)

        def advance(outcome: str, name: str) -> None:
            bar.update(task, advance=1, description=f"{label}: {outcome} {name}")

        yield advance


def _print_ingest_summary(console: Console, summary: IngestSummary, *, stored_label: str = "stored") -> None:
    table = Table(title="Summary")
    table.add_column("outcome")
    table.add_column("count", justify="right")
    table.add_row(stored_label, str(len(summary.stored)))
    if stored_label == "stored":
        table.add_row("unchanged", str(len(summary.unchanged)))
    table.add_row("rejected", str(len(summary.rejected)))
    console.print(table)
    if summary.rejected:
        rejected = Table(title="Rejected inputs")
        for column in ("source", "reason", "detail"):
            rejected.add_column(column, overflow="fold")
        for r in summary.rejected:
            rejected.add_row(r.source, r.reason, r.detail)
        console.print(rejected)


# --- ingest and extract --------------------------------------------------------------------------

@app.command()
@_handles_errors
def ingest(
    ctx: typer.Context,
    inputs: Annotated[list[str], typer.Argument(metavar="PATH|URL...",
                                                help="Files, folders, feeds or URLs.")],
    db: DbOption = None,
    batch_size: BatchOption = None,
    workers: WorkersOption = None,
) -> None:
    """Read, extract and store articles; exit status 1 when an input was rejected."""
    settings = _settings(ctx, database_url=db, batch_size=batch_size, workers=workers)
    with _progress("ingest") as progress:
        summary = service.ingest(inputs, settings=settings, progress=progress)
    _print_ingest_summary(_out(), summary)
    raise typer.Exit(0 if summary.ok else 1)


@app.command()
@_handles_errors
def extract(
    ctx: typer.Context,
    inputs: Annotated[list[str], typer.Argument(metavar="PATH...", help="Files, folders, feeds or URLs.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="JSON Lines file of article records.")],
    batch_size: BatchOption = None,
    workers: WorkersOption = None,
) -> None:
    """Extract article records to a JSON Lines file, without a database."""
    settings = _settings(ctx, batch_size=batch_size, workers=workers)
    with _progress("extract") as progress:
        summary = service.extract_to_file(inputs, out, settings=settings, progress=progress)
    console = _out()
    _print_ingest_summary(console, summary, stored_label="written")
    console.print(f"wrote {len(summary.stored)} records to {out}")
    raise typer.Exit(0 if summary.ok else 1)


# --- reading the store ---------------------------------------------------------------------------

def events_table(events: Iterable[query.EventSummary], *, title: str = "Events") -> Table:
    table = Table(title=title)
    for column in ("id", "date", "type", "place", "countries", "participants", "article"):
        table.add_column(column, overflow="fold")
    for ev in events:
        place = ", ".join(v for v in (ev.city, ev.country) if v)
        people = "; ".join(
            f"{p.name} ({', '.join(v for v in (p.role_class, p.country) if v)})" for p in ev.participants)
        source = ev.article + (f" (+{ev.reports - 1} more)" if ev.reports > 1 else "")
        table.add_row(str(ev.id), ev.date.isoformat() if ev.date else "", ev.type, place,
                      " ".join(ev.countries), people, source)
    return table


@app.command()
@_handles_errors
def events(
    ctx: typer.Context,
    country: Annotated[str | None, typer.Option(help="Involves this country (code or name).")] = None,
    partner: Annotated[str | None, typer.Option(help="A participant represents this country.")] = None,
    person: Annotated[str | None, typer.Option(help="A participant's name contains this.")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Event type (meeting, visit, ...).")] = None,
    topic: Annotated[str | None, typer.Option(help="Topic code of the article.")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many events.")] = query.DEFAULT_LIMIT,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many events.")] = 0,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List stored events, newest first, with filters."""
    flt = query.EventFilter(country=country, partner=partner, person=person, type=type, topic=topic,
                            date_from=since.date() if since else None,
                            date_to=until.date() if until else None, limit=limit, offset=offset)
    with open_session(_settings(ctx, database_url=db)) as session:
        found = query.list_events(session, flt)
        total = query.count_events(session, flt)
    if as_json:
        typer.echo(json.dumps([ev.to_json() for ev in found], ensure_ascii=False, indent=2))
        return
    console = _out()
    console.print(events_table(found))
    console.print(f"{len(found)} of {total} events")


def _evidence_cells(ev: Evidence | None) -> tuple[str, str]:
    if ev is None:
        return "", ""
    return ev.text, f"{ev.confidence:.2f}"


@app.command()
@_handles_errors
def show(
    ctx: typer.Context,
    event_id: Annotated[int, typer.Argument(metavar="EVENT_ID")],
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show one event: each value with the text that supports it and its confidence."""
    with open_session(_settings(ctx, database_url=db)) as session:
        detail = query.get_event(session, event_id)
    if as_json:
        typer.echo(json.dumps(detail.to_json(), ensure_ascii=False, indent=2))
        return
    console = _out()
    article = detail.article
    console.print(Text(f"Event {detail.id} of article {article.external_id}: {article.title or ''}"))
    if len(detail.reports) > 1:
        console.print(Text(f"{len(detail.reports)} reports: " + ", ".join(
            f"{r['article']} (event {r['event_id']})" for r in detail.reports)))
    if detail.hidden:
        console.print("hidden by a correction")
    table = Table(show_lines=False)
    for column in ("subject", "field", "value", "evidence", "confidence"):
        table.add_column(column, overflow="fold")
    values = {"type": detail.type, "date": detail.date.isoformat() if detail.date else None,
              "city": detail.city, "country": detail.country}
    for name, value in values.items():
        fixed = name in detail.corrected_fields
        cells = ("corrected", "") if fixed else _evidence_cells(detail.evidence.get(name))
        table.add_row("event", name, value or "", *cells)
    table.add_row("event", "countries", " ".join(detail.countries), "", "")
    for p in detail.participants:
        fields = {"name": p.name, "role_class": p.role_class, "country": p.country, "title": p.title,
                  "institution": p.institution}
        for name, value in fields.items():
            ev = p.evidence.get(name)
            if name == "name" and ev is None and p.mentions:
                ev = p.mentions[0]
            cells = ("corrected", "") if name in p.corrected_fields else _evidence_cells(ev)
            table.add_row(f"participant {p.person_id}", name, value or "", *cells)
    for kind, labels in (("topic", detail.topics), ("organization", detail.organizations)):
        for label in labels:
            table.add_row(kind, "code", label.code, *_evidence_cells(label.evidence))
    for c in detail.corrections:
        what = f"{c['action']} {c['field'] or ''}".strip()
        value = c["other_key"] if c["value"] is None else str(c["value"])
        table.add_row(f"correction {c['id']}", what, value or "", f"{c['author']}: {c['reason']}", "")
    console.print(table)


@app.command("export")
@_handles_errors
def export_command(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help="records | jsonl | csv")],
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write.")],
    db: DbOption = None,
) -> None:
    """Export the store: article records, events as JSON Lines, or a CSV of participants."""
    settings = _settings(ctx, database_url=db)
    with open_session(settings) as session:
        n = export_module.export(session, fmt=fmt, out=out, corpus_persons=settings.corpus_persons)
    _out().print(f"wrote {n} lines ({fmt}) to {out}")


@app.command()
@_handles_errors
def rejections(
    ctx: typer.Context,
    reason: Annotated[str | None, typer.Option(help="Only this reason code.")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List the inputs that were rejected, with their reason."""
    with open_session(_settings(ctx, database_url=db)) as session:
        found = query.list_rejections(session, reason=reason)
    if as_json:
        typer.echo(json.dumps([r.to_json() for r in found], ensure_ascii=False, indent=2))
        return
    table = Table(title="Rejections")
    for column in ("id", "run", "source", "reason", "detail"):
        table.add_column(column, overflow="fold")
    for r in found:
        table.add_row(str(r.id), str(r.run_id or ""), r.source, r.reason, r.detail)
    console = _out()
    console.print(table)
    console.print(f"{len(found)} rejections")


@app.command()
@_handles_errors
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold records (file or folder).")],
    system: Annotated[Path, typer.Argument(help="System records (file or folder).")],
    as_json: JsonOption = False,
) -> None:
    """Score system records against gold records (the rules of FORMAT.md)."""
    from parleys.evaluate import format_summary, score_files

    result = score_files(gold, system)
    if as_json:
        data = result.to_json() if hasattr(result, "to_json") else result
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    typer.echo(format_summary(result))


# --- serving -------------------------------------------------------------------------------------

def _serve(settings: Settings) -> None:
    import uvicorn

    from parleys.api import create_app

    uvicorn.run(create_app(settings), host=settings.host, port=settings.port)


@app.command()
@_handles_errors
def serve(
    ctx: typer.Context,
    host: Annotated[str | None, typer.Option(help="Address (env PARLEYS_HOST).", show_default=False)] = None,
    port: Annotated[int | None, typer.Option(help="Port (env PARLEYS_PORT).", show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """Serve the API and the events page."""
    _serve(_settings(ctx, database_url=db, host=host, port=port))


@app.command()
@_handles_errors
def demo(
    ctx: typer.Context,
    samples: Annotated[Path, typer.Argument(help="Folder of sample articles (e.g. samples/).")],
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Stop after the summary.")] = False,
    host: Annotated[str | None, typer.Option(help="Address (env PARLEYS_HOST).", show_default=False)] = None,
    port: Annotated[int | None, typer.Option(help="Port (env PARLEYS_PORT).", show_default=False)] = None,
    db: DbOption = None,
) -> None:
    """Ingest a folder of samples, show what was found, then serve it."""
    settings = _settings(ctx, database_url=db, host=host, port=port)
    with _progress("ingest") as progress:
        result = service.ingest([samples], settings=settings, progress=progress)
    console = _out()
    _print_ingest_summary(console, result)
    with open_session(settings) as session:
        counts = query.summary(session)
        found = query.list_events(session, query.EventFilter(limit=None))
    console.print(f"The store holds {counts.articles} articles, {counts.events} events, "
                  f"{counts.persons} persons and {counts.rejections} rejections.")
    console.print(events_table(found))
    if not no_serve:
        console.print(f"Serving on http://{settings.host}:{settings.port}/ (Ctrl+C to stop)")
        _serve(settings)


def main() -> None:
    """Entry point of the ``parleys`` console script."""
    app()


import parleys.cli_corrections  # noqa: E402,F401  registers commands
from parleys import cli_graph  # noqa: E402,F401  registers commands
