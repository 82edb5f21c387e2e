"""The countries an article is about, and the one it is written from: weak priors for unstated
countries.

``ranked_countries`` orders the countries by how often the article names them. ``home_countries``
orders them by how much the article treats each as its home: a news story names the other side's
country ("left for Indonesia", "his Ghanaian counterpart") and leaves its own side's unqualified, so
the home country shows in what needs no country beside it: the dateline and the agency, the cities
and provinces it names alone ("Bungoma County", "the Port of Spain Mayor"); a country someone
departs for is never the home one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

import pycountry
from spacy.tokens import Doc, Token

from parleys.extract.extensions import lowers_of, text_of
from parleys.extract.gazetteer import Place, subdivisions
from parleys.extract.locations import dateline
from parleys.extract.organizations import load_data
from parleys.records import Evidence

RANKED = 0.4  # evidence confidence of a country guessed from how often the article names it

# home-side weights: a country's own mention counts 1, one inside a stated office (the qualifier of
# the other side: "the Mexican President") half; a city or province named alone, the dateline and an
# agency are what only the home side gets without its country
OFFICE_MENTION = 0.5
LONE_PLACE = 1.0
DATELINE = 2.0
OUTLET = 2.0

# "left for Johannesburg", "will depart for Indonesia", "heads to Brussels": where someone sets off
# to from the home country (arrivals and visits run both ways and are left out)
DEPARTURE_VERBS = frozenset({"leave", "depart", "head", "set", "fly", "travel", "embark", "proceed"})
DEPARTURE_PREPOSITIONS = frozenset({"for", "to"})
# the administrative divisions a place name is followed by ("Bungoma County", "Punjab Province")
DIVISION_WORDS = frozenset(
    {"county", "province", "state", "region", "district", "governorate", "prefecture", "department", "oblast"}
)


# a country named as one party of a relation between two ("Norway's relations with Kenya",
# "relations between Norway and Kenya", "Norway-Kenya ties") is a side of the story: each such
# mention counts this much again; one named only to place another on the map ("off the coast of
# Norway", "south of Kenya", "bordering Norway") counts this much instead of one
PARTY = 1.0
BACKGROUND = 0.25
RELATION_NOUNS = frozenset(
    {"relation", "relations", "relationship", "relationships", "ties", "cooperation", "co-operation",
     "partnership", "friendship", "dialogue"}
)  # fmt: skip
DIRECTION_WORDS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "north-east",
     "north-west", "south-east", "south-west"}
)  # fmt: skip
NEIGHBOUR_WORDS = frozenset({"bordering", "neighbouring", "neighboring", "borders", "bordered"})


def relation_parties(doc: Doc, places: list[Place]) -> dict[str, int]:
    """How often each country is named as a party of a relation between two countries: "X's
    relations with Y", "relations between X and Y", "the X-Y partnership", "X and Y ties"."""
    at = {p.start: p for p in places if p.kind in ("country", "demonym", "institution") and p.country}
    out: dict[str, int] = {}

    def place_from(i: int) -> Place | None:
        i += i < len(doc) and doc[i].lower_ == "the"
        return at.get(i)

    def add(*found: Place | None) -> None:
        if all(f is not None for f in found) and len({f.country for f in found}) == len(found):  # type: ignore[union-attr]
            for f in found:
                out[f.country] = out.get(f.country, 0) + 1  # type: ignore[union-attr]

    lowers = lowers_of(doc)
    for i, low in enumerate(lowers):
        if low not in RELATION_NOUNS:
            continue
        nxt = lowers[i + 1] if i + 1 < len(doc) else ""
        if nxt == "between":  # "relations between X and Y"
            a = place_from(i + 2)
            if a is not None and a.end < len(doc) and doc[a.end].lower_ in ("and", "&"):
                add(a, place_from(a.end + 1))
            continue
        # "X's (bilateral) relations with Y"
        k = i - 1
        while k >= 0 and (doc[k].pos_ == "ADJ" or doc[k].is_space):
            k -= 1
        if k >= 1 and doc[k].text in ("'s", "’s") and nxt == "with":
            owner = next((p for p in at.values() if p.end == k), None)
            add(owner, place_from(i + 2))
            continue
        # "the X-Y partnership", "X and Y relations"
        if k >= 0:
            b = next((p for p in at.values() if p.end == k + 1), None)
            if b is not None and b.start >= 2 and doc[b.start - 1].text in ("-", "–", "and", "&"):
                add(next((p for p in at.values() if p.end == b.start - 1), None), b)
    return out


