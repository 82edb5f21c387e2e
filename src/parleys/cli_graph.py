"""Commands that query across the corpus: ``person``, ``persons``, ``dossier``, ``timeline``, ``network``.

Thin wrappers over :mod:`parleys.people`, :mod:`parleys.dossier` and :mod:`parleys.graph`,
registered on the ``app`` of :mod:`parleys.cli` (which imports this module at its end). Each prints
Rich tables, or JSON with ``--json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from parleys import clusters, dossier, graph, people
from parleys.cli import (
    DbOption,
    JsonOption,
    SinceOption,
    UntilOption,
    _handles_errors,
    _out,
    _settings,
    app,
)
from parleys.store.db import open_session

CountryOption = Annotated[str | None, typer.Option(help="Country (code or name).")]


def _day(value: datetime | None) -> Any:
    return value.date() if value else None


def _iso(value: Any) -> str:
    return value.isoformat() if value else ""


def _echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _events_table(events: Iterable[clusters.ClusterSummary], *, title: str) -> Table:
    table = Table(title=title)
    for column in ("id", "date", "type", "place", "countries", "participants", "reports"):
        table.add_column(column, overflow="fold")
    for ev in events:
        place = ", ".join(v for v in (ev.city, ev.country) if v)
        who = "; ".join(f"{p.name} ({p.country or '?'})" for p in ev.participants)
        table.add_row(str(ev.id), _iso(ev.date), ev.type, place, " ".join(ev.countries), who, str(ev.reports))
    return table


def _persons_table(persons: Iterable[people.PersonSummary], *, title: str) -> Table:
    table = Table(title=title)
    for column in ("id", "name", "role", "country", "title", "events", "first seen", "last seen"):
        table.add_column(column, overflow="fold")
    for p in persons:
        table.add_row(
            str(p.id),
            p.name,
            p.role_class,
            p.country or "",
            p.title or "",
            str(p.events),
            _iso(p.first_seen),
            _iso(p.last_seen),
        )
    return table


def _counts_table(rows: Iterable[dossier.YearCounts], *, title: str, label: str) -> Table:
    table = Table(title=title)
    for column in ("year", "events", label):
        table.add_column(column, overflow="fold")
    for row in rows:
        counts = ", ".join(f"{code} {n}" for code, n in row.counts.items())
        table.add_row(str(row.year) if row.year else "undated", str(row.events), counts)
    return table


@app.command()
@_handles_errors
def person(
    ctx: typer.Context,
    ref: Annotated[str, typer.Argument(metavar="ID|NAME", help="A person's id, or a name only one matches.")],
    since: SinceOption = None,
    until: UntilOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """One person: details, office history and events (newest first)."""
    with open_session(_settings(ctx, database_url=db)) as session:
        entity_id = people.resolve_person(session, ref)
        detail = people.get_person(session, entity_id, since=_day(since), until=_day(until))
    if as_json:
        _echo_json(detail.to_json())
        return
    p = detail.person
    console = _out()
    console.print(
        f"{p.name} (id {p.id}): {p.role_class}, {p.country or 'country unknown'}"
        + (f", {p.title}" if p.title else "")
        + (" [corrected]" if p.corrected else "")
    )
    console.print(
        f"seen {_iso(p.first_seen) or '?'} to {_iso(p.last_seen) or '?'} in {p.articles} articles; "
        f"{p.events} events"
    )
    offices = Table(title="Office history")
    for column in ("role", "title", "institution", "country", "first seen", "last seen", "reports"):
        offices.add_column(column, overflow="fold")
    for o in detail.offices:
        offices.add_row(
            o.role_class,
            o.title or "",
            o.institution or "",
            o.country or "",
            _iso(o.first_seen),
            _iso(o.last_seen),
            str(o.reports),
        )
    console.print(offices)
    if detail.partners:
        console.print("partners: " + ", ".join(f"{c} {n}" for c, n in detail.partners.items()))
    console.print(_events_table(detail.events, title="Events"))


@app.command()
@_handles_errors
def persons(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option(help="Name contains these words.")] = None,
    country: CountryOption = None,
    role: Annotated[str | None, typer.Option(help="Role class now or in an earlier office.")] = None,
    limit: Annotated[int, typer.Option(min=0, help="At most this many persons.")] = 100,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Search persons across the corpus, the ones with most events first."""
    with open_session(_settings(ctx, database_url=db)) as session:
        found = people.find_persons(session, name=name, country=country, role=role, limit=limit)
        total = people.count_persons(session, name=name, country=country, role=role)
    if as_json:
        _echo_json([p.to_json() for p in found])
        return
    console = _out()
    console.print(_persons_table(found, title="Persons"))
    console.print(f"{len(found)} of {total} persons")


@app.command("dossier")
@_handles_errors
def dossier_command(
    ctx: typer.Context,
    country: Annotated[str, typer.Argument(metavar="COUNTRY", help="Code or name.")],
    since: SinceOption = None,
    until: UntilOption = None,
    top: Annotated[int, typer.Option(min=0, help="How many top persons.")] = dossier.TOP_PERSONS,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """A country: partners by year, topics by year, its persons with most events."""
    with open_session(_settings(ctx, database_url=db)) as session:
        found = dossier.country_dossier(session, country, since=_day(since), until=_day(until), top=top)
    if as_json:
        _echo_json(found.to_json())
        return
    console = _out()
    console.print(f"{found.name or found.country} ({found.country}): {found.events} events")
    console.print(_counts_table(found.partners, title="Partners by year", label="partners"))
    console.print(_counts_table(found.topics, title="Topics by year", label="topics"))
    console.print(_persons_table(found.persons, title="Top persons"))


@app.command()
@_handles_errors
def timeline(
    ctx: typer.Context,
    a: Annotated[str, typer.Argument(metavar="A", help="A country (code or name).")],
    b: Annotated[str, typer.Argument(metavar="B", help="Another country.")],
    since: SinceOption = None,
    until: UntilOption = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """The contacts of two countries: events both took part in, oldest first."""
    with open_session(_settings(ctx, database_url=db)) as session:
        found = dossier.pair_timeline(session, a, b, since=_day(since), until=_day(until))
    if as_json:
        _echo_json(found.to_json())
        return
    console = _out()
    console.print(_events_table(found.contacts, title=f"Contacts of {found.a} and {found.b}"))
    console.print(f"{len(found.contacts)} events")


@app.command()
@_handles_errors
def network(
    ctx: typer.Context,
    out: Annotated[Path, typer.Option("--out", "-o", help="FILE.graphml, FILE.gexf or FILE.json.")],
    country: CountryOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_weight: Annotated[
        int, typer.Option("--min-weight", min=1, help="Leave out lighter co-participation edges.")
    ] = 1,
    db: DbOption = None,
) -> None:
    """Write the actor network (persons and countries; shared events as weighted edges)."""
    fmt = graph.format_of(out)
    with open_session(_settings(ctx, database_url=db)) as session:
        found = graph.build_network(
            session, country=country, since=_day(since), until=_day(until), min_weight=min_weight
        )
    graph.write_network(found, out, fmt=fmt)
    _out().print(f"wrote {len(found.nodes)} nodes and {len(found.edges)} edges ({fmt}) to {out}")
