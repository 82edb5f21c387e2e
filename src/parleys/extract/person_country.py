"""Which country a person represents when the office does not say: a learned choice among the
countries the article names.

The candidates are every country the article names (as a country, a demonym or a national
institution), the dateline's and the outlet's. Each (person, candidate) pair gets features that the
rules and the parse compute: how often and how early the article names the country, how near it
stands to the person's mentions, whether it is where the story happens (dateline, the country an
envoy is posted to, a visit's destination), the visiting side (a delegation "of" or "from" it),
whether another holder of the same exclusive office or a person listed beside this one holds it, and
what the hand rules (``unstated``) would choose. No feature looks at the person's name.

A logistic model over these features scores every candidate. It decides only where the hand rules
have nothing better than the article's most named country (``focus.ranked_countries``), and it
overrules that guess only when its best candidate scores at least ``margin`` above the guess. Its
weights are fitted by ``scripts/train_person_country.py`` on the annotated articles (only on such
decisions) and ship as ``data/person_country.json``; without that file the rules' choice stands.

Among the features is the home-side prior: a news story qualifies the other side's officials by
their country ("the Saudi Ambassador", "his Ghanaian counterpart") and leaves its own side's
unqualified, so an unstated person leans to the most named country that no stated office holds.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from importlib import resources

from spacy.tokens import Doc

from parleys.extract.gazetteer import Place
from parleys.extract.sides import HOST, VISITOR, Sides, sentence_ids  # noqa: F401 (unstated imports it here)

COUNTRY_KINDS = ("country", "demonym", "institution")
DELEGATION_WORDS = frozenset({"delegation", "delegations", "side", "visitors", "guests"})
VISITOR_WORDS = frozenset({"visiting", "delegation", "led", "headed", "accompanied", "guest", "guests"})
PARLIAMENT_ROLES = frozenset({"speaker", "deputy_speaker", "mp"})
WEIGHTS_FILE = "person_country.json"
FEATURE_VERSION = 3  # version of ``features``; the shipped weights name the one they were fitted on


@dataclass(frozen=True, slots=True)
class ArticleFrame:
    """What the article as a whole says about countries, computed once per Doc."""

    counts: dict[str, float]  # mentions per country
    first: dict[str, int]  # token of the first mention per country
    positions: dict[str, list[int]]  # tokens of every mention per country
    sentences: dict[str, set[int]]  # sentence numbers where each country is named
    lead: frozenset[str]  # named in the first two sentences
    delegation: frozenset[str]  # named in "delegation of/from X", "the X delegation": a visiting side
    partner: frozenset[str]  # named after "to"/"with" in an office: an envoy's host, a partner
    destination: frozenset[str]  # "visit to X", "arrived in X": where someone travels
    located: frozenset[str]  # "in X", "at X": where things happen
    dateline: str | None
    host: str | None  # the country an envoy in the story is posted to
    outlet: str | None
    stated: dict[str, int]  # countries of persons whose office states it
    in_office: dict[str, float]  # mentions inside a person's stated office ("the US Ambassador")
    envoys_to: frozenset[str]  # countries envoys in the story are posted to: where it happens
    envoys_from: frozenset[str]  # countries envoys in the story come from: the visiting side
    home: dict[str, float] = field(default_factory=dict)  # home-side scores (``focus.home_countries``)
    departed: frozenset[str] = frozenset()  # countries someone in the story sets off for


def frame(
    doc: Doc,
    places: list[Place],
    sent_of: list[int],
    *,
    dateline: str | None,
    host: str | None,
    outlet: str | None,
    partner: set[str],
    destination: set[str],
    stated: dict[str, int],
    office_tokens: set[int],
    envoys_to: set[str],
    envoys_from: set[str],
    home: dict[str, float] | None = None,
    departed: frozenset[str] = frozenset(),
) -> ArticleFrame:
    counts: dict[str, float] = {}
    first: dict[str, int] = {}
    positions: dict[str, list[int]] = {}
    sentences: dict[str, set[int]] = {}
    lead: set[str] = set()
    delegation: set[str] = set()
    located: set[str] = set()
    in_office: dict[str, float] = {}
    for p in places:
        if p.kind not in COUNTRY_KINDS or not p.country:
            continue
        c = p.country
        counts[c] = counts.get(c, 0.0) + 1.0
        first.setdefault(c, p.start)
        positions.setdefault(c, []).append(p.start)
        sentences.setdefault(c, set()).add(sent_of[p.start])
        if p.start in office_tokens:
            in_office[c] = in_office.get(c, 0.0) + 1.0
        if sent_of[p.start] <= 1:
            lead.add(c)
        window = [t.lower_ for t in doc[max(0, p.start - 4) : p.start]]
        after = [t.lower_ for t in doc[p.end : min(len(doc), p.end + 2)]]
        if any(w in DELEGATION_WORDS for w in window) and any(w in ("of", "from") for w in window[-3:]):
            delegation.add(c)
        elif after and after[0] in DELEGATION_WORDS:
            delegation.add(c)  # "the Canadian delegation"
        j = p.start - 1
        if j >= 0 and doc[j].lower_ == "the":
            j -= 1
        if j >= 0 and doc[j].lower_ in ("in", "at") and p.kind == "country":
            located.add(c)
    return ArticleFrame(
        counts,
        first,
        positions,
        sentences,
        frozenset(lead),
        frozenset(delegation),
        frozenset(partner),
        frozenset(destination),
        frozenset(located),
        dateline,
        host,
        outlet,
        stated,
        in_office,
        frozenset(envoys_to),
        frozenset(envoys_from),
        dict(home or {}),
        frozenset(departed),
    )


def candidates(f: ArticleFrame, extra: set[str]) -> list[str]:
    out = set(f.counts) | extra
    for c in (f.dateline, f.host, f.outlet):
        if c:
            out.add(c)
    return sorted(out)


def features(
    f: ArticleFrame,
    country: str,
    *,
    role: str,
    mention_tokens: list[int],
    mention_sents: set[int],
    visitor: bool,
    taken: set[str],
    by_role: set[str],
    bodies: set[str],
    neighbours: set[str],
    rule: str | None,
    n_tokens: int,
    side: str | None = None,
    side_country: str | None = None,
    sides: Sides | None = None,
    companions: frozenset[str] | set[str] = frozenset(),
    counterparts: frozenset[str] | set[str] = frozenset(),
) -> dict[str, float]:
    """Features of one (person, candidate country) pair; names never enter."""
    total = sum(f.counts.values()) or 1.0
    ranked = sorted(f.counts, key=lambda c: (-f.counts[c], f.first[c]))
    rank = ranked.index(country) if country in f.counts else len(ranked)
    distances = [abs(a - b) for a in mention_tokens for b in f.positions.get(country, [])]
    near = min(distances) if distances else n_tokens
    stated_total = sum(f.stated.values())
    most_stated = max(f.stated, key=lambda c: f.stated[c]) if f.stated else None
    parl = role in PARLIAMENT_ROLES
    count = f.counts.get(country, 0.0)
    free = count - f.in_office.get(country, 0.0)
    free_total = total - sum(f.in_office.values())
    host_side = country == f.dateline or country == f.host or country in f.destination
    # the home-side prior: the most named country that no stated office qualifies and no other
    # holder of the office holds ("the Saudi Ambassador" marks the other side, not the home one)
    unmarked = [c for c in ranked if c not in f.stated and c not in taken]
    home_total = sum(f.home.values()) or 1.0
    homes = sorted((c for c in f.home if c not in f.departed), key=lambda c: -f.home[c])
    x: dict[str, float] = {
        "bias": 1.0,
        "share": f.counts.get(country, 0.0) / total,
        "log_count": math.log1p(f.counts.get(country, 0.0)),
        "rank0": float(rank == 0),
        "rank1": float(rank == 1),
        "first_pos": 1.0 - min(f.first.get(country, n_tokens), n_tokens) / max(n_tokens, 1),
        "lead": float(country in f.lead),
        "dateline": float(country == f.dateline),
        "envoy_host": float(country == f.host),
        "outlet": float(country == f.outlet),
        "partner": float(country in f.partner),
        "destination": float(country in f.destination),
        "located": float(country in f.located),
        "delegation": float(country in f.delegation),
        "same_sentence": float(bool(mention_sents & f.sentences.get(country, set()))),
        "near": math.exp(-near / 15.0),
        "near_far": math.exp(-near / 80.0),
        "stated_share": f.stated.get(country, 0) / stated_total if stated_total else 0.0,
        "stated_most": float(country == most_stated),
        "taken": float(country in taken),
        "by_role": float(country in by_role),
        "body": float(country in bodies),
        "neighbour": float(country in neighbours),
        "rule": float(country == rule),
        "visitor_delegation": float(visitor and country in f.delegation),
        "visitor_host": float(visitor and host_side),
        "parl_host": float(parl and host_side),
        "parl_partner": float(parl and country in f.partner),
        "ambassador_host": float(role == "ambassador" and host_side),
        "ambassador_partner": float(role == "ambassador" and country in f.partner),
        "untitled_stated": float(role == "other" and country == most_stated),
        "office_share": f.in_office.get(country, 0.0) / count if count else 0.0,
        "free_share": free / free_total if free_total > 0 else 0.0,
        "envoys_to": float(country in f.envoys_to),
        "envoys_from": float(country in f.envoys_from),
        "parl_envoys_to": float(parl and country in f.envoys_to),
        "parl_envoys_from": float(parl and country in f.envoys_from),
        "parl_office_share": (f.in_office.get(country, 0.0) / count if count else 0.0) * parl,
        "side_country": float(country == side_country),
        "side_host": float(side == HOST and sides is not None and country in sides.hosts),
        "side_visitor": float(side == VISITOR and sides is not None and country in sides.visitors),
        "side_clash": float(
            sides is not None
            and side is not None
            and country in (sides.visitors if side == HOST else sides.hosts)
        ),
        "host_country": float(sides is not None and country == sides.country.get(HOST)),
        "visitor_country": float(sides is not None and country == sides.country.get(VISITOR)),
        "unsided_host": float(side is None and sides is not None and country == sides.country.get(HOST)),
        "parl_host_country": float(parl and sides is not None and country == sides.country.get(HOST)),
        "companion": float(country in companions),
        "counterpart": float(country in counterparts),
        "stated_any": float(country in f.stated),
        "unmarked_top": float(bool(unmarked) and unmarked[0] == country),
        "named": float(country in f.counts),
        "home_share": f.home.get(country, 0.0) / home_total,
        "home_top": float(bool(homes) and homes[0] == country),
        "departed": float(country in f.departed),
    }
    return x


@dataclass(frozen=True, slots=True)
class CountryModel:
    weights: dict[str, float]
    margin: float = 0.0  # how far the best candidate has to score above the rules' guess

    def score(self, x: dict[str, float]) -> float:
        return sum(self.weights.get(k, 0.0) * v for k, v in x.items())

    def choose(
        self, table: dict[str, dict[str, float]], guess: str | None = None
    ) -> tuple[str, float] | None:
        """The best candidate and its probability under the model; the rules' ``guess`` stands
        unless the best scores at least ``margin`` above it."""
        if not table:
            return None
        scored = {c: self.score(x) for c, x in table.items()}
        best = max(scored, key=lambda c: (scored[c], c))
        if guess is not None and guess in scored and scored[best] - scored[guess] < self.margin:
            best = guess
        return best, 1.0 / (1.0 + math.exp(-scored[best]))

    @classmethod
    def load(cls) -> CountryModel | None:
        """The shipped weights, or ``None`` without them or when they were fitted on other features."""
        path = resources.files("parleys.data").joinpath(WEIGHTS_FILE)
        if not path.is_file():
            return None
        raw = json.loads(path.read_text("utf-8"))
        if raw.get("feature_version") != FEATURE_VERSION:
            return None
        return cls(
            weights={k: float(v) for k, v in raw["weights"].items()}, margin=float(raw.get("margin", 0.0))
        )