def geographic_references(doc: Doc, places: list[Place]) -> list[int]:
    """Tokens of countries named only to place something else on the map: "south of X" (not "the
    south of X", a part of X), "off the (northeast) coast of X", "the border with X", "bordering
    X", "neighbouring X"."""
    out = []
    for p in places:
        if p.kind not in ("country", "demonym") or not p.country:
            continue
        before = [t.lower_ for t in doc[max(0, p.start - 6) : p.start] if not t.is_space]
        if before and before[-1] == "the":
            before = before[:-1]
        last = before[-1] if before else ""
        word = before[-2] if len(before) >= 2 else ""
        det = before[-3] if len(before) >= 3 else ""
        if (
            (last == "of" and word in DIRECTION_WORDS and det not in ("the", "a", "an", "its"))
            or (last == "of" and word == "coast" and "off" in before[-6:-2])
            or (last == "with" and word == "border")
            or last in NEIGHBOUR_WORDS
        ):
            out.append(p.start)
    return out


def ranked_countries(doc: Doc, places: list[Place]) -> list[tuple[str, Evidence]]:
    """Countries the article is about, most named first, the dateline's adding weight; where the
    article names no country at all, the countries of the cities it names.

    Officials whose country the text never states are mostly the home side of the story
    ("President Tokayev" in a Kazakh outlet), so they default to the first, with a low confidence."""
    counts: dict[str, float] = {}
    first: dict[str, Place] = {}
    background = set(geographic_references(doc, places))
    for p in places:
        if p.kind in ("country", "demonym", "institution") and p.country:
            counts[p.country] = counts.get(p.country, 0.0) + (BACKGROUND if p.start in background else 1.0)
            first.setdefault(p.country, p)
    for country, n in relation_parties(doc, places).items():
        counts[country] = counts.get(country, 0.0) + PARTY * n
    if not counts:
        # a story that never names a country still names its cities ("held in Midrand,
        # Johannesburg"): their countries are what it is about
        for p in places:
            if p.kind in ("city", "division") and p.country:
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
            out.append((country, Evidence(line.start, line.end, text_of(doc)[line.start : line.end], RANKED)))
    return out


@dataclass(frozen=True, slots=True)
class Home:
    """How much an article treats each country as its home (``scores``), and where it said so."""

    scores: dict[str, float]
    evidence: dict[str, Evidence]
    departures: frozenset[str] = field(default_factory=frozenset)  # countries someone sets off for

    def ranked(self) -> list[tuple[str, Evidence]]:
        """Countries by home score, a destination of a departure last (never first)."""
        order = sorted(self.scores, key=lambda c: (c in self.departures, -self.scores[c]))
        return [(c, self.evidence[c]) for c in order]

    def top(self, margin: float = 0.0) -> str | None:
        """The home country where it leads every other by more than ``margin``."""
        ranked = [c for c, _ in self.ranked() if c not in self.departures]
        if not ranked:
            return None
        if len(ranked) > 1 and self.scores[ranked[0]] - self.scores[ranked[1]] <= margin:
            return None
        return ranked[0]


class Divisions:
    """First-level administrative divisions (ISO 3166-2, through ``pycountry``) named with their
    kind: "Bungoma County" -> KEN. A name that is also a country's, or that two countries share with
    the same kind, is left out."""

    def __init__(self) -> None:
        countries = {_fold(c.name) for c in pycountry.countries}
        found: dict[tuple[str, str], set[str]] = {}
        for sub, full, country in subdivisions():
            kind = sub.type.lower().split()[-1]
            if kind not in DIVISION_WORDS:
                continue
            name = _fold(full)
            if not name or name in countries or "/" in name:
                continue
            found.setdefault((name, kind), set()).add(country)
        self.table = {k: next(iter(v)) for k, v in found.items() if len(v) == 1}
        self.longest = max((len(n.split()) for n, _ in self.table), default=1)

    def find(self, doc: Doc) -> list[tuple[int, int, str]]:
        """(start, end, country) of every "<Name> <Kind>" in ``doc``: capitalised name, kind next."""
        out = []
        for i, kind in enumerate(lowers_of(doc)):
            if kind not in DIVISION_WORDS or i == 0:
                continue
            for n in range(1, self.longest + 1):
                start = i - n
                if start < 0 or not doc[start].text[:1].isupper():
                    continue
                country = self.table.get((_fold(doc[start:i].text), kind))
                if country is not None:
                    out.append((start, i + 1, country))
                    break
        return out


AGENCY_VERBS = frozenset({"reports", "reported", "reporting", "learnt", "learned", "quoted"})
AGENCIES_FILE = "news_agencies.json"


