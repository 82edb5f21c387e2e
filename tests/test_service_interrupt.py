"""A ``parleys ingest`` killed with SIGKILL leaves every stored article complete; a rerun finishes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from parleys.service import ingest
from parleys.settings import Settings
from parleys.store.db import open_session
from parleys.store.models import (
    ArticleRow,
    EventCountryRow,
    EventRow,
    EvidenceRow,
    OrganizationRow,
    ParticipantRow,
    PersonRow,
    TopicRow,
)
from sample_records import write_articles

pytestmark = [pytest.mark.model, pytest.mark.slow]

N_ARTICLES = 30


def _per_article(settings: Settings) -> dict[str, tuple[int, ...]]:
    """external id -> counts of persons, events, participants, event countries, labels, evidence."""
    with open_session(settings) as session:

        def by_article(stmt) -> Counter:
            return Counter(dict(session.execute(stmt.group_by(ArticleRow.external_id)).all()))

        def simple(model) -> Counter:
            return by_article(
                select(ArticleRow.external_id, func.count(model.id)).join(
                    model, model.article_id == ArticleRow.id
                )
            )

        def through_events(model) -> Counter:
            return by_article(
                select(ArticleRow.external_id, func.count())
                .join(EventRow, EventRow.article_id == ArticleRow.id)
                .join(model, model.event_id == EventRow.id)
            )

        tables = [
            simple(PersonRow),
            simple(EventRow),
            through_events(ParticipantRow),
            through_events(EventCountryRow),
            simple(OrganizationRow),
            simple(TopicRow),
            simple(EvidenceRow),
        ]
        ids = session.scalars(select(ArticleRow.external_id)).all()
        return {i: tuple(t[i] for t in tables) for i in ids}


def _stored_count(db_path) -> int:
    try:
        with sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=5) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created or not migrated yet
        return 0


def test_service_killed_ingest_leaves_complete_articles_and_rerun_finishes(extractor, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, N_ARTICLES)
    clean = Settings.load(config_file=None, database_url=f"sqlite:///{tmp_path / 'clean.db'}")
    assert ingest([folder], settings=clean, extractor=extractor).stored.__len__() == N_ARTICLES
    expected = _per_article(clean)
    assert len(expected) == N_ARTICLES

    db_path = tmp_path / "killed.db"
    url = f"sqlite:///{db_path}"
    # one article per batch, so that commits are spread over the run
    env = dict(os.environ, PARLEYS_BATCH_SIZE="1", PARLEYS_DATABASE_URL=url)
    process = subprocess.Popen(
        [sys.executable, "-c", "from parleys.cli import main; main()", "ingest", str(folder)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 300
        while _stored_count(db_path) < 3:
            if process.poll() is not None:
                errors = process.stderr.read().decode()[-2000:]
                pytest.fail(f"ingest ended before it could be killed: {errors}")
            if time.monotonic() > deadline:
                pytest.fail("ingest stored nothing within the time limit")
            time.sleep(0.005)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL

    settings = Settings.load(config_file=None, database_url=url)
    partial = _per_article(settings)
    assert 3 <= len(partial) < N_ARTICLES, "the kill should land in the middle of the run"
    for external_id, counts in partial.items():
        assert counts == expected[external_id], external_id

    summary = ingest([folder], settings=settings, extractor=extractor)
    assert len(summary.unchanged) == len(partial)
    assert len(summary.stored) == N_ARTICLES - len(partial)
    assert _per_article(settings) == expected
    with open_session(settings) as session:
        ids = Counter(session.scalars(select(ArticleRow.external_id)).all())
    assert set(ids) == set(expected) and set(ids.values()) == {1}
