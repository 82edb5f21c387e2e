"""``parleys resolve``, ``parleys reprocess`` and ``parleys corrections ...``: registered on the app of
:mod:`parleys.cli` when it imports this module.

Every correction command records one correction (``--reason`` is required; ``--author`` defaults
to ``PARLEYS_AUTHOR``, else the user name), resolves the store again so that the correction shows
at once in ``events``, ``show``, exports and the API, and commits. Persons are named by the ids
that ``parleys events --json`` and ``parleys show`` print (or by anchor keys), events by the ids
of ``parleys events``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy.orm import Session

from parleys import corrections as fixes
from parleys import service
from parleys.cli import (
    BatchOption,
    DbOption,
    JsonOption,
    WorkersOption,
    _handles_errors,
    _out,
    _progress,
    _settings,
    app,
)
from parleys.resolve import ResolveSummary, resolve_all
from parleys.store.db import open_session
from parleys.store.models import CorrectionRow

group = typer.Typer(
    name="corrections", help="Analysts' corrections: make, list and revoke them.", no_args_is_help=True
)
app.add_typer(group, name="corrections")

ReasonOption = Annotated[str, typer.Option("--reason", help="Why (required; kept with the correction).")]
AuthorOption = Annotated[
    str | None,
    typer.Option(
        "--author",
        envvar=fixes.AUTHOR_ENV,
        show_default=False,
        help="Who (env PARLEYS_AUTHOR; default: the user name).",
    ),
]
PersonArg = Annotated[
    str, typer.Argument(metavar="PERSON", help="Person id (as `events --json` shows) or key.")
]
EventArg = Annotated[str, typer.Argument(metavar="EVENT", help="Event id (as `events` shows) or key.")]


def _resolution_line(summary: ResolveSummary) -> str:
    line = (
        f"resolved: {summary.entities} persons from {summary.mentions} mentions, {summary.clusters} events "
        f"from {summary.reports} reports, {summary.corrections} corrections applied"
    )
    if summary.dangling:
        line += f", {len(summary.dangling)} dangling ({', '.join(map(str, summary.dangling))})"
    if summary.conflicts:
        line += f", {len(summary.conflicts)} in conflict ({', '.join(map(str, summary.conflicts))})"
    return line


# --- resolve and reprocess -----------------------------------------------------------------------


@app.command()
@_handles_errors
def resolve(ctx: typer.Context, as_json: JsonOption = False, db: DbOption = None) -> None:
    """Rebuild person entities and merged events from the stored records (no extraction)."""
    summary = service.resolve(settings=_settings(ctx, database_url=db))
    if as_json:
        typer.echo(json.dumps(summary.to_json(), indent=2))
        return
    _out().print(_resolution_line(summary) + f" in {summary.seconds:.2f}s")


@app.command()
@_handles_errors
def reprocess(
    ctx: typer.Context, db: DbOption = None, batch_size: BatchOption = None, workers: WorkersOption = None
) -> None:
    """Extract every stored article again with the current pipeline, then resolve; exit 1 on failures."""
    settings = _settings(ctx, database_url=db, batch_size=batch_size, workers=workers)
    with _progress("reprocess") as progress:
        summary = service.reprocess(settings=settings, progress=progress)
    console = _out()
    console.print(f"reprocessed {len(summary.reprocessed)} articles, {len(summary.failed)} failed")
    for failure in summary.failed:
        console.print(f"  {failure.source}: {failure.reason} {failure.detail}")
    if summary.resolution is not None:
        console.print(_resolution_line(summary.resolution))
    raise typer.Exit(0 if summary.ok else 1)


# --- making corrections --------------------------------------------------------------------------


def _record(ctx: typer.Context, db: str | None, make: Callable[[Session], list[CorrectionRow]]) -> None:
    with open_session(_settings(ctx, database_url=db)) as session:
        rows = make(session)
        summary = resolve_all(session)
        session.commit()
    console = _out()
    for row in rows:
        what = row.action + (f" {row.field}={row.value}" if row.field else "")
        console.print(f"correction {row.id}: {row.target_kind} {row.target_key} {what} (by {row.author})")
    console.print(_resolution_line(summary))


def _record_values(
    ctx: typer.Context,
    db: str | None,
    values: dict[str, str | None],
    setter: Callable[[Session, str, str], CorrectionRow],
) -> None:
    """One correction per value given; at least one must be."""
    given = {k: v for k, v in values.items() if v is not None}
    if not given:
        flags = ", ".join("--" + k.replace("_", "-") for k in values)
        raise typer.BadParameter(f"give at least one of {flags}")
    _record(ctx, db, lambda s: [setter(s, k, v) for k, v in given.items()])


def _author(author: str | None) -> str:
    return author or fixes.default_author()


@group.command("merge")
@_handles_errors
def merge(
    ctx: typer.Context,
    person: PersonArg,
    other: PersonArg,
    reason: ReasonOption,
    author: AuthorOption = None,
    db: DbOption = None,
) -> None:
    """Two persons are one real person."""
    _record(ctx, db, lambda s: [fixes.merge_persons(s, person, other, author=_author(author), reason=reason)])


@group.command("split")
@_handles_errors
def split(
    ctx: typer.Context,
    person: PersonArg,
    reason: ReasonOption,
    article: Annotated[str | None, typer.Option(help="Detach the mention of this article (its id).")] = None,
    name: Annotated[str | None, typer.Option(help="Detach the mentions written this way.")] = None,
    author: AuthorOption = None,
    db: DbOption = None,
) -> None:
    """Detach the mentions of one article, or of one name form, into a person of their own."""
    _record(
        ctx,
        db,
        lambda s: [
            fixes.split_person(s, person, article=article, name=name, author=_author(author), reason=reason)
        ],
    )


@group.command("set-person")
@_handles_errors
def set_person(
    ctx: typer.Context,
    person: PersonArg,
    reason: ReasonOption,
    role_class: Annotated[str | None, typer.Option("--role-class", help="Role class.")] = None,
    title: Annotated[str | None, typer.Option(help="Office as written ('none' clears).")] = None,
    institution: Annotated[str | None, typer.Option(help="Institution ('none' clears).")] = None,
    country: Annotated[str | None, typer.Option(help="Country, code or name ('none' clears).")] = None,
    author: AuthorOption = None,
    db: DbOption = None,
) -> None:
    """Set a person's role class, title, institution or country (one correction per value)."""
    values = {"role_class": role_class, "title": title, "institution": institution, "country": country}
    _record_values(
        ctx,
        db,
        values,
        lambda s, k, v: fixes.set_person(s, person, field=k, value=v, author=_author(author), reason=reason),
    )


