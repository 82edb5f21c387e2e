"""Commands on events and the store: ``events``, ``show``, ``export``, ``rejections``, ``codes``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Annotated

import typer
from rich.text import Text

from parleys import export as exporting
from parleys.cli.common import (
    STDIO,
    CountryOption,
    DbOption,
    JsonOption,
    LimitOption,
    OffsetOption,
    OutOption,
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
    settings_of,
    table,
)
from parleys.kb import corpus
from parleys.kb.detail import get_event
from parleys.kb.events import count_events, list_events
from parleys.kb.filters import COUNTRY_BY, DEFAULT_LIMIT, EventFilter
from parleys.kb.types import EventSummary
from parleys.normalize import codes as vocabularies
from parleys.records import Evidence
from parleys.store.db import open_session

CountryByOption = Annotated[
    str, typer.Option("--country-by", help=f"How --country takes part: {' | '.join(COUNTRY_BY)}.")
]
PartnerOption = Annotated[str | None, typer.Option(help="A participant represents this country too.")]
PersonOption = Annotated[str | None, typer.Option(help="A participant's name holds these words.")]
InstitutionOption = Annotated[
    str | None, typer.Option(help="A participant's institution holds these words (any case).")
]
OrganizationOption = Annotated[
    str | None, typer.Option(help="A reporting article names this organization (its code, e.g. 'OSCE PA').")
]
TypeOption = Annotated[str | None, typer.Option("--type", help="Event type (see `parleys codes`).")]
TopicOption = Annotated[str | None, typer.Option(help="Topic code (see `parleys codes`).")]
EVIDENCE_CHARS = 60  # evidence shown by a compact `show`


def events_table(events: Iterable[EventSummary], *, title: str = "Events", wide: bool = False) -> object:
    """Events as a table: compact enough for 80 columns (who took part, with their countries), or
    ``wide`` (the countries taking part, and every participant's role)."""
    columns = ["id", "date", "type", "place", *(["countries"] if wide else []), "participants", "source"]
    found = table(title, columns, wrap=("place", "countries", "participants", "source"))
    for ev in events:
        place = ", ".join(v for v in (ev.city, ev.country) if v)
        people = "; ".join(
            f"{p.name} ({', '.join(v for v in ((p.role_class,) if wide else ()) + (p.country,) if v) or '?'})"
            for p in ev.participants
        )
        source = ev.article + (f" (+{ev.reports - 1})" if ev.reports > 1 else "")
        countries = [" ".join(ev.countries)] if wide else []
        found.add_row(str(ev.id), iso(ev.date), ev.type, place, *countries, people, source)
    return found


def _filter(
    country: str | None,
    country_by: str,
    partner: str | None,
    person: str | None,
    type: str | None,
    topic: str | None,
    since: datetime | None,
    until: datetime | None,
    *,
    institution: str | None,
    organization: str | None,
    limit: int | None,
    offset: int = 0,
) -> EventFilter:
    """The event filter of ``events`` and ``export`` (the same options, checked and normalised by
    :class:`EventFilter` as the API's are)."""
    return EventFilter(
        country=country,
        country_by=country_by,
        partner=partner,
        person=person,
        institution=institution,
        organization=organization,
        type=type,
        topic=topic,
        since=day(since),
        until=day(until),
        limit=limit,
        offset=offset,
    )


@app.command()
@handles_errors
def events(
    ctx: typer.Context,
    country: CountryOption = None,
    country_by: CountryByOption = "either",
    partner: PartnerOption = None,
    person: PersonOption = None,
    institution: InstitutionOption = None,
    type: TypeOption = None,
    topic: TopicOption = None,
    organization: OrganizationOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = str(DEFAULT_LIMIT),
    offset: OffsetOption = 0,
    wide: Annotated[bool, typer.Option("--wide", help="The countries taking part, and roles.")] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List stored events, newest first, with filters."""
    flt = _filter(
        country,
        country_by,
        partner,
        person,
        type,
        topic,
        since,
        until,
        institution=institution,
        organization=organization,
        limit=limit_of(limit),
        offset=offset,
    )
    with reading(ctx, db) as session:
        found = list_events(session, flt)
        total = count_events(session, flt)
    if as_json:
        echo_json(
            page(found, key="events", total=total, limit=flt.limit, offset=flt.offset, filter=flt.to_json())
        )
        return
    out = console()
    out.print(events_table(found, wide=wide))
    out.print(f"{len(found)} of {total} events")


def _evidence(ev: Evidence | None, *, wide: bool) -> tuple[str, str]:
    if ev is None:
        return "", ""
    text = " ".join(ev.text.split())
    if not wide and len(text) > EVIDENCE_CHARS:
        text = text[: EVIDENCE_CHARS - 1] + "…"
    return text, f"{ev.confidence:.2f}"


@app.command()
@handles_errors
def show(
    ctx: typer.Context,
    event_id: Annotated[int, typer.Argument(metavar="EVENT_ID")],
    wide: Annotated[
        bool, typer.Option("--wide", help="Every value, the whole evidence, confidences.")
    ] = False,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """Show one event: each value with the text that supports it (and its confidence with --wide)."""
    with reading(ctx, db) as session:
        detail = get_event(session, event_id)
    if as_json:
        echo_json(detail.to_json())
        return
    out = console()
    article = detail.article
    out.print(Text(f"Event {detail.id} of article {article.external_id}: {article.title or ''}"))
    if article.url:
        out.print(Text(article.url))
    if len(detail.reports) > 1:
        out.print(
            Text(
                f"{len(detail.reports)} reports: "
                + ", ".join(f"{r['article']} (event {r['event_id']})" for r in detail.reports)
            )
        )
    if detail.hidden:
        out.print("hidden by a correction")
    columns = ["subject", "field", "value", "evidence"] + (["confidence"] if wide else [])
    found = table(None, columns, wrap=("value", "evidence"))

    def row(subject: str, field: str, value: str | None, ev: Evidence | None, fixed: bool = False) -> None:
        cells = ("corrected", "") if fixed else _evidence(ev, wide=wide)
        found.add_row(subject, field, value or "", *(cells if wide else cells[:1]))

    values = {"type": detail.type, "date": iso(detail.date), "city": detail.city, "country": detail.country}
    for name, value in values.items():
        row("event", name, value, detail.evidence.get(name), name in detail.corrected_fields)
    row("event", "countries", " ".join(detail.countries), None)
    shown = (
        ("name", "role_class", "country", "title", "institution")
        if wide
        else ("name", "role_class", "country")
    )
    for p in detail.participants:
        fields = {
            "name": p.name,
            "role_class": p.role_class,
            "country": p.country,
            "title": p.title,
            "institution": p.institution,
        }
        for name in shown:
            ev = p.evidence.get(name)
            if name == "name" and ev is None and p.mentions:
                ev = p.mentions[0]
            row(f"person {p.person_id}", name, fields[name], ev, name in p.corrected_fields)
    for kind, labels in (("topic", detail.topics), ("organization", detail.organizations)):
        for label in labels:
            row(kind, "code", label.code, label.evidence if wide else None)
    for c in detail.corrections:
        what = f"{c['action']} {c['field'] or ''}".strip()
        value = c["other_key"] if c["value"] is None else str(c["value"])
        found.add_row(
            f"correction {c['id']}",
            what,
            value or "",
            f"{c['author']}: {c['reason']}",
            *([""] if wide else []),
        )
    out.print(found)


@app.command("export")
@handles_errors
def export_command(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help=" | ".join(exporting.FORMATS))],
    out: OutOption,
    country: CountryOption = None,
    country_by: CountryByOption = "either",
    partner: PartnerOption = None,
    person: PersonOption = None,
    institution: InstitutionOption = None,
    type: TypeOption = None,
    topic: TopicOption = None,
    organization: OrganizationOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    db: DbOption = None,
) -> None:
    """Export the store (to a file, or '-' for standard output), with the filters of `events`."""
    settings = settings_of(ctx, database_url=db)
    flt = _filter(
        country,
        country_by,
        partner,
        person,
        type,
        topic,
        since,
        until,
        institution=institution,
        organization=organization,
        limit=None,
    )
    with open_session(settings, create=False) as session:
        n = exporting.export(session, fmt=fmt, out=out, flt=flt, corpus_persons=settings.corpus_persons)
    console(stderr=out == STDIO).print(
        f"wrote {n} lines ({fmt}) to {'standard output' if out == STDIO else out}"
    )


@app.command()
@handles_errors
def rejections(
    ctx: typer.Context,
    reason: Annotated[str | None, typer.Option(help="Only this reason code (see `parleys codes`).")] = None,
    as_json: JsonOption = False,
    db: DbOption = None,
) -> None:
    """List the inputs that were rejected, with their reason."""
    with reading(ctx, db) as session:
        found = corpus.list_rejections(session, reason=reason)
    if as_json:
        echo_json(page(found, key="rejections", total=len(found), limit=None, offset=0))
        return
    listing = table("Rejections", ["id", "run", "source", "reason", "detail"], wrap=("source", "detail"))
    for r in found:
        listing.add_row(str(r.id), str(r.run_id or ""), r.source, r.reason, r.detail)
    out = console()
    out.print(listing)
    out.print(f"{len(found)} rejections")


@app.command()
@handles_errors
def codes(as_json: JsonOption = False) -> None:
    """List the codes that filters take: topics, event types, role classes, rejection reasons."""
    found = vocabularies.vocabularies()
    if as_json:
        echo_json({name: list(values) for name, values in found.items()})
        return
    out = console()
    for name, values in found.items():
        out.print(f"{name.replace('_', ' ')}: " + ", ".join(values))
