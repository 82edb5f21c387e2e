"""Events across reports: reports of one event become one cluster, other events stay apart."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from parleys.kb.detail import get_event
from parleys.kb.events import list_events
from parleys.kb.filters import EventFilter
from parleys.resolve import resolve_all
from parleys.resolve.events import compatible, group_reports
from parleys.resolve.items import Report
from parleys.store.models import ClusterCountryRow, EventClusterRow
from resolve_samples import E, P, report, store

D = date(2024, 4, 15)
HOST = P("Bakytzhan Ormanov", "speaker", "KAZ", "Chairman of the Mazhilis")
GUEST = P("Istvan Kelemvari", "speaker", "HUN", "Speaker of the National Assembly")
OTHER = P("Gocha Beridzeli", "mp", "GEO", "member of the Parliament of Georgia")


def _listed(session) -> list[tuple[str, int, list[str]]]:
    return [(ev.type, ev.reports, ev.sources) for ev in list_events(session, EventFilter(limit=None))]


def test_resolve_events_merges_two_reports_a_day_apart(db_session):
    store(
        db_session,
        report(
            "m1",
            D,
            [HOST, GUEST],
            [E("meeting", D, [0, 1], city="Astana", country="KAZ")],
            topics=("energy",),
        ),
        report(
            "m2",
            D + timedelta(days=1),
            [GUEST, HOST],
            [E("meeting", D + timedelta(days=1), [0, 1])],
            topics=("trade_economy",),
        ),
    )
    summary = resolve_all(db_session)
    db_session.commit()
    assert (summary.reports, summary.clusters) == (2, 1)
    (ev,) = list_events(db_session, EventFilter())
    assert (ev.reports, ev.sources, ev.date, ev.city) == (2, ["m1", "m2"], D, "Astana")
    assert ev.countries == ["HUN", "KAZ"] and ev.topics == ["energy", "trade_economy"]
    assert [p.name for p in ev.participants] == ["Bakytzhan Ormanov", "Istvan Kelemvari"]
    detail = get_event(db_session, ev.id)
    assert [r["article"] for r in detail.reports] == ["m1", "m2"]
    # any report's event id shows the merged event
    assert get_event(db_session, detail.reports[1]["event_id"]).id == ev.id


def test_resolve_events_keeps_the_same_people_three_days_apart_as_two_events(db_session):
    later = D + timedelta(days=3)
    store(
        db_session,
        report("n1", D, [HOST, GUEST], [E("meeting", D, [0, 1])]),
        report("n2", later, [HOST, GUEST], [E("meeting", later, [0, 1])]),
    )
    resolve_all(db_session)
    assert sorted(_listed(db_session)) == [("meeting", 1, ["n1"]), ("meeting", 1, ["n2"])]


def test_resolve_events_keeps_apart_the_host_with_two_guests_the_same_day(db_session):
    store(
        db_session,
        report("h1", D, [HOST, GUEST], [E("meeting", D, [0, 1])]),
        report("h2", D, [HOST, OTHER], [E("meeting", D, [0, 1])]),
        report("h3", D, [HOST, GUEST], [E("call", D, [0, 1])]),
    )  # a call is another event
    resolve_all(db_session)
    assert db_session.scalar(select(EventClusterRow.id).where(EventClusterRow.reports > 1)) is None
    assert len(_listed(db_session)) == 3


def test_resolve_events_never_spans_more_than_a_day():
    def rep(i: int, day: date) -> Report:
        return Report(
            id=i,
            article_id=i,
            content_hash=f"{i:064x}",
            published=day,
            position=0,
            type="meeting",
            date=day,
            entities=[1, 2],
        )

    # a chain of reports a day apart each: the first and the last are two days apart
    groups = group_reports([rep(1, D), rep(2, D + timedelta(days=1)), rep(3, D + timedelta(days=2))])
    assert sorted(len(g) for g in groups.members) == [1, 2]


def test_resolve_events_undated_reports_join_only_copies_of_their_article():
    base = dict(type="meeting", date=None, position=0, entities=[1, 2], published=None)
    a = Report(id=1, article_id=1, content_hash="a" * 64, duplicate_of="u:https://x.example/1", **base)
    b = Report(id=2, article_id=2, content_hash="b" * 64, duplicate_of="u:https://x.example/1", **base)
    c = Report(id=3, article_id=3, content_hash="c" * 64, **base)
    assert compatible(a, b) is not None
    assert compatible(a, c) is None
    dated = Report(id=4, article_id=4, content_hash="d" * 64, **{**base, "date": D, "published": D})
    assert compatible(c, dated) is None


def test_resolve_events_without_participants_need_same_countries_and_city(db_session):
    store(
        db_session,
        report("q1", D, [], [E("forum", D, [], city="Baku", country="AZE", countries=["AZE", "KAZ"])]),
        report("q2", D, [], [E("forum", D, [], city="Baku", country="AZE", countries=["AZE", "KAZ"])]),
        report("q3", D, [], [E("forum", D, [], city="Baku", country="AZE", countries=["AZE", "TUR"])]),
    )
    resolve_all(db_session)
    assert sorted(r for _, r, _ in _listed(db_session)) == [1, 2]
    merged = db_session.scalar(select(EventClusterRow.id).where(EventClusterRow.reports == 2))
    assert sorted(
        db_session.scalars(select(ClusterCountryRow.country).where(ClusterCountryRow.cluster_id == merged))
    ) == ["AZE", "KAZ"]


def test_resolve_events_unresolved_reports_are_listed_as_they_are(db_session):
    store(db_session, report("u1", D, [HOST, GUEST], [E("meeting", D, [0, 1])]))
    resolve_all(db_session)
    db_session.commit()
    store(db_session, report("u2", D, [GUEST, HOST], [E("meeting", D, [0, 1])]))  # after resolution
    assert sorted(_listed(db_session)) == [("meeting", 1, ["u1"]), ("meeting", 1, ["u2"])]
    resolve_all(db_session)
    ((kind, reports, sources),) = _listed(db_session)
    assert (kind, reports, sorted(sources)) == ("meeting", 2, ["u1", "u2"])
