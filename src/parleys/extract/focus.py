"""The countries an article is about, most named first: a weak prior for unstated countries."""

from __future__ import annotations

from spacy.tokens import Doc

from parleys.extract.gazetteer import Place
from parleys.extract.locations import dateline
from parleys.records import Evidence

RANKED = 0.4  # evidence confidence of a country guessed from how often the article names it


def ranked_countries(doc: Doc, places: list[Place]) -> list[tuple[str, Evidence]]:
    """Countries the article is about, most named first, the dateline's adding weight; where the
    article names no country at all, the countries of the cities it names.

    Officials whose country the text never states are mostly the home side of the story
    ("President Tokayev" in a Kazakh outlet), so they default to the first, with a low confidence."""
    counts: dict[str, float] = {}
    first: dict[str, Place] = {}
    for p in places:
        if p.kind in ("country", "demonym", "institution") and p.country:
            counts[p.country] = counts.get(p.country, 0.0) + 1.0
            first.setdefault(p.country, p)
    if not counts:
        # a story that never names a country still names its cities ("held in Midrand,
        # Johannesburg"): their countries are what it is about
        for p in places:
            if p.kind == "city" and p.country:
                counts[p.country] = counts.get(p.country, 0.0) + 1.0
                first.setdefault(p.country, p)
    line = dateline(doc, places)
    if line is not None and line.country:
        counts[line.country] = counts.get(line.country, 0.0) + 1.5
    out = []
    for country in sorted(counts, key=lambda c: -counts[c]):
        if country in first:
            span = doc[first[country].start : first[country].end]
            out.append((country, Evidence(span.start_char, span.end_char, span.text, RANKED)))
        elif line is not None:
            out.append((country, Evidence(line.start, line.end, doc.text[line.start : line.end], RANKED)))
    return out
