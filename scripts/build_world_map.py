"""Build the overview's world map from world-atlas' Natural Earth 110m TopoJSON.

    npm pack world-atlas && tar xzf world-atlas-*.tgz
    .venv/bin/python scripts/build_world_map.py package/countries-110m.json

Writes ``src/parleys/api/static/world-110m.json``: one SVG path per country (equirectangular,
960 x 480, one decimal), keyed by ISO alpha-3 as the one country normaliser reads the atlas'
English names. Natural Earth is public domain; world-atlas is ISC (see static/vendor/NOTICE).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from parleys.errors import QueryError
from parleys.normalize.countries import country_code

OUT = Path(__file__).resolve().parents[1] / "src/parleys/api/static/world-110m.json"
WIDTH, HEIGHT = 960, 480
# the atlas' short names the normaliser does not know
NAMES = {
    "Dem. Rep. Congo": "COD",
    "Central African Rep.": "CAF",
    "S. Sudan": "SSD",
    "Eq. Guinea": "GNQ",
    "Bosnia and Herz.": "BIH",
    "Dominican Rep.": "DOM",
    "Solomon Is.": "SLB",
    "Falkland Is.": "FLK",
    "Fr. S. Antarctic Lands": "ATF",
    "W. Sahara": "ESH",
    "N. Cyprus": "CYN",
    "Somaliland": "SOM",
    "eSwatini": "SWZ",
    "Kosovo": "XKX",
    "Timor-Leste": "TLS",
    "Côte d'Ivoire": "CIV",
}


def _arcs(topology: dict) -> list[list[tuple[float, float]]]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    out = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            lon, lat = x * sx + tx, y * sy + ty
            points.append((round((lon + 180) / 360 * WIDTH, 1), round((90 - lat) / 180 * HEIGHT, 1)))
        out.append(points)
    return out


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> str:
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points += arc[1:] if points else arc
    return "M" + "L".join(f"{x:g},{y:g}" for x, y in points) + "Z"


def main(path: str) -> int:
    topology = json.loads(Path(path).read_text(encoding="utf-8"))
    arcs = _arcs(topology)
    shapes: dict[str, str] = {}
    unknown = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        try:
            code = NAMES.get(name) or country_code(name)
        except QueryError:
            unknown.append(name)
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry.get("arcs", [])]
        d = "".join(_ring(arcs, ring) for polygon in polygons for ring in polygon)
        shapes[code] = shapes.get(code, "") + d
    OUT.write_text(
        json.dumps({"width": WIDTH, "height": HEIGHT, "countries": shapes}, separators=(",", ":")),
        encoding="utf-8",
    )
    print(f"{len(shapes)} countries written to {OUT}; not known: {unknown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
