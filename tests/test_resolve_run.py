"""Resolution runs: a full rebuild, idempotent, deterministic, run by ingest and by ``parleys resolve``."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from typer.testing import CliRunner

from parleys import service
from parleys.cli import app
from parleys.keys import person_key
from parleys.resolve import resolve_all
from parleys.resolve.corrected import Anchors
from parleys.resolve.items import Mention
from parleys.store.models import (
    ClusterParticipantRow,
    EventClusterMemberRow,
    EventClusterRow,
    OfficeRow,
    PersonEntityRow,
    PersonLinkRow,
)
from resolve_samples import E, P, report, store
from sample_records import write_articles

D = date(2022, 11, 3)
A = P("Askhat Zhumabekuly", "speaker", "KAZ", "Chairman of the Mazhilis")
B = P("Tamas Vereczki", "speaker", "HUN", "Speaker of the National Assembly")


def _snapshot(session) -> list[list[tuple]]:
    """Every row of the tables resolution writes (but offices, whose ids are new each run)."""
    out = []
    for model in (
        PersonEntityRow,
        PersonLinkRow,
        EventClusterRow,
        EventClusterMemberRow,
        ClusterParticipantRow,
    ):
        columns = list(model.__table__.columns)
        rows = session.scalars(select(model).order_by(*model.__table__.primary_key.columns))
        out.append([tuple(getattr(r, c.key) for c in columns) for r in rows])
    return out


def test_resolve_run_is_an_idempotent_full_rebuild(db_session):
    store(
        db_session,
        report("r1", D, [A, B], [E("meeting", D, [0, 1])]),
        report("r2", D, [B, A], [E("meeting", D, [0, 1])]),
    )
    first = resolve_all(db_session)
    db_session.commit()
    before = _snapshot(db_session)
    offices = db_session.scalars(select(OfficeRow.role_class)).all()
    second = resolve_all(db_session)
    db_session.commit()
    assert (
        _snapshot(db_session) == before and db_session.scalars(select(OfficeRow.role_class)).all() == offices
    )
    assert (first.entities, first.clusters) == (second.entities, second.clusters) == (2, 1)


def test_resolve_run_keys_do_not_depend_on_the_order_articles_were_stored(tmp_path):
    from parleys.settings import Settings
    from parleys.store.db import open_session

    keys = []
    for order in (("r1", "r2", "r3"), ("r3", "r2", "r1")):
        items = {
            "r1": report("r1", D, [A, B], [E("meeting", D, [0, 1])]),
            "r2": report("r2", date(2022, 11, 4), [B, A], [E("meeting", D, [0, 1])]),
            "r3": report("r3", date(2023, 1, 5), [P("A. Zhumabekuly", "speaker", "KAZ")], []),
        }
        settings = Settings.load(
            config_file=None, database_url=f"sqlite:///{tmp_path / ('-'.join(order) + '.db')}"
        )
        with open_session(settings) as session:
            store(session, *(items[name] for name in order))
            resolve_all(session)
            keys.append(
                (
                    sorted(session.scalars(select(PersonEntityRow.key))),
                    sorted(session.scalars(select(EventClusterRow.key))),
                )
            )
    assert keys[0] == keys[1]


def test_resolve_run_anchor_keys_are_the_keys_module_keys():
    m = Mention(id=1, article_id=1, content_hash="ab" * 32, published=D, name="Tamas Vereczki")
    anchors = Anchors([m], [])
    assert anchors.person(person_key(m.content_hash, m.name)) == 1


def test_resolve_run_ingest_resolves_and_the_cli_rebuilds(extractor, db_settings, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 3)
    service.ingest([folder], settings=db_settings, extractor=extractor)
    from parleys.store.db import open_session

    with open_session(db_settings) as session:
        assert not service.needs_resolution(session)
        linked = len(session.scalars(select(PersonLinkRow)).all())
        assert linked > 0 and len(session.scalars(select(EventClusterMemberRow)).all()) == 3
    result = CliRunner().invoke(app, ["resolve", "--db", db_settings.database_url, "--json"])
    assert result.exit_code == 0, result.output
    assert '"reports": 3' in result.stdout and f'"mentions": {linked}' in result.stdout
