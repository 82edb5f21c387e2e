"""What the dashboard's overview shows: contacts per month and the latest events, through the one
event reader (:func:`parleys.kb.units.filtered`), so every filter means what it means elsewhere."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parleys.kb.filters import EventFilter
from parleys.kb.types import Shaped
from parleys.kb.units import filtered
from parleys.store.models import OrganizationRow


@dataclass(frozen=True, slots=True)
class MonthCount(Shaped):
    month: str  # "2024-03"
    events: int


def contacts_per_month(session: Session, flt: EventFilter | None = None) -> list[MonthCount]:
    """Dated events per calendar month, oldest first, months without events included (0)."""
    stmt, u = filtered(flt or EventFilter(limit=None))
    inner = stmt.subquery()
    rows = session.execute(
        select(inner.c.date, func.count()).where(inner.c.date.is_not(None)).group_by(inner.c.date)
    ).all()
    counts: Counter[str] = Counter()
    for day, n in rows:
        counts[str(day)[:7]] += n
    if not counts:
        return []
    first, last = min(counts), max(counts)
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        key = f"{year:04d}-{month:02d}"
        out.append(MonthCount(key, counts.get(key, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
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
