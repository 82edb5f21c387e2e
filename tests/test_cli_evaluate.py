"""``parleys evaluate`` scores system records against gold records."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from parleys.cli import app

GOLD = {
    "id": "a1",
    "published": "2024-01-10",
    "events": [
        {
            "type": "meeting",
            "date": "2024-01-10",
            "location": {"city": "Astana", "country": "KAZ"},
            "participants": [
                {"name": "Aidar Nurlanov", "role_class": "speaker", "country": "KAZ"},
                {"name": "Levan Beridze", "role_class": "ambassador", "country": "GEO"},
            ],
            "countries": ["GEO", "KAZ"],
        }
    ],
    "persons": [
        {"name": "Aidar Nurlanov", "role_class": "speaker", "country": "KAZ"},
        {"name": "Levan Beridze", "role_class": "ambassador", "country": "GEO"},
    ],
    "organizations": ["OSCE"],
    "topics": ["trade_economy", "energy"],
}


def _write(path, records) -> str:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return str(path)


def test_cli_evaluate_prints_scores(tmp_path):
    system = dict(GOLD, topics=["trade_economy"])
    gold_file, system_file = _write(tmp_path / "gold.jsonl", [GOLD]), _write(tmp_path / "sys.jsonl", [system])
    result = CliRunner().invoke(app, ["evaluate", gold_file, system_file])
    assert result.exit_code == 0, result.output
    topics = next(line for line in result.stdout.splitlines() if line.startswith("topics"))
    assert topics.split()[1:] == ["1.000", "0.500", "0.667"]


def test_cli_evaluate_json(tmp_path):
    system = dict(GOLD, persons=GOLD["persons"][:1])
    gold_file, system_file = _write(tmp_path / "gold.jsonl", [GOLD]), _write(tmp_path / "sys.jsonl", [system])
    result = CliRunner().invoke(app, ["evaluate", gold_file, system_file, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["persons"]["recall"] == 0.5 and data["persons"]["precision"] == 1.0
    assert data["topics"]["f1"] == 1.0
    assert data["articles"] == {"gold": 1, "system": 1}


def test_cli_evaluate_missing_file_exits_2(tmp_path):
    gold_file = _write(tmp_path / "gold.jsonl", [GOLD])
    result = CliRunner().invoke(app, ["evaluate", gold_file, str(tmp_path / "missing.jsonl")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: [E050]")
