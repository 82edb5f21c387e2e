"""COPY writes of an article's extraction on PostgreSQL: the same rows as the ORM inserts."""

from __future__ import annotations

import itertools
import math
import os
import struct
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from conftest import _fresh_postgres
from parleys.documents import Article
from parleys.records import ArticleRecord, EventRecord, Evidence, PersonRecord
from parleys.settings import Settings
from parleys.store import repository, stored
from parleys.store.db import open_session
from parleys.store.models import ArticleRow, PersonRow
from parleys.store.pgcopy import COLUMNS
from sample_records import SAMPLES, kz_ge, tr_visit

TABLES = tuple(COLUMNS)


@pytest.fixture()
def two_postgres(postgres_url: str) -> Iterator[tuple[str, str]]:
    with _fresh_postgres(os.environ["PARLEYS_TEST_POSTGRES_URL"]) as other:
        yield postgres_url, other


def _dump(session: Session) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    for table in (*TABLES, "articles"):
        columns = COLUMNS.get(table, ("id", "external_id", "content_hash", "source"))
        quoted = ", ".join(f'"{c}"' for c in columns)
        out[table] = [
            tuple(r) for r in session.execute(text(f"SELECT {quoted} FROM {table} ORDER BY {quoted}"))
        ]
    return out


def _store(url: str, *, copy: bool) -> tuple[dict[str, list[tuple[object, ...]]], list[ArticleRecord]]:
    """Store the samples, re-extract two of them (ids given back, then a changed text), and one
    more article through the ORM whatever ``copy`` (the sequences must have moved past COPY's ids)."""
    with open_session(Settings.load(config_file=None, database_url=url)) as session:
        for build in SAMPLES:
            article, record = build()
            repository.save_article_record(session, article, record, copy=copy)
            session.commit()
        article, record = kz_ge()  # same text: the persons and events keep their ids
        record = replace(record, persons=list(reversed(record.persons)))
        repository.save_article_record(session, article, record, copy=copy)
        session.commit()
        article, record = tr_visit()  # the text changed: fresh ids
        article = replace(article, text=article.text + " More talks followed.")
        repository.save_article_record(session, article, record, copy=copy)
        session.commit()
        article, record = kz_ge()
        article = replace(article, id="late", source="/in/late.txt", text=article.text + " Late.")
        repository.save_article_record(session, article, replace(record, id="late"), copy=False)
        session.commit()
        rows = session.scalars(select(ArticleRow).order_by(ArticleRow.id)).all()
        return _dump(session), [stored.load_article_record(session, a) for a in rows]


def test_store_pgcopy_rows_equal_orm(two_postgres: tuple[str, str]) -> None:
    orm_url, copy_url = two_postgres
    orm_rows, orm_records = _store(orm_url, copy=False)
    copy_rows, copy_records = _store(copy_url, copy=True)
    for table in TABLES:
        assert orm_rows[table], f"no {table} rows: the samples do not exercise the table"
        assert copy_rows[table] == orm_rows[table], table
    assert copy_rows["articles"] == orm_rows["articles"]
    assert copy_records == orm_records
    assert len(copy_records) == len(SAMPLES) + 1
    assert copy_records[-1].id == "late"


def test_store_pgcopy_evidence_order_and_stable_ids(postgres_url: str) -> None:
    article, record = kz_ge()
    with open_session(Settings.load(config_file=None, database_url=postgres_url)) as session:
        first = repository.save_article_record(session, article, record)
        session.commit()
        before = dict(session.execute(select(PersonRow.name, PersonRow.id)).all())
        assert stored.load_article_record(session, first).to_json() == record.to_json()
        repository.save_article_record(session, article, record)
        session.commit()
        assert dict(session.execute(select(PersonRow.name, PersonRow.id)).all()) == before
        assert stored.load_article_record(session, first).to_json() == record.to_json()


def test_store_pgcopy_unknown_participant_writes_nothing(postgres_url: str) -> None:
    article, record = kz_ge()
    broken = replace(
        record,
        events=[EventRecord(type="meeting", date=None, participants=["p0", "p9"], countries=[])],
        persons=[PersonRecord(key="p0", name="Aidar Tulegenov", role_class="official", country=None)],
    )
    with open_session(Settings.load(config_file=None, database_url=postgres_url)) as session:
        with pytest.raises(KeyError, match="p9"):
            repository.save_article_record(session, article, broken)
        session.rollback()
        assert session.scalar(text("SELECT count(*) FROM persons")) == 0
        assert session.scalar(text("SELECT count(*) FROM articles")) == 0


