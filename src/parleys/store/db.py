"""Engines, sessions and schema upgrades; nothing here runs at import time.

SQLite connections get WAL journaling (readers do not block the writer, and a killed writer
leaves the last committed transaction intact), foreign keys, and a busy timeout so that a
second process waits for the lock instead of failing at once.

Several processes may write one store at once (two ingests, a resolution, a correction): schema
upgrades are serialised (SQLite: ``BEGIN IMMEDIATE``; PostgreSQL: an advisory lock) so that two
first runs on an empty database do not both create the tables, and :func:`lock_for_resolution`
gives a resolution a store that no writer changes until it commits.
"""

from __future__ import annotations

import importlib.util
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from parleys.errors import StoreError
from parleys.settings import Settings

T = TypeVar("T")

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
ALEMBIC_INI = MIGRATIONS_DIR / "alembic.ini"
# a writer waits this long for another one (a resolution of a large store holds the lock for
# tens of seconds)
BUSY_TIMEOUT_MS = 300_000
# SQLite answers "database is locked" at once, without the busy handler, while the last connection
# to a WAL database cleans up its WAL and shared-memory files, or while a first connection runs
# recovery (https://sqlite.org/wal.html#busy): schema reads and upgrades retry that many times
LOCKED_RETRIES = 50
LOCKED_PAUSE_S = 0.1
# pg_advisory_xact_lock keys: any fixed numbers no other application on the server is likely to use
MIGRATION_LOCK = 0x7061726C6579_01  # "parley" 01


def make_engine(settings: Settings) -> Engine:
    """An engine for ``settings.database_url``; a plain ``postgresql://`` URL uses psycopg 3."""
    try:
        url = make_url(settings.database_url)
    except ArgumentError as exc:
        raise StoreError(f"invalid database URL {settings.database_url!r}: {exc}") from exc
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    if url.drivername.startswith("postgresql") and importlib.util.find_spec("psycopg") is None:
        raise StoreError("PostgreSQL needs the psycopg driver: pip install 'parleys[postgres]'")
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:"):
        parent = Path(url.database).expanduser().parent
        if not parent.is_dir():
            raise StoreError(f"the folder of the SQLite database does not exist: {parent}")
    # a pooled SQLite connection is used by one thread at a time, though not always the thread
    # that opened it (the API's dependencies and routes run in a thread pool)
    connect_args = {"check_same_thread": False} if url.get_backend_name() == "sqlite" else {}
    try:
        engine = create_engine(url, connect_args=connect_args)
    except (SQLAlchemyError, ImportError) as exc:
        raise StoreError(f"cannot open database {url.render_as_string(hide_password=True)}: {exc}") from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        # the timeout first: switching a new file to WAL takes a lock that another process may hold
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # NORMAL is durable against a killed process in WAL mode; only power loss can undo a commit
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded objects usable after commit (callers commit per article)."""
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config(engine: Engine | None = None) -> Any:
    """The Alembic configuration of the packaged migrations (for ``upgrade`` and for tests)."""
    from alembic.config import Config

    cfg = Config(str(ALEMBIC_INI))
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (idempotent); Alembic runs on one of our connections.

    Safe to race: a database already at the head revision is left alone without taking any lock;
    otherwise the upgrade runs holding the database's write lock (SQLite) or an advisory lock
    (PostgreSQL), and Alembic reads the revision again inside it, so a second process waits for
    the first and then finds nothing to do.
    """
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config(engine)
    if revision == "head" and current_revision(engine) == ScriptDirectory.from_config(cfg).get_current_head():
        return

    def run() -> None:
        with engine.begin() as connection:
            _lock_schema(connection)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, revision)

    try:
        _retry_when_locked(run)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot migrate the database: {exc}") from exc


def _retry_when_locked(work: Callable[[], T]) -> T:
    """``work()``, again after a pause while SQLite says "database is locked" (see LOCKED_RETRIES).

    Only transient lock errors are retried: ``work`` must be a whole transaction, so a retry starts
    from nothing. Any other error, and the last locked one, goes to the caller.
    """
    for attempt in range(LOCKED_RETRIES):
        try:
            return work()
        except OperationalError as exc:
            if "database is locked" not in str(exc.orig) or attempt == LOCKED_RETRIES - 1:
                raise
            time.sleep(LOCKED_PAUSE_S)
    raise AssertionError("unreachable")


def _lock_schema(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        # pysqlite starts no transaction for DDL: this one makes the whole upgrade atomic and
        # takes the write lock at once (a second process waits here, busy timeout)
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")


def lock_for_resolution(session: Session) -> None:
    """Make the rest of the session's transaction see a store that no other writer changes.

    SQLite: the transaction takes the write lock now (``BEGIN IMMEDIATE``, unless it already
    wrote, which holds the lock); other writers wait until it commits, readers go on (WAL).
    PostgreSQL: ``articles`` is locked in SHARE ROW EXCLUSIVE mode, which one resolution holds at
    a time and which stops every ingest before it stores an article, so each statement (read
    committed) sees the same articles and extraction rows; readers go on.
    """
    connection = session.connection()
    name = connection.dialect.name
    if name == "sqlite":
        if not connection.connection.dbapi_connection.in_transaction:  # type: ignore[union-attr]
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    elif name == "postgresql":
        connection.exec_driver_sql("LOCK TABLE articles IN SHARE ROW EXCLUSIVE MODE")


def lock_for_writing(session: Session) -> None:
    """Take, before anything else, the lock that an article write and a resolution both need.

    PostgreSQL: ``articles`` in ROW EXCLUSIVE mode (what writing a row of it takes anyway, and
    what :func:`lock_for_resolution`'s SHARE ROW EXCLUSIVE excludes). Replacing an article's
    extraction deletes its persons first, and the cascade locks their ``person_links`` rows; were
    the ``articles`` lock taken only at the article's update that follows, a resolution holding
    ``articles`` and waiting for those rows would deadlock with it. Taken first, the writer waits
    for the resolution, or the resolution for the writer. SQLite has one writer at a time.
    """
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("LOCK TABLE articles IN ROW EXCLUSIVE MODE")


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at (``None`` for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    def read() -> str | None:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()

    try:
        return _retry_when_locked(read)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot read the schema revision: {exc}") from exc


def missing_sqlite_file(database_url: str) -> Path | None:
    """The file of a SQLite URL when it does not exist (``None`` for other databases)."""
    try:
        url = make_url(database_url)
    except ArgumentError:
        return None
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    path = Path(url.database).expanduser()
    return None if path.exists() else path


@contextmanager
def open_session(
    settings: Settings, *, migrate: bool = True, doing: str = "the operation", create: bool = True
) -> Iterator[Session]:
    """A session on a fresh engine for one command; the schema is brought up to date first.

    With ``create=False`` (the read commands), a SQLite file that does not exist is
    :class:`StoreError` instead of a new empty database. SQLAlchemy errors raised inside become
    :class:`StoreError` ("the database refused ``doing``"); the engine is disposed at the end.
    """
    if not create and (missing := missing_sqlite_file(settings.database_url)) is not None:
        raise StoreError(f"no database at {missing}: ingest articles into it first, or give --db")
    engine = make_engine(settings)
    try:
        if migrate:
            upgrade(engine)
        with session_factory(engine)() as session:
            yield session
    except SQLAlchemyError as exc:
        raise StoreError(f"the database refused {doing}: {exc}") from exc
    finally:
        engine.dispose()
