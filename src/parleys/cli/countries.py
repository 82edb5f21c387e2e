"""Commands on countries and the network: ``dossier``, ``timeline``, ``network``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated

import typer

from parleys.cli.common import (
    STDIO,
    CountryOption,
    DbOption,
    JsonOption,
    OutOption,
    SinceOption,
    UntilOption,
    app,
    console,
    day,
    echo_json,
    handles_errors,
    reading,
    table,
)
from parleys.cli.people import kb_events_table, persons_table
from parleys.export import network as network_files
from parleys.kb import dossier
from parleys.kb.network import build_network
from parleys.kb.types import YearCounts


def counts_table(rows: Iterable[YearCounts], *, title: str, label: str) -> object:
    found = table(title, ["year", "events", label], wrap=(label,))
    for row in rows:
        counts = ", ".join(f"{code} {n}" for code, n in row.counts.items())
        found.add_row(str(row.year) if row.year else "undated", str(row.events), counts)
    return found


@app.command("dossier")
@handles_errors
def dossier_command(
    ctx: typer.Context,
    country: Annotated[str, typer.Argument(metavar="COUNTRY", help="Code, name or demonym.")],
    since: SinceOption = None,
    until: UntilOption = None,
    top: Annotated[int, typer.Option(min=0, help="How many top persons.")] = dossier.TOP_PERSONS,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """A country: partners by year, topics by year, its persons with most events."""
    with reading(ctx, db) as session:
        found = dossier.country_dossier(session, country, since=day(since), until=day(until), top=top)
    if as_json:
        echo_json(found.to_json())
        return
    out = console()
    out.print(f"{found.name or found.country} ({found.country}): {found.events} events")
    out.print(counts_table(found.partners, title="Partners by year", label="partners"))
    out.print(counts_table(found.topics, title="Topics by year", label="topics"))
    out.print(persons_table(found.persons, title="Top persons"))


@app.command()
@handles_errors
def timeline(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(metavar="A", help="A country (code, name or demonym).")],
    b: Annotated[str, typer.Argument(metavar="B", help="Another country.")],
    since: SinceOption = None,
    until: UntilOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The contacts of two countries: events both took part in, oldest first."""
    with reading(ctx, db) as session:
        found = dossier.pair_timeline(session, a, b, since=day(since), until=day(until))
    if as_json:
        echo_json(found.to_json())
        return
    out = console()
    out.print(kb_events_table(found.contacts, title=f"Contacts of {found.a} and {found.b}"))
    out.print(f"{len(found.contacts)} events")


@app.command()
@handles_errors
def network(
    ctx: typer.Context,
    out: OutOption,
    fmt: Annotated[
        str | None, typer.Option("--format", "-f", help="graphml | gexf | json (default: the file's suffix).")
    ] = None,
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_weight: Annotated[int, typer.Option("--min-weight", min=1, help="Leave out lighter edges.")] = 1,
    db: DbOption = None,
) -> None:
    """Write the actor network (persons and countries; shared events as weighted edges)."""
    chosen = (
        network_files.network_format(fmt) if fmt else network_files.format_of(out) if out != STDIO else "json"
    )
    with reading(ctx, db) as session:
        found = build_network(
            session, country=country, since=day(since), until=day(until), min_weight=min_weight
        )
    network_files.write_network(found, out, fmt=chosen)
    where = "standard output" if out == STDIO else out
    console(stderr=out == STDIO).print(
        f"wrote {len(found.nodes)} nodes and {len(found.edges)} edges ({chosen}) to {where}"
    )
