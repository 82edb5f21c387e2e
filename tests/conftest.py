"""The one conftest: shared fixtures."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared when it is there (CI has it); tests that need it skip cleanly otherwise."""
    if not (SHARED / "eval" / "score.py").is_file():
        pytest.skip("../shared is not available")
    return SHARED


@pytest.fixture(scope="session")
def gold_person_names(shared_dir: Path) -> frozenset[str]:
    """Every person name in the gold files (seeds, dev, train)."""
    names: set[str] = set()
    for path in (shared_dir / "eval" / "gold").glob("*.jsonl"):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                names |= {p["name"] for p in json.loads(line).get("persons", [])}
    return frozenset(names)


def without_places(text: str, places: frozenset[str]) -> str:
    """``text`` (lower case) with every place form in ``places`` blanked out, so that a person whose
    name is part of a place (a city named after a leader) is not found in the gazetteer."""
    for place in places:
        if place in text:
            text = re.sub(rf"(?<!\w){re.escape(place)}(?!\w)", " ", text)
    return text


@pytest.fixture(scope="session")
def place_forms() -> frozenset[str]:
    """Every place form of the shipped gazetteer (countries, demonyms, cities, institutions,
    regions), lower case."""
    from parleys.lexicons import load_lexicons

    lex = load_lexicons()
    return frozenset(form.lower() for table in lex.forms.values() for form in table)


@pytest.fixture(scope="session")
def organizations_nlp():
    """A blank English pipeline with sentences and the organizations component only."""
    import spacy

    from parleys.extract import extensions

    extensions.register()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("parleys_organizations_v1", name="parleys_organizations")
    return nlp


def organization_codes(nlp, text: str) -> list[str]:
    """The organization codes the pipeline finds in ``text``, in order."""
    return [o.code for o in nlp(text)._.organizations]


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return ROOT / "samples"


@pytest.fixture(scope="session")
def extractor():
    """The real pipeline on the trained model, loaded once per test session."""
    from parleys.extract import load_pipeline
    from parleys.settings import Settings

    return load_pipeline(Settings.load(config_file=None))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--db",
        choices=("sqlite", "postgres"),
        default=os.environ.get("PARLEYS_TEST_DATABASE", "sqlite"),
        help="the engine behind the db_url fixture: a SQLite file per test (default), or a fresh "
        "database per test on the PostgreSQL server of PARLEYS_TEST_POSTGRES_URL "
        "(env PARLEYS_TEST_DATABASE)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--db") == "postgres" and not os.environ.get("PARLEYS_TEST_POSTGRES_URL"):
        raise pytest.UsageError("--db postgres needs PARLEYS_TEST_POSTGRES_URL (scripts/test_postgres.sh)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """With ``--db postgres``, only the tests that use ``db_url`` run: the others do not depend on
    the engine, or (``postgres_url``) ran on PostgreSQL in the SQLite pass already."""
    if config.getoption("--db") != "postgres":
        return
    keep, drop = [], []
    for item in items:
        (keep if "db_url" in getattr(item, "fixturenames", ()) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@contextmanager
def _fresh_postgres(base: str) -> Iterator[str]:
    """A new, empty database on the server of ``base``, dropped afterwards."""
    import uuid

    from sqlalchemy import create_engine, make_url

    name = f"parleys_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


@pytest.fixture()
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A real database per test: a SQLite file, or with ``--db postgres`` a fresh PostgreSQL database."""
    if request.config.getoption("--db") == "postgres":
        with _fresh_postgres(os.environ["PARLEYS_TEST_POSTGRES_URL"]) as url:
            yield url
    else:
        yield f"sqlite:///{tmp_path / 'parleys.db'}"


@pytest.fixture()
def db_settings(db_url: str):
    """Settings that point at the per-test database."""
    from parleys.settings import Settings

    return Settings.load(config_file=None, database_url=db_url)


@pytest.fixture()
def db_session(db_settings):
    """A session on the per-test database, migrated to the latest schema."""
    from parleys.store.db import open_session

    with open_session(db_settings) as session:
        yield session


@pytest.fixture()
def postgres_url() -> Iterator[str]:
    """A fresh, empty PostgreSQL database on the server named by PARLEYS_TEST_POSTGRES_URL
    (``.ci/run`` starts one); dropped afterwards. Skips when no server is configured."""
    base = os.environ.get("PARLEYS_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("set PARLEYS_TEST_POSTGRES_URL to a PostgreSQL server to run this")
    with _fresh_postgres(base) as url:
        yield url
