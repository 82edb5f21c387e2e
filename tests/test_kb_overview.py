"""Contacts per month on the overview: counted by month in SQL, the same numbers as counting the
one event reader's units one by one (live clusters once, hidden ones never, events stored since
the last resolution, a cluster whose earliest report was replaced), months without events as 0."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import delete, select, update

from parleys.kb.events import list_events
from parleys.kb.filters import EventFilter
from parleys.kb.overview import MonthCount, contacts_per_month
from parleys.resolve import resolve_all
from parleys.store.models import EventClusterMemberRow, EventClusterRow
from resolve_samples import E, P, report, store

ANNA = P("Aigerim Testova", "minister", "KAZ", "Minister of Foreign Affairs")
BORIS = P("Bolat Exampleov", "ambassador", "UZB", "Ambassador")
CARL = P("Ciro Inventato", "mp", "ITA", "member of parliament")
NOV = date(2023, 11, 15)


@pytest.fixture()
def months_store(db_session):
    """Clusters (one meeting reported twice, one hidden call, one whose earliest report is gone),
    then events stored after the resolution; undated events on both sides; no event in January."""
    store(
        db_session,
        report("r1", NOV, [ANNA, BORIS], [E("meeting", NOV, [0, 1], country="KAZ")]),
        report("r2", NOV + timedelta(days=1), [BORIS, ANNA], [E("meeting", NOV, [0, 1])]),
        report("r3", NOV, [ANNA, CARL], [E("call", date(2024, 2, 3), [0, 1]), E("message", None, [0])]),
        report("r4", NOV, [CARL], [E("visit", date(2023, 11, 2), [0], country="UZB")]),
    )
    resolve_all(db_session)
    db_session.commit()
    db_session.execute(update(EventClusterRow).where(EventClusterRow.type == "call").values(hidden=1))
    visit = db_session.scalar(select(EventClusterRow.id).where(EventClusterRow.type == "visit"))
    # as a new extraction of its article does: the cluster loses its earliest report
    db_session.execute(delete(EventClusterMemberRow).where(EventClusterMemberRow.event_id == visit))
    store(
        db_session,
        report("n1", NOV, [BORIS, CARL], [E("meeting", date(2024, 2, 20), [0, 1])]),
        report("n2", NOV, [ANNA], [E("forum", None, [0]), E("agreement", date(2023, 12, 31), [0])]),
        report("n3", NOV, [CARL, ANNA], [E("visit", date(2024, 3, 5), [0, 1], country="ITA")]),
    )
    db_session.commit()
    return db_session


def _listed(session, flt: EventFilter) -> dict[str, int]:
    """The previous computation: every unit read, counted by its date's month."""
    return dict(Counter(e.date.isoformat()[:7] for e in list_events(session, flt) if e.date))


def test_kb_overview_months_pinned(months_store):
    assert contacts_per_month(months_store) == [
        MonthCount("2023-11", 2),  # the meeting reported twice counts once; the stranded visit
        MonthCount("2023-12", 1),
        MonthCount("2024-01", 0),
        MonthCount("2024-02", 1),  # the hidden call is not counted
        MonthCount("2024-03", 1),
    ]


@pytest.mark.parametrize(
    "criteria",
    [{}, {"type": "meeting"}, {"country": "ITA"}, {"since": date(2023, 12, 1)}, {"type": "forum"}],
)
def test_kb_overview_months_equal_the_event_listing(months_store, criteria):
    flt = EventFilter(limit=None, **criteria)
    counted = contacts_per_month(months_store, flt if criteria else None)
    assert {m.month: m.events for m in counted if m.events} == _listed(months_store, flt)
    assert [m.month for m in counted] == sorted(m.month for m in counted)
    assert sum(m.events for m in counted) == sum(_listed(months_store, flt).values())


def test_kb_overview_months_filtered_and_unfiltered_agree(months_store):
    assert contacts_per_month(months_store) == contacts_per_month(months_store, EventFilter(limit=None))


def test_kb_overview_months_empty_store(db_session):
    assert contacts_per_month(db_session) == []