def test_store_pgcopy_integrity_error_is_sqlalchemys(postgres_url: str) -> None:
    """A COPY that breaks a constraint raises SQLAlchemy's IntegrityError, as the ORM path does
    (the ingest service catches that one to reject the article and go on)."""
    from sqlalchemy.exc import IntegrityError

    from parleys.store import pgcopy

    article, record = kz_ge()
    with open_session(Settings.load(config_file=None, database_url=postgres_url)) as session:
        first = repository.save_article_record(session, article, record)
        session.commit()
        taken = list(session.scalars(select(PersonRow.id).order_by(PersonRow.position)))
        with pytest.raises(IntegrityError):
            pgcopy.write_extraction(
                session,
                first.id,
                record,
                person_ids=taken,  # ids another row holds: the primary key refuses them
                event_ids=[None] * len(record.events),
                organizations=[],
                topics=[],
                folded=[p.name for p in record.persons],
                person_confidence=[None] * len(record.persons),
                event_confidence=[None] * len(record.events),
            )
        session.rollback()
        assert session.scalar(text("SELECT count(*) FROM persons")) == len(record.persons)


ODD_FLOATS = (0.1 + 0.2, 5e-324, 1e-300, 1 / 3, float("inf"), -0.0)


def _odd_record() -> tuple[Article, ArticleRecord]:
    """kz_ge with confidences that no short decimal writes and evidence text that needs escaping
    (quotes, a backslash, a tab, a newline, letters outside ASCII) and a NaN confidence."""
    article, record = kz_ge()
    odd = itertools.cycle(ODD_FLOATS)
    text = 'the "envoy"\\ said\tyes\nÖzbek — 北京'
    event = replace(
        record.events[0],
        evidence={
            field: replace(ev, confidence=next(odd)) for field, ev in record.events[0].evidence.items()
        },
    )
    persons = [
        replace(p, evidence={f: replace(ev, confidence=next(odd)) for f, ev in p.evidence.items()})
        for p in record.persons
    ]
    persons[0] = replace(persons[0], mentions=[Evidence(0, 5, text, float("nan"))])
    return article, replace(record, events=[event], persons=persons)


def test_store_pgcopy_odd_values_equal_orm(two_postgres: tuple[str, str]) -> None:
    """Floats come back bit for bit, NaN stays NaN, text comes back as written."""
    article, record = _odd_record()
    dumps = []
    for url, copy in zip(two_postgres, (False, True), strict=True):
        with open_session(Settings.load(config_file=None, database_url=url)) as session:
            repository.save_article_record(session, article, record, copy=copy)
            session.commit()
            dumps.append(_dump(session))
    orm, bulk = dumps
    nan = [r for r in bulk["evidence"] if math.isnan(r[-1])]
    assert len(nan) == 1 and nan[0][7] == 'the "envoy"\\ said\tyes\nÖzbek — 北京'
    assert len([r for r in orm["evidence"] if math.isnan(r[-1])]) == 1

    def comparable(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
        return [tuple("NaN" if isinstance(v, float) and math.isnan(v) else v for v in r) for r in rows]

    for table in (*TABLES, "articles"):
        assert comparable(bulk[table]) == comparable(orm[table]), table
    kept = {struct.pack("<d", r[-1]) for r in bulk["evidence"]}
    assert {struct.pack("<d", f) for f in ODD_FLOATS} <= kept


def test_store_pgcopy_resolution_copy_writes_what_core_inserts(
    two_postgres: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Resolution's tables written with COPY (PostgreSQL) hold what the Core inserts write."""
    from parleys.resolve import resolve_all
    from parleys.resolve import rows as resolve_rows

    copied_tables: list[str] = []
    copy_rows = resolve_rows.pgcopy.copy_rows

    def noting(session: Session, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
        copied_tables.append(table)
        copy_rows(session, table, columns, rows)

    dumps = []
    for url, copy in zip(two_postgres, (False, True), strict=True):
        with (
            monkeypatch.context() as patch,
            open_session(Settings.load(config_file=None, database_url=url)) as session,
        ):
            if copy:
                patch.setattr(resolve_rows.pgcopy, "copy_rows", noting)
            else:
                patch.setattr(resolve_rows, "_copyable", lambda table, row: False)
            for build in SAMPLES:
                repository.save_article_record(session, *build())
            session.commit()
            resolve_all(session, full=True)
            session.commit()
            dump = {}
            for model in resolve_rows.KB_TABLES:
                table = model.__table__
                order = ", ".join(f'"{c.name}"' for c in table.columns)
                dump[table.name] = [
                    tuple(r) for r in session.execute(text(f"SELECT * FROM {table.name} ORDER BY {order}"))
                ]
            dumps.append(dump)
    core, copied = dumps
    for name in ("person_entities", "person_links", "offices", "event_clusters", "event_cluster_members"):
        assert core[name], f"no {name} rows: the samples do not exercise the table"
        assert name in copied_tables, f"{name} was not written with COPY"
    assert copied == core
