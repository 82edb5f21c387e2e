"""The hand-written migration creates the schema of the models, on SQLite and PostgreSQL."""

from __future__ import annotations

import os

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from parleys.errors import StoreError
from parleys.settings import Settings
from parleys.store.db import BUSY_TIMEOUT_MS, alembic_config, current_revision, make_engine, upgrade
from parleys.store.models import Base

TABLES = {
    "runs",
    "articles",
    "rejections",
    "persons",
    "events",
    "participants",
    "event_countries",
    "organizations",
    "topics",
    "evidence",
    "person_entities",
    "person_links",
    "offices",
    "event_clusters",
    "event_cluster_members",
    "cluster_participants",
    "corrections",
    "cluster_countries",
    "resolve_state",
    "resolve_queue",
    "resolve_name_keys",
    "ingest_jobs",
}
HEAD = "0011_cluster_months"
# full-text search (0005): FTS5 tables on SQLite, a GIN index on PostgreSQL; not models
SEARCH = {
    "article_search",
    "article_search_data",
    "article_search_idx",
    "article_search_docsize",
    "article_search_config",
    "ix_articles_search",
}


def _check_schema(engine) -> None:
    assert current_revision(engine) is None
    upgrade(engine)
    assert set(inspect(engine).get_table_names()) - SEARCH == TABLES | {"alembic_version"}
    assert current_revision(engine) == HEAD
    with engine.connect() as connection:
        opts = {"compare_type": True, "include_name": lambda name, _kind, _parent: name not in SEARCH}
        diff = compare_metadata(MigrationContext.configure(connection, opts=opts), Base.metadata)
    assert diff == []
    upgrade(engine)  # a second upgrade is a no-op
    assert current_revision(engine) == HEAD


def test_store_migration_creates_all_tables_matching_models(db_settings):
    engine = make_engine(db_settings)
    _check_schema(engine)
    uniques = inspect(engine).get_unique_constraints("articles")
    assert [u["column_names"] for u in uniques] == [["content_hash"]]
    engine.dispose()


def test_store_migration_downgrade_removes_tables(db_settings):
    from alembic import command

    engine = make_engine(db_settings)
    upgrade(engine)
    with engine.begin() as connection:
        cfg = alembic_config(engine)
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, "base")
    assert set(inspect(engine).get_table_names()) == {"alembic_version"}
    engine.dispose()


def test_store_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(tmp_path):
    engine = make_engine(Settings.load(config_file=None, database_url=f"sqlite:///{tmp_path / 's.db'}"))
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS == 300_000
    engine.dispose()


def test_store_make_engine_reports_missing_folder(tmp_path):
    settings = Settings.load(config_file=None, database_url=f"sqlite:///{tmp_path}/missing/x.db")
    with pytest.raises(StoreError, match="does not exist"):
        make_engine(settings)


def test_store_make_engine_reports_invalid_url():
    with pytest.raises(StoreError, match="invalid database URL"):
        make_engine(Settings.load(config_file=None, database_url="not a url"))


@pytest.mark.skipif(
    not os.environ.get("PARLEYS_TEST_POSTGRES_URL"),
    reason="set PARLEYS_TEST_POSTGRES_URL to an empty PostgreSQL database to run this",
)
def test_store_migration_runs_on_postgresql():
    url = os.environ["PARLEYS_TEST_POSTGRES_URL"]
    engine = make_engine(Settings.load(config_file=None, database_url=url))
    try:
        _check_schema(engine)
    finally:
        from alembic import command

        with engine.begin() as connection:
            cfg = alembic_config(engine)
            cfg.attributes["connection"] = connection
            command.downgrade(cfg, "base")
            connection.exec_driver_sql("DROP TABLE alembic_version")
        engine.dispose()


def test_store_upgrade_of_a_current_sqlite_store_takes_no_lock(tmp_path):
    import sqlite3
    import time

    path = tmp_path / "s.db"
    engine = make_engine(Settings.load(config_file=None, database_url=f"sqlite:///{path}"))
    upgrade(engine)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process writing (an ingest, a resolution)
    try:
        started = time.monotonic()
        upgrade(engine)  # at head: returns without waiting for the writer
        assert time.monotonic() - started < 5
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        engine.dispose()


def test_store_resolution_lock_keeps_other_sqlite_writers_out_until_commit(tmp_path):
    import sqlite3

    from parleys.store.db import lock_for_resolution, open_session

    path = tmp_path / "s.db"
    with open_session(Settings.load(config_file=None, database_url=f"sqlite:///{path}")) as session:
        lock_for_resolution(session)
        other = sqlite3.connect(path, timeout=0.2, isolation_level=None)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute(
                    "INSERT INTO runs (started_at, pipeline_version, stored, unchanged, rejected) "
                    "VALUES ('2026-01-01', 'x', 0, 0, 0)"
                )
            session.commit()
            other.execute(
                "INSERT INTO runs (started_at, pipeline_version, stored, unchanged, rejected) "
                "VALUES ('2026-01-01', 'x', 0, 0, 0)"
            )
            assert other.execute("SELECT count(*) FROM runs").fetchone() == (1,)
        finally:
            other.close()


def _race_upgrades(url: str, processes: int = 6) -> list[BaseException]:
    """``processes`` threads, each with its own engine, upgrade one empty database at once."""
    import threading

    start = threading.Barrier(processes)
    errors: list[BaseException] = []

    def one() -> None:
        engine = make_engine(Settings.load(config_file=None, database_url=url))
        try:
            start.wait()
            upgrade(engine)
        except BaseException as exc:  # reported by the test
            errors.append(exc)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=one) for _ in range(processes)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    return errors


def test_store_upgrades_racing_on_an_empty_database_all_succeed(db_url):
    for _ in range(3):
        assert _race_upgrades(db_url) == []
    engine = make_engine(Settings.load(config_file=None, database_url=db_url))
    assert current_revision(engine) == HEAD
    engine.dispose()


def test_store_schema_work_retries_sqlite_locked_errors_and_nothing_else(monkeypatch):
    import sqlite3

    from sqlalchemy.exc import OperationalError

    from parleys.store import db

    monkeypatch.setattr(db, "LOCKED_PAUSE_S", 0)
    calls: list[int] = []

    def locked_twice() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))
        return "done"

    assert db._retry_when_locked(locked_twice) == "done"
    assert len(calls) == 3

    def broken() -> str:
        calls.append(1)
        raise OperationalError("SELECT 1", {}, sqlite3.OperationalError("no such table: x"))

    calls.clear()
    with pytest.raises(OperationalError, match="no such table"):
        db._retry_when_locked(broken)
    assert len(calls) == 1

    def always_locked() -> str:
        calls.append(1)
        raise OperationalError("SELECT 1", {}, sqlite3.OperationalError("database is locked"))

    calls.clear()
    with pytest.raises(OperationalError, match="locked"):
        db._retry_when_locked(always_locked)
    assert len(calls) == db.LOCKED_RETRIES
