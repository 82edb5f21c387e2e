"""The actor network: nodes, weighted edges, filters, and its GraphML and GEXF files read back."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from kb_rows import KB, build_world
from parleys.errors import ExportError, QueryError
from parleys.export import network as files
from parleys.kb import network as graph

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF = "{http://www.gexf.net/1.2draft}"


@pytest.fixture()
def world(db_session):
    return db_session, build_world(db_session)


def _edges(network: graph.Network) -> dict[tuple[str, str, str], int]:
    return {(e.kind, e.source, e.target): e.weight for e in network.edges}


def _p(ids: dict[str, int], name: str) -> str:
    return graph.person_node_id(ids[name])


def test_graph_network_weights_shared_events(world):
    session, ids = world
    network = graph.build_network(session)
    nodes = {n.id: n for n in network.nodes}
    assert sorted(nodes) == sorted(
        [
            *(f"country-{c}" for c in ("GEO", "KAZ", "TUR", "UZB")),
            *(_p(ids, n) for n in ("Dauren", "Selim", "Aidar", "Levan", "Timur", "Aliya")),
        ]
    )
    dauren = nodes[_p(ids, "Dauren")]
    assert (dauren.label, dauren.kind, dauren.country, dauren.role_class, dauren.events) == (
        "Dauren Qoshanov",
        "person",
        "KAZ",
        "speaker",
        3,
    )
    kaz = nodes["country-KAZ"]
    assert (kaz.label, kaz.kind, kaz.country, kaz.role_class, kaz.events) == (
        "Kazakhstan",
        "country",
        "KAZ",
        None,
        5,
    )
    p = {n: _p(ids, n) for n in ids}
    expected = {
        # e5 (hidden) would make Dauren–Selim 3
        ("co_participation", p["Dauren"], p["Selim"]): 2,
        ("co_participation", p["Dauren"], p["Aidar"]): 1,
        ("co_participation", p["Dauren"], p["Timur"]): 1,
        ("co_participation", p["Selim"], p["Aidar"]): 1,
        ("co_participation", p["Aidar"], p["Levan"]): 1,
        ("represents", p["Dauren"], "country-KAZ"): 3,
        ("represents", p["Selim"], "country-TUR"): 2,
        ("represents", p["Aidar"], "country-KAZ"): 2,
        ("represents", p["Levan"], "country-GEO"): 1,
        ("represents", p["Timur"], "country-UZB"): 1,
        ("represents", p["Aliya"], "country-KAZ"): 1,
        ("together", "country-KAZ", "country-TUR"): 2,
        ("together", "country-GEO", "country-KAZ"): 1,
        ("together", "country-KAZ", "country-UZB"): 1,
    }
    assert _edges(network) == expected


def test_graph_network_filters_by_country_and_dates(world):
    session, ids = world
    georgia = graph.build_network(session, country="Georgia")
    assert sorted(n.id for n in georgia.nodes) == sorted(
        ["country-GEO", "country-KAZ", _p(ids, "Aidar"), _p(ids, "Levan")]
    )
    assert _edges(georgia) == {
        ("co_participation", _p(ids, "Aidar"), _p(ids, "Levan")): 1,
        ("represents", _p(ids, "Aidar"), "country-KAZ"): 1,
        ("represents", _p(ids, "Levan"), "country-GEO"): 1,
        ("together", "country-GEO", "country-KAZ"): 1,
    }
    year = graph.build_network(session, since=date(2024, 1, 1), until=date(2024, 12, 31))
    assert _edges(year) == {
        ("co_participation", _p(ids, "Dauren"), _p(ids, "Timur")): 1,
        ("represents", _p(ids, "Dauren"), "country-KAZ"): 1,
        ("represents", _p(ids, "Timur"), "country-UZB"): 1,
        ("together", "country-KAZ", "country-UZB"): 1,
    }


def test_graph_network_min_weight_drops_light_edges_and_lone_nodes(world):
    session, ids = world
    network = graph.build_network(session, min_weight=2)
    assert sorted(n.id for n in network.nodes) == sorted(
        ["country-KAZ", "country-TUR", _p(ids, "Dauren"), _p(ids, "Selim")]
    )
    assert _edges(network) == {
        ("co_participation", _p(ids, "Dauren"), _p(ids, "Selim")): 2,
        ("represents", _p(ids, "Dauren"), "country-KAZ"): 3,
        ("represents", _p(ids, "Selim"), "country-TUR"): 2,
        ("together", "country-KAZ", "country-TUR"): 2,
    }
    assert graph.build_network(session, min_weight=3).nodes == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"min_weight": 0}, "min_weight must be 1 or more"),
        ({"country": "Atlantis"}, "unknown country"),
        ({"since": date(2024, 1, 2), "until": date(2024, 1, 1)}, "the date range is empty"),
    ],
)
def test_graph_network_rejects_bad_filters(world, options, message):
    session, _ids = world
    with pytest.raises(QueryError, match=message):
        graph.build_network(session, **options)


def test_graph_network_has_a_node_for_every_country_an_edge_names(db_session):
    kb = KB(db_session)
    a = kb.person("Berik Amanov", "KAZ", "mp")
    c = kb.person("Piotr Zielinski", "POL", "mp")
    kb.event("meeting", date(2021, 5, 1), [a, c], countries=["KAZ"])  # Poland corrected away
    db_session.commit()
    network = graph.build_network(db_session)
    nodes = {n.id: n.events for n in network.nodes if n.kind == "country"}
    assert nodes == {"country-KAZ": 1, "country-POL": 0}
    assert {(e.kind, e.target) for e in network.edges if e.kind != "co_participation"} == {
        ("represents", "country-KAZ"),
        ("represents", "country-POL"),
    }
    node_ids = {n.id for n in network.nodes}
    assert all(e.source in node_ids and e.target in node_ids for e in network.edges)


def _graphml(data: bytes) -> tuple[dict, dict]:
    root = ET.fromstring(data)
    assert root.tag == f"{GRAPHML}graphml"
    keys = {
        k.get("id"): (k.get("for"), k.get("attr.name"), k.get("attr.type"))
        for k in root.iter(f"{GRAPHML}key")
    }
    (g,) = root.findall(f"{GRAPHML}graph")
    assert g.get("edgedefault") == "undirected"

    def values(element):
        return {keys[d.get("key")][1]: d.text for d in element.findall(f"{GRAPHML}data")}

    nodes = {n.get("id"): values(n) for n in g.findall(f"{GRAPHML}node")}
    edges = {(e.get("source"), e.get("target")): values(e) for e in g.findall(f"{GRAPHML}edge")}
    assert set(keys.values()) >= {
        ("node", "label", "string"),
        ("node", "kind", "string"),
        ("node", "country", "string"),
        ("node", "role_class", "string"),
        ("edge", "weight", "double"),
        ("edge", "kind", "string"),
    }
    return nodes, edges


def test_graph_graphml_reads_back_with_attributes(world):
    session, ids = world
    network = graph.build_network(session)
    nodes, edges = _graphml(files.to_graphml(network))
    assert len(nodes) == 10 and len(edges) == 14
    assert nodes[_p(ids, "Selim")] == {
        "label": "Selim Şahinoğlu",
        "kind": "person",
        "country": "TUR",
        "role_class": "speaker",
        "events": "2",
    }
    assert nodes["country-UZB"] == {"label": "Uzbekistan", "kind": "country", "country": "UZB", "events": "1"}
    assert edges[(_p(ids, "Dauren"), _p(ids, "Selim"))] == {"kind": "co_participation", "weight": "2"}
    assert edges[("country-KAZ", "country-TUR")] == {"kind": "together", "weight": "2"}
    assert sum(float(e["weight"]) for e in edges.values()) == sum(e.weight for e in network.edges) == 20


def test_graph_gexf_reads_back_with_attributes(world):
    session, ids = world
    network = graph.build_network(session)
    root = ET.fromstring(files.to_gexf(network))
    assert root.tag == f"{GEXF}gexf" and root.get("version") == "1.2"
    g = root.find(f"{GEXF}graph")
    assert g.get("defaultedgetype") == "undirected"
    declared = {(a.get("id"), a.get("type")) for a in g.iter(f"{GEXF}attribute")}
    assert declared >= {
        ("kind", "string"),
        ("country", "string"),
        ("role_class", "string"),
        ("events", "integer"),
    }
    nodes = {
        n.get("id"): (n.get("label"), {v.get("for"): v.get("value") for v in n.iter(f"{GEXF}attvalue")})
        for n in g.iter(f"{GEXF}node")
    }
    edges = {
        (e.get("source"), e.get("target")): (
            float(e.get("weight")),
            e.find(f"{GEXF}attvalues/{GEXF}attvalue").get("value"),
        )
        for e in g.iter(f"{GEXF}edge")
    }
    assert len(nodes) == 10 and len(edges) == 14
    assert nodes[_p(ids, "Dauren")] == (
        "Dauren Qoshanov",
        {"kind": "person", "country": "KAZ", "role_class": "speaker", "events": "3"},
    )
    assert edges[(_p(ids, "Dauren"), _p(ids, "Selim"))] == (2.0, "co_participation")
    assert edges[(_p(ids, "Aliya"), "country-KAZ")] == (1.0, "represents")


def test_graph_graphml_loads_in_networkx(world):
    nx = pytest.importorskip("networkx")
    session, ids = world
    network = graph.build_network(session)
    g = nx.read_graphml(io.BytesIO(files.to_graphml(network)))
    assert (g.number_of_nodes(), g.number_of_edges()) == (10, 14)
    assert g.nodes[_p(ids, "Dauren")]["label"] == "Dauren Qoshanov"
    assert g.edges[_p(ids, "Dauren"), _p(ids, "Selim")]["weight"] == 2.0
    gexf = nx.read_gexf(io.BytesIO(files.to_gexf(network)))
    assert (gexf.number_of_nodes(), gexf.number_of_edges()) == (10, 14)


def test_graph_write_network_by_suffix(world, tmp_path):
    session, _ids = world
    network = graph.build_network(session)
    files.write_network(network, tmp_path / "net.GEXF")
    assert ET.parse(tmp_path / "net.GEXF").getroot().tag == f"{GEXF}gexf"
    files.write_network(network, tmp_path / "net.json")
    data = json.loads((tmp_path / "net.json").read_text(encoding="utf-8"))
    assert len(data["nodes"]) == 10 and data["edges"][0] == network.edges[0].to_json()
    with pytest.raises(ExportError, match="cannot tell the network format") as info:
        files.write_network(network, tmp_path / "net.txt")
    assert info.value.code == "E040"
    with pytest.raises(ExportError, match="cannot write"):
        files.write_network(network, tmp_path / "missing" / "net.graphml")
    with pytest.raises(QueryError, match="unknown network format 'dot'"):
        files.render(network, "dot")


def test_graph_empty_store_gives_empty_valid_files(db_session):
    network = graph.build_network(db_session)
    assert network.nodes == [] and network.edges == []
    nodes, edges = _graphml(files.to_graphml(network))
    assert nodes == {} and edges == {}
    assert ET.fromstring(files.to_gexf(network)).find(f"{GEXF}graph/{GEXF}nodes") is not None
