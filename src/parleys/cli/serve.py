"""Commands that serve the store: ``serve`` and ``demo`` (ingest a folder, show it, serve it)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from parleys import service
from parleys.cli.common import DbOption, app, console, handles_errors, progress, settings_of
from parleys.cli.events import events_table
from parleys.cli.pipeline import print_ingest_summary
from parleys.errors import InputError
from parleys.kb.corpus import summary
from parleys.kb.events import list_events
from parleys.kb.filters import EventFilter
from parleys.settings import Settings
from parleys.store.db import open_session

DEMO_FOLDER = Path("samples")

HostOption = Annotated[str | None, typer.Option(help="Address (env PARLEYS_HOST).", show_default=False)]
PortOption = Annotated[int | None, typer.Option(help="Port (env PARLEYS_PORT).", show_default=False)]


def _serve(settings: Settings) -> None:
    import uvicorn

    from parleys.api import create_app

    app = create_app(settings)
    if not app.state.tokens.writable:
        console().print("No api_tokens configured: the API and dashboard are read-only.")
    uvicorn.run(app, host=settings.host, port=settings.port)  # its access log never shows headers


@app.command()
@handles_errors
def serve(ctx: typer.Context, host: HostOption = None, port: PortOption = None, db: DbOption = None) -> None:
    """Serve the dashboard and the API (read-only unless api_tokens are configured)."""
    _serve(settings_of(ctx, database_url=db, host=host, port=port))


@app.command()
@handles_errors
def demo(
    ctx: typer.Context,
    samples: Annotated[Path, typer.Argument(help="Folder of sample articles.")] = DEMO_FOLDER,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Stop after the summary.")] = False,
    host: HostOption = None,
    port: PortOption = None,
    db: DbOption = None,
) -> None:
    """Ingest a folder of samples (default samples/), show what was found, then serve it."""
    if not samples.is_dir():
        raise InputError(f"no folder {samples}: give the folder of sample articles")
    settings = settings_of(ctx, database_url=db, host=host, port=port)
    with progress("ingest") as advance:
        result = service.ingest([samples], settings=settings, progress=advance)
    out = console()
    print_ingest_summary(out, result)
    with open_session(settings) as session:
        counts = summary(session)
        found = list_events(session, EventFilter(limit=None))
    out.print(
        f"The store holds {counts.articles} articles, {counts.events} events, "
        f"{counts.persons} persons and {counts.rejections} rejections."
    )
    out.print(events_table(found))
    if not no_serve:
        out.print(f"Serving on http://{settings.host}:{settings.port}/ (Ctrl+C to stop)")
        _serve(settings)
