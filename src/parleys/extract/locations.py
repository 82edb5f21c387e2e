"""Where an event took place: a place named in the lead, else the dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from parleys.extract.gazetteer import Place

DATELINE_AFTER = re.compile(r"^\s*(?:[.,:;–—\-(\[/]|\s+KAZINFORM|\s+\()")
DATELINE_WINDOW = 400


@dataclass(frozen=True, slots=True)
class Location:
    city: str | None
    country: str | None
    start: int
    end: int
    confidence: float


def surface(doc: Doc, p: Place) -> str:
    text = doc[p.start : p.end].text
    if text.isupper():
        text = "-".join(part.capitalize() for part in text.title().split("-"))
        text = " ".join(w.capitalize() if w.lower() not in ("of",) else w for w in text.split())
    return text


def dateline(doc: Doc, places: list[Place]) -> Location | None:
    """ "ASTANA. KAZINFORM", "BAKU, Azerbaijan, June 11.", "Hanoi (VNA) –", "NEW DELHI:"."""
    text = doc.text
    for p in places:
        if p.kind != "city":
            continue
        start = doc[p.start].idx
        if start > DATELINE_WINDOW:
            break
        end = doc[p.end - 1].idx + len(doc[p.end - 1].text)
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start].strip()
        # the city opens a line (or follows a printed timestamp on that line)
        if before and not re.fullmatch(r"[\d:,.\s|+()/A-Za-z-]*\d[\d:,.\s|+()/A-Za-z-]*", before):
            continue
        if DATELINE_AFTER.match(text[end : end + 12]):
            return Location(surface(doc, p), p.country, start, end, 0.8)
    return None


def place_in(
    doc: Doc, sent: Span, places: list[Place], *, kinds=("city",), prepositions=("in", "at")
) -> Location | None:
    """A place of ``kinds`` introduced by a preposition inside ``sent``."""
    for p in places:
        if p.start < sent.start or p.end > sent.end or p.kind not in kinds:
            continue
        j = p.start - 1
        if j >= sent.start and doc[j].lower_ == "the":
            j -= 1
        if j >= sent.start and doc[j].lower_ in prepositions:
            span = doc[p.start : p.end]
            city = surface(doc, p) if p.kind == "city" else None
            return Location(city, p.country, span.start_char, span.end_char, 0.85)
    return None
