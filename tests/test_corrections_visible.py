"""Every kind of correction, made through the CLI, shows in ``events``, ``show``, every export and the API."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from parleys.api import create_app
from parleys.cli import app
from parleys.resolve import resolve_all
from parleys.settings import Settings
from parleys.store.db import open_session
from resolve_samples import E, P, report, store

D = date(2024, 4, 15)
HOST = P("Bakytzhan Ormanov", "speaker", "KAZ", "Chairman of the Mazhilis")
GUEST = P("Istvan Kelemvari", "speaker", "HUN", "Speaker of the National Assembly")
OTHER = P("Gocha Beridzeli", "mp", "GEO", "member of the Parliament of Georgia")
OTHER2 = P("Goga Beridzeli", "mp", "GEO", "member of the Parliament of Georgia")


@pytest.fixture()
def db(db_url) -> str:
    settings = Settings.load(config_file=None, database_url=db_url)
    with open_session(settings) as session:
        store(
            session,
            report("a1", D, [HOST, GUEST], [E("meeting", D, [0, 1], city="Astana", country="KAZ")]),
            report("a2", D + timedelta(days=1), [GUEST, HOST], [E("meeting", D, [0, 1])]),
            report("a3", D + timedelta(days=5), [HOST, OTHER], [E("meeting", D + timedelta(days=5), [0, 1])]),
            report("a4", D + timedelta(days=9), [OTHER2], [E("message", D + timedelta(days=9), [0])]),
        )
        resolve_all(session)
        session.commit()
    return db_url


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(app, list(args), env={"COLUMNS": "250", "PARLEYS_AUTHOR": "analyst-1"})
    assert result.exit_code == 0, result.output
    return result.stdout


def _events(runner, db) -> list[dict]:
    return json.loads(_ok(runner, "events", "--db", db, "--json"))["events"]


def _event(runner, db, article: str) -> dict:
    return next(e for e in _events(runner, db) if e["article"] == article or article in e["sources"])


def _exports(runner, db, tmp_path) -> tuple[list[dict], list[dict], list[dict]]:
    out = {}
    for fmt in ("records", "jsonl", "csv"):
        path = tmp_path / f"out.{fmt}"
        _ok(runner, "export", "--db", db, "--format", fmt, "--out", str(path))
        out[fmt] = path.read_text(encoding="utf-8")
    records = [json.loads(line) for line in out["records"].splitlines()]
    jsonl = [json.loads(line) for line in out["jsonl"].splitlines()]
    rows = list(csv.DictReader(io.StringIO(out["csv"])))
    return records, jsonl, rows


def _api(db) -> TestClient:
    settings = Settings.load(config_file=None, database_url=db, trusted_hosts="testserver")
    return TestClient(create_app(settings))


def _person_id(event: dict, name: str) -> str:
    return str(next(p["id"] for p in event["participants"] if p["name"] == name))


def test_corrections_set_person_values_show_everywhere(runner, db, tmp_path):
    meeting = _event(runner, db, "a1")
    guest = _person_id(meeting, "Istvan Kelemvari")
    out = _ok(
        runner,
        "corrections",
        "set-person",
        guest,
        "--role-class",
        "deputy_speaker",
        "--country",
        "Austria",
        "--title",
        "Deputy Speaker of the National Council",
        "--reason",
        "misread office",
        "--db",
        db,
    )
    assert "set role_class" in out and "by analyst-1" in out
    meeting = _event(runner, db, "a1")
    assert {
        "id": int(guest),
        "name": "Istvan Kelemvari",
        "role_class": "deputy_speaker",
        "country": "AUT",
    } in meeting["participants"]
    assert meeting["countries"] == ["AUT", "KAZ"] and meeting["corrected"] is False
    shown = json.loads(_ok(runner, "show", str(meeting["id"]), "--db", db, "--json"))
    person = next(p for p in shown["participants"] if p["name"] == "Istvan Kelemvari")
    assert (person["role_class"], person["country"], person["title"]) == (
        "deputy_speaker",
        "AUT",
        "Deputy Speaker of the National Council",
    )
    assert sorted(person["corrected_fields"]) == ["country", "role_class", "title"]
    table = _ok(runner, "show", str(meeting["id"]), "--db", db)
    assert any(
        "role_class" in line and "deputy_speaker" in line and "corrected" in line
        for line in table.splitlines()
    )
    records, jsonl, rows = _exports(runner, db, tmp_path)
    for rec in records[:2]:  # both reports name him
        (p,) = [p for p in rec["persons"] if p["name"] == "Istvan Kelemvari"]
        assert (p["role_class"], p["country"]) == ("deputy_speaker", "AUT")
        assert rec["events"][0]["countries"] == ["AUT", "KAZ"]
    assert any(p["country"] == "AUT" for e in jsonl for p in e["participants"])
    assert [r["participant_role"] for r in rows if r["participant_name"] == "Istvan Kelemvari"] == [
        "deputy_speaker"
    ]
    with _api(db) as client:
        api = client.get("/api/events", params={"partner": "AUT"}).json()
        assert [e["id"] for e in api["events"]] == [meeting["id"]]
        detail = client.get(f"/api/events/{meeting['id']}").json()
        assert any(p["country"] == "AUT" for p in detail["participants"])


def test_corrections_set_event_values_show_everywhere(runner, db, tmp_path):
    meeting = _event(runner, db, "a1")
    _ok(
        runner,
        "corrections",
        "set-event",
        str(meeting["id"]),
        "--type",
        "visit",
        "--date",
        "2024-04-14",
        "--city",
        "Almaty",
        "--reason",
        "an official visit, reported a day late",
        "--db",
        db,
    )
    after = _event(runner, db, "a1")
    assert (after["type"], after["date"], after["location"]) == (
        "visit",
        "2024-04-14",
        {"city": "Almaty", "country": "KAZ"},
    )
    assert after["corrected"] is True and after["reports"] == 2
    shown = json.loads(_ok(runner, "show", str(after["id"]), "--db", db, "--json"))
    assert shown["type"] == "visit" and "type" not in shown["evidence"]
    assert sorted(shown["corrected_fields"]) == ["city", "date", "type"]
    assert [c["reason"] for c in shown["corrections"]] == ["an official visit, reported a day late"] * 3
    assert "analyst-1: an official visit" in _ok(runner, "show", str(after["id"]), "--db", db)
    records, jsonl, rows = _exports(runner, db, tmp_path)
    for rec in records[:2]:
        assert (rec["events"][0]["type"], rec["events"][0]["date"]) == ("visit", "2024-04-14")
        assert rec["events"][0]["location"]["city"] == "Almaty"
    assert [e["type"] for e in jsonl if e["id"] == after["id"]] == ["visit"]
    assert {r["type"] for r in rows if r["event_id"] == str(after["id"])} == {"visit"}
    with _api(db) as client:
        assert [e["id"] for e in client.get("/api/events", params={"type": "visit"}).json()["events"]] == [
            after["id"]
        ]
        assert client.get(f"/api/events/{after['id']}").json()["location"]["city"] == "Almaty"


def test_corrections_hide_and_unhide_an_event(runner, db, tmp_path):
    later = _event(runner, db, "a3")
    _ok(runner, "corrections", "hide", str(later["id"]), "--reason", "not a real meeting", "--db", db)
    assert all("a3" not in e["sources"] for e in _events(runner, db))
    records, jsonl, rows = _exports(runner, db, tmp_path)
    assert next(r for r in records if r["id"] == "a3")["events"] == []
    assert all(e["id"] != later["id"] for e in jsonl) and all(r["article"] != "a3" for r in rows)
    with _api(db) as client:
        assert all(e["id"] != later["id"] for e in client.get("/api/events").json()["events"])
        assert client.get(f"/api/events/{later['id']}").json()["hidden"] is True  # still shown by id
    _ok(runner, "corrections", "unhide", str(later["id"]), "--reason", "it was real after all", "--db", db)
    assert any("a3" in e["sources"] for e in _events(runner, db))


def test_corrections_add_and_remove_participants(runner, db, tmp_path):
    meeting, later, message = _event(runner, db, "a1"), _event(runner, db, "a3"), _event(runner, db, "a4")
    other = _person_id(later, "Gocha Beridzeli")
    guest = _person_id(meeting, "Istvan Kelemvari")
    _ok(
        runner,
        "corrections",
        "add-participant",
        str(meeting["id"]),
        other,
        "--reason",
        "attended",
        "--db",
        db,
    )
    _ok(
        runner,
        "corrections",
        "remove-participant",
        str(meeting["id"]),
        guest,
        "--reason",
        "absent",
        "--db",
        db,
    )
    after = _event(runner, db, "a1")
    assert [p["name"] for p in after["participants"]] == ["Bakytzhan Ormanov", "Gocha Beridzeli"]
    assert after["countries"] == ["GEO", "KAZ"]
    shown = json.loads(_ok(runner, "show", str(after["id"]), "--db", db, "--json"))
    assert [p["name"] for p in shown["participants"]] == ["Bakytzhan Ormanov", "Gocha Beridzeli"]
    assert shown["corrected_fields"] == ["participants"]
    records, jsonl, rows = _exports(runner, db, tmp_path)
    a1 = next(r for r in records if r["id"] == "a1")
    assert [p["name"] for p in a1["events"][0]["participants"]] == ["Bakytzhan Ormanov", "Gocha Beridzeli"]
    assert a1["events"][0]["countries"] == ["GEO", "KAZ"]
    assert [p["name"] for e in jsonl if e["id"] == after["id"] for p in e["participants"]] == [
        "Bakytzhan Ormanov",
        "Gocha Beridzeli",
    ]
    assert sorted(r["participant_name"] for r in rows if r["event_id"] == str(after["id"])) == [
        "Bakytzhan Ormanov",
        "Gocha Beridzeli",
    ]
    with _api(db) as client:
        found = client.get("/api/events", params={"person": "beridzeli"}).json()["events"]
        assert sorted(e["id"] for e in found) == sorted([after["id"], later["id"], message["id"]])
        assert client.get("/api/events", params={"person": "kelemvari"}).json()["total"] == 0


def test_corrections_merge_and_split_persons(runner, db, tmp_path):
    message = _event(runner, db, "a4")
    later = _event(runner, db, "a3")
    gocha, goga = _person_id(later, "Gocha Beridzeli"), _person_id(message, "Goga Beridzeli")
    assert gocha != goga
    _ok(runner, "corrections", "merge", gocha, goga, "--reason", "one man, a nickname", "--db", db)
    assert _person_id(_event(runner, db, "a4"), "Gocha Beridzeli") == _person_id(
        _event(runner, db, "a3"), "Gocha Beridzeli"
    )
    host_before = _person_id(later, "Bakytzhan Ormanov")
    assert host_before == _person_id(_event(runner, db, "a1"), "Bakytzhan Ormanov")
    _ok(runner, "corrections", "split", host_before, "--article", "a3", "--reason", "a namesake", "--db", db)
    host_a1 = _person_id(_event(runner, db, "a1"), "Bakytzhan Ormanov")
    host_a3 = _person_id(_event(runner, db, "a3"), "Bakytzhan Ormanov")
    assert host_a1 != host_a3
    with _api(db) as client:
        ids = {
            p["id"]
            for e in client.get("/api/events", params={"person": "ormanov"}).json()["events"]
            for p in e["participants"]
            if p["name"] == "Bakytzhan Ormanov"
        }
        assert ids == {int(host_a1), int(host_a3)}
    listed = json.loads(_ok(runner, "corrections", "list", "--db", db, "--json"))["corrections"]
    assert [(c["action"], c["status"], c["author"]) for c in listed] == [
        ("merge", "active", "analyst-1"),
        ("split", "active", "analyst-1"),
    ]
    assert listed[1]["field"] == "article" and listed[1]["reason"] == "a namesake"


def test_corrections_revoke_restores_machine_output(runner, db):
    meeting = _event(runner, db, "a1")
    _ok(runner, "corrections", "set-event", str(meeting["id"]), "--type", "call", "--reason", "r", "--db", db)
    assert _event(runner, db, "a1")["type"] == "call"
    (made,) = json.loads(_ok(runner, "corrections", "list", "--db", db, "--json"))["corrections"]
    _ok(runner, "corrections", "revoke", str(made["id"]), "--db", db)
    assert _event(runner, db, "a1")["type"] == "meeting" and _event(runner, db, "a1")["corrected"] is False
    (listed,) = json.loads(_ok(runner, "corrections", "list", "--db", db, "--json"))["corrections"]
    assert listed["status"] == "revoked" and listed["revoked_at"]
