"""ingest and extract_to_file with the real reader and the real pipeline on articles written here."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import func, select

from parleys.documents import Article
from parleys.ingest import read_inputs
from parleys.kb.corpus import article_records
from parleys.service import extract_to_file, ingest
from parleys.store import repository
from parleys.store.db import open_session
from parleys.store.models import (
    ArticleRow,
    EventRow,
    EvidenceRow,
    ParticipantRow,
    PersonRow,
    RejectionRow,
    Run,
    TopicRow,
)
from sample_records import article_text, write_articles

pytestmark = pytest.mark.model

COUNTED = (ArticleRow, PersonRow, EventRow, ParticipantRow, TopicRow, EvidenceRow, RejectionRow)


def _counts(settings) -> dict[str, int]:
    with open_session(settings) as session:
        return {m.__tablename__: session.scalar(select(func.count()).select_from(m)) for m in COUNTED}


def _expected_records(extractor, folder, settings) -> dict[str, dict]:
    articles = [a for a in read_inputs([str(folder)], settings=settings) if isinstance(a, Article)]
    return {r.id: r.to_json() for r in extractor.extract_many(articles)}


def test_service_ingest_stores_each_article_with_its_extraction(extractor, db_settings, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 3)
    seen: list[tuple[str, str]] = []
    summary = ingest(
        [folder],
        settings=db_settings,
        extractor=extractor,
        progress=lambda outcome, name: seen.append((outcome, name)),
    )
    assert summary.stored == ["article-000", "article-001", "article-002"]
    assert summary.unchanged == [] and summary.rejected == [] and summary.ok
    assert seen == [("stored", "article-000"), ("stored", "article-001"), ("stored", "article-002")]
    with open_session(db_settings) as session:
        stored = {r.id: r.to_json() for r in article_records(session)}
        (run,) = session.scalars(select(Run)).all()
        assert (run.stored, run.unchanged, run.rejected) == (3, 0, 0)
        assert run.finished_at is not None and run.pipeline_version == extractor.version
        assert {a.run_id for a in session.scalars(select(ArticleRow))} == {run.id}
    assert stored == _expected_records(extractor, folder, db_settings)
    assert stored["article-001"]["pipeline_version"] == extractor.version


def test_service_reingesting_same_content_stores_nothing_new(extractor, db_settings, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 3)
    ingest([folder], settings=db_settings, extractor=extractor)
    before = _counts(db_settings)
    with open_session(db_settings) as session:
        stamps = {a.external_id: (a.id, a.ingested_at) for a in session.scalars(select(ArticleRow))}
    summary = ingest([folder], settings=db_settings, extractor=extractor)
    assert summary.stored == [] and summary.rejected == []
    assert summary.unchanged == ["article-000", "article-001", "article-002"]
    assert _counts(db_settings) == before
    with open_session(db_settings) as session:
        assert {a.external_id: (a.id, a.ingested_at) for a in session.scalars(select(ArticleRow))} == stamps
        runs = session.scalars(select(Run).order_by(Run.id)).all()
        assert [(r.stored, r.unchanged) for r in runs] == [(3, 0), (0, 3)]


def test_service_identical_content_in_one_run_is_stored_once(extractor, db_settings, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 2)
    (folder / "copy.txt").write_text(article_text(0), encoding="utf-8")
    summary = ingest([folder], settings=db_settings, extractor=extractor)
    assert summary.stored == ["article-000", "article-001"] and summary.unchanged == ["copy"]
    assert _counts(db_settings)["articles"] == 2


def test_service_rejections_are_stored_and_other_articles_kept(extractor, db_settings, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 2)
    (folder / "article-001b-empty.txt").write_text("", encoding="utf-8")
    (folder / "zz-short.txt").write_text("Too short to be an article.", encoding="utf-8")
    summary = ingest([folder, tmp_path / "missing.txt"], settings=db_settings, extractor=extractor)
    assert summary.stored == ["article-000", "article-001"]
    assert [(r.source.rsplit("/", 1)[-1], r.reason) for r in summary.rejected] == [
        ("article-001b-empty.txt", "empty"),
        ("zz-short.txt", "too_short"),
        ("missing.txt", "not_found"),
    ]
    assert not summary.ok
    with open_session(db_settings) as session:
        rows = session.scalars(select(RejectionRow).order_by(RejectionRow.id)).all()
        (run,) = session.scalars(select(Run)).all()
        assert [(r.reason, r.run_id) for r in rows] == [
            ("empty", run.id),
            ("too_short", run.id),
            ("not_found", run.id),
        ]
        assert rows[0].source == str(folder / "article-001b-empty.txt")
        assert (run.stored, run.rejected) == (2, 3)
        assert {r.id for r in article_records(session)} == {"article-000", "article-001"}


class FailingExtractor:
    """The real extractor, except that one article makes it raise (a component bug)."""

    def __init__(self, real, fail_id: str) -> None:
        self.real, self.fail_id, self.version = real, fail_id, real.version

    def extract_many(self, articles):
        for article in articles:
            if article.id == self.fail_id:
                raise RuntimeError("component crashed")
            yield from self.real.extract_many([article])


def test_service_extraction_failure_rejects_only_that_article(extractor, db_settings, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 3)
    summary = ingest(
        [folder],
        settings=db_settings.model_copy(update={"batch_size": 8}),
        extractor=FailingExtractor(extractor, "article-001"),
    )
    assert summary.stored == ["article-000", "article-002"]
    assert [(r.reason, r.detail) for r in summary.rejected] == [
        ("extract_failed", "RuntimeError: component crashed")
    ]
    with open_session(db_settings) as session:
        assert [r.reason for r in session.scalars(select(RejectionRow))] == ["extract_failed"]


def test_service_changed_file_is_extracted_again_and_replaced(extractor, db_settings, tmp_path):
    folder = tmp_path / "in"
    paths = write_articles(folder, 3)
    ingest([folder], settings=db_settings, extractor=extractor)
    paths[1].write_text(article_text(7), encoding="utf-8")
    summary = ingest([folder], settings=db_settings, extractor=extractor)
    assert summary.stored == ["article-001"] and summary.unchanged == ["article-000", "article-002"]
    with open_session(db_settings) as session:
        ids = Counter(a.external_id for a in session.scalars(select(ArticleRow)))
        assert ids == Counter({"article-000": 1, "article-001": 1, "article-002": 1})
        stored = {r.id: r.to_json() for r in article_records(session)}
    assert stored == _expected_records(extractor, folder, db_settings)


def test_service_extract_to_file_writes_one_record_per_article(extractor, db_settings, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 2)
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    out = tmp_path / "records.jsonl"
    summary = extract_to_file([folder], out, settings=db_settings, extractor=extractor)
    assert summary.stored == ["article-000", "article-001"]
    assert [r.reason for r in summary.rejected] == ["empty"]
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in lines] == ["article-000", "article-001"]
    assert {r["id"]: r for r in lines} == _expected_records(extractor, folder, db_settings)
    assert not (tmp_path / "records.jsonl.partial").exists()
    assert not (tmp_path / "parleys.db").exists()  # no database involved


class RacedBy:
    """The real extractor, except that another ingest stores the same articles while this one
    extracts them (a second `parleys ingest` of the same folder that finished first)."""

    def __init__(self, real, other_ingest) -> None:
        self.real, self.other_ingest, self.version = real, other_ingest, real.version

    def extract_many(self, articles):
        articles = list(articles)
        if self.other_ingest is not None:
            race, self.other_ingest = self.other_ingest, None
            race()
        yield from self.real.extract_many(articles)


def test_service_ingest_of_an_article_another_run_stored_meanwhile_counts_it_unchanged(
    extractor, db_settings, tmp_path
):
    """The other run finished first: this one finds the text stored and does not store it again."""
    folder = tmp_path / "in"
    write_articles(folder, 2)
    other: list = []
    racing = RacedBy(
        extractor, lambda: other.append(ingest([folder], settings=db_settings, extractor=extractor))
    )
    summary = ingest([folder], settings=db_settings, extractor=racing)
    assert other[0].stored == ["article-000", "article-001"]
    assert summary.stored == [] and summary.rejected == [] and summary.ok
    assert summary.unchanged == ["article-000", "article-001"]
    with open_session(db_settings) as session:
        assert session.scalars(select(RejectionRow)).all() == []
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 2
        runs = session.scalars(select(Run).order_by(Run.id)).all()
        assert [(r.stored, r.unchanged, r.rejected) for r in runs] == [(0, 2, 0), (2, 0, 0)]
        assert all(r.finished_at is not None for r in runs)


class StoresWhileExtracting:
    """The real extractor, except that while it extracts, another session (another ingest, in a
    thread) stores the same articles and commits a moment later: this run's insert waits for that
    transaction, then meets the unique content hash."""

    def __init__(self, real, settings) -> None:
        self.real, self.settings, self.version = real, settings, real.version
        self.threads: list[threading.Thread] = []

    def extract_many(self, articles):
        articles = list(articles)
        records = list(self.real.extract_many(articles))
        flushed = threading.Event()

        def other_run() -> None:
            with open_session(self.settings) as session:
                for article, record in zip(articles, records, strict=True):
                    repository.save_article_record(session, article, record)
                flushed.set()
                time.sleep(1.5)  # this run looks the hashes up and tries to store meanwhile
                session.commit()

        thread = threading.Thread(target=other_run)
        thread.start()
        self.threads.append(thread)
        assert flushed.wait(60)
        yield from records


def test_service_ingest_racing_an_uncommitted_store_of_the_same_article_counts_it_unchanged(
    extractor, db_settings, tmp_path
):
    """Before, the slower of two ingests of one article recorded it as extract_failed (the unique
    content hash refused its insert)."""
    folder = tmp_path / "in"
    write_articles(folder, 2)
    racing = StoresWhileExtracting(extractor, db_settings)
    started = time.monotonic()
    summary = ingest([folder], settings=db_settings, extractor=racing)
    racing.threads[0].join(60)
    assert time.monotonic() - started >= 1.5  # the insert waited for the other transaction
    assert summary.stored == [] and summary.rejected == [] and summary.ok
    assert summary.unchanged == ["article-000", "article-001"]
    with open_session(db_settings) as session:
        assert session.scalars(select(RejectionRow)).all() == []
        assert session.scalar(select(func.count()).select_from(ArticleRow)) == 2
        (run,) = session.scalars(select(Run)).all()
        assert (run.stored, run.unchanged, run.rejected) == (0, 2, 0)
