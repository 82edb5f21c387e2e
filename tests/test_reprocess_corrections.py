"""Corrections made through the CLI stay in force after ``parleys reprocess`` with a changed pipeline.

The articles are written for these tests (invented names). The changed pipeline is the real one
whose output a newer version would give differently: no topics, titles in capitals, another
version string; a second one drops a person altogether.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from parleys import service
from parleys.cli import app
from parleys.documents import Article
from parleys.records import ArticleRecord

FIRST = (
    " date 2024-03-04 ASTANA. KAZINFORM – Chairman of the Senate of the Parliament of Kazakhstan Darkhan "
    "Temirbolatov met with Speaker of the National Assembly of Hungary Gergely Vasmarosi on Monday, the "
    "Senate press service reports.\n\nThe parties discussed inter-parliamentary cooperation, trade and "
    "energy. Temirbolatov noted that Hungary is an important partner of Kazakhstan in Central Europe.\n\n"
    "Vasmarosi thanked for the warm welcome and invited the Kazakh delegation to visit Budapest next year.\n"
)
SECOND = (
    " date 2024-03-05 Hungarian Speaker Gergely Vasmarosi was received yesterday in Astana by Chairman of "
    "the Senate of the Parliament of Kazakhstan Darkhan Temirbolatov.\n\nDuring the talks the two speakers "
    "focused on inter-parliamentary ties, transport and education. Vasmarosi conveyed greetings from the "
    "Hungarian leadership and stressed the importance of regular contacts between the parliaments.\n"
)
THIRD = (
    " date 2024-03-08 ASTANA. KAZINFORM – Chairman of the Senate of the Parliament of Kazakhstan Darkhan "
    "Temirbolatov met with Speaker of the National Assembly of Hungary Gergely Vasmarosi on Friday to sum up "
    "the results of the official visit.\n\nThe sides discussed agriculture and water management. "
    "Temirbolatov said that the visit gave a new impetus to bilateral relations between the two countries.\n"
)


class ChangedPipeline:
    """The real pipeline, changed: no topics, titles in capitals, optionally a person left out."""

    def __init__(self, inner, *, drop: str | None = None) -> None:
        self.inner = inner
        self.drop = drop
        self.version = inner.version + "+changed"

    def extract_many(self, articles: Iterable[Article]) -> Iterator[ArticleRecord]:
        for record in self.inner.extract_many(articles):
            gone = {p.key for p in record.persons if self.drop and self.drop in p.name}
            persons = [
                replace(p, title=p.title.upper() if p.title else None)
                for p in record.persons
                if p.key not in gone
            ]
            events = [
                replace(e, participants=[k for k in e.participants if k not in gone]) for e in record.events
            ]
            yield replace(record, persons=persons, events=events, topics=[], pipeline_version=self.version)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in (("first", FIRST), ("second", SECOND), ("third", THIRD)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _run(runner: CliRunner, *args: str, code: int = 0) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250", "PARLEYS_AUTHOR": "analyst-2"})
    assert result.exit_code == code, result.output
    return result.stdout


def _events(runner, db) -> list[dict]:
    return json.loads(_run(runner, "events", "--db", db, "--json"))["events"]


def test_reprocess_cli_corrections_survive_a_changed_pipeline_and_revoke_restores(
    extractor, corpus, db_url, monkeypatch, tmp_path
):
    runner = CliRunner()
    monkeypatch.setattr(service, "_load_extractor", lambda settings: extractor)
    _run(runner, "ingest", str(corpus), "--db", db_url)
    listed = _events(runner, db_url)
    assert sorted((e["sources"], e["type"]) for e in listed) == [
        (["first", "second"], "meeting"),
        (["third"], "meeting"),
    ]
    visit = next(e for e in listed if e["reports"] == 2)
    later = next(e for e in listed if e["reports"] == 1)
    guest = next(p for p in visit["participants"] if p["name"] == "Gergely Vasmarosi")
    assert guest["role_class"] == "speaker"

    _run(
        runner,
        "corrections",
        "set-event",
        str(visit["id"]),
        "--type",
        "visit",
        "--city",
        "Almaty",
        "--reason",
        "an official visit that began in Almaty",
        "--db",
        db_url,
    )
    _run(
        runner,
        "corrections",
        "set-person",
        str(guest["id"]),
        "--role-class",
        "deputy_speaker",
        "--reason",
        "he was deputy speaker then",
        "--db",
        db_url,
    )
    _run(
        runner,
        "corrections",
        "hide",
        str(later["id"]),
        "--reason",
        "a summary, not a meeting",
        "--db",
        db_url,
    )

    monkeypatch.setattr(service, "_load_extractor", lambda settings: ChangedPipeline(extractor))
    out = _run(runner, "reprocess", "--db", db_url)
    assert "reprocessed 3 articles, 0 failed" in out and "4 corrections applied" in out  # set-event: two

    records_path = tmp_path / "records.jsonl"
    _run(runner, "export", "--db", db_url, "--format", "records", "--out", str(records_path))
    records = {r["id"]: r for r in map(json.loads, records_path.read_text(encoding="utf-8").splitlines())}
    # the new pipeline's output is stored: no topics, titles in capitals, the new version
    assert all(r["topics"] == [] and r["pipeline_version"].endswith("+changed") for r in records.values())
    host = next(p for p in records["first"]["persons"] if p["name"] == "Darkhan Temirbolatov")
    assert host["title"] == host["title"].upper()
    # and the corrections are still in force, in the listing, the detail and the records
    (shown,) = _events(runner, db_url)
    assert (shown["type"], shown["location"]["city"], shown["sources"]) == (
        "visit",
        "Almaty",
        ["first", "second"],
    )
    assert shown["topics"] == []
    assert (
        next(p for p in shown["participants"] if p["name"] == "Gergely Vasmarosi")["role_class"]
        == "deputy_speaker"
    )
    detail = json.loads(_run(runner, "show", str(shown["id"]), "--db", db_url, "--json"))
    assert detail["type"] == "visit" and detail["article"]["pipeline_version"].endswith("+changed")
    assert records["first"]["events"][0]["type"] == "visit" and records["third"]["events"] == []
    corrections = json.loads(_run(runner, "corrections", "list", "--db", db_url, "--json"))["corrections"]
    assert [c["status"] for c in corrections] == ["active"] * 4
    assert {c["author"] for c in corrections} == {"analyst-2"}

    # revoking the type correction brings back what the new pipeline says; the others stay
    type_fix = next(c for c in corrections if c["field"] == "type")
    _run(runner, "corrections", "revoke", str(type_fix["id"]), "--db", db_url)
    (shown,) = _events(runner, db_url)
    assert (shown["type"], shown["location"]["city"]) == ("meeting", "Almaty")
    hidden_fix = next(c for c in corrections if c["action"] == "hide")
    _run(runner, "corrections", "revoke", str(hidden_fix["id"]), "--db", db_url)
    assert len(_events(runner, db_url)) == 2


def test_reprocess_keeps_a_correction_whose_target_is_gone_as_dangling(extractor, corpus, db_settings):
    service.ingest([corpus], settings=db_settings, extractor=extractor)
    runner = CliRunner()
    db = db_settings.database_url
    (visit,) = [e for e in _events(runner, db) if e["reports"] == 2]
    guest = next(p for p in visit["participants"] if p["name"] == "Gergely Vasmarosi")
    _run(
        runner, "corrections", "set-person", str(guest["id"]), "--country", "AUT", "--reason", "r", "--db", db
    )

    summary = service.reprocess(settings=db_settings, extractor=ChangedPipeline(extractor, drop="Vasmarosi"))
    assert summary.ok and summary.resolution is not None and len(summary.resolution.dangling) == 1
    (item,) = json.loads(_run(runner, "corrections", "list", "--db", db, "--json"))["corrections"]
    assert (item["status"], item["target_id"]) == ("dangling", None)
    assert "dangling" in _run(runner, "corrections", "list", "--db", db, "--status", "dangling")

    service.reprocess(settings=db_settings, extractor=extractor)  # the person is back: so is the correction
    (item,) = json.loads(_run(runner, "corrections", "list", "--db", db, "--json"))["corrections"]
    assert item["status"] == "active"
    (visit,) = [e for e in _events(runner, db) if e["reports"] == 2]
    assert next(p for p in visit["participants"] if p["name"] == "Gergely Vasmarosi")["country"] == "AUT"


def test_reprocess_keeps_text_hash_and_ingestion_time(extractor, corpus, db_settings):
    from sqlalchemy import select

    from parleys.store.db import open_session
    from parleys.store.models import ArticleRow, PersonRow, Run

    service.ingest([corpus], settings=db_settings, extractor=extractor)
    with open_session(db_settings) as session:
        before = {
            a.external_id: (a.text, a.content_hash, a.ingested_at)
            for a in session.scalars(select(ArticleRow))
        }
        person_ids = set(session.scalars(select(PersonRow.id)))
        titles = {p.id: p.title for p in session.scalars(select(PersonRow))}
    summary = service.reprocess(settings=db_settings, extractor=ChangedPipeline(extractor))
    assert sorted(summary.reprocessed) == ["first", "second", "third"]
    with open_session(db_settings) as session:
        after = {
            a.external_id: (a.text, a.content_hash, a.ingested_at)
            for a in session.scalars(select(ArticleRow))
        }
        assert after == before
        # the extraction rows are new (titles in capitals) but keep their ids: public ids are stable
        rows = {p.id: p.title for p in session.scalars(select(PersonRow))}
        assert set(rows) == person_ids
        assert rows == {i: t.upper() if t else None for i, t in titles.items()}
        run = session.scalars(select(Run).order_by(Run.id.desc())).first()
        assert run.pipeline_version.endswith("+changed") and run.stored == 3 and run.finished_at is not None
