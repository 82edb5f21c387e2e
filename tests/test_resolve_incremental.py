"""Incremental resolution: after each ingest only the touched components are regrouped, and the
result equals one full resolution of the same store (persons, links, offices, clusters, ids)."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from parleys import corrections
from parleys.cli import app
from parleys.resolve import resolve_all
from parleys.store.models import (
    ClusterCountryRow,
    ClusterParticipantRow,
    EventClusterMemberRow,
    EventClusterRow,
    OfficeRow,
    PersonEntityRow,
    PersonLinkRow,
    PersonRow,
    ResolveQueueRow,
    ResolveStateRow,
)
from parleys.store.repository import save_article_record
from resolve_samples import E, P, report, store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
from synth import records  # noqa: E402

D = date(2023, 3, 14)
WHO = {"author": "tester", "reason": "test"}
# three spellings: the middle one is one edit from each of the others, which are two apart
LEFT, BRIDGE, RIGHT = "Dauren Kermentayev", "Dauren Kermentapev", "Dauren Kermenwapev"
HOST = P("Ilmira Sarsenova", "speaker", "KAZ", "Chairwoman of the Mazhilis", "Mazhilis")
GUEST = P("Kasper Nordvold", "ambassador", "NOR", "Ambassador of Norway to Kazakhstan")


def snapshot(session) -> dict[str, list[tuple]]:
    """Every row resolution writes (offices without their serial id)."""
    out = {}
    for model in (
        PersonEntityRow,
        PersonLinkRow,
        EventClusterRow,
        EventClusterMemberRow,
        ClusterParticipantRow,
        ClusterCountryRow,
    ):
        columns = list(model.__table__.columns)
        out[model.__tablename__] = sorted(tuple(r) for r in session.execute(select(*columns)))
    office = [c for c in OfficeRow.__table__.columns if c.key != "id"]
    out["offices"] = sorted(tuple(r) for r in session.execute(select(*office)))
    return out


def incremental(session):
    summary = resolve_all(session, full=False)
    session.commit()
    return summary


def assert_equals_full(session) -> dict[str, list[tuple]]:
    """The store as incremental runs left it is what one full resolution writes."""
    before = snapshot(session)
    resolve_all(session, full=True)
    session.commit()
    after = snapshot(session)
    for table in after:
        assert before[table] == after[table], table
    return after


def entity_of(session, name: str) -> set[int]:
    return set(
        session.scalars(
            select(PersonLinkRow.entity_id)
            .join(PersonRow, PersonRow.id == PersonLinkRow.person_id)
            .where(PersonRow.name == name)
        )
    )


@pytest.mark.parametrize("per_day", [None, 20], ids=["ten-years", "feed-order"])
def test_resolve_incremental_increments_equal_one_full_resolution(db_session, per_day):
    # per_day: articles in date order, each increment the next days' news (a daily feed)
    corpus = list(records(240, seed=7, per_day=per_day))
    step = 60
    regrouped = []
    for start in range(0, len(corpus), step):
        for article, record in corpus[start : start + step]:
            save_article_record(db_session, article, record)
        db_session.commit()
        summary = incremental(db_session)
        assert summary.incremental == (start > 0)  # the first run has no state: a full rebuild
        regrouped.append((summary.regrouped_mentions, summary.mentions))
    assert all(0 < done < total for done, total in regrouped[1:])
    rows = assert_equals_full(db_session)
    assert len(rows["person_entities"]) > 50 and len(rows["event_clusters"]) > 50


def test_resolve_incremental_new_mention_joins_two_existing_persons(db_session):
    store(
        db_session,
        report("left", D, [P(LEFT, country="KAZ"), GUEST], [E("meeting", D, [0, 1])]),
        report("right", D + timedelta(days=30), [P(RIGHT, country="KAZ")], [E("other", D, [0])]),
    )
    first = incremental(db_session)
    assert not first.incremental
    left, right = entity_of(db_session, LEFT), entity_of(db_session, RIGHT)
    assert len(left) == len(right) == 1 and left != right

    store(db_session, report("bridge", D + timedelta(days=60), [P(BRIDGE, country="KAZ")], []))
    summary = incremental(db_session)
    assert summary.incremental and summary.regrouped_mentions == 3  # the guest is not touched
    joined = entity_of(db_session, LEFT)
    assert joined == entity_of(db_session, RIGHT) == entity_of(db_session, BRIDGE)
    # the entity keeps the earliest mention's id; the other entity is gone, and with it no cluster
    earliest = db_session.scalar(select(PersonRow.id).where(PersonRow.name == LEFT))
    assert joined == {earliest}
    assert db_session.get(PersonEntityRow, next(iter(right))) is None
    participants = db_session.scalars(select(ClusterParticipantRow.entity_id)).all()
    assert earliest in participants
    assert_equals_full(db_session)


def test_resolve_incremental_corrections_apply_to_updated_entities(db_session):
    store(
        db_session,
        report("a1", D, [HOST, GUEST], [E("meeting", D, [0, 1], city="Astana")]),
        report("a2", D, [GUEST, HOST], [E("meeting", D, [0, 1], city="Astana")]),
        report("b1", D + timedelta(days=9), [P(LEFT, country="KAZ")], []),
    )
    incremental(db_session)
    host = next(iter(entity_of(db_session, HOST.name)))
    other = next(iter(entity_of(db_session, LEFT)))
    cluster = db_session.scalar(select(EventClusterRow.id))
    corrections.set_person(db_session, host, field="country", value="KGZ", **WHO)
    corrections.merge_persons(db_session, host, other, **WHO)
    corrections.hide_event(db_session, cluster, **WHO)
    db_session.commit()
    summary = incremental(db_session)
    assert summary.incremental and summary.corrections == 3 and not summary.dangling
    assert entity_of(db_session, LEFT) == {host}
    assert db_session.get(PersonEntityRow, host).country == "KGZ"
    assert db_session.get(EventClusterRow, cluster).hidden == 1
    assert_equals_full(db_session)

    # a new article names the corrected person, and reports the hidden event once more
    store(db_session, report("a3", D + timedelta(days=1), [HOST, GUEST], [E("meeting", D, [0, 1])]))
    summary = incremental(db_session)
    assert summary.incremental and summary.corrections == 3
    entity = db_session.get(PersonEntityRow, host)
    assert (entity.country, entity.articles) == ("KGZ", 4)
    clusters = db_session.scalars(select(EventClusterRow)).all()
    assert [(c.id, c.reports, c.hidden) for c in clusters] == [(cluster, 3, 1)]
    assert_equals_full(db_session)

    # revoking the merge splits the person again; revoking the hide shows the event
    made = db_session.scalars(select(corrections.CorrectionRow).order_by(corrections.CorrectionRow.id)).all()
    corrections.revoke(db_session, made[1].id)
    corrections.revoke(db_session, made[2].id)
    db_session.commit()
    summary = incremental(db_session)
    assert summary.incremental and summary.corrections == 1
    assert entity_of(db_session, LEFT) != {host}
    assert db_session.get(EventClusterRow, cluster).hidden == 0
    assert_equals_full(db_session)


def test_resolve_incremental_replaced_extraction_and_participant_correction(db_session):
    ids = store(
        db_session,
        report("c1", D, [HOST, GUEST], [E("visit", D, [0, 1], city="Astana")]),
        report("c2", D + timedelta(days=1), [HOST, GUEST], [E("visit", D, [0, 1], city="Astana")]),
        report("c3", D + timedelta(days=5), [P(RIGHT, country="KAZ")], []),
    )
    incremental(db_session)
    cluster = db_session.scalar(select(EventClusterRow.id))
    right = next(iter(entity_of(db_session, RIGHT)))
    corrections.change_participant(db_session, cluster, right, add=True, **WHO)
    db_session.commit()
    assert incremental(db_session).corrections == 1
    assert right in db_session.scalars(select(ClusterParticipantRow.entity_id)).all()

    # c2 extracted again without the guest, and a new spelling joins the added participant
    article, record = report("c2", D + timedelta(days=1), [HOST], [E("visit", D, [0], city="Astana")])
    save_article_record(db_session, article, record)
    store(db_session, report("c4", D + timedelta(days=6), [P(BRIDGE, country="KAZ")], []))
    assert db_session.scalars(select(ResolveQueueRow.kind)).all()  # the replacement is queued
    summary = incremental(db_session)
    assert summary.incremental and summary.corrections == 1
    assert not db_session.scalars(select(ResolveQueueRow)).all()
    assert entity_of(db_session, BRIDGE) == {right}
    assert ids["c2"] in db_session.scalars(select(PersonRow.article_id)).all()
    assert_equals_full(db_session)


def test_resolve_incremental_nothing_changed_regroups_nothing_and_cli_full_rebuilds(db_session, db_settings):
    store(db_session, report("d1", D, [HOST, GUEST], [E("meeting", D, [0, 1])]))
    assert not incremental(db_session).incremental
    before = snapshot(db_session)
    summary = incremental(db_session)
    assert (summary.incremental, summary.regrouped_mentions, summary.regrouped_reports) == (True, 0, 0)
    assert (summary.entities, summary.clusters) == (2, 1)
    assert snapshot(db_session) == before
    db_session.close()

    runner = CliRunner()
    result = runner.invoke(app, ["resolve", "--json", "--db", db_settings.database_url])
    assert result.exit_code == 0, result.output
    assert '"incremental": true' in result.output
    result = runner.invoke(app, ["resolve", "--full", "--json", "--db", db_settings.database_url])
    assert result.exit_code == 0, result.output
    assert '"incremental": false' in result.output and '"entities": 2' in result.output


def test_resolve_incremental_large_change_or_no_state_rebuilds_in_full(db_session):
    corpus = list(records(40, seed=3))
    for article, record in corpus[:10]:
        save_article_record(db_session, article, record)
    db_session.commit()
    incremental(db_session)
    state = db_session.get(ResolveStateRow, 1)
    assert state is not None and state.persons_seen == db_session.scalar(
        select(PersonRow.id).order_by(PersonRow.id.desc())
    )
    db_session.delete(state)  # as after a migration: no incremental state
    db_session.commit()
    for article, record in corpus[10:]:
        save_article_record(db_session, article, record)
    db_session.commit()
    assert not incremental(db_session).incremental
    assert_equals_full(db_session)


def test_resolve_incremental_reports_without_persons_join_by_day_and_city_only(db_session):
    # forums with no named participant merge by (day, countries, city): a new report joins the
    # one of its day and city, and the reports of other cities and of days years apart stay apart
    old = D - timedelta(days=3 * 365)
    store(
        db_session,
        report("f1", D, [], [E("forum", D, city="Astana", countries=["KAZ"])]),
        report("f2", old, [], [E("forum", old, city="Astana", countries=["KAZ"])]),
        report("f3", D, [], [E("forum", D, city="Almaty", countries=["KAZ"])]),
    )
    assert not incremental(db_session).incremental
    store(
        db_session,
        report("f4", D + timedelta(days=1), [], [E("forum", D, city="Astana", countries=["KAZ"])]),
        report(
            "f5",
            old + timedelta(days=1),
            [],
            [E("forum", old + timedelta(days=1), city="Astana", countries=["KAZ"])],
        ),
    )
    summary = incremental(db_session)
    assert summary.incremental and summary.regrouped_reports == 4  # f1 with f4, f2 with f5; not f3
    rows = assert_equals_full(db_session)
    members = {}
    for event_id, cluster_id in db_session.execute(
        select(EventClusterMemberRow.event_id, EventClusterMemberRow.cluster_id)
    ):
        members.setdefault(cluster_id, set()).add(event_id)
    assert sorted(len(m) for m in members.values()) == [1, 2, 2]
    assert len(rows["event_clusters"]) == 3
