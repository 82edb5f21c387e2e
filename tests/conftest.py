"""The one conftest: shared fixtures."""

from __future__ import annotations

import json
import re
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
def samples_dir() -> Path:
    return ROOT / "samples"


@pytest.fixture(scope="session")
def extractor():
    """The real pipeline on the trained model, loaded once per test session."""
    from parleys.extract import load_pipeline
    from parleys.settings import Settings

    return load_pipeline(Settings.load(config_file=None))


@pytest.fixture()
def db_url(tmp_path: Path) -> str:
    """A real SQLite file per test."""
    return f"sqlite:///{tmp_path / 'parleys.db'}"


@pytest.fixture()
def db_settings(db_url: str):
    """Settings that point at the per-test SQLite file."""
    from parleys.settings import Settings

    return Settings.load(config_file=None, database_url=db_url)


@pytest.fixture()
def db_session(db_settings):
    """A session on the per-test SQLite file, migrated to the latest schema."""
    from parleys.store.db import open_session

    with open_session(db_settings) as session:
        yield session


@pytest.fixture()
def postgres_url():
    """A fresh, empty PostgreSQL database on the server named by PARLEYS_TEST_POSTGRES_URL
    (``.ci/run`` starts one); dropped afterwards. Skips when no server is configured."""
    import os
    import uuid

    base = os.environ.get("PARLEYS_TEST_POSTGRES_URL")
    if not base:
        pytest.skip("set PARLEYS_TEST_POSTGRES_URL to a PostgreSQL server to run this")
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
