"""The one place normaliser: a city as written to its canonical name, country and coordinates.

"Nur-Sultan", "Nur Sultan" and "NUR-SULTAN" are all Astana; "St. Petersburg" and "St Petersburg"
are Saint Petersburg (the lexicons' ``cities.json`` holds the spellings and today's names).
Coordinates come from ``data/places.json``, built from GeoNames by ``scripts/build_places.py``
(nothing is looked up at run time). A city the lexicons do not know keeps its spelling, single-
spaced, and has no coordinates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from parleys.lexicons import Lexicons, load_lexicons

PLACES_FILE = "places.json"


@dataclass(frozen=True, slots=True)
class Place:
    city: str  # canonical name ("Astana")
    country: str | None  # alpha-3 of the city (the lexicons'), else the event's country
    latitude: float | None
    longitude: float | None

    def to_json(self) -> dict[str, Any]:
        return {
            "city": self.city,
            "country": self.country,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }


@cache
def _coordinates() -> dict[str, tuple[float, float]]:
    text = resources.files("parleys.data").joinpath(PLACES_FILE).read_text(encoding="utf-8")
    return {k: (v[0], v[1]) for k, v in json.loads(text).items() if not k.startswith("_")}


def canonical_city(city: str | None, *, lexicons: Lexicons | None = None) -> str | None:
    """Today's name of a city as written ("Nur-Sultan" -> "Astana"); unknown cities as written."""
    found = place(city, lexicons=lexicons)
    return found.city if found else None


def place(city: str | None, country: str | None = None, *, lexicons: Lexicons | None = None) -> Place | None:
    """The canonical place of a city as written (``None`` without a city)."""
    if city is None or not city.strip():
        return None
    text = " ".join(city.split())
    lex = lexicons or load_lexicons()
    found = lex.city(text) or lex.city(text.title())
    if found is None:
        return Place(text, country, None, None)
    coordinates = _coordinates().get(f"{found.canonical}|{found.country}")
    return Place(found.canonical, found.country, *(coordinates or (None, None)))
