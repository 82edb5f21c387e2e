"""What every ``parleys`` command shares: the app, the options, error handling, settings, output.

Exit status: 0 on success; 1 when ``ingest``, ``extract`` or ``reprocess`` rejected an input; 2
for a usage error or a :class:`~parleys.errors.ParleysError` (printed as one line with its code,
never a traceback). Options that are settings (``--db`` = ``database_url``, ``--batch-size``,
``--workers``, ``--host``, ``--port``) also come from ``PARLEYS_*`` variables and the settings
file, through :meth:`Settings.load`; an option given on the command line wins.
"""

from __future__ import annotations

import functools
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
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
from sqlalchemy.orm import Session

from parleys import __version__
from parleys.errors import ParleysError
from parleys.kb.filters import parse_limit
from parleys.settings import Settings
from parleys.store.db import open_session

F = TypeVar("F", bound=Callable[..., Any])

STDIO = "-"

app = typer.Typer(
    name="parleys",
    help="Structured records of diplomatic and parliamentary contacts from news articles.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    str | None, typer.Option("--db", help="Database URL (env PARLEYS_DATABASE_URL).", show_default=False)
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
BatchOption = Annotated[
    int | None,
    typer.Option(
        "--batch-size", min=1, show_default=False, help="Articles per spaCy batch (env PARLEYS_BATCH_SIZE)."
    ),
]
WorkersOption = Annotated[
    int | None,
    typer.Option(
        "--workers", min=1, show_default=False, help="Extraction workers on Dask (env PARLEYS_WORKERS)."
    ),
]
ProcessesOption = Annotated[
    int | None,
    typer.Option(
        "--processes",
        min=0,
        show_default=False,
        help="Without Dask: processes an input of 64 articles or more is extracted in (0 = one per usable "
        "CPU, at most 4; 1 = this process; env PARLEYS_PROCESSES).",
    ),
]
SinceOption = Annotated[
    datetime | None,
    typer.Option(formats=["%Y-%m-%d"], show_default=False, help="On or after this date (YYYY-MM-DD)."),
]
UntilOption = Annotated[
    datetime | None,
    typer.Option(formats=["%Y-%m-%d"], show_default=False, help="On or before this date (YYYY-MM-DD)."),
]
CountryOption = Annotated[
    str | None, typer.Option(help="Country: code, name or demonym.", show_default=False)
]
LimitOption = Annotated[str, typer.Option(help="At most this many (0 or 'all': all).")]
OffsetOption = Annotated[int, typer.Option(min=0, help="Skip this many.")]
OutOption = Annotated[str, typer.Option("--out", "-o", help="File to write ('-': standard output).")]


def handles_errors(func: F) -> F:
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


def _version(value: bool) -> None:
    if value:
        typer.echo(f"parleys {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Settings file, TOML (env PARLEYS_CONFIG).", show_default=False),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    ctx.obj = {"config": config}


def settings_of(ctx: typer.Context, **overrides: Any) -> Settings:
    config = (ctx.obj or {}).get("config")
    return Settings.load(config_file=config, **overrides)


def extraction_settings_of(ctx: typer.Context, **overrides: Any) -> Settings:
    """The settings of a command that extracts: as :func:`settings_of`, with ``processes`` 0 (a
    large input in one process per usable CPU) unless the option, the environment or the settings
    file sets it. The default is the command line's own: a spawned process imports the ``parleys``
    script again harmlessly, a script calling the Python API perhaps not (see
    ``parleys.extract.processes``)."""
    settings = settings_of(ctx, **overrides)
    return settings if settings.processes is not None else settings.model_copy(update={"processes": 0})


@contextmanager
def reading(ctx: typer.Context, db: str | None) -> Iterator[Session]:
    """A session on an existing store: a read command refuses a database that does not exist
    (E030) instead of creating an empty one."""
    with open_session(settings_of(ctx, database_url=db), create=False) as session:
        yield session


def console(*, stderr: bool = False) -> Console:
    return Console(highlight=False, soft_wrap=False, stderr=stderr)


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def page(
    items: list[Any], *, key: str, total: int, limit: int | None, offset: int, **extra: Any
) -> dict[str, Any]:
    """A JSON listing: the items with ``total``, ``limit`` (``null``: all) and ``offset``."""
    return {"total": total, "limit": limit, "offset": offset, **extra, key: [i.to_json() for i in items]}


def limit_of(value: str) -> int | None:
    """``--limit``: a number, or 0 or ``all`` for all (``None``); E060 for anything else."""
    return parse_limit(value)


def day(value: datetime | None) -> date | None:
    return value.date() if value else None


def iso(value: date | None) -> str:
    return value.isoformat() if value else ""


def table(title: str | None, columns: list[str], *, wrap: tuple[str, ...] = ()) -> Table:
    """A table that stays readable at 80 columns: only the ``wrap`` columns fold; the others (ids,
    dates, codes) never split."""
    found = Table(title=title)
    for name in columns:
        if name in wrap:  # wide enough for its header; words split only when one is longer
            found.add_column(name, overflow="fold", ratio=1, min_width=len(name))
        else:
            found.add_column(name, no_wrap=True)
    return found


@contextmanager
def progress(label: str) -> Iterator[Callable[[str, str], None]]:
    """A Rich progress bar on stderr; the total is unknown while folders and feeds are read."""
    err = console(stderr=True)
    # off when stderr is not a terminal: logs and pipes get the summary only
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )
    with bar:
        task = bar.add_task(label, total=None)

        def advance(outcome: str, name: str) -> None:
            bar.update(task, advance=1, description=f"{label}: {outcome} {name}")

        yield advance


def _stdin_suffix(data: bytes) -> str:
    head = data.lstrip()[:512].lower()
    if head.startswith(b"<"):
        return ".xml" if b"<rss" in head or b"<feed" in head else ".html"
    if head.startswith(b"["):
        return ".json"
    if head.startswith(b"{"):
        lines = [line for line in data.splitlines() if line.strip()]
        return (
            ".jsonl" if len(lines) > 1 and all(line.lstrip().startswith(b"{") for line in lines) else ".json"
        )
    return ".txt"


@contextmanager
def with_stdin(inputs: list[str]) -> Iterator[list[str]]:
    """The inputs, with ``-`` replaced by a file holding standard input (its kind sniffed: text,
    HTML, a feed, JSON or JSON Lines; the article id is ``stdin``)."""
    if STDIO not in inputs:
        yield inputs
        return
    data = sys.stdin.buffer.read()
    with tempfile.TemporaryDirectory(prefix="parleys-stdin-") as folder:
        path = Path(folder) / f"stdin{_stdin_suffix(data)}"
        path.write_bytes(data)
        yield [str(path) if i == STDIO else i for i in inputs]
