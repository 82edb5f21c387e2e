"""``parleys corrections ...``: make, list and revoke analysts' corrections.

Every correction command records one correction (``--reason`` is required; ``--author`` defaults
to ``PARLEYS_AUTHOR``, else the user name), then :func:`parleys.corrections.apply` resolves the
store again so that the correction shows at once in ``events``, ``show``, exports and the API,
and commits (the API does the same). Persons are named by the ids that ``parleys events --json``
and ``parleys show`` print (or by anchor keys), events by the ids of ``parleys events``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from parleys import corrections as fixes
from parleys.cli.common import (
    DbOption,
    JsonOption,
    app,
    console,
    echo_json,
    handles_errors,
    page,
    reading,
    table,
)
from parleys.cli.pipeline import resolution_line
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


# --- making corrections --------------------------------------------------------------------------


def _record(ctx: typer.Context, db: str | None, make: Callable[[Session], list[CorrectionRow]]) -> None:
    with reading(ctx, db) as session:
        done = fixes.apply(session, make)
    out = console()
    for row in done.rows:
        what = row.action + (f" {row.field}={row.value}" if row.field else "")
        out.print(f"correction {row.id}: {row.target_kind} {row.target_key} {what} (by {row.author})")
    out.print(resolution_line(done.resolution))


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
@handles_errors
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
@handles_errors
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
@handles_errors
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
@handles_errors
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
@handles_errors
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
@handles_errors
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
@handles_errors
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
@handles_errors
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
@handles_errors
def list_command(
    ctx: typer.Context,
    status: Annotated[str | None, typer.Option(help="active | dangling | revoked")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List corrections, oldest first; dangling ones name a target that re-extraction removed."""
    with reading(ctx, db) as session:
        items = fixes.list_corrections(session, status=status)
    if as_json:
        echo_json(page(items, key="corrections", total=len(items), limit=None, offset=0))
        return
    listing = table(
        "Corrections",
        ["id", "status", "target", "action", "value", "author", "when", "reason"],
        wrap=("target", "value", "author", "reason"),
    )
    for i in items:
        target = f"{i.target_kind} {i.target_id if i.target_id is not None else '-'} ({i.target_key})"
        value = json.dumps(i.value, ensure_ascii=False) if i.field else ""
        if i.field:
            value = f"{i.field}={value}"
        if i.other_key:
            value = (value + " " if value else "") + i.other_key
        listing.add_row(
            str(i.id),
            i.status,
            target,
            i.action,
            value,
            i.author,
            i.created_at.strftime("%Y-%m-%d %H:%M"),
            i.reason,
        )
    out = console()
    out.print(listing)
    out.print(f"{len(items)} corrections")


@group.command("revoke")
@handles_errors
def revoke(
    ctx: typer.Context, correction_id: Annotated[int, typer.Argument(metavar="ID")], db: DbOption = None
) -> None:
    """Revoke a correction: machine output shows again (the correction stays listed as revoked)."""
    _record(ctx, db, lambda s: [fixes.revoke(s, correction_id)])
