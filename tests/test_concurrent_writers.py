"""Several processes writing one store at once: two ``parleys ingest`` runs and ``parleys resolve``
runs beside them, on a fresh database (the schema is created by whichever comes first) and on one
that already holds articles, on SQLite and on PostgreSQL. Every process must exit 0 and every
article must be stored, resolved, with each run finished."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from parleys.service import needs_resolution
from parleys.settings import Settings
from parleys.store.db import open_session
from parleys.store.models import ArticleRow, EventClusterMemberRow, EventRow, PersonLinkRow, PersonRow, Run
from sample_records import write_articles

pytestmark = pytest.mark.model

PARLEYS = str(Path(sys.executable).with_name("parleys"))
PER_FOLDER = 10


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PARLEYS_DATABASE_URL", None)
    return env


def _ingest(folder: Path, db_url: str) -> subprocess.Popen:
    # batches of one: a commit per article, so the two runs' writes interleave
    return subprocess.Popen(
        [PARLEYS, "ingest", str(folder), "--db", db_url, "--batch-size", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )


def _race(db_url: str, tmp_path: Path, *, existing: int) -> None:
    if existing:
        write_articles(tmp_path / "old", existing, start=100)
        first = _ingest(tmp_path / "old", db_url)
        out, err = first.communicate(timeout=300)
        assert first.returncode == 0, err
    write_articles(tmp_path / "a", PER_FOLDER, start=0)
    write_articles(tmp_path / "b", PER_FOLDER, start=PER_FOLDER)
    ingests = [_ingest(tmp_path / "a", db_url), _ingest(tmp_path / "b", db_url)]
    resolves = []
    deadline = time.monotonic() + 600
    # resolutions one after another for as long as an ingest runs (at least one)
    while not resolves or any(p.poll() is None for p in ingests):
        assert time.monotonic() < deadline, "the ingests did not finish"
        done = subprocess.run(
            [PARLEYS, "resolve", "--db", db_url], capture_output=True, text=True, env=_env(), timeout=300
        )
        resolves.append(done)
    for p in ingests:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, f"ingest failed ({p.returncode}): {err}"
    for done in resolves:
        assert done.returncode == 0, f"resolve failed ({done.returncode}): {done.stderr}"

    settings = Settings.load(config_file=None, database_url=db_url)
    with open_session(settings) as session:
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 2 * PER_FOLDER + existing
        runs = session.scalars(select(Run)).all()
        assert len(runs) == 2 + (1 if existing else 0)
        assert all(r.finished_at is not None for r in runs)
        expected = [PER_FOLDER, PER_FOLDER] + ([existing] if existing else [])
        assert sorted(r.stored for r in runs) == sorted(expected)
        # the run that finished last resolved after every article was stored: nothing is left over
        assert not needs_resolution(session)
        persons = session.scalar(select(func.count()).select_from(PersonRow))
        assert persons >= 2 * (2 * PER_FOLDER + existing)
        assert session.scalar(select(func.count()).select_from(PersonLinkRow)) == persons
        events = session.scalar(select(func.count()).select_from(EventRow))
        assert events >= 2 * PER_FOLDER + existing
        assert session.scalar(select(func.count()).select_from(EventClusterMemberRow)) == events


def test_concurrent_fresh_database_two_ingests_and_resolves(db_url, tmp_path):
    """SQLite, or PostgreSQL with ``--db postgres``."""
    _race(db_url, tmp_path, existing=0)


def test_concurrent_existing_store_two_ingests_and_resolves(db_url, tmp_path):
    _race(db_url, tmp_path, existing=4)


def test_concurrent_postgres_fresh_database_two_ingests_and_resolves(postgres_url, tmp_path):
    _race(postgres_url, tmp_path, existing=0)


def test_concurrent_postgres_existing_store_two_ingests_and_resolves(postgres_url, tmp_path):
    _race(postgres_url, tmp_path, existing=4)


def test_concurrent_writers_replacing_an_article_waits_for_a_resolution_in_progress(db_session, db_settings):
    """Reprocessing an article during a resolution: the writer waits for the resolution's lock
    before it deletes anything. (On PostgreSQL it used to delete the article's persons first,
    which locks their person_links rows through the cascade, and then wait for ``articles``
    while the resolution, holding ``articles``, waited for those rows: a deadlock.)"""
    import threading
    from datetime import date

    from sqlalchemy import delete

    from parleys.resolve import resolve_all
    from parleys.store.db import lock_for_resolution, make_engine, session_factory
    from parleys.store.repository import save_article_record
    from resolve_samples import E, P, report, store

    day = date(2023, 5, 2)
    people = [P("Ilmira Sarsenova", "speaker", "KAZ"), P("Kasper Nordvold", "ambassador", "NOR")]
    store(db_session, report("w1", day, people, [E("meeting", day, [0, 1])]))
    resolve_all(db_session)
    db_session.commit()
    article, record = report("w1", day, people[:1], [E("meeting", day, [0])])

    engine = make_engine(db_settings)
    resolution, writer = session_factory(engine)(), session_factory(engine)()
    errors: list[BaseException] = []

    def replace() -> None:
        try:
            save_article_record(writer, article, record)
            writer.commit()
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
            writer.rollback()

    try:
        lock_for_resolution(resolution)
        thread = threading.Thread(target=replace)
        thread.start()
        time.sleep(1.5)  # the writer is now blocked, or (before the fix) half-way through
        resolution.execute(delete(PersonLinkRow))  # as a full rebuild does
        resolution.commit()
        thread.join(timeout=120)
        assert not thread.is_alive() and errors == []
    finally:
        resolution.close()
        writer.close()
        engine.dispose()
    with open_session(db_settings) as session:
        assert session.scalar(select(func.count()).select_from(PersonRow)) == 1
