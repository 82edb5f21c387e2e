"""Where an event took place: a place named in the lead, else the dateline."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from parleys.extract.extensions import text_of
from parleys.extract.gazetteer import Place
from parleys.lexicons import load_lexicons

DATELINE_AFTER = re.compile(r"^\s*(?:[.,:;–—\-(\[/]|\s+KAZINFORM|\s+\(|\s+The\s)")
DATELINE_WINDOW = 400
AGENCY_BEFORE = re.compile(r"[A-Z][\w.&]*(?:[ /][A-Z][\w.&]*){0,2}\s*(?:,|-|–)")


@dataclass(frozen=True, slots=True)
class Location:
    city: str | None
    country: str | None
    start: int
    end: int
    confidence: float


# words that may stand between a preposition and the city it introduces: "in the capital city of
# X", "in Norway's X city", "at the State House, X"
CITY_LEAD_WORDS = frozenset({"the", "capital", "city", "of", "town", "port", "'s", "’s", "island"})
APPOSITION_SPAN = 6  # tokens of a named building or venue before ", <city>"


def surface(doc: Doc, p: Place) -> str:
    if any(t.lower_ == "capital" for t in doc[p.start : p.end]):
        return p.canonical  # "the Latvian capital": the capital the registry gives
    text = doc[p.start : p.end].text.rstrip("-–—")
    if "," in text:
        return text.split(",")[0]  # "Washington, D.C.": the city, not its district
    if text.isupper():
        text = "-".join(part.capitalize() for part in text.title().split("-"))
        text = " ".join(w.capitalize() if w.lower() not in ("of",) else w for w in text.split())
    return text


PROSE_BEFORE_CITY = frozenset({"in", "at", "to", "from", "for", "near", "of", "into"})


def dateline(doc: Doc, places: list[Place]) -> Location | None:
    """ "ASTANA. KAZINFORM", "BAKU, Azerbaijan, June 11.", "Hanoi (VNA) –", "NEW DELHI:"."""
    text = text_of(doc)
    for p in places:
        if p.kind != "city":
            continue
        start = doc[p.start].idx
        if start > DATELINE_WINDOW:
            break
        end = doc[p.end - 1].idx + len(doc[p.end - 1].text)
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start].strip()
        # the city opens a line (or follows a printed timestamp, or an agency's name: "VOINews,
        # Jakarta -", "APA-Pretoria (South Africa)")
        stamp = re.fullmatch(r"[\d:,.\s|+()/A-Za-z-]*\d[\d:,.\s|+()/A-Za-z-]*", before)
        # a sentence with a date in it that runs into the city ("to be held on 17 December in X.")
        # is prose, not a stamp or a heading ("The 47th Plenary Session, X, 13 April 2018.")
        words = before.split()
        stamp = None if words and words[-1].lower() in PROSE_BEFORE_CITY else stamp
        # glued to a caption: "... (Photo: AFP/VNA)Hanoi (VNA) –", "... Ghalibaf.Hanoi (VNA) –"
        glued = text[start - 1 : start]
        caption = glued == ")" or (glued in '.”"' and text[start - 2 : start - 1].isalpha())
        if before and not stamp and not caption and not AGENCY_BEFORE.fullmatch(before):
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
        j = _before_city(doc, sent, places, p) if p.kind == "city" else p.start - 1
        if j >= sent.start and doc[j].lower_ == "the":
            j -= 1
        if j >= sent.start and doc[j].lower_ in prepositions:
            span = doc[p.start : p.end]
            city = surface(doc, p) if p.kind == "city" else None
            return Location(city, p.country, span.start_char, span.end_char, 0.85)
    return None


def _before_city(doc: Doc, sent: Span, places: list[Place], p: Place) -> int:
    """The token before the words that lead up to a city: "in [the capital city of Latvia,] X",
    "in [Norway's] X", "at [the State House,] X" (a venue named before the city)."""
    countries = {i for q in places if q.kind in ("country", "demonym") for i in range(q.start, q.end)}
    j = p.start - 1
    if j - 1 >= sent.start and doc[j].text == "," and j - 1 in countries:
        j -= 1  # "Latvia, Riga"
    while j >= sent.start and (doc[j].lower_ in CITY_LEAD_WORDS or j in countries):
        j -= 1
    if j >= sent.start and doc[j].text == "," and j == p.start - 1:
        k = j - 1
        while k >= max(sent.start, j - APPOSITION_SPAN) and (
            doc[k].is_title or doc[k].lower_ in ("the", "of")
        ):
            k -= 1
        if k >= sent.start and doc[k].lower_ in ("at", "in") and k < j - 1:
            return k
    return j


# a dateline whose city no gazetteer lists: "SUKHUM, December 1. /TASS/.", "Male', 11 December 2023 -"
OPEN_DATELINE = re.compile(
    r"^(?P<city>[A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-]+){0,2}),\s*"
    r"(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2})\b",
    re.M,
)
NOT_A_CITY = frozenset(
    {
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "by",
        "on",
        "updated",
        "published",
        "posted",
        "date",
        "the",
        "in",
        "at",
        "from",
    }
)


def open_places(doc: Doc, places: list[Place]) -> list[Place]:
    """Cities that no gazetteer lists, from the parser's entities: a GPE that names no country,
    demonym or region ("gathered in Midrand", "in Livingstone, Zambia"), with the country that
    follows it where one does; and a city-state named by its country ("in Singapore")."""
    lex = load_lexicons()
    taken = {i for p in places for i in range(p.start, p.end)}
    countries = {p.start: p for p in places if p.kind == "country"}
    out: list[Place] = []
    for ent in doc.ents:
        if ent.label_ != "GPE" or any(i in taken for i in range(ent.start, ent.end)):
            continue
        text = ent.text.strip(" -–")
        if ent.start == 0 or doc[ent.start - 1].lower_ not in ("in", "at", ","):
            continue  # "to the Kingdom", "to Mamedova": only "in X", "at [a venue,] X" say where
        if not text[:1].isupper() or lex.country(text) or lex.demonym(text) or lex.is_region(text):
            continue
        after = ent.end + (1 if ent.end < len(doc) and doc[ent.end].text in (",", "-") else 0)
        host = countries.get(after)
        out.append(Place(ent.start, ent.end, "city", host.country if host else "", text))
    out += capital_places(doc, places)
    for tok in doc:
        # "in Doha- the State of Qatar": a listed city glued to a dash is one token the gazetteer missed
        name = tok.text.rstrip("-–—")
        if name == tok.text or tok.i in taken or tok.i == 0 or doc[tok.i - 1].lower_ not in ("in", "at"):
            continue
        city = lex.city(name) if name[:1].isupper() else None
        if city is not None:
            out.append(Place(tok.i, tok.i + 1, "city", city.country, city.name))
    for p in places:
        # "in Singapore"; "in the Vatican", where the demonym stands as a noun
        as_noun = p.kind == "demonym" and (p.end >= len(doc) or doc[p.end].pos_ not in ("NOUN", "PROPN"))
        entry = lex.countries.get(p.country) if p.kind == "country" or as_noun else None
        if entry is not None and entry.capital and entry.capital == entry.name:
            out.append(Place(p.start, p.end, "city", p.country, entry.capital))
    return sorted(out, key=lambda p: p.start)


def capital_places(doc: Doc, places: list[Place]) -> list[Place]:
    """ "the Latvian capital", "the capital of Latvia": the capital that the country registry
    gives, where the text names no city of its own right after it ("the capital of X, Y")."""
    lex = load_lexicons()
    out: list[Place] = []
    for p in places:
        if p.kind not in ("country", "demonym"):
            continue
        entry = lex.countries.get(p.country)
        if entry is None or not entry.capital:
            continue
        if p.kind == "demonym" and p.end < len(doc) and doc[p.end].lower_ == "capital":
            start, end = p.start, p.end + 1  # "the Latvian capital"
        elif (
            p.kind == "country"
            and p.start >= 2
            and [t.lower_ for t in doc[p.start - 2 : p.start]]
            == [
                "capital",
                "of",
            ]
        ):
            start, end = p.start - 2, p.end  # "the capital of Latvia"
        else:
            continue
        named = end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].is_title
        if not named:
            out.append(Place(start, end, "city", p.country, entry.capital))
    return out


# "ASUNCIÓN, Paraguay (AP) —": a city (any script's letters) and its country before the agency
COUNTRY_DATELINE = re.compile(
    r"^(?P<city>[^\W\d_][^\W\d_'’\-]*(?: [^\W\d_][^\W\d_'’\-]*){0,2}),\s*"
    r"(?P<country>[^\W\d_][^\W\d_ .]*?)\s*(?:\(|[–—:]|-\s)",
    re.M,
)


def open_dateline(doc: Doc, places: list[Place]) -> Location | None:
    """A dateline the gazetteer cannot read: a city it does not list ("SUKHUM, December 1."), or a
    city-state's country ("KUWAIT:" -> Kuwait City)."""
    lex = load_lexicons()
    for p in places:
        start = doc[p.start].idx
        if start > DATELINE_WINDOW:
            break
        entry = lex.countries.get(p.country) if p.kind == "country" else None
        if entry is None or not entry.capital or not entry.capital.startswith(entry.name):
            continue
        end = doc[p.end - 1].idx + len(doc[p.end - 1].text)
        line_start = text_of(doc).rfind("\n", 0, start) + 1
        if not text_of(doc)[line_start:start].strip() and DATELINE_AFTER.match(text_of(doc)[end : end + 12]):
            return Location(entry.capital, p.country, start, end, 0.7)
    for m in COUNTRY_DATELINE.finditer(text_of(doc)[:DATELINE_WINDOW]):
        city, code = m.group("city"), lex.country(m.group("country"))
        if not code or not city[:1].isupper() or lex.country(city) or city.split()[0].lower() in NOT_A_CITY:
            continue
        if city.isupper():
            city = " ".join(w.capitalize() for w in city.split())
        return Location(city, code, m.start(), m.start() + len(city), 0.6)
    for m in OPEN_DATELINE.finditer(text_of(doc)[:DATELINE_WINDOW]):
        city = m.group("city").rstrip("'’")
        if city.split()[0].lower() in NOT_A_CITY or lex.country(city) or lex.demonym(city):
            continue
        if city.isupper():
            city = " ".join(w.capitalize() for w in city.split())
        return Location(city, None, m.start(), m.start() + len(city), 0.6)
    return None