@group.command("set-event")
@_handles_errors
def set_event(
    ctx: typer.Context,
    event: EventArg,
    reason: ReasonOption,
    type: Annotated[str | None, typer.Option("--type", help="Event type.")] = None,
    date: Annotated[str | None, typer.Option("--date", help="YYYY-MM-DD.")] = None,
    city: Annotated[str | None, typer.Option(help="City ('none' clears).")] = None,
    country: Annotated[str | None, typer.Option(help="Country where it took place ('none' clears).")] = None,
    author: AuthorOption = None,
    db: DbOption = None,
) -> None:
    """Set an event's type, date, city or country (one correction per value)."""
    values = {"type": type, "date": date, "city": city, "country": country}
    _record_values(
        ctx,
        db,
        values,
        lambda s, k, v: fixes.set_event(s, event, field=k, value=v, author=_author(author), reason=reason),
    )


@group.command("hide")
@_handles_errors
def hide(
    ctx: typer.Context,
    event: EventArg,
    reason: ReasonOption,
    author: AuthorOption = None,
    db: DbOption = None,
) -> None:
    """Hide a wrong event from listings and exports."""
    _record(ctx, db, lambda s: [fixes.hide_event(s, event, author=_author(author), reason=reason)])


@group.command("unhide")
@_handles_errors
def unhide(
    ctx: typer.Context,
    event: EventArg,
    reason: ReasonOption,
    author: AuthorOption = None,
    db: DbOption = None,
) -> None:
    """Show a hidden event again."""
    _record(
        ctx, db, lambda s: [fixes.hide_event(s, event, hidden=False, author=_author(author), reason=reason)]
    )


@group.command("add-participant")
@_handles_errors
def add_participant(
    ctx: typer.Context,
    event: EventArg,
    person: PersonArg,
    reason: ReasonOption,
    author: AuthorOption = None,
    db: DbOption = None,
) -> None:
    """Add a person to an event's participants."""
    _record(
        ctx,
        db,
        lambda s: [
            fixes.change_participant(s, event, person, add=True, author=_author(author), reason=reason)
        ],
    )


@group.command("remove-participant")
@_handles_errors
def remove_participant(
    ctx: typer.Context,
    event: EventArg,
    person: PersonArg,
    reason: ReasonOption,
    author: AuthorOption = None,
    db: DbOption = None,
) -> None:
    """Remove a person from an event's participants."""
    _record(
        ctx,
        db,
        lambda s: [
            fixes.change_participant(s, event, person, add=False, author=_author(author), reason=reason)
        ],
    )


# --- listing and revoking ------------------------------------------------------------------------


@group.command("list")
@_handles_errors
def list_command(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="active | dangling | revoked")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List corrections, oldest first; dangling ones name a target that re-extraction removed."""
    with open_session(_settings(ctx, database_url=db)) as session:
        items = fixes.list_corrections(session, status=status)
    if as_json:
        typer.echo(json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=2))
        return
    table = Table(title="Corrections")
    for column in ("id", "status", "target", "action", "value", "author", "when", "reason"):
        table.add_column(column, overflow="fold")
    for i in items:
        target = f"{i.target_kind} {i.target_id if i.target_id is not None else '-'} ({i.target_key})"
        value = json.dumps(i.value, ensure_ascii=False) if i.field else ""
        if i.field:
            value = f"{i.field}={value}"
        if i.other_key:
            value = (value + " " if value else "") + i.other_key
        table.add_row(
            str(i.id),
            i.status,
            target,
            i.action,
            value,
            i.author,
            i.created_at.strftime("%Y-%m-%d %H:%M"),
            i.reason,
        )
    console = _out()
    console.print(table)
    console.print(f"{len(items)} corrections")


@group.command("revoke")
@_handles_errors
def revoke(
    ctx: typer.Context, correction_id: Annotated[int, typer.Argument(metavar="ID")], db: DbOption = None
) -> None:
    """Revoke a correction: machine output shows again (the correction stays listed as revoked)."""
    _record(ctx, db, lambda s: [fixes.revoke(s, correction_id)])
