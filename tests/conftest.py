"""The one conftest: shared fixtures."""

from __future__ import annotations

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
