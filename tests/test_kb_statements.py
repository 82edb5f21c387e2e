"""The event reader's built-once statements: one statement per shape of filter, run with each
filter's values (never the values of the filter that built it), and the settled store, where the
units are the visible clusters alone and the reader skips the visit of every event."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import delete, select, update

from parleys.kb.event_rows import members, members_and_topics
from parleys.kb.events import count_events, list_events, page_events
from parleys.kb.filters import EventFilter
from parleys.kb.overview import MonthCount, contacts_per_month
from parleys.kb.units import Shape, criteria, reads_only, settled
from parleys.resolve import resolve_all
from parleys.store.models import EventClusterMemberRow, EventClusterRow, EventRow
from resolve_samples import E, P, report, store
from sql_seen import settled_counts, statements_seen

D = date(2022, 3, 1)
ANNA = P("Aigerim Testova", "minister", "KAZ", "Minister of Foreign Affairs")
BORIS = P("Bolat Exampleov", "ambassador", "UZB", "Ambassador")
CARL = P("Ciro Inventato", "mp", "ITA", "member of parliament")


@pytest.fixture()
def resolved(db_session):
    """Four reports, one meeting reported twice, all resolved (a settled store)."""
    store(
        db_session,
        report("r1", D, [ANNA, BORIS], [E("meeting", D, [0, 1], country="KAZ")], topics=("energy",)),
        report(
            "r2", D + timedelta(days=1), [BORIS, ANNA], [E("meeting", D, [0, 1])], topics=("trade_economy",)
        ),
        report(
            "r3",
            D,
            [ANNA, CARL],
            [E("call", D + timedelta(days=3), [0, 1]), E("message", None, [0])],
            topics=("health",),
        ),
        report("r4", D, [CARL], [E("visit", D - timedelta(days=40), [0], country="UZB")]),
    )
    resolve_all(db_session)
    db_session.commit()
    return db_session


def _articles(session, **given) -> list[str]:
    return [e.article for e in list_events(session, EventFilter(limit=None, **given))]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"country": "KAZ"}, {"country": "ITA"}),
        ({"person": "testova"}, {"person": "inventato"}),
        ({"person": "aigerim testova"}, {"person": "ciro inventato"}),
        ({"type": "call"}, {"type": "visit"}),
        ({"since": D}, {"since": D + timedelta(days=2)}),
        ({"until": D}, {"until": D - timedelta(days=1)}),
        ({"topic": "energy"}, {"topic": "health"}),
        ({"text": "exampleov"}, {"text": "inventato"}),
    ],
)
def test_kb_statements_one_shape_runs_with_each_filters_values(resolved, first, second):
    """Two filters of one shape share a statement, and each gets its own answer."""
    a, b = EventFilter(**first), EventFilter(**second)
    assert Shape.of(a) == Shape.of(b) and hash(Shape.of(a)) == hash(Shape.of(b))
    fresh_a, fresh_b = _articles(resolved, **first), _articles(resolved, **second)
    assert fresh_a != fresh_b, (first, second)  # the pair tells the values apart
    for _ in range(2):  # in either order, the second run reuses the first's statement
        assert _articles(resolved, **second) == fresh_b
        assert _articles(resolved, **first) == fresh_a
        assert count_events(resolved, EventFilter(**first)) == len(fresh_a)
        assert page_events(resolved, EventFilter(**second))[1] == len(fresh_b)


def test_kb_statements_values_are_named_parameters():
    flt = EventFilter(country="kazakhstan", person="Aigerim  Testova", text="energy customs", since=D)
    values = criteria(flt)
    assert values["f_country"] == "KAZ" and values["f_since"] == D
    assert values["f_person_0"] == "%aigerim%" and values["f_person_1"] == "%testova%"
    assert values["f_text_fts"] == '"energy" "customs"' and values["f_text_words"] == "energy customs"
    # the shape counts the words, so a name of three words is another statement
    assert Shape.of(flt) != Shape.of(EventFilter(country="KAZ", person="a b c", text="x", since=D))
    assert Shape.of(flt) != Shape.of(
        EventFilter(country="KAZ", person="a b", text="x", since=D, order="oldest")
    )


def test_kb_statements_settled_until_an_event_is_stored_or_a_report_replaced(resolved):
    assert settled(resolved)
    visit = resolved.scalar(select(EventClusterRow.id).where(EventClusterRow.type == "visit"))
    # a cluster that lost its earliest report (a new extraction of its article does that)
    resolved.execute(delete(EventClusterMemberRow).where(EventClusterMemberRow.event_id == visit))
    assert not settled(resolved)
    resolve_all(resolved)
    resolved.commit()
    assert settled(resolved)
    store(resolved, report("n1", D, [BORIS], [E("forum", D, [0])]))
    assert not settled(resolved)


def test_kb_statements_settled_listing_leaves_out_hidden_clusters(resolved):
    everything = list_events(resolved, EventFilter(limit=None))
    assert len(everything) == count_events(resolved) == 4  # r1 and r2 report one meeting
    resolved.execute(update(EventClusterRow).where(EventClusterRow.type == "call").values(hidden=1))
    assert settled(resolved)  # hiding resolves nothing away
    shown = list_events(resolved, EventFilter(limit=None))
    assert [e.type for e in shown] == [e.type for e in everything if e.type != "call"]
    assert count_events(resolved) == 3
    page, total = page_events(resolved, EventFilter(limit=2))
    assert total == 3 and page == shown[:2]
    assert contacts_per_month(resolved) == [
        MonthCount("2022-01", 1),
        MonthCount("2022-02", 0),
        MonthCount("2022-03", 1),
    ]


def test_kb_statements_settled_and_unsettled_listings_agree(resolved):
    """The same store read through the clusters alone and through the union of both kinds."""
    settled_list = list_events(resolved, EventFilter(limit=None))
    store(resolved, report("n1", D - timedelta(days=400), [BORIS], [E("forum", None, [0])]))
    mixed = list_events(resolved, EventFilter(limit=None))
    assert [e for e in mixed if e.article != "n1"] == settled_list
    assert [e.article for e in mixed if e.article == "n1"] == ["n1"] and mixed[-1].article == "n1"
    assert count_events(resolved) == len(settled_list) + 1


def test_kb_statements_members_and_topics_from_one_query(resolved):
    meeting = resolved.scalar(select(EventClusterRow.id).where(EventClusterRow.type == "meeting"))
    ids = list(resolved.scalars(select(EventClusterRow.id)))
    found, topics = members_and_topics(resolved, ids)
    assert found == members(resolved, ids)
    assert [m.external_id for m in found[meeting]] == ["r1", "r2"]  # the earliest report first
    assert topics[meeting] == ["energy", "trade_economy"]  # in the reports' order, each once
    assert {cid for cid in ids if topics.get(cid)} == {meeting} | {
        m.event_id for ms in found.values() for m in ms if m.external_id == "r3"
    }


def test_kb_statements_settled_told_once_in_a_session_that_only_reads(resolved):
    with statements_seen(resolved.get_bind()) as seen:
        assert settled(resolved) and settled(resolved)
        assert settled_counts(seen) == 2  # a session that may write counts every time
        reads_only(resolved)
        latest = list_events(resolved, EventFilter(limit=2))
        months = contacts_per_month(resolved)
        assert [e.type for e in latest] == ["call", "meeting"]
        assert sum(m.events for m in months) == 3  # the undated message is in no month
        assert settled(resolved)
        assert settled_counts(seen) == 3  # the listing, the months and the call above: one count


def test_kb_statements_settled_kept_by_a_reading_session_only(resolved):
    reads_only(resolved)
    assert settled(resolved)
    # kept for the reading session's life (it writes nothing); another session counts afresh
    store(resolved, report("n1", D, [BORIS], [E("forum", D, [0])]))
    assert settled(resolved)
    resolved.info.clear()
    assert not settled(resolved)


def test_kb_statements_page_carries_each_event_statement_and_countries(resolved):
    """The sentence that states each event, its confidence, whether it was corrected and the
    countries come with the page, for a cluster and for an event stored since the resolution."""
    store(resolved, report("n1", D + timedelta(days=9), [BORIS], [E("forum", D + timedelta(days=9), [0])]))
    resolved.execute(update(EventClusterRow).where(EventClusterRow.type == "meeting").values(corrected=1))
    listed = list_events(resolved, EventFilter(limit=None))
    assert [(e.type, e.evidence, e.countries, e.corrected) for e in listed] == [
        ("forum", "took part in a forum with", ["UZB"], False),
        ("call", "held a phone call with", ["ITA", "KAZ"], False),
        ("meeting", "met with", ["KAZ", "UZB"], True),
        ("visit", "paid a visit to", ["ITA"], False),
        ("message", "sent a message to", ["KAZ"], False),
    ]
    stored = dict(resolved.execute(select(EventRow.id, EventRow.confidence)).all())
    assert [e.confidence for e in listed] == [stored[e.id] for e in listed]
    page, total = page_events(resolved, EventFilter(country="KAZ", limit=2))
    assert total == 3 and [(e.type, e.evidence, e.countries) for e in page] == [
        ("call", "held a phone call with", ["ITA", "KAZ"]),
        ("meeting", "met with", ["KAZ", "UZB"]),
    ]


def test_kb_statements_a_page_costs_the_same_statements_whatever_its_size(resolved):
    with statements_seen(resolved.get_bind()) as seen:
        one = list_events(resolved, EventFilter(country="KAZ", limit=1))
        first = len(seen)
        every = list_events(resolved, EventFilter(country="KAZ", limit=None))
    assert (len(one), len(every)) == (1, 3)
    # the page; the participants and what their reports said; the reports with their topics
    assert first == len(seen) - first == 4
