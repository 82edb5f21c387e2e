"""The actor network: who took part in events with whom, as a weighted graph, and its files.

Nodes are person entities (``person-<id>``) and countries (``country-<CODE>``). Edges, all
undirected, come from the visible events (clusters) that :func:`parleys.clusters.list_clusters`
reads:

- ``co_participation`` person–person: weight = the events both took part in;
- ``represents`` person–country: the person's country, weight = the person's events;
- ``together`` country–country: weight = the events in which both countries took part.

:func:`build_network` takes the filters; :func:`render` writes GraphML or GEXF with the standard
library (no networkx needed to write; networkx, Gephi and yEd read the files).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from parleys import __version__
from parleys.clusters import list_clusters
from parleys.normalize.countries import country_name
from parleys.errors import ExportError, QueryError

NETWORK_FORMATS = ("json", "graphml", "gexf")
FILE_FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json"}
MEDIA_TYPES = {
    "json": "application/json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
}
EDGE_KINDS = ("co_participation", "represents", "together")

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://www.gexf.net/1.2draft"
# (name, GraphML type, GEXF type) of the attributes, in file order
NODE_ATTRIBUTES = (
    ("label", "string", "string"),
    ("kind", "string", "string"),
    ("country", "string", "string"),
    ("role_class", "string", "string"),
    ("events", "int", "integer"),
)
EDGE_ATTRIBUTES = (("kind", "string", "string"), ("weight", "double", "double"))


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    label: str
    kind: str  # person | country
    country: str | None
    role_class: str | None  # persons only
    events: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "kind": self.kind,
            "country": self.country,
            "role_class": self.role_class,
            "events": self.events,
        }


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str  # one of EDGE_KINDS
    weight: int

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "kind": self.kind, "weight": self.weight}


@dataclass(frozen=True, slots=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]

    def to_json(self) -> dict[str, Any]:
        return {"nodes": [n.to_json() for n in self.nodes], "edges": [e.to_json() for e in self.edges]}


def person_node_id(entity_id: int) -> str:
    return f"person-{entity_id}"


def country_node_id(code: str) -> str:
    return f"country-{code}"


def build_network(
    session: Session,
    *,
    country: str | None = None,
    since: date | None = None,
    until: date | None = None,
    min_weight: int = 1,
) -> Network:
    """The network of the visible events within the dates (in which ``country``, a code or a
    name, took part, if given). Person–person and country–country edges lighter than
    ``min_weight`` are left out; above 1, so are persons left without a person–person edge and
    countries left without any edge."""
    if min_weight < 1:
        raise QueryError("min_weight must be 1 or more")
    events = list_clusters(session, since=since, until=until, country=country)
    persons: dict[int, Any] = {}
    person_events: Counter[int] = Counter()
    country_events: Counter[str] = Counter()
    pairs: Counter[tuple[int, int]] = Counter()
    country_pairs: Counter[tuple[str, str]] = Counter()
    for ev in events:
        ids = sorted({p.id for p in ev.participants})
        for p in ev.participants:
            persons[p.id] = p
        person_events.update(ids)
        country_events.update(ev.countries)
        pairs.update(combinations(ids, 2))
        country_pairs.update(combinations(ev.countries, 2))  # sorted and unique already

    links = [
        Edge(person_node_id(a), person_node_id(b), "co_participation", n)
        for (a, b), n in sorted(pairs.items())
        if n >= min_weight
    ]
    together = [
        Edge(country_node_id(a), country_node_id(b), "together", n)
        for (a, b), n in sorted(country_pairs.items())
        if n >= min_weight
    ]
    kept = set(persons)
    if min_weight > 1:
        kept = {int(node.removeprefix("person-")) for e in links for node in (e.source, e.target)}
    represents = [
        Edge(person_node_id(i), country_node_id(persons[i].country), "represents", person_events[i])
        for i in sorted(kept)
        if persons[i].country
    ]
    # a person's country may be missing from the countries of their events (corrections apply to each)
    countries = {e.target.removeprefix("country-") for e in represents}
    if min_weight > 1:
        countries |= {node.removeprefix("country-") for e in together for node in (e.source, e.target)}
    else:
        countries |= set(country_events)
    nodes = [
        Node(country_node_id(c), country_name(c) or c, "country", c, None, country_events[c])
        for c in sorted(countries)
    ]
    nodes += [
        Node(
            person_node_id(i),
            persons[i].name,
            "person",
            persons[i].country,
            persons[i].role_class,
            person_events[i],
        )
        for i in sorted(kept)
    ]
    return Network(nodes, [*links, *represents, *together])


# --- files ---------------------------------------------------------------------------------------


def _values(item: Node | Edge, names: tuple[tuple[str, str, str], ...]) -> list[tuple[str, str]]:
    """(attribute, text) for the attributes that have a value."""
    found = []
    for name, _graphml, _gexf in names:
        value = getattr(item, name)
        if value is not None and value != "":
            found.append((name, str(value)))
    return found


def _bytes(root: ET.Element) -> bytes:
    """The document; its elements are unqualified, in the default namespace the root declares."""
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def to_graphml(network: Network) -> bytes:
    """GraphML 1.0: node attributes label, kind, country, role_class, events; edge attributes
    kind and weight, each declared by a ``<key>``; undirected."""
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS})
    for scope, names in (("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)):
        for name, kind, _gexf in names:
            ET.SubElement(
                root, "key", {"id": f"{scope}_{name}", "for": scope, "attr.name": name, "attr.type": kind}
            )
    graph = ET.SubElement(root, "graph", {"id": "parleys", "edgedefault": "undirected"})
    for node in network.nodes:
        element = ET.SubElement(graph, "node", {"id": node.id})
        for name, text in _values(node, NODE_ATTRIBUTES):
            ET.SubElement(element, "data", {"key": f"node_{name}"}).text = text
    for i, edge in enumerate(network.edges):
        element = ET.SubElement(graph, "edge", {"id": f"e{i}", "source": edge.source, "target": edge.target})
        for name, text in _values(edge, EDGE_ATTRIBUTES):
            ET.SubElement(element, "data", {"key": f"edge_{name}"}).text = text
    return _bytes(root)


def to_gexf(network: Network) -> bytes:
    """GEXF 1.2: node label as the ``label`` attribute, the other values as declared attributes;
    edge weight as the edge's ``weight``, its kind as an attribute; undirected, static."""
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "version": "1.2"})
    meta = ET.SubElement(root, "meta", {"lastmodifieddate": datetime.now(UTC).date().isoformat()})
    ET.SubElement(meta, "creator").text = f"parleys {__version__}"
    ET.SubElement(meta, "description").text = "persons and countries; edges: taking part in the same event"
    graph = ET.SubElement(root, "graph", {"mode": "static", "defaultedgetype": "undirected"})
    for scope, names in (("node", NODE_ATTRIBUTES[1:]), ("edge", EDGE_ATTRIBUTES[:1])):
        declared = ET.SubElement(graph, "attributes", {"class": scope, "mode": "static"})
        for name, _graphml, kind in names:
            ET.SubElement(declared, "attribute", {"id": name, "title": name, "type": kind})
    nodes = ET.SubElement(graph, "nodes")
    for node in network.nodes:
        element = ET.SubElement(nodes, "node", {"id": node.id, "label": node.label})
        values = ET.SubElement(element, "attvalues")
        for name, text in _values(node, NODE_ATTRIBUTES[1:]):
            ET.SubElement(values, "attvalue", {"for": name, "value": text})
    edges = ET.SubElement(graph, "edges")
    for i, edge in enumerate(network.edges):
        element = ET.SubElement(
            edges,
            "edge",
            {"id": f"e{i}", "source": edge.source, "target": edge.target, "weight": str(edge.weight)},
        )
        values = ET.SubElement(element, "attvalues")
        ET.SubElement(values, "attvalue", {"for": "kind", "value": edge.kind})
    return _bytes(root)