class Agencies:
    """National news agencies (``data/news_agencies.json`` and ``data/outlets.json``) where a story
    credits one: "(KNA)", "KNA reports", "Source: KNA", or a line that opens with it ("KNA - The
    Speaker ..."). An agency named elsewhere in the prose ("told the MAP") is no credit."""

    def __init__(self) -> None:
        # the outlets that name their home country (``data/outlets.json``) are agencies too
        self.country: dict[str, str] = {
            **load_data("outlets.json")["outlets"],
            **load_data(AGENCIES_FILE)["agencies"],
        }
        names = sorted(self.country, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")

    def credited(self, text: str) -> tuple[str, int, int] | None:
        """(country, start, end) of the first credited agency in ``text``."""
        for m in self.pattern.finditer(text):
            before = text[max(0, m.start() - 12) : m.start()]
            after = text[m.end() : m.end() + 16]
            line_start = text.rfind("\n", 0, m.start()) + 1
            word_after = after.split()[0].strip(".,:;").lower() if after.split() else ""
            if (
                (before.endswith("(") and after.startswith(")"))
                or re.search(r"(?i)source\s*:\s*$", before)
                or word_after in AGENCY_VERBS
                or (not text[line_start : m.start()].strip() and re.match(r"\s*[-–—:|]", after))
            ):
                return self.country[m.group(1)], m.start(), m.end()
        return None


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)
    ).strip()


def departures(doc: Doc, places: list[Place]) -> set[str]:
    """Countries someone sets off for: "left for Johannesburg, South Africa", "will travel to Oslo"
    (the place is the object of "for"/"to" after a departure verb)."""
    out: set[str] = set()
    for p in places:
        if p.kind not in ("country", "city") or not p.country:
            continue
        tok: Token = doc[p.start : p.end].root
        while tok.dep_ in ("appos", "compound", "conj") and tok.head.i != tok.i:
            tok = tok.head  # "Johannesburg, South Africa": the country stands beside the city
        prep = tok.head
        if tok.dep_ == "pobj" and prep.lower_ in DEPARTURE_PREPOSITIONS:
            verb = prep.head
            if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in DEPARTURE_VERBS:
                out.add(p.country)
        elif _departs_before(doc, p.start):
            out.add(p.country)  # the parser read "left for Indonesia to attend" as "for X to do"
    return out


def _departs_before(doc: Doc, start: int) -> bool:
    """ "left on Sunday for Oslo": "for"/"to" right before the place, a departure verb a few words
    before that, with no other verb or punctuation between."""
    i = start - 1 - (start > 0 and doc[start - 1].lower_ == "the")
    if i < 1 or doc[i].lower_ not in DEPARTURE_PREPOSITIONS:
        return False
    for t in reversed(doc[max(0, i - 5) : i]):
        if t.pos_ in ("VERB", "AUX"):
            return t.lemma_.lower() in DEPARTURE_VERBS
        if t.is_punct:
            return False
    return False


def home_countries(
    doc: Doc,
    places: list[Place],
    *,
    line: tuple[str, Evidence] | None = None,
    outlet: tuple[str, Evidence] | None = None,
    office_tokens: frozenset[int] | set[int] = frozenset(),
    divisions: list[tuple[int, int, str]] = (),  # type: ignore[assignment]
) -> Home:
    """Each country's home score: its mentions (half inside a stated office), the cities of it named
    without it beside them, its administrative divisions, the dateline's and the agency's country."""
    scores: dict[str, float] = {}
    evidence: dict[str, Evidence] = {}

    def add(country: str, weight: float, start: int, end: int) -> None:
        scores[country] = scores.get(country, 0.0) + weight
        if country not in evidence and end > start:
            span = doc[start:end]
            evidence[country] = Evidence(span.start_char, span.end_char, span.text, RANKED)

    countries_at = [p for p in places if p.kind in ("country", "demonym") and p.country]
    for p in places:
        if not p.country:
            continue
        if p.kind in ("country", "demonym", "institution"):
            add(p.country, OFFICE_MENTION if p.start in office_tokens else 1.0, p.start, p.end)
        elif p.kind in ("city", "division"):
            # "Johannesburg, South Africa", "Lahore, Pakistan": the country is named with it
            beside = any(
                0 <= q.start - p.end <= 3 or 0 <= p.start - q.end <= 3
                for q in countries_at
                if q.country == p.country
            )
            if not beside:
                add(p.country, LONE_PLACE, p.start, p.end)
    for start, end, country in divisions:
        add(country, LONE_PLACE, start, end)
    for said, weight in ((line, DATELINE), (outlet, OUTLET)):
        if said is not None and said[0]:
            scores[said[0]] = scores.get(said[0], 0.0) + weight
            evidence.setdefault(said[0], said[1])
    return Home(scores, evidence, frozenset(departures(doc, places)))
