"""Commands on persons across the corpus: ``person`` and ``persons``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import typer

from parleys.cli.common import (
    CountryOption,
    DbOption,
    JsonOption,
    LimitOption,
    OffsetOption,
    SinceOption,
    UntilOption,
    app,
    console,
    day,
    echo_json,
    handles_errors,
    iso,
    limit_of,
    page,
    reading,
    table,
)
from parleys.kb import people
from parleys.kb.filters import DEFAULT_LIMIT
from parleys.kb.types import EventSummary, PersonSummary


def kb_events_table(events: Iterable[EventSummary], *, title: str) -> object:
    found = table(
        title, ["id", "date", "type", "place", "participants", "reports"], wrap=("place", "participants")
    )
    for ev in events:
        place = ", ".join(v for v in (ev.city, ev.country) if v)
        who = "; ".join(f"{p.name} ({p.country or '?'})" for p in ev.participants)
        found.add_row(str(ev.id), iso(ev.date), ev.type, place, who, str(ev.reports))
    return found


def persons_table(persons: Iterable[PersonSummary], *, title: str) -> object:
    found = table(title, ["id", "name", "role", "country", "events", "last seen"], wrap=("name", "role"))
    for p in persons:
        found.add_row(str(p.id), p.name, p.role_class, p.country or "", str(p.events), iso(p.last_seen))
    return found


@app.command()
@handles_errors
def person(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="ID|NAME", help="A person's id, or a name only one matches.")],
    since: SinceOption = None,
    until: UntilOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """One person: details, office history and events (newest first)."""
    with reading(ctx, db) as session:
        entity_id = people.resolve_person(session, ref)
        detail = people.get_person(session, entity_id, since=day(since), until=day(until))
    if as_json:
        echo_json(detail.to_json())
        return
    p = detail.person
    out = console()
    out.print(
        f"{p.name} (id {p.id}): {p.role_class}, {p.country or 'country unknown'}"
        + (f", {p.title}" if p.title else "")
        + (" [corrected]" if p.corrected else "")
    )
    out.print(
        f"seen {iso(p.first_seen) or '?'} to {iso(p.last_seen) or '?'} in {p.articles} articles; "
        f"{p.events} events"
    )
    offices = table(
        "Office history", ["role", "office", "country", "first seen", "last seen"], wrap=("role", "office")
    )
    for o in detail.offices:
        office = ", ".join(v for v in (o.title, o.institution) if v)
        offices.add_row(o.role_class, office, o.country or "", iso(o.first_seen), iso(o.last_seen))
    out.print(offices)
    if detail.partners:
        out.print("partners: " + ", ".join(f"{c} {n}" for c, n in detail.partners.items()))
    out.print(kb_events_table(detail.events, title="Events"))


@app.command()
@handles_errors
def persons(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Name holds these words (any case or accents).")] = None,
    country: CountryOption = None,
    role: Annotated[str | None, typer.Option(help="Role class now or in an earlier office.")] = None,
    limit: LimitOption = str(DEFAULT_LIMIT),
    offset: OffsetOption = 0,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Search persons across the corpus, the ones with most events first."""
    size = limit_of(limit)
    with reading(ctx, db) as session:
        found = people.find_persons(session, name=name, country=country, role=role, limit=size, offset=offset)
        total = people.count_persons(session, name=name, country=country, role=role)
    if as_json:
        criteria = {"name": name, "country": country, "role": role}
        echo_json(page(found, key="persons", total=total, limit=size, offset=offset, filter=criteria))
        return
    out = console()
    out.print(persons_table(found, title="Persons"))
    out.print(f"{len(found)} of {total} persons")
