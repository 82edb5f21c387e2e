"""Repository functions: round trips, replacement of an extraction, no commits of their own."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from parleys.documents import Rejection
from parleys.records import EventRecord, PersonRecord
from parleys.store import repository, stored
from parleys.store.models import (
    ArticleRow,
    EventCountryRow,
    EventRow,
    EvidenceRow,
    ParticipantRow,
    PersonRow,
    RejectionRow,
    TopicRow,
)
from sample_records import kz_ge, tr_visit, undated


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_store_save_and_load_round_trips_the_record(db_session):
    for build in (kz_ge, tr_visit, undated):
        article, record = build()
        row = repository.save_article_record(db_session, article, record)
        db_session.commit()
        assert row.content_hash == article.content_hash
        loaded = stored.load_article_record(db_session, repository.get_article(db_session, row.id))
        assert loaded.to_json() == record.to_json()


def test_store_save_keeps_person_confidence_and_evidence(db_session):
    article, record = kz_ge()
    row = repository.save_article_record(db_session, article, record)
    person = db_session.scalars(
        select(PersonRow).where(PersonRow.article_id == row.id, PersonRow.key == "p0")
    ).one()
    assert person.confidence == 0.95
    assert person.name_folded == "aidar nurlanov"
    event = db_session.scalars(select(EventRow).where(EventRow.article_id == row.id)).one()
    assert event.confidence == 0.9
    ev = stored.evidence_of(db_session, "event", [event.id])[event.id]
    assert {e.field: e.text for e in ev} == {"type": "met with", "city": "TBILISI"}
    assert article.text[ev[0].start : ev[0].end] == ev[0].text


def test_store_resaving_replaces_the_previous_extraction(db_session):
    article, record = tr_visit()
    first = repository.save_article_record(db_session, article, record)
    db_session.commit()
    smaller = replace(
        record,
        events=[EventRecord(type="meeting", date=None, participants=["p0"], countries=["TUR"])],
        persons=[PersonRecord(key="p0", name="Selim Şahinoğlu", role_class="speaker", country="TUR")],
        topics=[],
        organizations=[],
    )
    second = repository.save_article_record(db_session, article, smaller)
    db_session.commit()
    assert second.id == first.id
    assert _count(db_session, ArticleRow) == 1
    assert _count(db_session, EventRow) == 1
    assert _count(db_session, PersonRow) == 1
    assert _count(db_session, ParticipantRow) == 1
    assert _count(db_session, EventCountryRow) == 1
    assert _count(db_session, TopicRow) == 0
    assert _count(db_session, EvidenceRow) == 0
    assert stored.load_article_record(db_session, second).to_json() == smaller.to_json()


def test_store_changed_text_from_the_same_source_replaces_the_article(db_session):
    article, record = kz_ge()
    first = repository.save_article_record(db_session, article, record)
    db_session.commit()
    edited = replace(article, text=article.text + " Updated.")
    second = repository.save_article_record(db_session, edited, record)
    db_session.commit()
    assert second.id == first.id
    assert _count(db_session, ArticleRow) == 1
    assert second.content_hash == edited.content_hash != article.content_hash
    assert repository.stored_article_id(db_session, article.content_hash) is None
    assert repository.stored_article_id(db_session, edited.content_hash) == first.id


def test_store_repository_functions_do_not_commit(db_session, db_settings):
    from parleys.store.db import open_session

    article, record = kz_ge()
    repository.save_article_record(db_session, article, record)
    repository.record_rejection(db_session, Rejection("/x.txt", "empty", "no bytes"))
    with open_session(db_settings) as other:  # another connection sees only committed rows
        assert _count(other, ArticleRow) == 0
        assert _count(other, RejectionRow) == 0
    db_session.rollback()
    assert _count(db_session, ArticleRow) == 0
    assert _count(db_session, PersonRow) == 0


def test_store_record_rejection_keeps_reason_detail_and_run(db_session):
    run = repository.start_run(db_session, pipeline_version="v1")
    rejection = Rejection("/in/empty.txt", "empty", "0 bytes")
    row = repository.record_rejection(db_session, rejection, run_id=run.id)
    db_session.commit()
    back = db_session.get(RejectionRow, row.id)
    assert (back.source, back.reason, back.detail) == ("/in/empty.txt", "empty", "0 bytes")
    assert back.run_id == run.id
    assert back.created_at is not None


def test_store_fold_ignores_case_and_diacritics():
    assert repository.fold("Selim  ŞAHİNOĞLU") == "selim sahinoglu"
    assert repository.fold("Élodie Fournier") == "elodie fournier"
    assert repository.fold("Ələsgər Həsənli") == "alasgar hasanli"  # ə as English writes it


def test_store_save_new_article_skips_a_stored_text_and_replaces_a_changed_one(db_session):
    article, record = kz_ge()
    first = repository.save_new_article(db_session, article, record)
    assert first is not None
    db_session.commit()
    persons = _count(db_session, PersonRow)
    assert persons == len(record.persons)
    # the same text again (another run stored it since it was looked up): nothing is written
    assert repository.save_new_article(db_session, replace(article, source="/in/copy.txt"), record) is None
    db_session.commit()
    assert _count(db_session, ArticleRow) == 1
    assert _count(db_session, PersonRow) == persons
    assert repository.stored_article_id(db_session, article.content_hash) == first.id
    # a changed text from the same source replaces the article, as save_article_record does
    changed = replace(article, text=article.text + " Talks went on.")
    again = repository.save_new_article(db_session, changed, record)
    assert again is not None and again.id == first.id
    db_session.commit()
    assert repository.stored_article_id(db_session, article.content_hash) is None
    assert repository.stored_article_id(db_session, changed.content_hash) == first.id


def test_store_update_run_writes_the_counts(db_session, db_settings):
    from parleys.documents import IngestSummary
    from parleys.store.db import open_session
    from parleys.store.models import Run

    run = repository.start_run(db_session, pipeline_version="test-1")
    summary = IngestSummary(stored=["a", "b"], unchanged=["c"], rejected=[Rejection("/x", "empty", "")])
    assert repository.update_run(db_session, run, summary) is run
    assert (run.stored, run.unchanged, run.rejected, run.finished_at) == (2, 1, 1, None)
    assert not db_session.dirty
    db_session.commit()
    summary.stored.append("d")
    repository.update_run(db_session, run, summary, finished=True)
    db_session.commit()
    with open_session(db_settings) as other:
        row = other.get(Run, run.id)
        assert (row.stored, row.unchanged, row.rejected) == (3, 1, 1)
        assert row.finished_at is not None
