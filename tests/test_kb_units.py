"""The event reader's paging over both kinds of unit: live clusters and events stored since the
last resolution. Each part of the union is cut to the page's end before they are merged, so every
page must still be exactly the slice of the whole listing, in either order, undated last."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from parleys.kb.events import count_events, list_events, page_events
from parleys.kb.filters import EventFilter
from parleys.resolve import resolve_all
from resolve_samples import E, P, report, store

D = date(2022, 3, 1)
ANNA = P("Aigerim Testova", "minister", "KAZ", "Minister of Foreign Affairs")
BORIS = P("Bolat Exampleov", "ambassador", "UZB", "Ambassador")
CARL = P("Ciro Inventato", "mp", "ITA", "member of parliament")


@pytest.fixture()
def mixed(db_session):
    """Resolved clusters (one reported twice), then events stored after the resolution, with equal
    dates across both kinds and undated events in both."""
    store(
        db_session,
        report("r1", D, [ANNA, BORIS], [E("meeting", D, [0, 1], country="KAZ")]),
        report("r2", D + timedelta(days=1), [BORIS, ANNA], [E("meeting", D, [0, 1])]),
        report("r3", D, [ANNA, CARL], [E("call", D + timedelta(days=3), [0, 1]), E("message", None, [0])]),
        report("r4", D, [CARL], [E("visit", D - timedelta(days=10), [0], country="UZB")]),
    )
    resolve_all(db_session)
    db_session.commit()
    store(
        db_session,
        report("n1", D, [BORIS, CARL], [E("meeting", D + timedelta(days=3), [0, 1])]),
        report("n2", D, [ANNA], [E("forum", None, [0]), E("agreement", D, [0])]),
        report("n3", D, [CARL, ANNA], [E("visit", D - timedelta(days=20), [0, 1], country="ITA")]),
    )
    return db_session


def _ids(session, **criteria) -> list[tuple[int, str]]:
    return [(e.id, e.article) for e in list_events(session, EventFilter(**criteria))]


def test_kb_units_listing_holds_both_kinds(mixed):
    everything = list_events(mixed, EventFilter(limit=None))
    assert len(everything) == count_events(mixed) == 8  # r1 and r2 report one meeting
    articles = [e.article for e in everything]
    assert {"r1", "r3", "r4", "n1", "n2", "n3"} <= set(articles)
    assert "r2" not in articles and next(e for e in everything if e.article == "r1").reports == 2
    dates = [e.date for e in everything]
    assert dates[-2:] == [None, None]  # undated last, one of each kind
    assert dates[:-2] == sorted(dates[:-2], reverse=True)


@pytest.mark.parametrize("order", ["newest", "oldest"])
@pytest.mark.parametrize("criteria", [{}, {"country": "KAZ"}, {"since": D}, {"person": "testova"}])
def test_kb_units_every_page_is_a_slice_of_the_whole(mixed, order, criteria):
    whole = _ids(mixed, order=order, limit=None, **criteria)
    assert whole, criteria
    assert count_events(mixed, EventFilter(order=order, **criteria)) == len(whole)
    for limit in range(1, len(whole) + 1):
        for offset in range(len(whole) + 1):
            page = _ids(mixed, order=order, limit=limit, offset=offset, **criteria)
            assert page == whole[offset : offset + limit], (limit, offset)


@pytest.mark.parametrize("order", ["newest", "oldest"])
@pytest.mark.parametrize(
    "criteria", [{}, {"country": "KAZ"}, {"since": D}, {"person": "testova"}, {"country": "ZAF"}]
)
def test_kb_units_page_and_total_from_one_query(mixed, order, criteria):
    """page_events: the page list_events gives and the total count_events gives, past the end too."""
    total = count_events(mixed, EventFilter(order=order, **criteria))
    for limit in (1, 2, 3, None):
        for offset in range(total + 2):
            flt = EventFilter(order=order, limit=limit, offset=offset, **criteria)
            page, counted = page_events(mixed, flt)
            assert counted == total, (limit, offset)
            assert page == list_events(mixed, flt), (limit, offset)


def test_kb_units_oldest_first_pages_start_from_either_kind(mixed):
    first = list_events(mixed, EventFilter(order="oldest", limit=2))
    assert [(e.article, e.date) for e in first] == [
        ("n3", D - timedelta(days=20)),
        ("r4", D - timedelta(days=10)),
    ]
    assert [e.reports for e in first] == [1, 1]
