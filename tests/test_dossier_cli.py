"""The commands ``person``, ``persons``, ``dossier`` and ``timeline``: tables, ``--json``, errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from kb_rows import build_world
from parleys.cli import app
from parleys.settings import Settings
from parleys.store.db import open_session

WIDE = {"COLUMNS": "220"}


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def world(db_url) -> tuple[str, dict[str, int]]:
    with open_session(Settings.load(config_file=None, database_url=db_url)) as session:
        ids = build_world(session)
    return db_url, ids


def _json(runner, *args):
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_cli_graph_person_by_name_or_id(runner, world):
    db, ids = world
    data = _json(runner, "person", "qoshanov", "--db", db)
    assert data["id"] == ids["Dauren"]
    assert [o["role_class"] for o in data["office_history"]] == ["mp", "speaker"]
    assert [e["id"] for e in data["event_list"]] == [ids["e4"], ids["e2"], ids["e1"]]
    assert _json(runner, "person", str(ids["Levan"]), "--db", db)["name"] == "Levan Beridze"
    since = _json(runner, "person", str(ids["Dauren"]), "--since", "2023-01-01", "--db", db)
    assert [e["id"] for e in since["event_list"]] == [ids["e4"], ids["e2"]]


def test_cli_graph_person_table_shows_offices_and_events(runner, world):
    db, _ids = world
    result = runner.invoke(app, ["person", "Dauren Qoshanov", "--db", db], env=WIDE)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Dauren Qoshanov" in out and "Office history" in out
    assert "Member of the Mazhilis" in out and "2019-04-02" in out and "2021-12-01" in out
    assert "partners: TUR 2, UZB 1" in out
    assert "2023-06-01" in out and "Selim Şahinoğlu (TUR)" in out and "2024-05-01" not in out  # hidden e5


@pytest.mark.parametrize(
    ("ref", "message"),
    [
        ("nurlanov sarsenova", "Error: [E031] no person matches 'nurlanov sarsenova'"),
        ("999", "Error: [E031] no person with id 999"),
        ("a", "Error: [E060] 6 persons match 'a': "),
    ],
)
def test_cli_graph_person_errors_are_one_line(runner, world, ref, message):
    db, _ids = world
    result = runner.invoke(app, ["person", ref, "--db", db])
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_cli_graph_persons_search(runner, world):
    db, _ids = world
    listing = _json(runner, "persons", "--country", "kazakhstan", "--db", db)
    assert (listing["total"], listing["limit"], listing["offset"]) == (3, 100, 0)
    found = listing["persons"]
    assert [(p["name"], p["events"]) for p in found] == [
        ("Dauren Qoshanov", 3),
        ("Aidar Nurlanov", 2),
        ("Aliya Sarsenova", 1),
    ]
    assert [p["name"] for p in _json(runner, "persons", "--role", "mp", "--db", db)["persons"]] == [
        "Dauren Qoshanov",
        "Levan Beridze",
    ]
    found = _json(runner, "persons", "--name", "RASHIDOV", "--db", db)["persons"]
    assert [p["name"] for p in found] == ["Timur Rashidov"]
    result = runner.invoke(app, ["persons", "--limit", "2", "--db", db], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Dauren Qoshanov" in result.stdout and "Levan Beridze" not in result.stdout
    assert "2 of 6 persons" in result.stdout
    bad = runner.invoke(app, ["persons", "--role", "king", "--db", db])
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: [E060] unknown role class 'king'")


def test_cli_graph_dossier(runner, world):
    db, _ids = world
    data = _json(runner, "dossier", "Kazakhstan", "--db", db)
    assert data["country"] == "KAZ" and data["events"] == 5
    assert [y["year"] for y in data["partners_by_year"]] == [2022, 2023, 2024, None]
    data = _json(
        runner, "dossier", "KAZ", "--since", "2023-01-01", "--until", "2023-12-31", "--top", "1", "--db", db
    )
    assert data["partners_by_year"] == [{"year": 2023, "events": 2, "counts": {"GEO": 1, "TUR": 1}}]
    assert [p["name"] for p in data["top_persons"]] == ["Aidar Nurlanov"]
    result = runner.invoke(app, ["dossier", "kz", "--db", db], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Kazakhstan (KAZ): 5 events" in result.stdout
    assert "GEO 1, TUR 1" in result.stdout and "undated" in result.stdout
    assert "energy 1, interparliamentary 1, trade_economy 1" in result.stdout
    bad = runner.invoke(app, ["dossier", "Atlantis", "--db", db])
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: [E060] unknown country 'Atlantis'")


def test_cli_graph_timeline(runner, world):
    db, ids = world
    data = _json(runner, "timeline", "KAZ", "Turkey", "--db", db)
    assert (data["a"], data["b"]) == ("KAZ", "TUR")
    assert [c["id"] for c in data["contacts"]] == [ids["e1"], ids["e2"]]
    result = runner.invoke(app, ["timeline", "KAZ", "TUR", "--db", db], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Contacts of KAZ and TUR" in result.stdout and "2 events" in result.stdout
    assert result.stdout.index("2022-03-10") < result.stdout.index("2023-06-01")
    bad = runner.invoke(app, ["timeline", "KAZ", "kz", "--db", db])
    assert bad.exit_code == 2 and "two different countries" in bad.stderr
