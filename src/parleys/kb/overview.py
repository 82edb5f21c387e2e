"""What the dashboard's overview shows: contacts per month and the latest events, through the one
event reader (:func:`parleys.kb.units.filtered`), so every filter means what it means elsewhere."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, cast, func, select, type_coerce
from sqlalchemy.orm import Session

from parleys.kb.filters import EventFilter
from parleys.kb.types import Shaped
from parleys.kb.units import VISIBLE, _unresolved_units, filtered, settled
from parleys.store.models import EventClusterMemberRow, EventClusterRow, EventRow, OrganizationRow


@dataclass(frozen=True, slots=True)
class MonthCount(Shaped):
    month: str  # "2024-03"
    events: int


def _month(session: Session, day: Any) -> Any:
    """``YYYY-MM`` of a date column, in SQL: grouping by month rather than by day lets the database
    read the rows in storage order instead of walking the date index (0.7 s to 0.2 s on 63k)."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(day, "YYYY-MM")
    return func.substr(cast(day, String), 1, 7)  # SQLite keeps a date as ISO text


def _unit_months(session: Session) -> list[tuple[str, int]]:
    """Dated units per month, every unit counted once as :func:`parleys.kb.units.filtered` would
    give them unfiltered, without the join to the reports that only a filter needs: the live
    clusters (visible, earliest report standing) and the events no live cluster holds. In a
    settled store (:func:`parleys.kb.units.settled`: every event resolved, as after an ingest)
    those are the visible clusters alone, counted without visiting every event."""
    if settled(session):
        # by day from the partial index of visible clusters' dates alone (migration 0011), summed here
        # the day as the database gives it (ISO text on SQLite), not parsed into a date per row
        day = type_coerce(EventClusterRow.date, String)
        by_day = select(day, func.count()).where(VISIBLE, EventClusterRow.date.is_not(None)).group_by(day)
        return [(str(d)[:7], int(n)) for d, n in session.execute(by_day)]
    month = _month(session, EventClusterRow.date)
    live = (
        select(month, func.count())
        .join(
            EventClusterMemberRow,
            and_(
                EventClusterMemberRow.event_id == EventClusterRow.id,
                EventClusterMemberRow.cluster_id == EventClusterRow.id,
            ),
        )
        .where(EventClusterRow.hidden == 0, EventClusterRow.date.is_not(None))
        .group_by(month)
    )
    single_month = _month(session, EventRow.date)
    single = (
        _unresolved_units()
        .with_only_columns(single_month, func.count(), maintain_column_froms=True)
        .where(EventRow.date.is_not(None))
        .group_by(single_month)
    )
    return [(str(m), int(n)) for stmt in (live, single) for m, n in session.execute(stmt)]


def contacts_per_month(session: Session, flt: EventFilter | None = None) -> list[MonthCount]:
    """Dated events per calendar month, oldest first, months without events included (0); counted
    by month in SQL (the overview reads no event)."""
    if flt is None:
        rows = _unit_months(session)
    else:
        stmt, _u = filtered(flt)
        inner = stmt.subquery()
        month = _month(session, inner.c.date)
        grouped = select(month, func.count()).where(inner.c.date.is_not(None)).group_by(month)
        rows = [(str(m), int(n)) for m, n in session.execute(grouped)]
    counts: Counter[str] = Counter()
    for key, n in rows:
        counts[str(key)] += n
    if not counts:
        return []
    first, last = min(counts), max(counts)
    year, month_no = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month_no:02d}" <= last:
        key = f"{year:04d}-{month_no:02d}"
        out.append(MonthCount(key, counts.get(key, 0)))
        year, month_no = (year + 1, 1) if month_no == 12 else (year, month_no + 1)
    return out


def partner_counts(session: Session, country: str) -> dict[str, int]:
    """Events with ``country`` per partner country (linked events, as the country dossier counts
    them), most first, counted in SQL rather than by reading every event."""
    from parleys.store.models import ClusterCountryRow

    stmt, _u = filtered(EventFilter(country=country, country_by="participant", linked_only=True, limit=None))
    inner = stmt.subquery()
    rows = session.execute(
        select(ClusterCountryRow.country, func.count())
        .join(inner, inner.c.id == ClusterCountryRow.cluster_id)
        .where(ClusterCountryRow.country != country)
        .group_by(ClusterCountryRow.country)
    ).all()
    return dict(sorted(((c, n) for c, n in rows), key=lambda cn: (-cn[1], cn[0])))


def organization_counts(session: Session, *, top: int = 100) -> dict[str, int]:
    """The organizations the articles name, by code: how many articles name each, most first
    (the choices of the search page's organization facet)."""
    n = func.count().label("n")
    rows = session.execute(
        select(OrganizationRow.code, n)
        .group_by(OrganizationRow.code)
        .order_by(n.desc(), OrganizationRow.code)
        .limit(top)
    )
    return {code: int(count) for code, count in rows}
