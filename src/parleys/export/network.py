"""The actor network as files: GraphML, GEXF or JSON, written with the standard library (no
networkx needed to write; networkx, Gephi and yEd read the files). The network itself is built by
:func:`parleys.kb.network.build_network`.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

from parleys import __version__
from parleys.errors import ExportError, QueryError
from parleys.export.output import STDOUT, Target, write_bytes
from parleys.kb.network import Edge, Network, Node

NETWORK_FORMATS = ("json", "graphml", "gexf")
FILE_FORMATS = {".graphml": "graphml", ".gexf": "gexf", ".json": "json"}
MEDIA_TYPES = {
    "json": "application/json",
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
}

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


def write_network(network: Network, out: Target, *, fmt: str | None = None) -> None:
    """Write the network to ``out`` (a path, a stream, or ``-`` for standard output) in ``fmt``
    (by default, the format a file name's suffix names)."""
    if fmt is None:
        if not isinstance(out, str | Path) or str(out) == STDOUT:
            raise ExportError("give the network format (graphml, gexf or json) when writing to a stream")
        fmt = format_of(out)
    write_bytes(render(network, fmt), out)
