"""The full rebuild in chunks (parleys.resolve.rebuild) writes what one pass over the whole store
writes: the same entities, links, offices, clusters, keys, ids and correction statuses, whatever
the chunk size."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from parleys import corrections
from parleys.lexicons import load_lexicons
from parleys.resolve import rebuild, resolve_all
from parleys.resolve import rows as store_rows
from parleys.resolve.incremental import key_rows
from parleys.resolve.run import build
from parleys.store.models import (
    ArticleRow,
    ClusterParticipantRow,
    CorrectionRow,
    EventClusterMemberRow,
    EventClusterRow,
    EventRow,
    OfficeRow,
    PersonEntityRow,
    PersonLinkRow,
    PersonRow,
    ResolveNameKeyRow,
)
from parleys.store.repository import save_article_record
from resolve_samples import E, P, report, store
from test_resolve_incremental import BRIDGE, GUEST, HOST, LEFT, RIGHT, WHO, D
from test_resolve_incremental import snapshot as kb_rows

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from synth import records  # noqa: E402

URL = "https://news.example.test/2023/03/visit"
PAIR = [P("Zhanbota Quvandyqova", country="KAZ"), P("Eivindur Sjaelrud", country="NOR")]


def snapshot(session) -> dict[str, list[tuple]]:
    """Every row resolution writes, the name keys too (offices without their serial id, in their
    order per entity)."""
    out = kb_rows(session)
    out["resolve_name_keys"] = sorted(tuple(r) for r in session.execute(select(ResolveNameKeyRow.__table__)))
    office = [c for c in OfficeRow.__table__.columns if c.key != "id"]
    ordered = select(*office).order_by(OfficeRow.entity_id, OfficeRow.id)
    out["offices"] = [tuple(r) for r in session.execute(ordered)]
    return out


def in_one_pass(session) -> tuple[dict[str, list[tuple]], object]:
    """What the whole store grouped at once (run.build over every row) writes, and its summary."""
    summary, rows = build(store_rows.load(session), load_lexicons())
    store_rows.write(session, rows, key_rows(store_rows.names(session)))
    session.commit()
    return snapshot(session), summary


def entity_of(session, name: str) -> int:
    return session.scalar(
        select(PersonLinkRow.entity_id)
        .join(PersonRow, PersonRow.id == PersonLinkRow.person_id)
        .where(PersonRow.name == name)
    )


def cluster_of_article(session, aid: str) -> int:
    return session.scalar(
        select(EventClusterMemberRow.cluster_id)
        .join(EventRow, EventRow.id == EventClusterMemberRow.event_id)
        .join(ArticleRow, ArticleRow.id == EventRow.article_id)
        .where(ArticleRow.external_id == aid)
    )


def fill(session) -> None:
    """A feed of synthetic articles, and hand-built ones for the cases that cross chunks: copies of
    one article (one undated), persons-less forums, spellings one edit apart, and corrections."""
    for article, record in records(160, seed=5, per_day=12):
        save_article_record(session, article, record)
    session.commit()
    dated = report("c1", D, [HOST, GUEST], [E("visit", D, [0, 1], city="Astana")])
    undated = report("c2", None, [HOST, GUEST], [E("visit", None, [0, 1], city="Astana")])
    copies = [(replace(a, url=url), r) for (a, r), url in ((dated, URL), (undated, URL + "/ "))]
    store(
        session,
        *copies,
        report("c3", D + timedelta(days=1), [GUEST, HOST], [E("meeting", D, [0, 1], city="Astana")]),
        report("f1", D, [], [E("forum", D, city="Astana", countries=["KAZ"])]),
        report("f2", D + timedelta(days=1), [], [E("forum", D, city="Astana", countries=["KAZ"])]),
        report("f3", D, [], [E("forum", D, city="Almaty", countries=["KAZ"])]),
        report("l1", D + timedelta(days=40), [P(LEFT, country="KAZ")], []),
        report("b1", D + timedelta(days=41), [P(BRIDGE, country="KAZ"), P("Kermentapev", country="KAZ")], []),
        report("r1", D + timedelta(days=42), [P(RIGHT, country="KAZ"), HOST], [E("call", D, [0, 1])]),
        # one meeting dated a day apart by two reports: with the reports of D (seven, past a window
        # of five) the first ends one window, the second opens the next
        report("d1", D, PAIR, [E("meeting", D, [0, 1])]),
        report("d2", D + timedelta(days=1), PAIR, [E("meeting", D + timedelta(days=1), [0, 1])]),
    )
    resolve_all(session)
    session.commit()
    host, right = entity_of(session, HOST.name), entity_of(session, RIGHT)
    visit = cluster_of_article(session, "c1")
    corrections.set_person(session, host, field="country", value="KGZ", **WHO)
    corrections.merge_persons(session, host, entity_of(session, LEFT), **WHO)
    corrections.split_person(session, entity_of(session, GUEST.name), article="c3", **WHO)
    corrections.hide_event(session, cluster_of_article(session, "f1"), **WHO)
    corrections.set_event(session, visit, field="city", value="Almaty", **WHO)
    corrections.change_participant(session, visit, right, add=True, **WHO)
    session.add(  # names a person no article has: dangling
        CorrectionRow(
            target_kind="person",
            target_key="p:ffffffffffffffff:nobody at all",
            action="set",
            field="country",
            value='"KAZ"',
            author="tester",
            reason="test",
            created_at=datetime.now(UTC),
        )
    )
    session.commit()


def test_resolve_rebuild_in_tiny_chunks_equals_one_pass_over_the_store(db_session, monkeypatch):
    fill(db_session)
    expected, summary = in_one_pass(db_session)

    calls = {"persons": 0, "events": 0}
    persons_in, events_in = rebuild.build_persons, rebuild.build_events

    def counted_persons(*args, **kwargs):
        calls["persons"] += 1
        return persons_in(*args, **kwargs)

    def counted_events(*args, **kwargs):
        calls["events"] += 1
        return events_in(*args, **kwargs)

    monkeypatch.setattr(rebuild, "build_persons", counted_persons)
    monkeypatch.setattr(rebuild, "build_events", counted_events)
    store_rows.clear(db_session)  # nothing of the one pass is left for the rebuild to keep
    db_session.commit()
    chunked = resolve_all(db_session, full=True, chunk=(7, 5))
    db_session.commit()
    assert calls["persons"] > 20 and calls["events"] > 10  # many chunks (a day's reports are one)
    got = snapshot(db_session)
    for table in expected:
        assert got[table] == expected[table], table
    assert (chunked.mentions, chunked.entities, chunked.reports, chunked.clusters) == (
        summary.mentions,
        summary.entities,
        summary.reports,
        summary.clusters,
    )
    assert (chunked.corrections, chunked.dangling, chunked.conflicts) == (
        summary.corrections,
        summary.dangling,
        summary.conflicts,
    )
    assert chunked.corrections == 6 and len(chunked.dangling) == 1 and not chunked.conflicts

    # the corrections took effect, and the copies (one undated, in a window of its own) are one event
    host = entity_of(db_session, HOST.name)
    assert db_session.get(PersonEntityRow, host).country == "KGZ"
    assert entity_of(db_session, LEFT) == host
    assert cluster_of_article(db_session, "c1") == cluster_of_article(db_session, "c2")
    visit = db_session.get(EventClusterRow, cluster_of_article(db_session, "c1"))
    assert visit.city == "Almaty"
    participants = set(
        db_session.scalars(
            select(ClusterParticipantRow.entity_id).where(ClusterParticipantRow.cluster_id == visit.id)
        )
    )
    assert entity_of(db_session, RIGHT) in participants
    assert db_session.get(EventClusterRow, cluster_of_article(db_session, "f1")).hidden == 1
    assert cluster_of_article(db_session, "f1") == cluster_of_article(db_session, "f2")
    assert cluster_of_article(db_session, "f3") != cluster_of_article(db_session, "f1")
    assert cluster_of_article(db_session, "d1") == cluster_of_article(db_session, "d2")  # across windows

    # the default chunks (the whole store at once here) write the same again
    resolve_all(db_session, full=True)
    db_session.commit()
    assert snapshot(db_session) == got


def test_resolve_rebuild_windows_cover_every_day_once_in_date_order(db_session):
    for i, day in enumerate((D, D, D + timedelta(days=1), D + timedelta(days=5), None)):
        store(db_session, report(f"w{i}", day, [], [E("forum", day, city="Astana")]))
    # the day of D has two reports, more than a window of one holds: a window is a whole day
    assert rebuild._windows(db_session, 1) == [
        (None, None),
        (D, D),
        (D + timedelta(days=1), D + timedelta(days=1)),
        (D + timedelta(days=5), D + timedelta(days=5)),
    ]
    assert rebuild._windows(db_session, 3) == [
        (None, None),
        (D, D + timedelta(days=1)),
        (D + timedelta(days=5),) * 2,
    ]
    assert rebuild._windows(db_session, 100) == [(None, None), (D, D + timedelta(days=5))]


def test_resolve_rebuild_union_find_joins_and_leaves_others_without_a_slot():
    joined = rebuild._Joined()
    joined.join(5, 3)
    joined.join(9, 5)
    joined.join(12, 14)
    assert joined.find(9) == joined.find(3) == 3
    assert joined.find(14) == 12 and joined.find(7) == 7
    assert 7 not in joined and 9 in joined
