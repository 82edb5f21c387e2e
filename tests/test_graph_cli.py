"""``parleys network``: the actor network written as GraphML or GEXF, with filters."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from kb_rows import build_world
from parleys.cli import app
from parleys.settings import Settings
from parleys.store.db import open_session

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def db(db_url) -> str:
    with open_session(Settings.load(config_file=None, database_url=db_url)) as session:
        build_world(session)
    return db_url


def test_cli_graph_network_writes_graphml(runner, db, tmp_path):
    out = tmp_path / "net.graphml"
    result = runner.invoke(app, ["network", "--out", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert "wrote 10 nodes and 14 edges (graphml)" in result.stdout
    root = ET.parse(out).getroot()
    assert len(root.findall(f"{GRAPHML}graph/{GRAPHML}node")) == 10


def test_cli_graph_network_filters_into_gexf(runner, db, tmp_path):
    out = tmp_path / "net.gexf"
    args = [
        "network",
        "-o",
        str(out),
        "--country",
        "Kazakhstan",
        "--since",
        "2022-01-01",
        "--until",
        "2023-12-31",
        "--min-weight",
        "2",
        "--db",
        db,
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    root = ET.parse(out).getroot()
    labels = sorted(n.get("label") for n in root.iter(f"{GEXF}node"))
    assert labels == ["Dauren Qoshanov", "Kazakhstan", "Selim Şahinoğlu", "Turkey"]
    weights = sorted(float(e.get("weight")) for e in root.iter(f"{GEXF}edge"))
    assert weights == [2.0, 2.0, 2.0, 2.0]  # in 2022-2023 Dauren has two events, Selim two


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--out", "net.txt"], 2, "Error: [E040] cannot tell the network format of"),
        (["--out", "net.graphml", "--country", "Atlantis"], 2, "Error: [E060] unknown country 'Atlantis'"),
    ],
)
def test_cli_graph_network_errors(runner, db, tmp_path, args, code, message):
    args = [a if not a.startswith("net.") else str(tmp_path / a) for a in args]
    result = runner.invoke(app, ["network", *args, "--db", db])
    assert result.exit_code == code
    assert result.stderr.startswith(message)
    assert not (tmp_path / "net.graphml").exists()