def network_format(value: str) -> str:
    """``json``, ``graphml`` or ``gexf`` (any case); :class:`QueryError` (E060) for anything else."""
    fmt = value.strip().lower()
    if fmt not in NETWORK_FORMATS:
        raise QueryError(f"unknown network format {value!r}: one of {', '.join(NETWORK_FORMATS)}")
    return fmt


def render(network: Network, fmt: str) -> bytes:
    """The network as ``json``, ``graphml`` or ``gexf``, UTF-8."""
    fmt = network_format(fmt)
    if fmt == "graphml":
        return to_graphml(network)
    if fmt == "gexf":
        return to_gexf(network)
    return (json.dumps(network.to_json(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def format_of(path: Path | str) -> str:
    """The network format a file name asks for by its suffix; :class:`ExportError` (E040) otherwise."""
    fmt = FILE_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise ExportError(
            f"cannot tell the network format of {str(path)!r}: "
            f"name it {' or '.join(f'*{s}' for s in FILE_FORMATS)}"
        )
    return fmt


def write_network(network: Network, out: Path | str, *, fmt: str | None = None) -> None:
    """Write the network to ``out`` in ``fmt`` (by default, the format its suffix names)."""
    path = Path(out)
    data = render(network, fmt or format_of(path))
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}") from exc
