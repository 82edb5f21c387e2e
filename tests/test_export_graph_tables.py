"""Knowledge-base exports: events, participants and persons as CSV and Parquet with a schema
version, and the network as GraphML and GEXF; read back from the files."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import date

import pyarrow.parquet as pq
import pytest

from kb_rows import build_world
from parleys.errors import ExportError
from parleys.export import (
    EVENT_COLUMNS,
    EXPORT_SCHEMA_VERSION,
    FORMATS,
    PARTICIPANT_COLUMNS,
    PERSON_COLUMNS,
    export,
)
from sample_records import save_samples


@pytest.fixture()
def world(db_session):
    return db_session, build_world(db_session)


def _csv(path) -> tuple[list[str], list[dict[str, str]]]:
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    return rows[0], [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def _names(columns) -> list[str]:
    return [name for name, _kind in columns]


def test_export_graph_formats_keep_the_old_ones():
    assert FORMATS[:3] == ("records", "jsonl", "csv")
    assert set(FORMATS[3:]) == {
        "events-csv",
        "events-parquet",
        "participants-csv",
        "participants-parquet",
        "persons-csv",
        "persons-parquet",
        "dyads-csv",
        "dyads-parquet",
        "graphml",
        "gexf",
    }


def test_export_graph_events_csv(world, tmp_path):
    session, ids = world
    out = tmp_path / "events.csv"
    assert export(session, fmt="events-csv", out=out) == 5  # e5 is hidden
    header, rows = _csv(out)
    assert header == _names(EVENT_COLUMNS) and header[0] == "schema_version"
    assert [int(r["event_id"]) for r in rows] == [ids["e4"], ids["e3"], ids["e2"], ids["e1"], ids["e6"]]
    assert {r["schema_version"] for r in rows} == {str(EXPORT_SCHEMA_VERSION)}
    e1 = rows[3]
    assert (e1["date"], e1["type"], e1["city"], e1["location_country"], e1["countries"]) == (
        "2022-03-10",
        "meeting",
        "Astana",
        "KAZ",
        "KAZ;TUR",
    )
    assert e1["participant_names"] == "Dauren Qoshanov;Selim Şahinoğlu"
    assert e1["participant_ids"] == f"{ids['Dauren']};{ids['Selim']}"
    assert (e1["topics"], e1["reports"], e1["corrected"]) == (
        "interparliamentary;trade_economy;energy",
        "2",
        "false",
    )
    assert e1["sources"].count(";") == 1
    assert rows[0]["corrected"] == "true" and rows[4]["date"] == "" and rows[4]["countries"] == "KAZ"


def test_export_graph_events_parquet(world, tmp_path):
    session, ids = world
    out = tmp_path / "events.parquet"
    assert export(session, fmt="events-parquet", out=out) == 5
    table = pq.read_table(out)
    assert table.column_names == _names(EVENT_COLUMNS)
    metadata = pq.read_schema(out).metadata
    assert metadata[b"parleys.schema_version"] == str(EXPORT_SCHEMA_VERSION).encode()
    assert metadata[b"parleys.table"] == b"events"
    rows = table.to_pylist()
    assert {r["schema_version"] for r in rows} == {EXPORT_SCHEMA_VERSION}
    e1 = next(r for r in rows if r["event_id"] == ids["e1"])
    assert e1["date"] == date(2022, 3, 10) and e1["countries"] == ["KAZ", "TUR"]
    assert e1["participant_ids"] == [ids["Dauren"], ids["Selim"]] and e1["reports"] == 2
    assert e1["topics"] == ["interparliamentary", "trade_economy", "energy"] and e1["corrected"] is False
    undated = next(r for r in rows if r["event_id"] == ids["e6"])
    assert undated["date"] is None and undated["city"] is None


def test_export_graph_participants_csv_and_parquet_agree(world, tmp_path):
    session, ids = world
    assert export(session, fmt="participants-csv", out=tmp_path / "p.csv") == 10
    assert export(session, fmt="participants-parquet", out=tmp_path / "p.parquet") == 10
    header, rows = _csv(tmp_path / "p.csv")
    assert header == _names(PARTICIPANT_COLUMNS)
    visit = [r for r in rows if int(r["event_id"]) == ids["e2"]]
    assert [(r["name"], r["role_class"], r["country"], r["type"], r["date"]) for r in visit] == [
        ("Dauren Qoshanov", "speaker", "KAZ", "visit", "2023-06-01"),  # in the order of the report
        ("Selim Şahinoğlu", "speaker", "TUR", "visit", "2023-06-01"),
        ("Aidar Nurlanov", "ambassador", "KAZ", "visit", "2023-06-01"),
    ]
    assert visit[0]["title"] == "Chairman of the Senate" and visit[0]["institution"] == "Senate"
    assert visit[0]["person_key"] == "p:kb:dauren qoshanov"
    parquet = pq.read_table(tmp_path / "p.parquet").to_pylist()
    assert [(r["event_id"], r["person_id"]) for r in parquet] == [
        (int(r["event_id"]), int(r["person_id"])) for r in rows
    ]
    assert pq.read_schema(tmp_path / "p.parquet").metadata[b"parleys.table"] == b"participants"
    assert not any(int(r["event_id"]) == ids["e5"] for r in rows)


def test_export_graph_persons_csv_and_parquet(world, tmp_path):
    session, ids = world
    assert export(session, fmt="persons-csv", out=tmp_path / "persons.csv") == 6
    header, rows = _csv(tmp_path / "persons.csv")
    assert header == _names(PERSON_COLUMNS)
    assert [int(r["person_id"]) for r in rows] == sorted(
        ids[n] for n in ("Dauren", "Selim", "Aidar", "Levan", "Timur", "Aliya")
    )
    dauren = rows[0]
    wanted = (
        "name",
        "role_class",
        "country",
        "first_seen",
        "last_seen",
        "articles",
        "events",
        "offices",
        "corrected",
    )
    assert tuple(dauren[k] for k in wanted) == (
        "Dauren Qoshanov",
        "speaker",
        "KAZ",
        "2019-04-02",
        "2024-02-05",
        "5",
        "3",
        "2",
        "false",
    )
    assert export(session, fmt="persons-parquet", out=tmp_path / "persons.parquet") == 6
    table = pq.read_table(tmp_path / "persons.parquet")
    assert table.column_names == header
    first = table.to_pylist()[0]
    assert (first["first_seen"], first["events"], first["schema_version"]) == (
        date(2019, 4, 2),
        3,
        EXPORT_SCHEMA_VERSION,
    )
    aliya = next(r for r in table.to_pylist() if r["name"] == "Aliya Sarsenova")
    assert aliya["corrected"] is True and aliya["first_seen"] is None


def test_export_graph_tables_of_an_empty_knowledge_base_have_headers(db_session, tmp_path):
    save_samples(db_session)  # articles only: nothing resolved yet
    assert export(db_session, fmt="events-csv", out=tmp_path / "e.csv") == 0
    assert (tmp_path / "e.csv").read_text(encoding="utf-8") == ",".join(_names(EVENT_COLUMNS)) + "\n"
    assert export(db_session, fmt="persons-parquet", out=tmp_path / "p.parquet") == 0
    table = pq.read_table(tmp_path / "p.parquet")
    assert table.num_rows == 0 and table.column_names == _names(PERSON_COLUMNS)


def test_export_graph_network_files(world, tmp_path):
    session, _ids = world
    assert export(session, fmt="graphml", out=tmp_path / "net.graphml") == 10 + 14
    root = ET.parse(tmp_path / "net.graphml").getroot()
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    assert len(root.findall(f"{ns}graph/{ns}node")) == 10 and len(root.findall(f"{ns}graph/{ns}edge")) == 14
    stream = io.StringIO()
    assert export(session, fmt="gexf", out=stream) == 24
    gexf = ET.fromstring(stream.getvalue().encode("utf-8"))
    assert len(list(gexf.iter("{http://www.gexf.net/1.2draft}edge"))) == 14


def test_export_graph_parquet_to_a_binary_stream_not_a_text_one(world):
    session, _ids = world
    buffer = io.BytesIO()
    assert export(session, fmt="events-parquet", out=buffer) == 5
    assert pq.read_table(io.BytesIO(buffer.getvalue())).num_rows == 5
    with pytest.raises(ExportError, match="events-parquet is binary") as info:
        export(session, fmt="events-parquet", out=io.StringIO())
    assert info.value.code == "E040"


@pytest.mark.parametrize("fmt", ["events-csv", "persons-parquet", "graphml"])
def test_export_graph_unwritable_path_raises(world, tmp_path, fmt):
    session, _ids = world
    with pytest.raises(ExportError, match="cannot write"):
        export(session, fmt=fmt, out=tmp_path / "no" / "such" / "file")


def test_export_graph_cli_writes_the_new_formats(db_url, tmp_path):
    from typer.testing import CliRunner

    from parleys.cli import app
    from parleys.settings import Settings
    from parleys.store.db import open_session

    with open_session(Settings.load(config_file=None, database_url=db_url)) as session:
        build_world(session)
    runner = CliRunner()
    out = tmp_path / "participants.parquet"
    args = ["export", "--format", "participants-parquet", "--out", str(out), "--db", db_url]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert pq.read_table(out).num_rows == 10
    out = tmp_path / "persons.csv"
    assert runner.invoke(app, ["export", "-f", "persons-csv", "-o", str(out), "--db", db_url]).exit_code == 0
    assert len(_csv(out)[1]) == 6
